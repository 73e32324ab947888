// mdbook-quiz files (issue 25): the quiz of tests/fixtures/mdbook-quiz, written
// as a TOML file and shown with `{{#quiz ...}}`, is answered in the browser
// like a native quiz: every kind checked and scored, feedback and
// explanations shown.
//
//   1. MultipleChoice, one answer      `x` cannot be changed ...
//   2. MultipleChoice, several answers `i32` and `u8` (sorted choices)
//   3. MultipleChoice, answerIndex     `mut`
//   4. ShortAnswer                     let / let mut
//   5. Tracing, compiles               5
//   6. Tracing, does not compile       No (the compiler stops at line 3)

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fileUrl, launch, site, waitText, watch } from './helpers.mjs';

let browser;
let dir;

before(async () => {
  dir = site('mdbook-quiz');
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

function questions(page) {
  return {
    immutable: page.getByRole('group', { name: /immutable/ }),
    integers: page.getByRole('group', { name: /integer types/ }),
    keyword: page.getByRole('group', { name: /makes a variable mutable/ }),
    declare: page.getByRole('group', { name: /keyword for declaring/ }),
    prints: page.getByRole('group', { name: /What does this program print/ }),
    compiles: page.getByRole('group', { name: /Does this program compile/ }),
  };
}

const result = (page) => page.locator('form.quiz').getByRole('status');

test('an mdbook-quiz file is answered like a native quiz', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(fileUrl(dir, 'variables.html'));
  const q = questions(page);
  await q.immutable.getByLabel(/cannot be changed after being assigned/).check();
  await q.integers.getByLabel('i32').check();
  await q.integers.getByLabel('u8').check();
  await q.keyword.getByLabel('mut', { exact: true }).check();
  await q.declare.getByLabel(/Your answer/).fill('let');
  await q.prints.getByLabel(/Your answer/).fill('5');
  await q.compiles.getByLabel('No').check();
  await page.getByRole('button', { name: 'Check answers' }).click();
  const status = await waitText(result(page), /\d\/6/);
  assert.match(status, /6\/6/, status);
  assert.match(status, /Passed/);
  await waitText(q.immutable, /Immutable means/);
  await waitText(q.compiles, /The compiler stops at line 3\./);
  assert.deepEqual(problems, []);
  await context.close();
});

test('wrong answers to an mdbook-quiz file are marked wrong', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(fileUrl(dir, 'variables.html'));
  const q = questions(page);
  await q.integers.getByLabel('f64').check();
  await q.declare.getByLabel(/Your answer/).fill('var');
  await q.compiles.getByLabel('Yes').check();
  await page.getByRole('button', { name: 'Check answers' }).click();
  const status = await waitText(result(page), /\d\/6/);
  assert.match(status, /0\/6/, status);
  assert.match(await q.compiles.innerText(), /Incorrect/);
  assert.deepEqual(problems, []);
  await context.close();
});
