// Accessibility (issue 6): axe-core (WCAG 2.0 and 2.1, A and AA, and best
// practices) in headless Chromium over the bundled course's home, a module
// overview, a content page, a quiz page (fresh and checked), the search
// results, the print page and the 404 page, in light and dark mode, with
// zero violations: in its Finnish edition and in its English one (book/en/,
// issue 23), and on both editions of the two-language fixture
// (tests/fixtures/languages), its untranslated page's switcher notice too.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { axe, fileUrl, launch, modules, site, until, waitText } from './helpers.mjs';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** What the pages of each edition of the bundled course say. */
const EDITIONS = {
  fi: { folder: '', check: 'Tarkista vastaukset', word: 'metsä', name: 'Nimesi todistukseen', worksheet: 'harjoitus.html' },
  en: { folder: 'en/', check: 'Check answers', word: 'training', name: 'Your name on the certificate', worksheet: 'exercise.html' },
};

/**
 * The pages to check in one edition of the bundled course: [name, path,
 * what to do on the page first].
 */
function pages(book, { folder, check, word, name, worksheet }) {
  const edition = path.join(book, folder);
  const mod = modules(edition)[0];
  // The module's longest content page: the most kinds of markup (not the
  // exercise, which is checked as the worksheet page).
  const content = readdirSync(path.join(edition, mod))
    .filter((f) => f.endsWith('.html') && !['index.html', 'quiz.html', worksheet].includes(f))
    .map((f) => [statSync(path.join(edition, mod, f)).size, f])
    .sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? -1 : 1))[0][1];
  const list = [
    ['home', 'index.html'],
    ['module overview', `${mod}/index.html`],
    ['content page', `${mod}/${content}`],
    ['quiz page', `${mod}/quiz.html`],
    [
      'quiz page, checked',
      `${mod}/quiz.html`,
      async (page) => {
        // Answer the first choice of each choice question, then check.
        const form = page.locator('form.quiz').first();
        const n = await form.locator('fieldset').count();
        for (let i = 0; i < n; i++) {
          const choice = form.locator('fieldset').nth(i).locator('input[type=radio], input[type=checkbox]').first();
          if (await choice.count()) await choice.check();
        }
        await form.getByRole('button', { name: check }).click();
        await waitText(form.getByRole('status'), /\d+\/\d+/);
      },
    ],
    [
      'search results',
      'index.html',
      async (page) => {
        await page.keyboard.press('/');
        await page.keyboard.type(word);
        await until(() => page.locator('#search-panel').getByRole('listitem').count(), 'search results');
      },
    ],
    ['print page', 'print.html'],
    ['404 page', '404.html'],
    ['worksheet page', `${mod}/${worksheet}`],
    ['my answers', 'my-answers.html'],
    ['certificate, not yet', 'certificate.html'],
    [
      'certificate',
      'certificate.html',
      async (page) => {
        // Every quiz passed, as quiz.js keeps it; then the certificate shows.
        await page.evaluate(() => {
          const course = document.documentElement.dataset.course;
          for (const row of document.querySelectorAll('[data-quizzes]')) {
            for (const id of row.dataset.quizzes.split(' ')) {
              localStorage.setItem(`kurssi:${course}:${id}`, JSON.stringify({ score: 3, max: 3, passed: true, time: '2026-12-01T10:00:00Z' }));
            }
          }
        });
        await page.reload();
        await page.getByRole('textbox', { name }).fill('Maija Meikäläinen');
      },
    ],
  ];
  return list.map(([what, rel, prepare]) => [what, folder + rel, prepare]);
}

/** The two-language fixture: a page of each edition, and the untranslated one. */
const FIXTURE_PAGES = [
  ['two languages: Finnish page', '01-perusteet/kulma.html'],
  ['two languages: untranslated page', '01-perusteet/tarkastus.html'],
  ['two languages: English page', 'en/01-basics/angle.html'],
  ['two languages: English home', 'en/index.html'],
];

for (const scheme of ['light', 'dark']) {
  describe(`axe, ${scheme} mode`, () => {
    let book;
    try {
      book = site('book');
    } catch (e) {
      test('the bundled course is built', () => {
        throw e;
      });
      return;
    }
    const all = [
      ...Object.values(EDITIONS).flatMap((e) => pages(book, e).map((p) => [book, ...p])),
      ...FIXTURE_PAGES.map((p) => [site('languages'), ...p]),
    ];
    for (const [dir, name, rel, prepare] of all) {
      test(`${name} (${rel})`, async () => {
        const context = await browser.newContext({ colorScheme: scheme });
        const page = await context.newPage();
        await page.goto(fileUrl(dir, rel));
        if (prepare) await prepare(page);
        const violations = await axe(page);
        assert.equal(violations.length, 0, `axe violations on ${rel} (${scheme}):\n  ${violations.join('\n  ')}`);
        await context.close();
      });
    }
  });
}
