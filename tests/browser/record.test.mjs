// The participant's own record (issue 28), from file:// and under a
// sub-path of a local HTTP server: a worksheet answer kept over a reload,
// "My answers" and its Markdown download; progress saved to a file, the
// storage cleared and the file loaded back; damaged, other-course and
// newer-version files refused without a change; the progress code on a
// second browser context; pages read; the certificate only once every quiz
// is passed, on one printed page; axe on each new page.
//
// The fixture is tests/browser/fixtures/kurssi-fi: one quiz
// (01-perusteet/quiz.html, pass mark 80 %) and one worksheet with two
// prompts on 02-jatko/kahvila.html.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { axe, BOOK, fileUrl, launch, serve, site, tabTo, until, waitText, watch } from './helpers.mjs';

const COURSE = 'selaintestien-kurssi';
const QUIZ_ID = '01-perusteet-quiz-1';
const WORKSHEET = '02-jatko/kahvila.html';
const ANSWER = 'Korvapuusti ja kahvi.\nToinen rivi.';

let browser;
let dir;
let server;

before(async () => {
  dir = site('kurssi-fi');
  browser = await launch();
  server = await serve(dir, '/koulutus/oma/');
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Every key of this course in localStorage, with its value. */
function stored(page) {
  return page.evaluate((course) => {
    const out = {};
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (k.startsWith(`kurssi:${course}:`)) out[k] = localStorage.getItem(k);
    }
    return out;
  }, COURSE);
}

/** A passing quiz result, written as quiz.js writes it. */
/** The fixture's other quizzes, which the certificate also waits for. */
const OTHER_QUIZZES = ['pistelasku', 'pooli', 'tekstit'];

/** Every quiz of the fixture passed, as quiz.js stores a pass. */
function pass(page) {
  return page.evaluate(
    ([course, ids]) => {
      for (const id of ids) {
        localStorage.setItem(`kurssi:${course}:${id}`, JSON.stringify({ score: 5, max: 5, passed: true, time: '2026-11-02T10:00:00.000Z' }));
      }
    },
    [COURSE, [QUIZ_ID, ...OTHER_QUIZZES]],
  );
}

for (const where of ['file', 'http']) {
  describe(`the participant's record (${where})`, () => {
    const url = (rel) => (where === 'file' ? fileUrl(dir, rel) : server.url + rel);
    let context;
    let page;
    let problems;
    const elsewhere = [];

    before(async () => {
      context = await browser.newContext({ acceptDownloads: true });
      page = await context.newPage();
      problems = watch(page);
      // Nothing is sent anywhere: every request stays on the site.
      const home = where === 'file' ? fileUrl(dir, '') : server.url;
      page.on('request', (r) => {
        if (!r.url().startsWith(home) && !/^(blob|data):/.test(r.url())) elsewhere.push(r.url());
      });
    });
    after(async () => {
      await context?.close();
    });

    test('a worksheet answer is kept over a reload', async () => {
      await page.goto(url(WORKSHEET));
      const box = page.getByRole('textbox', { name: /Mitä tilaisit kahvilasta/ });
      await box.fill(ANSWER);
      await waitText(page.locator('.worksheet-status'), /Tallennettu/);
      await page.reload();
      assert.equal(await page.getByRole('textbox', { name: /Mitä tilaisit kahvilasta/ }).inputValue(), ANSWER);
      assert.deepEqual(await axe(page), []);
    });

    test('"My answers" lists it, and its Markdown download has it', async () => {
      await page.goto(url('index.html'));
      await page.getByRole('link', { name: /Katso kaikki vastauksesi/ }).click();
      await page.waitForURL(/my-answers\.html$/);
      const main = page.getByRole('main');
      await waitText(main, /Korvapuusti ja kahvi\. Toinen rivi\./);
      await waitText(main, /Milloin kävisit siellä\? \(ei vielä vastausta\)/);
      assert.deepEqual(await axe(page), []);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Lataa Markdown-tiedostona' }).click(),
      ]);
      assert.match(download.suggestedFilename(), /\.md$/);
      const text = readFileSync(await download.path(), 'utf8');
      assert.match(text, /^# Omat vastaukseni: Selaintestien kurssi/);
      assert.match(text, /## Kahvila leipomon vieressä\n\n### Mitä tilaisit kahvilasta\?\n\nKorvapuusti ja kahvi\.\nToinen rivi\./);
    });

    test('progress saved to a file comes back after the storage is cleared', async () => {
      await page.goto(url('01-perusteet/leipomo.html'));
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await until(async () => JSON.stringify(await stored(page)).includes('leipomo.html'), 'the page marked read');
      await pass(page);
      await page.goto(url('index.html'));
      await waitText(page.locator('.course-map'), /1\/\d+ sivua luettu/);
      const before = await stored(page);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Tallenna edistymiseni' }).click(),
      ]);
      const file = await download.path();
      const data = JSON.parse(readFileSync(file, 'utf8'));
      assert.equal(data.version, 1);
      assert.equal(data.course, COURSE);
      assert.equal(data.quizzes[QUIZ_ID].passed, true);
      assert.equal(data.worksheets['kahvila:tilaus'].text, ANSWER);
      assert.ok(data.visited['01-perusteet/leipomo.html']);

      await page.evaluate(() => localStorage.clear());
      await page.reload();
      await page.locator('.record-file').setInputFiles(file);
      await waitText(page.getByRole('status').filter({ hasText: 'ladattu' }), /Edistyminen ladattu/);
      const after = await stored(page);
      for (const key of Object.keys(before).filter((k) => !k.endsWith(':reminded'))) {
        assert.equal(after[key], before[key], key);
      }
      await page.goto(url(WORKSHEET));
      assert.equal(await page.getByRole('textbox', { name: /Mitä tilaisit kahvilasta/ }).inputValue(), ANSWER);
      assert.ok(await page.locator('.toc a[href$="leipomo.html"] .visited-mark').count());
    });

    test('damaged, other-course and newer files are refused and change nothing', async () => {
      await page.goto(url('index.html'));
      const before = await stored(page);
      const cases = [
        ['rikki.json', '{"format":"kurssi-progress", "version":1, "course":', /vioittunut/],
        ['muu.json', JSON.stringify({ format: 'kurssi-progress', version: 1, course: 'toinen', title: 'Toinen kurssi', quizzes: {}, visited: {}, worksheets: {} }), /toisen kurssin.*Toinen kurssi/],
        ['uusi.json', JSON.stringify({ format: 'kurssi-progress', version: 2, course: COURSE, quizzes: {}, visited: {}, worksheets: {} }), /uudemmalla versiolla/],
        ['outo.json', JSON.stringify({ format: 'kurssi-progress', version: 1, course: COURSE, quizzes: { x: { score: 'kaikki' } } }), /vioittunut/],
      ];
      for (const [name, text, message] of cases) {
        await page.locator('.record-file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
        await waitText(page.locator('.record-message'), message);
        assert.match(await page.locator('.record-message').innerText(), /Mitään ei muutettu/);
        assert.deepEqual(await stored(page), before, name);
      }
    });

    test('loading merges: a pass is never lost and the newer answer wins', async () => {
      await page.goto(url('index.html'));
      await pass(page);
      const key = `kurssi:${COURSE}:ws:kahvila:tilaus`;
      const old = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), key));
      const file = (quiz, text, time) => ({
        name: 'edistyminen.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify({
          format: 'kurssi-progress', version: 1, course: COURSE,
          quizzes: { [QUIZ_ID]: quiz }, visited: {}, worksheets: { 'kahvila:tilaus': { text, time } },
        })),
      });
      await page.locator('.record-file').setInputFiles(
        file({ score: 1, max: 5, passed: false, time: '2030-01-01T00:00:00.000Z' }, 'vanha vastaus', '2000-01-01T00:00:00.000Z'),
      );
      await waitText(page.locator('.record-message'), /Edistyminen ladattu/);
      const kept = await stored(page);
      assert.equal(JSON.parse(kept[`kurssi:${COURSE}:${QUIZ_ID}`]).passed, true, 'the pass is kept');
      assert.equal(JSON.parse(kept[key]).text, old.text, 'the older answer does not replace the newer one');
      await page.locator('.record-file').setInputFiles(
        file({ score: 1, max: 5, passed: false, time: '2030-01-01T00:00:00.000Z' }, 'uudempi vastaus', '2099-01-01T00:00:00.000Z'),
      );
      await until(async () => JSON.parse((await stored(page))[key]).text === 'uudempi vastaus', 'the newer answer');
      await page.evaluate(([k, v]) => localStorage.setItem(k, v), [key, JSON.stringify(old)]);
    });

    test('the home page reminds once that the browser may forget', async () => {
      await page.evaluate((k) => localStorage.removeItem(k), `kurssi:${COURSE}:reminded`);
      await page.goto(url('index.html'));
      const note = page.getByRole('note').filter({ hasText: /voi unohtaa/ });
      await waitText(note, /Tallenna edistymisesi tiedostoon/);
      await note.getByRole('button', { name: 'Selvä' }).click();
      assert.equal(await note.isVisible(), false);
      await page.reload();
      assert.equal(await page.locator('.record-reminder').isVisible(), false);
    });

    test('the progress code moves quiz results and pages read to another browser', async () => {
      await page.goto(url('index.html'));
      await page.getByRole('button', { name: 'Näytä edistymiskoodini' }).click();
      const box = page.getByRole('textbox', { name: 'Edistymiskoodi' });
      const code = await until(async () => (await box.inputValue()) || null, 'a code');
      assert.match(code, /^K1[zj]\.[A-Za-z0-9_-]+$/);

      const phone = await browser.newContext();
      try {
        const other = await phone.newPage();
        const otherProblems = watch(other);
        await other.goto(url('index.html'));
        await other.getByRole('textbox', { name: 'Edistymiskoodi' }).fill(code);
        await other.getByRole('button', { name: 'Käytä koodia' }).click();
        await waitText(other.locator('.record-message'), /Edistyminen ladattu/);
        const got = await stored(other);
        assert.equal(JSON.parse(got[`kurssi:${COURSE}:${QUIZ_ID}`]).passed, true);
        assert.ok(JSON.parse(got[`kurssi:${COURSE}:visited`])['01-perusteet/leipomo.html']);
        assert.ok(!Object.keys(got).some((k) => k.includes(':ws:')), 'answers are not in the code');
        await other.getByRole('textbox', { name: 'Edistymiskoodi' }).fill(code.slice(0, -6) + '!!!');
        await other.getByRole('button', { name: 'Käytä koodia' }).click();
        await waitText(other.locator('.record-message'), /vioittunut/);
        assert.deepEqual(otherProblems, []);
      } finally {
        await phone.close();
      }
    });

    test('the certificate appears only once every quiz is passed, and prints on one page', async () => {
      await page.evaluate((k) => localStorage.removeItem(k), `kurssi:${COURSE}:${QUIZ_ID}`);
      await page.goto(url('index.html'));
      assert.equal(await page.getByRole('link', { name: 'Avaa todistuksesi' }).count(), 0);
      await page.goto(url('certificate.html'));
      await waitText(page.getByRole('main'), /kun olet läpäissyt kurssin kaikki testit/);
      assert.equal(await page.locator('.certificate').isVisible(), false);

      await pass(page);
      await page.goto(url('index.html'));
      await page.getByRole('link', { name: 'Avaa todistuksesi' }).click();
      await page.waitForURL(/certificate\.html$/);
      await page.getByRole('textbox', { name: 'Nimesi todistukseen' }).fill('Maija Meikäläinen');
      const cert = page.locator('.certificate');
      await waitText(cert, /Maija Meikäläinen on suorittanut kurssin Selaintestien kurssi/);
      await waitText(cert, /5\/5/);
      await waitText(cert, /2026/);
      await waitText(cert, /ei ole virallinen tutkinto/);
      assert.deepEqual(await axe(page), []);
      await page.reload();
      assert.equal(await page.getByRole('textbox', { name: 'Nimesi todistukseen' }).inputValue(), 'Maija Meikäläinen');
      if (where === 'file') {
        const pdf = await page.pdf({ format: 'A4' });
        const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
        assert.equal(pages, 1, 'the certificate prints on one A4 page');
      }
    });

    test('the home page with its record tools is axe-clean, and nothing went wrong', async () => {
      await page.goto(url('index.html'));
      assert.deepEqual(await axe(page), []);
      // axe-core reads the stylesheets with XMLHttpRequest, which file://
      // refuses: those are axe's own requests, not the site's.
      assert.deepEqual(problems.filter((p) => !/XMLHttpRequest|\.css/.test(p)), []);
      assert.deepEqual(elsewhere, []);
    });

    test('by keyboard alone: a worksheet answer, saving and loading progress', async () => {
      // Playwright catches a file chooser only while a listener is on, and
      // turning that on is a round trip to the browser: on from the start,
      // so that the Enter below cannot open the chooser before it is (the
      // page calls the file input's click() with the key's user activation
      // either way).
      const noop = () => {};
      page.on('filechooser', noop);
      await page.goto(url(WORKSHEET));
      const box = page.getByRole('textbox', { name: /Milloin kävisit siellä/ });
      await tabTo(page, box);
      await page.keyboard.type('Lauantaina');
      await page.keyboard.press('Tab');
      await until(async () => (await stored(page))[`kurssi:${COURSE}:ws:kahvila:milloin`]?.includes('Lauantaina'), 'the answer saved');
      await page.goto(url('index.html'));
      await tabTo(page, page.getByRole('button', { name: 'Tallenna edistymiseni' }));
      const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
      assert.match(download.suggestedFilename(), /\.json$/);
      await page.keyboard.press('Tab');
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Enter')]);
      await chooser.setFiles(await download.path());
      await waitText(page.locator('.record-message'), /Edistyminen ladattu/);
      page.off('filechooser', noop);
    });
  });
}

describe("the bundled course's exercises fill the plan on \"My answers\"", () => {
  const EXERCISES = [
    ['01-miksi-olla-sosiaalinen/harjoitus.html', /Miksi olemme mukana/, 'Vastaamme remonttikysymyksiin samana päivänä.'],
    ['02-dialogi-ennen-tiedottamista/harjoitus.html', /Kuka julkaisee/, 'Asiakaspalvelun Maija.'],
    ['03-mittaa-ja-kehita/harjoitus.html', /Tärkein kohderyhmä/, 'Omakotitalojen remontoijat.'],
    ['04-karsivallisyys/harjoitus.html', /Päivittäinen tarkistus/, 'Kello 9, Maija.'],
  ];

  test('an answer on each exercise shows under its part of the plan, in course order', async () => {
    site('book');
    const context = await browser.newContext({ acceptDownloads: true });
    try {
      const page = await context.newPage();
      const problems = watch(page);
      for (const [rel, prompt, text] of EXERCISES) {
        await page.goto(fileUrl(BOOK, rel));
        await page.getByRole('textbox', { name: prompt }).fill(text);
        await waitText(page.locator('.worksheet-status').first(), /Tallennettu/);
      }
      assert.deepEqual(await axe(page), []);
      await page.goto(fileUrl(BOOK, 'index.html'));
      await page.getByRole('link', { name: /Katso kaikki vastauksesi/ }).click();
      const main = page.getByRole('main');
      const shown = await waitText(main, /Kello 9, Maija\./);
      const at = EXERCISES.map(([, , t]) => shown.indexOf(t));
      assert.ok(at.every((n, i) => n > 0 && (i === 0 || n > at[i - 1])), `answers in course order: ${at}`);
      assert.equal(await page.locator('.my-answers-page').count(), 4);
      assert.deepEqual(await axe(page), []);
      assert.deepEqual(problems.filter((p) => !/XMLHttpRequest|\.css/.test(p)), []);

      // Every quiz passed: the certificate, with all modules, prints on one A4 page.
      await page.goto(fileUrl(BOOK, 'certificate.html'));
      await page.evaluate(() => {
        const course = document.documentElement.dataset.course;
        for (const row of document.querySelectorAll('[data-quizzes]')) {
          for (const id of row.dataset.quizzes.split(' ')) {
            localStorage.setItem(`kurssi:${course}:${id}`, JSON.stringify({ score: 4, max: 5, passed: true, time: '2026-12-01T10:00:00Z' }));
          }
        }
      });
      await page.goto(fileUrl(BOOK, 'index.html'));
      await page.getByRole('link', { name: 'Avaa todistuksesi' }).click();
      await page.getByRole('textbox', { name: 'Nimesi todistukseen' }).fill('Maija Meikäläinen');
      await waitText(page.locator('.certificate'), /4\/5/);
      const pdf = await page.pdf({ format: 'A4' });
      assert.equal((pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length, 1, 'one A4 page');
    } finally {
      await context.close();
    }
  });
});
