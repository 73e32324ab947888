// Without JavaScript (issues 4 and 6): every page of the bundled course can
// be reached by following visible links, on a desktop and on a phone; the
// next-page links walk the whole course in the order of the contents; quiz
// answers are found in <details>; no control is shown that only works with
// JavaScript.

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileUrl, launch, modules, site, visibleText, waitText, watch } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

function noJs(viewport = DESKTOP) {
  return browser.newContext({ javaScriptEnabled: false, viewport });
}

/** The site's pages as paths relative to `dir`, from absolute file URLs. */
function relative(dir, href) {
  const url = new URL(href);
  if (url.protocol !== 'file:') return null;
  const file = decodeURIComponent(url.pathname);
  const rel = path.relative(dir, file).split(path.sep).join('/');
  if (rel.startsWith('..') || !rel.endsWith('.html')) return null;
  return rel;
}

/** Every link of the contents of the home page, in order (all, shown or not). */
async function tocPages(page, dir) {
  await page.goto(fileUrl(dir));
  const hrefs = await page.locator('nav#toc a[href]').evaluateAll((as) => as.map((a) => a.href));
  return [...new Set(hrefs.map((h) => relative(dir, h)).filter(Boolean))];
}

describe('navigation and reading without JavaScript (bundled course)', () => {
  for (const [name, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
    test(`${name}: every page of the contents is reachable by visible links and readable`, async () => {
      const book = site('book');
      const context = await noJs(viewport);
      const page = await context.newPage();
      const problems = watch(page);
      const wanted = await tocPages(page, book);
      assert.ok(wanted.length > 5, `the contents list the pages: ${wanted}`);
      const seen = new Set(['index.html']);
      const queue = ['index.html'];
      const unreadable = [];
      while (queue.length) {
        const rel = queue.shift();
        await page.goto(fileUrl(book, rel));
        const h1 = page.getByRole('heading', { level: 1 }).first();
        const main = await visibleText(page.getByRole('main'));
        if (!(await h1.isVisible()) || main.length < 20) unreadable.push(rel);
        const links = await page.locator('a[href]').evaluateAll((as) =>
          as.filter((a) => a.checkVisibility() && a.getBoundingClientRect().width > 0).map((a) => a.href),
        );
        for (const href of links) {
          const r = relative(book, href);
          if (r && !seen.has(r)) {
            seen.add(r);
            queue.push(r);
          }
        }
      }
      const missing = wanted.filter((w) => !seen.has(w));
      assert.deepEqual(missing, [], `pages not reachable by visible links on a ${name} without JavaScript`);
      assert.deepEqual(unreadable, [], 'pages without a visible heading and text');
      assert.ok(seen.has('print.html'), 'the print view is linked');
      assert.deepEqual(problems, []);
      await context.close();
    });
  }

  test('the next-page links walk the course in the order of the contents', async () => {
    const book = site('book');
    const context = await noJs();
    const page = await context.newPage();
    const wanted = await tocPages(page, book);
    const walked = ['index.html'];
    for (let i = 0; i < 500; i++) {
      const next = page.locator('a[rel="next"]');
      if (!(await next.count())) break;
      assert.ok(await next.first().isVisible(), `the next link of ${walked.at(-1)} is visible`);
      await next.first().click();
      walked.push(relative(book, page.url()));
    }
    const order = wanted.filter((w) => w !== 'index.html');
    assert.deepEqual(walked.slice(1), order, 'next links follow the contents');
    await context.close();
  });

  test('no control that needs JavaScript is shown', async () => {
    const book = site('book');
    const context = await noJs();
    const page = await context.newPage();
    const quiz = `${modules(book)[0]}/quiz.html`;
    for (const rel of ['index.html', quiz]) {
      await page.goto(fileUrl(book, rel));
      const shown = await page.getByRole('button').evaluateAll((bs) =>
        bs.filter((b) => b.checkVisibility()).map((b) => b.textContent.trim() || b.getAttribute('aria-label') || b.title),
      );
      assert.deepEqual(shown, [], `${rel}: buttons shown that do nothing without JavaScript`);
      assert.ok(!(await page.getByRole('searchbox').isVisible()), `${rel}: no search field without JavaScript`);
    }
    await context.close();
  });
});

describe('quiz answers without JavaScript', () => {
  test('each question of the test course has its answer in a <details>', async () => {
    const dir = site('kurssi-fi');
    const context = await noJs();
    const page = await context.newPage();
    await page.goto(fileUrl(dir, '01-perusteet/quiz.html'));
    const expect = [
      [/pääkaupunki/, [/Oikea vastaus: Helsinki/, /Väärä vastaus: Turku/, /Pääkaupunki siirrettiin Turusta Helsinkiin/]],
      [/marjoja/, [/Oikea vastaus: Mustikka/, /Oikea vastaus: Puolukka/, /Väärä vastaus: Kanttarelli/, /Kanttarelli on sieni/]],
      [/miau/, [/Hyväksytyt vastaukset/, /kissa/, /kisu/]],
      [/viikossa/, [/Hyväksytyt vastaukset/, /\b7\b/]],
      [/viikonpäivät/, [/Oikea järjestys/, /Maanantai.*Tiistai.*Keskiviikko.*Torstai/]],
    ];
    for (const [legend, answers] of expect) {
      const group = page.getByRole('group', { name: legend });
      const before = await visibleText(group);
      assert.doesNotMatch(before, /Oikea vastaus|Hyväksytyt vastaukset|Oikea järjestys/, `${legend}: answer hidden at first`);
      await group.getByText('Näytä vastaus', { exact: true }).click();
      const after = await visibleText(group);
      for (const re of answers) assert.match(after, re, `${legend}: the opened answer shows ${re}`);
    }
    const hintGroup = page.getByRole('group', { name: /miau/ });
    await hintGroup.getByText('Vihje', { exact: true }).click();
    await waitText(hintGroup, /Se kehrää sylissä/);
    await context.close();
  });

  test('every question of the bundled course has a "Näytä vastaus" <details>', async () => {
    const book = site('book');
    const context = await noJs();
    const page = await context.newPage();
    for (const mod of modules(book)) {
      await page.goto(fileUrl(book, `${mod}/quiz.html`));
      // <details> has the role group too: count the questions' fieldsets.
      const groups = page.locator('form.quiz fieldset');
      const n = await groups.count();
      assert.ok(n > 0, `${mod}/quiz.html has questions`);
      for (let i = 0; i < n; i++) {
        const group = groups.nth(i);
        const summary = group.getByText('Näytä vastaus', { exact: true });
        assert.equal(await summary.count(), 1, `${mod} question ${i + 1} has one "Näytä vastaus"`);
        await summary.click();
        assert.match(await visibleText(group), /Oikea vastaus|Hyväksytyt vastaukset|Oikea järjestys/);
      }
    }
    await context.close();
  });
});
