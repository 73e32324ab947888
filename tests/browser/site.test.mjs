// The site with JavaScript (issue 6): every page of the bundled course loads
// from file:// without a script error or a missing file, and every page of
// the test course does so under a sub-path of a web server; the colour
// theme follows the system and its button (kept in localStorage
// kurssi:theme); the contents button on a phone; the skip link.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fileUrl, focused, htmlFiles, launch, serve, site, until, watch } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Relative luminance of the page's background, 0 (black) to 1 (white). */
function background(page) {
  return page.evaluate(() => {
    const pick = (el) => getComputedStyle(el).backgroundColor;
    let c = pick(document.body);
    if (/rgba\(0, 0, 0, 0\)|transparent/.test(c)) c = pick(document.documentElement);
    const [r, g, b] = c.match(/[\d.]+/g).slice(0, 3).map((v) => {
      const s = Number(v) / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  });
}

describe('every page loads cleanly', () => {
  test('the bundled course from file://', async () => {
    const book = site('book');
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = watch(page);
    const pages = htmlFiles(book);
    for (const rel of pages) {
      const before = problems.length;
      await page.goto(fileUrl(book, rel));
      for (let i = before; i < problems.length; i++) problems[i] = `${rel}: ${problems[i]}`;
    }
    assert.ok(pages.length > 5);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the test course under a sub-path of a web server', async () => {
    const dir = site('kurssi-fi');
    const server = await serve(dir, '/a/b/c/');
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = watch(page);
    for (const rel of htmlFiles(dir)) {
      const before = problems.length;
      await page.goto(server.url + rel);
      // Every link on the page stays under the sub-path.
      const outside = await page.locator('a[href]').evaluateAll(
        (as, base) => as.map((a) => a.href).filter((h) => h.startsWith('http://127.0.0.1') && !h.startsWith(base)),
        server.url,
      );
      for (const h of outside) problems.push(`link out of the sub-path: ${h}`);
      for (let i = before; i < problems.length; i++) problems[i] = `${rel}: ${problems[i]}`;
    }
    assert.deepEqual(problems, []);
    await context.close();
    await server.close();
  });
});

describe('colour theme', () => {
  test('follows the system when automatic', async () => {
    const book = site('book');
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(fileUrl(book));
    const light = await background(page);
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await background(page);
    assert.ok(light > 0.7, `light background is light (luminance ${light.toFixed(2)})`);
    assert.ok(dark < 0.2, `dark background is dark (luminance ${dark.toFixed(2)})`);
    await context.close();
  });

  test('the theme button cycles automatic, light, dark and is kept', async () => {
    const book = site('book');
    const context = await browser.newContext({ colorScheme: 'light' });
    const page = await context.newPage();
    await page.goto(fileUrl(book));
    const button = page.getByRole('button', { name: /Teema/ });
    assert.match(await button.innerText(), /automaattinen/);
    await button.click();
    assert.match(await button.innerText(), /vaalea/);
    await button.click();
    assert.match(await button.innerText(), /tumma/);
    assert.equal(await page.evaluate(() => localStorage.getItem('kurssi:theme')), 'dark');
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
    assert.ok((await background(page)) < 0.2, 'dark chosen by the button although the system is light');

    // Kept on another page and after a reload.
    await page.goto(fileUrl(book, 'print.html'));
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
    assert.ok((await background(page)) < 0.2);
    await page.goBack();
    await page.reload();
    assert.match(await page.getByRole('button', { name: /Teema/ }).innerText(), /tumma/);

    // Light wins over a dark system.
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.evaluate(() => localStorage.setItem('kurssi:theme', 'light'));
    await page.reload();
    assert.ok((await background(page)) > 0.7, 'light chosen by the button although the system is dark');
    await context.close();
  });
});

describe('keyboard and phone', () => {
  test('the skip link is the first Tab stop and moves to the content', async () => {
    const book = site('book');
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(fileUrl(book));
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Siirry sisältöön' });
    assert.ok(await focused(skip), 'first Tab stop is the skip link');
    assert.ok(await skip.isVisible(), 'the skip link shows when it has the focus');
    await page.keyboard.press('Enter');
    await until(() => page.evaluate(() => location.hash === '#content'), 'the skip link to be followed');
    assert.ok(await focused(page.getByRole('main')), 'the focus is on the content');
    await context.close();
  });

  test('on a phone the contents open with their button and close with Escape', async () => {
    const book = site('book');
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(fileUrl(book, `${htmlFiles(book).find((f) => /^\d+[-_][^/]*\/index\.html$/.test(f))}`));
    const button = page.getByRole('button', { name: 'Sisällys' });
    const nav = page.getByRole('navigation', { name: 'Sisällys' });
    assert.ok(await button.isVisible(), 'the contents button is shown on a phone');
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    assert.ok(!(await nav.getByRole('link').first().isVisible()), 'the contents start closed on a phone');
    await button.click();
    assert.equal(await button.getAttribute('aria-expanded'), 'true');
    assert.ok(await nav.getByRole('link').first().isVisible(), 'the button opens the contents');
    await nav.getByRole('link').first().focus();
    await page.keyboard.press('Escape');
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    assert.ok(await focused(button), 'Escape gives the focus back to the button');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `no sideways scrolling on a phone (page is ${width}px wide)`);
    await context.close();
  });
});
