// Shared helpers of the browser tests: where the built sites are, Chromium
// (Debian's, through playwright-core; never a downloaded browser), a tiny
// static server that serves a site under a sub-path, axe-core, and small
// waiting and keyboard helpers. Tests use node:test and node:assert only.

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, createReadStream } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** The repository root. */
export const REPO = path.resolve(here, '../..');
/** The kurssi binary the sites are built with (scripts/test builds it). */
export const KURSSI = process.env.KURSSI_BIN || path.join(REPO, 'target/release/kurssi');
/** The bundled course, built at the repository root by `kurssi build`. */
export const BOOK = process.env.KURSSI_BOOK || path.join(REPO, 'book');
/** Where the fixture courses are built (inside target/, so never committed). */
export const OUT = process.env.KURSSI_BROWSER_OUT || path.join(REPO, 'target/browser-tests');
/** The Chromium the tests drive. */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** axe-core's browser bundle. */
export const AXE = require.resolve('axe-core/axe.min.js');
/** The Nu HTML Checker. */
export const VNU = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build/dist/vnu.jar');

/** The fixture courses the tests use, by name. */
const FIXTURES = {
  'kurssi-fi': path.join(here, 'fixtures/kurssi-fi'),
  good: path.join(REPO, 'tests/fixtures/good'),
  mdbook: path.join(REPO, 'tests/fixtures/mdbook'),
  'mdbook-quiz': path.join(REPO, 'tests/fixtures/mdbook-quiz'),
  koulutus: path.join(here, 'fixtures/koulutus'),
  languages: path.join(REPO, 'tests/fixtures/languages'),
};

/**
 * The folder of a built site: `book` is the bundled course (it must have
 * been built); a fixture is built into target/browser-tests/<name> unless
 * it is there already (scripts/test removes them first, so CI always builds).
 */
export function site(name) {
  if (name === 'book') {
    if (!existsSync(path.join(BOOK, 'index.html'))) {
      throw new Error(`${BOOK}/index.html is missing: build the bundled course first (cargo run --release -- build)`);
    }
    return BOOK;
  }
  const src = FIXTURES[name];
  if (!src) throw new Error(`unknown fixture ${name}`);
  const dest = path.join(OUT, name);
  if (!existsSync(path.join(dest, 'index.html'))) {
    if (!existsSync(KURSSI)) throw new Error(`${KURSSI} is missing: run cargo build --release first`);
    execFileSync(KURSSI, ['build', src, '-d', dest], { stdio: ['ignore', 'inherit', 'inherit'] });
  }
  return dest;
}

/**
 * The folder of a trainer's edition (`kurssi build --trainer`): `book` is
 * the bundled course's `book-trainer/` (scripts/test builds it), a fixture
 * is built into target/browser-tests/<name>-trainer unless it is there.
 */
export function trainerSite(name) {
  if (name === 'book') {
    const dir = `${BOOK}-trainer`;
    if (!existsSync(path.join(dir, 'trainer.html'))) {
      throw new Error(`${dir}/trainer.html is missing: run cargo run --release -- build --trainer`);
    }
    return dir;
  }
  const src = FIXTURES[name];
  if (!src) throw new Error(`unknown fixture ${name}`);
  const dest = path.join(OUT, `${name}-trainer`);
  if (!existsSync(path.join(dest, 'trainer.html'))) {
    if (!existsSync(KURSSI)) throw new Error(`${KURSSI} is missing: run cargo build --release first`);
    execFileSync(KURSSI, ['build', '--trainer', src, '-d', dest], { stdio: ['ignore', 'inherit', 'inherit'] });
  }
  return dest;
}

/** Every HTML file of a site, as paths relative to it with `/`. */
export function htmlFiles(dir) {
  const out = [];
  (function walk(rel) {
    for (const name of readdirSync(path.join(dir, rel)).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      if (statSync(path.join(dir, r)).isDirectory()) walk(r);
      else if (name.endsWith('.html')) out.push(r);
    }
  })('');
  return out;
}

/** The module folders of a site (`01-...`), in order. */
export function modules(dir) {
  return readdirSync(dir)
    .filter((n) => /^\d+[-_]/.test(n) && statSync(path.join(dir, n)).isDirectory())
    .sort();
}

/** A `file://` URL of a page of a built site. */
export function fileUrl(dir, rel = 'index.html') {
  const href = pathToFileURL(path.join(dir, rel)).href;
  return rel === '' || rel.endsWith('/') ? `${href.replace(/\/$/, '')}/` : href;
}

/** Launches Debian's Chromium, headless, with no network chatter. */
export function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/**
 * Serves `dir` on 127.0.0.1 (a free port) under `prefix` (like
 * `/some/sub/path/`), as a static host would: folders give their
 * index.html, anything outside the prefix or missing is a 404.
 * Resolves to { url, close }, `url` ending with the prefix.
 */
export function serve(dir, prefix = '/kurssi/alikansio/') {
  const root = path.resolve(dir);
  const server = createServer((req, res) => {
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      pathname = '';
    }
    if (!pathname.startsWith(prefix)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    let file = path.resolve(root, '.' + path.posix.normalize('/' + pathname.slice(prefix.length)));
    if (file !== root && !file.startsWith(root + path.sep)) {
      res.writeHead(404).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        url: `http://127.0.0.1:${port}${prefix}`,
        close: () => new Promise((done) => server.close(done)),
      });
    });
  });
}

/**
 * Records what goes wrong on a page: script errors, console errors, failed
 * requests and HTTP errors. Returns the (live) list of problems.
 */
export function watch(page) {
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()} (${m.location().url || ''})`);
  });
  page.on('requestfailed', (r) => {
    const error = r.failure()?.errorText || '';
    // ERR_ABORTED: a request of the page that was left (the favicon, say)
    // was cancelled by the next navigation; a missing file is another error.
    if (error === 'net::ERR_ABORTED' || r.url().endsWith('/favicon.ico')) return;
    problems.push(`request failed: ${r.url()} (${error})`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return problems;
}

/** Polls `fn` until it returns a truthy value, or fails with `what`. */
export async function until(fn, what, timeout = 8000) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what} (last: ${last})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The visible text of a locator (what a reader sees, not closed <details>). */
export function visibleText(locator) {
  return locator.evaluate((el) => el.innerText.replace(/\s+/g, ' ').trim());
}

/** Waits until the visible text of `locator` matches `re`; returns it. */
export async function waitText(locator, re, timeout = 8000) {
  let text = '';
  await until(
    async () => {
      text = await visibleText(locator);
      return re.test(text);
    },
    `text matching ${re}`,
    timeout,
  ).catch((e) => {
    throw new Error(`${e.message}; text was: ${JSON.stringify(text.slice(0, 400))}`);
  });
  return text;
}

/** Whether `locator`'s element has the focus. */
export function focused(locator) {
  return locator.evaluate((el) => el === document.activeElement);
}

/** A short description of the focused element, for messages. */
export function describeFocus(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el) return 'nothing';
    const name = el.getAttribute('aria-label') || el.labels?.[0]?.innerText || el.innerText || el.value || '';
    return `<${el.tagName.toLowerCase()}${el.type ? ` type=${el.type}` : ''}> ${String(name).trim().slice(0, 60)}`;
  });
}

/**
 * Presses Tab (keyboard only) until `locator` has the focus; fails after
 * `max` presses. Returns how many were needed.
 */
export async function tabTo(page, locator, max = 150) {
  for (let i = 0; i <= max; i++) {
    if (await focused(locator)) return i;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${locator}; focus is on ${await describeFocus(page)}`);
}

/**
 * Runs axe-core on the page (WCAG 2.0/2.1 A and AA and best practices) and
 * returns the violations, each as a readable line.
 */
export async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.addScriptTag({ path: AXE });
  }
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }),
  );
  return result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} [${v.nodes.length} node(s)]\n` +
      v.nodes
        .slice(0, 3)
        .map((n) => `      ${n.target.join(' ')}\n        ${(n.failureSummary || '').replace(/\n/g, '\n        ')}`)
        .join('\n'),
  );
}
