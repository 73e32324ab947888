// kurssi serve in a real browser (issue 5): an edit to a page reloads the
// open page with the new text and keeps its scroll position; a broken link
// shows the error overlay on the last good page; fixing it clears the
// overlay. The server runs on a copy of the test course and is always killed.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { KURSSI, REPO, launch, until } from './helpers.mjs';

let browser;
let server;
let dir;
let url;

/** Starts `kurssi serve -p 0` and resolves with the URL it prints. */
function startServe(root) {
  return new Promise((resolve, reject) => {
    const child = spawn(KURSSI, ['serve', root, '-p', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve printed no URL: ${out}`)), 20000);
    const onData = (chunk) => {
      out += chunk;
      const m = out.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[0] });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (c) => { out += c; });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
}

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kurssi-serve-'));
  cpSync(path.join(REPO, 'tests/fixtures/good'), dir, { recursive: true });
  ({ child: server, url } = await startServe(dir));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.kill('SIGKILL');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('kurssi serve', () => {
  const file = () => path.join(dir, 'content/01-basics/10-tenth.md');

  test('an edit reloads the open page with the new text and keeps the scroll position', async () => {
    const page = await browser.newPage({ viewport: { width: 800, height: 300 } });
    await page.goto(`${url}01-basics/10-tenth.html`);
    await page.getByRole('heading', { level: 1, name: 'The tenth page' }).waitFor();
    await page.evaluate(() => window.scrollTo(0, 120));
    await page.waitForTimeout(200);
    const text = readFileSync(file(), 'utf8');
    writeFileSync(file(), text.replace('Comes after the second one', 'Freshly edited text'));
    await page.getByText('Freshly edited text').waitFor({ timeout: 10000 });
    await until(async () => (await page.evaluate(() => window.scrollY)) > 0, 'scroll position kept');
    await page.close();
  });

  test('a broken link shows the overlay on the last good page, a fix clears it', async () => {
    const page = await browser.newPage();
    await page.goto(`${url}01-basics/10-tenth.html`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const good = readFileSync(file(), 'utf8');
    writeFileSync(file(), `${good}\n[gone](missing-page.md)\n`);
    const overlay = page.getByText(/missing-page\.md/);
    await overlay.first().waitFor({ timeout: 10000 });
    assert.match(await page.content(), /10-tenth\.md:\d+/);
    // The last good page is still what the server sends.
    const response = await page.request.get(`${url}01-basics/10-tenth.html`);
    assert.equal(response.status(), 200);
    writeFileSync(file(), good);
    await until(async () => (await overlay.count()) === 0, 'overlay cleared', 10000);
    await page.close();
  });
});
