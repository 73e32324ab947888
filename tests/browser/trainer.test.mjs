// The trainer's edition (issue 22), from file:// and under a sub-path of a
// local HTTP server: a deck moves by keyboard, has the slides the rules
// give, keeps its slide over a reload; the presenter window follows the
// deck and the deck the presenter; the notes marker shows in the presenter
// and on the trainer's pages and is in no file of the participants'
// edition; axe finds nothing on a deck and the presenter (light and dark);
// the Nu HTML Checker finds no errors in the trainer's editions.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { VNU, axe, fileUrl, launch, serve, site, trainerSite, until, watch } from './helpers.mjs';

const MARKER = 'KOULUTTAJAN-MERKKI-42';
/** Slides of fixtures/koulutus's module 01-alku (see its book.toml). */
const SLIDES = 10;
const DECK = 'slides/01-alku.html';

let browser, dir, server;
before(async () => {
  browser = await launch();
  dir = trainerSite('koulutus');
  server = await serve(dir);
});
after(async () => {
  await server?.close();
  await browser?.close();
});

const current = (page) => page.evaluate(() => {
  const s = [...document.querySelectorAll('.deck .slide')].filter((x) => !x.hidden);
  return s.length === 1 ? Number(s[0].dataset.n) : `${s.length} visible`;
});

async function at(page, n) {
  await until(async () => (await current(page)) === n && new URL(page.url()).hash === `#${n}`, `slide ${n}`);
}

for (const origin of ['file', 'http']) {
  const url = (rel, tail = '') => (origin === 'file' ? fileUrl(dir, rel) : server.url + rel) + tail;
  describe(`the trainer's edition from ${origin === 'file' ? 'file://' : 'a sub-path over HTTP'}`, () => {
    test('a deck moves by keyboard, has the slides of the rules and keeps its slide over a reload', async () => {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      const page = await ctx.newPage();
      const problems = watch(page);
      await page.goto(url(DECK));
      assert.equal(await page.locator('.deck .slide').count(), SLIDES);
      await at(page, 1);
      for (const [key, n] of [['ArrowRight', 2], [' ', 3], ['PageDown', 4], ['ArrowDown', 5], ['ArrowLeft', 4], ['PageUp', 3], ['ArrowUp', 2], ['End', SLIDES], ['Home', 1]]) {
        await page.keyboard.press(key);
        await at(page, n);
      }
      await page.locator('.deck-next').click();
      await at(page, 2);
      await page.goto(url(DECK, '#6'));
      await at(page, 6);
      await page.reload();
      await at(page, 6);
      // A long slide is shrunk, never scrolled.
      const fits = await page.evaluate(() => [...document.querySelectorAll('.slide-content')].every((c) => c.closest('.slide').hidden || c.scrollHeight <= c.clientHeight + 1));
      assert.ok(fits, 'the slide fits');
      // A question checked live in the room: marked, and the slide still fits.
      await page.goto(url(DECK, '#9'));
      await at(page, 9);
      const slide = page.locator('.slide.current');
      await slide.getByLabel('2', { exact: true }).check();
      await slide.getByRole('button', { name: 'Tarkista vastaukset' }).click();
      await until(async () => /1\/1/.test(await slide.locator('.quiz-result').innerText()), 'the score');
      await until(() => page.evaluate(() => {
        const s = document.querySelector('.slide.current');
        const c = s.querySelector('.slide-content');
        return s.scrollTop === 0 && c.scrollTop === 0 && c.scrollHeight <= c.clientHeight + 1;
      }), 'the checked question to fit its slide');
      assert.deepEqual(problems, []);
      await ctx.close();
    });

    test('the presenter window follows the deck and the deck the presenter', async () => {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      const deck = await ctx.newPage();
      const problems = watch(deck);
      await deck.goto(url(DECK));
      await at(deck, 1);
      const [presenter] = await Promise.all([ctx.waitForEvent('page'), deck.keyboard.press('p')]);
      await presenter.waitForLoadState('load');
      assert.match(presenter.url(), /\?presenter#1$/);
      await until(async () => (await presenter.locator('.p-notes').innerText()).includes(MARKER), 'the notes in the presenter');
      assert.ok(await presenter.locator('.p-next .slide').count(), 'the next slide is shown');
      await deck.keyboard.press('ArrowRight');
      await at(presenter, 2);
      await presenter.bringToFront();
      await presenter.keyboard.press('ArrowRight');
      await at(deck, 3);
      await until(async () => (await presenter.locator('.p-notes').innerText()).includes('Toisen dian'), 'slide 3 notes');
      await presenter.keyboard.press('End');
      await at(deck, SLIDES);
      assert.deepEqual(problems, []);
      await ctx.close();
    });
  });
}

test('o shows every slide, Enter opens one; the handout prints every slide with its notes', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await ctx.newPage();
  await page.goto(fileUrl(dir, DECK) + '#2');
  await at(page, 2);
  await page.keyboard.press('o');
  await until(() => page.evaluate(() => [...document.querySelectorAll('.deck .slide')].every((s) => !s.hidden)), 'every slide shown');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await at(page, 3);
  await page.goto(fileUrl(dir, DECK) + '?handout');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.deck .slide:visible').count(), SLIDES, 'every slide is printed');
  const notes = page.locator('.slide-notes', { hasText: MARKER });
  assert.ok(await notes.isVisible(), 'the notes are printed beneath their slide');
  assert.equal(await page.locator('.deck-controls:visible').count(), 0, 'no controls on paper');
  await ctx.close();
});

test('the notes show on the trainer pages and the overview links the decks', async () => {
  const page = await browser.newPage();
  await page.goto(fileUrl(dir, '01-alku/index.html'));
  const notes = page.locator('.trainer-notes').first();
  assert.ok(await notes.isVisible());
  assert.match(await notes.innerText(), new RegExp(MARKER));
  await page.goto(fileUrl(dir, 'trainer.html'));
  assert.ok(await page.locator(`a[href="${DECK}"]`).count());
  assert.ok(await page.locator('a[href="answers.html"]').count());
  await page.close();
});

test('the notes marker is in no file of the participants\' edition', () => {
  const part = site('koulutus');
  const files = [];
  (function walk(d) {
    for (const n of readdirSync(d)) {
      const p = path.join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else files.push(p);
    }
  })(part);
  assert.ok(files.some((f) => f.endsWith('sitemap.xml')) && files.some((f) => f.endsWith('search-index.js')));
  for (const f of files) assert.ok(!readFileSync(f, 'latin1').includes(MARKER), `${f} holds the marker`);
});

for (const scheme of ['light', 'dark']) {
  test(`axe finds no violations on a deck and the presenter (${scheme})`, async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 }, colorScheme: scheme });
    const page = await ctx.newPage();
    for (const [rel, tail] of [[DECK, '#1'], [DECK, '#2'], [DECK, '#9'], [DECK, '?presenter#2'], ['trainer.html', ''], ['01-alku/index.html', '']]) {
      await page.goto(fileUrl(dir, rel) + tail);
      await page.waitForTimeout(100);
      assert.deepEqual(await axe(page), [], `axe on ${rel}${tail}`);
    }
    // The bundled course: a title slide, and its last slide (a quiz question).
    const book = trainerSite('book');
    for (const tail of ['#1', '#999', '?presenter#1']) {
      await page.goto(fileUrl(book, 'slides/01-miksi-olla-sosiaalinen.html') + tail);
      await page.waitForTimeout(100);
      assert.deepEqual(await axe(page), [], `axe on the bundled course's first deck ${tail}`);
    }
    await ctx.close();
  });
}

for (const name of ['koulutus', 'book']) {
  test(`the Nu HTML Checker finds no errors in the trainer's edition of ${name}`, () => {
    const run = spawnSync('java', ['-jar', VNU, '--errors-only', '--skip-non-html', trainerSite(name)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (run.error) throw run.error;
    const messages = `${run.stdout}${run.stderr}`.trim();
    assert.equal(run.status, 0, `vnu exit status ${run.status}:\n${messages}`);
  });
}
