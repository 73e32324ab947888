// Search in the browser (issue 6): from file://, a Finnish word typed in an
// inflected form finds the page; the panel opens with its button, with "/"
// and with "s"; results are links with the matched words in <mark>; the
// keyboard moves through them; following one opens the right page, also from
// a page in a sub-folder and under a sub-path of a web server.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fileUrl, focused, launch, serve, site, until, visibleText, waitText, watch } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const searchbox = (page) => page.getByRole('searchbox', { name: 'Hae kurssilta' });
const toggle = (page) => page.getByRole('button', { name: 'Haku' });
const panel = (page) => page.locator('#search-panel');

/** The result links shown now: [{ name, href (absolute) }]. */
function results(page) {
  return panel(page)
    .getByRole('listitem')
    .getByRole('link')
    .evaluateAll((links) => links.map((a) => ({ name: a.textContent.trim(), href: a.href })));
}

async function waitResults(page) {
  return until(async () => {
    const r = await results(page);
    return r.length ? r : null;
  }, 'search results');
}

describe('the bundled course, from file://', () => {
  // A word as a reader would type it, and the page that must be among the
  // results: the word appears on that page in another form.
  const cases = [
    ['metsässä', '01-miksi-olla-sosiaalinen/metsa-eika-peili.html'],
    ['kärsivällisyyttä', '04-karsivallisyys/'],
  ];
  for (const [word, expected] of cases) {
    test(`"${word}" finds ${expected}`, async () => {
      const book = site('book');
      const context = await browser.newContext();
      const page = await context.newPage();
      const problems = watch(page);
      await page.goto(fileUrl(book));
      await page.keyboard.press('/');
      assert.ok(await focused(searchbox(page)), '"/" opens the search and focuses its field');
      await page.keyboard.type(word);
      const found = await waitResults(page);
      const hit = found.find((r) => r.href.includes(expected));
      assert.ok(hit, `no result for ${expected} among ${JSON.stringify(found.map((r) => r.href))}`);
      assert.ok(hit.href.startsWith('file://'), `result links stay on disk: ${hit.href}`);
      const marks = await panel(page).getByRole('listitem').locator('mark').allInnerTexts();
      assert.ok(marks.length > 0, 'the matched words are marked');
      const stem = word.slice(0, 4).toLowerCase();
      assert.ok(marks.some((m) => m.toLowerCase().startsWith(stem)), `marks ${JSON.stringify(marks)} start with ${stem}`);
      const status = await visibleText(panel(page).getByRole('status'));
      assert.match(status, /\d+ tulos/, `the number of results is told: ${status}`);

      // Follow the hit by keyboard.
      for (let i = 0; i < 40; i++) {
        const at = await page.evaluate(() => document.activeElement?.href || '');
        if (at === hit.href) break;
        await page.keyboard.press('ArrowDown');
      }
      assert.equal(await page.evaluate(() => document.activeElement?.href), hit.href, 'arrow keys reach the result');
      await Promise.all([page.waitForURL((u) => u.href === hit.href), page.keyboard.press('Enter')]);
      assert.ok(await page.getByRole('heading', { level: 1 }).isVisible(), 'the page opened');
      assert.deepEqual(problems, []);
      await context.close();
    });
  }

  test('a word that is nowhere says so', async () => {
    const book = site('book');
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(fileUrl(book));
    await page.keyboard.press('s');
    await page.keyboard.type('qwzxyv');
    await waitText(panel(page).getByRole('status'), /Ei tuloksia/);
    assert.equal((await results(page)).length, 0);
    await context.close();
  });
});

describe('the test course, from a page in a sub-folder', () => {
  let dir;
  let server;
  before(async () => {
    dir = site('kurssi-fi');
    server = await serve(dir, '/koulutus/haku/');
  });
  after(async () => server?.close());

  // Text from neighbouring blocks (paragraphs, table cells) must not be
  // glued into one word: "Piirakka | Riisipuuro" is two words to find.
  for (const [word, section] of [['riisipuurolla', 'Kylän leipomo › Tuotteet'], ['leipurit', 'Kylän leipomo']]) {
    test(`"${word}" finds "${section}" and the passage keeps words apart`, async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(fileUrl(dir));
      await page.keyboard.press('/');
      await page.keyboard.type(word);
      const status = await waitText(panel(page).getByRole('status'), /\d+ tulos|Ei tuloksia/);
      const found = await results(page);
      assert.ok(
        found.some((r) => r.name === section),
        `"${section}" among ${JSON.stringify(found.map((r) => r.name))} (status: ${status})`,
      );
      const passages = await panel(page).getByRole('listitem').allInnerTexts();
      for (const p of passages) {
        assert.doesNotMatch(p, /\p{Ll}[.:!?]?\p{Lu}/u, `words run together in the passage: ${JSON.stringify(p)}`);
      }
      await context.close();
    });
  }

  for (const mode of ['file://', 'http sub-path']) {
    test(`${mode}: the button opens the search, a result opens its page, Escape closes`, async () => {
      const base = mode === 'file://' ? fileUrl(dir, '') : server.url;
      const context = await browser.newContext();
      const page = await context.newPage();
      const problems = watch(page);
      await page.goto(base + '02-jatko/kahvila.html');
      assert.equal(await toggle(page).getAttribute('aria-expanded'), 'false');
      await toggle(page).click();
      assert.equal(await toggle(page).getAttribute('aria-expanded'), 'true');
      assert.ok(await focused(searchbox(page)), 'the button focuses the search field');
      await searchbox(page).pressSequentially('leipomossa');
      const found = await waitResults(page);
      const hit = found.find((r) => r.name === 'Kylän leipomo');
      assert.ok(hit, `"Kylän leipomo" among ${JSON.stringify(found)}`);
      assert.ok(
        hit.href.startsWith(base + '01-perusteet/leipomo.html'),
        `result link resolves from a sub-folder: ${hit.href}, expected under ${base}`,
      );
      const link = panel(page).getByRole('link', { name: 'Kylän leipomo', exact: true });
      await Promise.all([page.waitForURL((u) => u.href === hit.href), link.click()]);
      await waitText(page.getByRole('heading', { level: 1 }), /Kylän leipomo/);

      // "s" opens it on the new page, Escape closes it and gives the focus back.
      await page.keyboard.press('s');
      assert.ok(await focused(searchbox(page)), '"s" opens the search');
      await page.keyboard.press('Escape');
      assert.ok(!(await searchbox(page).isVisible()), 'Escape closes the search');
      assert.ok(await focused(toggle(page)), 'the focus goes back to the search button');
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
});

test('a quiz is found by its questions, never by its answers (issue 24)', async () => {
  const dir = site('kurssi-fi');
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(fileUrl(dir));
  await page.keyboard.press('/');
  // "viikonpäivät" is only in a question of the quiz: "Järjestä viikonpäivät."
  await page.keyboard.type('viikonpäivät');
  const found = await waitResults(page);
  assert.ok(
    found.some((r) => r.href.includes('01-perusteet/quiz.html')),
    `the quiz page among ${JSON.stringify(found.map((r) => r.href))}`,
  );
  // "Kanttarelli" is only a choice, and "kehrää" only a hint: neither is found.
  for (const word of ['kanttarelli', 'kehrää']) {
    await searchbox(page).fill(word);
    await page.waitForTimeout(800); // let the search catch up with the new word
    const hits = await results(page);
    assert.ok(!hits.some((r) => r.href.includes('quiz.html')), `${word} finds no quiz page: ${JSON.stringify(hits)}`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});
