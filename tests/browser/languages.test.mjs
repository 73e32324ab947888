// One course in several languages (issue 23) in the browser:
// - a quiz passed on a Finnish page shows as passed on its English pair
//   (the same quiz id, one stored result), in the quiz, the contents and
//   the home page's progress, from file:// and under a sub-path; the pair is
//   reached through the language switcher (tests/fixtures/languages);
// - the English edition of the bundled course searches its own index with
//   English stemming: an inflected English word finds a page that has the
//   word in another form, and only English pages are ever found.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fileUrl, launch, serve, site, until, waitText, watch } from './helpers.mjs';

let browser;
let dir;
let server;

before(async () => {
  dir = site('languages');
  browser = await launch();
  server = await serve(dir, '/kielet/alikansio/');
});
after(async () => {
  await browser?.close();
  await server?.close();
});

for (const mode of ['file://', 'http sub-path']) {
  test(`a quiz passed on a Finnish page is passed on its English page (${mode})`, async () => {
    const url = (rel) => (mode === 'file://' ? fileUrl(dir, rel) : server.url + rel);
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = watch(page);
    await page.goto(url('01-perusteet/kulma.html'));
    const form = page.locator('form.quiz');
    await form.getByLabel('Noin 75 astetta').check();
    await form.getByRole('button', { name: 'Tarkista vastaukset' }).click();
    const status = await waitText(form.getByRole('status'), /1\/1/);
    assert.match(status, /Hyväksytty/);

    // To the English page by the language switcher.
    await page.getByRole('navigation', { name: 'Kielet' }).getByRole('link', { name: 'English' }).click();
    await page.waitForURL(/\/en\/01-basics\/angle\.html$/);
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    const english = page.locator('form.quiz');
    const shown = await waitText(english, /Passed .*\(1\/1\)/);
    assert.doesNotMatch(shown, /Not passed yet/);
    const toc = page.getByRole('navigation', { name: 'Contents' }).getByRole('link', { name: /The right angle/ });
    await waitText(toc, /quiz passed/);

    // The English home counts it too.
    await page.goto(url('en/index.html'));
    await waitText(page.locator('main'), /1 of 1 quizzes passed/);
    assert.deepEqual(problems, [], problems.join('\n'));
    await context.close();
  });
}

describe("the bundled course's English edition, from file://", () => {
  const searchbox = (page) => page.getByRole('searchbox', { name: 'Search the course' });
  const results = (page) =>
    page
      .locator('#search-panel')
      .getByRole('listitem')
      .getByRole('link')
      .evaluateAll((links) => links.map((a) => a.href));

  /** Opens the English home page and searches for `word`; the result links. */
  async function search(word, expectSome = true) {
    const book = site('book');
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = watch(page);
    await page.goto(fileUrl(book, 'en/index.html'));
    await page.keyboard.press('/');
    await searchbox(page).fill(word);
    let found = [];
    if (expectSome) {
      found = await until(async () => {
        const r = await results(page);
        return r.length ? r : null;
      }, `results for ${word}`);
    } else {
      await waitText(page.locator('#search-panel'), /No results/);
    }
    const marks = await page.locator('#search-panel mark').allInnerTexts();
    await context.close();
    assert.deepEqual(problems, [], problems.join('\n'));
    return { found, marks, root: fileUrl(book, '') };
  }

  test('"trained" finds a page that says "training", and only English pages', async () => {
    const { found, marks, root } = await search('trained');
    // The course's home and the second module's exercise say "training",
    // never "trained": only the stemmer finds them.
    const expected = ['en/index.html', 'en/02-dialogue-before-announcements/exercise.html'];
    const hit = found.find((href) => expected.some((e) => href.split('#')[0] === root + e));
    assert.ok(hit, `none of ${expected} among ${JSON.stringify(found)}`);
    assert.ok(
      marks.some((m) => /^training$/i.test(m)),
      `"training" is marked as the match: ${JSON.stringify(marks)}`,
    );
    for (const href of found) {
      assert.ok(href.startsWith(`${root}en/`), `a result outside the English edition: ${href}`);
    }
  });

  test('a Finnish word finds nothing in the English edition', async () => {
    // "metsässä" finds the Finnish page about the forest (search.test.mjs).
    await search('metsässä', false);
  });
});
