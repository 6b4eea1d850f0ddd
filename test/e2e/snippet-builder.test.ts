/**
 * The demo's snippet builder page (`npm start`, `/snippet.html`): the public site's builder
 * (site/builder.js, tested from the static site in site.test.ts), here in English, reading the
 * build's hashes from dist/sri.json, its live button answered by the demo's checkout preview. It also
 * takes the README's screenshot of the builder.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContextOptions } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDemoServer } from '../../scripts/serve.mjs';
import { integrityOf } from '../../scripts/sri.mjs';
import { saveScreenshot } from './harness/screenshots';
import { describeInBrowser, useBrowser } from './harness/suite';

const SCREEN: BrowserContextOptions = { viewport: { width: 1000, height: 760 }, locale: 'en-US', timezoneId: 'UTC' };
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const CDN = `https://cdn.jsdelivr.net/npm/hotlinks-embed@${version}/dist/`;

describeInBrowser("the demo's snippet builder", () => {
  const t = useBrowser();
  let demo: { url: string; close(): Promise<void> };
  beforeAll(async () => {
    demo = await startDemoServer({ port: 0 });
  });
  afterAll(() => demo?.close());

  it('is linked from the demo index, writes this build\'s snippet, and its live button opens the checkout preview', async () => {
    const v = await t.visitor(SCREEN);
    await v.page.goto(demo.url);
    await v.page.getByRole('link', { name: 'Build your snippet' }).click();
    await v.page.waitForURL(/\/snippet\.html$/);
    expect(await v.page.getByRole('heading', { level: 1 }).textContent()).toBe('Your snippet');
    await expect.poll(() => v.page.textContent('#head-snippet')).toContain(CDN);
    expect(await v.page.textContent('#hotlink-problem')).toBe(
      "Paste your product's Direct Payment HotLink: it starts with https://pay.hotmart.com/, and you find it in Hotmart under Products › My products, in the product's links.",
    );

    await v.page.getByLabel('Your Direct Payment HotLink').fill('https://pay.hotmart.com/A72242240H');
    await v.page.getByLabel('Offer code').fill('wlvonm69');
    await v.page.getByLabel('Label').fill('Quero me inscrever');
    await v.page.getByLabel('Price').fill('197');
    await v.page.getByLabel('Size').selectOption('lg');
    await v.page.getByLabel('The affiliate keeps the credit for').selectOption('90');
    await v.page.getByLabel('Two affiliates? The credit goes to').selectOption('first-click');
    await expect.poll(() => v.page.textContent('#hotlink-problem')).toBe('A checkout link: the button leads there, with the affiliate code added.');
    const integrity = (file: string) => integrityOf(readFileSync(join('dist', file)));
    expect(await v.page.textContent('#head-snippet')).toBe(
      `<link rel="stylesheet" href="${CDN}hotlinks.css"\n      integrity="${integrity('hotlinks.css')}" crossorigin="anonymous">\n` +
        `<script src="${CDN}hotlinks.js"\n        integrity="${integrity('hotlinks.js')}" crossorigin="anonymous"\n` +
        `        data-cookie-days="90" data-attribution="first-click" defer></script>`,
    );
    expect(await v.page.textContent('#button-snippet')).toBe(
      '<hotlink-buy-button hotlink="https://pay.hotmart.com/A72242240H" offer="wlvonm69" size="lg" price="197" lang="en">\n' +
        '  <a href="https://pay.hotmart.com/A72242240H?off=wlvonm69">Quero me inscrever</a>\n' +
        '</hotlink-buy-button>',
    );
    await v.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await saveScreenshot('snippet-builder.png', await v.page.screenshot({ fullPage: true, animations: 'disabled' }));

    await v.page.locator('#preview').getByRole('link', { name: /Quero me inscrever/ }).click();
    await v.page.waitForURL(/\/checkout-preview/);
    expect(v.checkouts).toEqual([]);
    expect(v.errors).toEqual([]);
  });
});
