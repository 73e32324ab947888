// Screenshots for a person to look at (not a test, not committed): a page of
// the bundled course on a 390 px wide phone and on a desktop, in light and
// dark mode, with the quiz checked and the search open too.
//
//   node tests/browser/screenshots.mjs [OUT_DIR]   (default target/screenshots)

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { REPO, fileUrl, launch, modules, site } from './helpers.mjs';

const out = path.resolve(process.argv[2] || path.join(REPO, 'target/screenshots'));
mkdirSync(out, { recursive: true });
const book = site('book');
const mod = modules(book)[0];
const browser = await launch();

const shots = [
  ['content', `${mod}/metsa-eika-peili.html`],
  ['home', 'index.html'],
  ['quiz', `${mod}/quiz.html`, async (page) => {
    const form = page.locator('form.quiz').first();
    const first = form.locator('fieldset').first().locator('input').first();
    await first.check();
    await form.getByRole('button', { name: 'Tarkista vastaukset' }).click();
    await form.getByRole('status').scrollIntoViewIfNeeded();
    await form.locator('fieldset').first().scrollIntoViewIfNeeded();
  }],
  ['search', 'index.html', async (page) => {
    await page.keyboard.press('/');
    await page.keyboard.type('metsässä');
    await page.locator('#search-panel li').first().waitFor();
  }],
  ['toc-open', `${mod}/index.html`, async (page) => {
    const button = page.getByRole('button', { name: 'Sisällys' });
    if (await button.isVisible()) await button.click();
  }],
];
const devices = [
  ['phone', { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }],
  ['desktop', { viewport: { width: 1366, height: 900 } }],
];

for (const [device, options] of devices) {
  for (const scheme of ['light', 'dark']) {
    const context = await browser.newContext({ ...options, colorScheme: scheme });
    const page = await context.newPage();
    for (const [name, rel, act] of shots) {
      if (name === 'toc-open' && device === 'desktop') continue;
      await page.goto(fileUrl(book, rel));
      if (act) await act(page);
      const file = path.join(out, `${name}-${device}-${scheme}.png`);
      await page.screenshot({ path: file });
      console.log(file);
    }
    await context.close();
  }
}
await browser.close();
