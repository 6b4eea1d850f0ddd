/**
 * The demo's snippet builder (`/snippet.html`), used as a producer would: a bad HotLink is refused
 * with the button's own message; the snippet copied from it, pasted into a blank page of a site,
 * works the first time: jsDelivr's URLs (answered from this build, as jsDelivr serves it) pass their
 * `integrity`, an affiliate's visitor is captured, and the button reaches checkout with `af=<code>`.
 * It also takes the README's screenshot of the builder.
 */
import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { BrowserContextOptions } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDemoServer } from '../../scripts/serve.mjs';
import { integrityOf } from '../../scripts/sri.mjs';
import { saveScreenshot } from './harness/screenshots';
import { html } from './harness/site';
import { describeInBrowser, useBrowser } from './harness/suite';
import type { Visitor } from './harness/visitor';

const SCREEN: BrowserContextOptions = { viewport: { width: 1000, height: 760 }, locale: 'en-US', timezoneId: 'UTC' };
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const CDN = `https://cdn.jsdelivr.net/npm/hotlinks-embed@${version}/dist/`;
const CODE = 'O95340038V';

describeInBrowser('the snippet builder', () => {
  const t = useBrowser();
  let demo: { url: string; close(): Promise<void> };
  beforeAll(async () => {
    demo = await startDemoServer({ port: 0 });
  });
  afterAll(() => demo?.close());

  const open = async () => {
    const v = await t.visitor(SCREEN);
    await v.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(demo.url).origin });
    await v.page.goto(demo.url + 'snippet.html');
    await expect.poll(() => v.page.textContent('#head-snippet')).toContain(CDN);
    return v;
  };
  const problem = (v: Visitor) => v.page.textContent('#hotlink-problem');

  it('is linked from the demo index', async () => {
    const v = await t.visitor(SCREEN);
    await v.page.goto(demo.url);
    await v.page.getByRole('link', { name: 'Build your snippet' }).click();
    await v.page.waitForURL(/\/snippet\.html$/);
    expect(await v.page.getByRole('heading', { level: 1 }).textContent()).toBe('Your snippet');
  });

  it('a HotLink that is not https: on a checkout host: the button\'s own message, no snippet for it', async () => {
    const v = await open();
    for (const bad of ['http://pay.hotmart.com/A72242240H', 'https://pay.hotmart.com.evil.example/A72242240H', 'https://go.hotmart.com/H55891139F']) {
      await v.page.fill('#hotlink', bad);
      const message = `<hotlink-buy-button>: hotlink ${JSON.stringify(bad)} is not an https: link on a checkout host (pay.hotmart.com, payment.hotmart.com); the button is disabled`;
      await expect.poll(() => problem(v)).toBe(message);
      expect(await v.page.getAttribute('#hotlink', 'aria-invalid')).toBe('true');
      expect(await v.page.textContent('#button-snippet')).toBe('(your HotLink first)');
      expect(await v.page.getByRole('button', { name: 'Copy part 2' }).isDisabled()).toBe(true);
      // The live button, given the same value, is disabled and prints the very same words (after the
      // [hotlinks] tag all our console messages carry).
      await expect.poll(() => v.console).toContain(`error: [hotlinks] ${message}`);
      expect(await v.page.locator('#preview hotlink-buy-button').evaluate((el) => el.shadowRoot!.querySelector('a')!.hasAttribute('href'))).toBe(false);
    }
    await v.page.fill('#hotlink', 'https://pay.hotmart.com/A72242240H');
    await expect.poll(() => problem(v)).toBe('A checkout link: the button leads there, with the affiliate code added.');
    expect(v.errors).toEqual([]);
  });

  it('the copied snippet, pasted into a blank page, captures an affiliate and reaches checkout with af=<code>', async () => {
    const v = await open();
    await v.page.fill('#hotlink', 'https://pay.hotmart.com/A72242240H');
    await v.page.fill('#offer', 'wlvonm69');
    await v.page.fill('#label', 'Quero me inscrever');
    await v.page.fill('#price', '197');
    await v.page.selectOption('#variant', 'orange');
    await v.page.selectOption('#size', 'lg');
    await v.page.selectOption('#cookie-days', '90');
    await v.page.selectOption('#attribution', 'first-click');
    await expect.poll(() => v.page.locator('#preview hotlink-buy-button').evaluate((el) => el.shadowRoot?.querySelector('[part=price]')?.textContent)).toBe('R$197.00');
    await v.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await saveScreenshot('snippet-builder.png', await v.page.screenshot({ fullPage: true, animations: 'disabled' }));

    const copy = async (part: string) => {
      await v.page.getByRole('button', { name: `Copy ${part}` }).click();
      await expect.poll(() => v.page.textContent('#copied')).toBe(`${part} copied: paste it into your site.`);
      return v.page.evaluate(() => navigator.clipboard.readText());
    };
    const head = await copy('part 1');
    const button = await copy('part 2');
    const integrity = (file: string) => integrityOf(readFileSync(join('dist', file)));
    expect(head).toBe(
      `<link rel="stylesheet" href="${CDN}hotlinks.css"\n      integrity="${integrity('hotlinks.css')}" crossorigin="anonymous">\n` +
        `<script src="${CDN}hotlinks.js"\n        integrity="${integrity('hotlinks.js')}" crossorigin="anonymous"\n` +
        `        data-cookie-days="90" data-attribution="first-click" defer></script>`,
    );
    expect(button).toBe(
      '<hotlink-buy-button hotlink="https://pay.hotmart.com/A72242240H" offer="wlvonm69" variant="orange" size="lg" price="197">\n' +
        '  <a href="https://pay.hotmart.com/A72242240H?off=wlvonm69">Quero me inscrever</a>\n' +
        '</hotlink-buy-button>',
    );

    // A producer's blank page, the two parts pasted where the builder says.
    t.site.page('/curso', html(`<h1>Meu curso</h1>\n${button}`, head));
    const visitor = await t.visitor();
    const fromCdn: string[] = [];
    // jsDelivr, answered from this build with its headers.
    await visitor.page.route(`${CDN}**`, (route) => {
      const file = new URL(route.request().url()).pathname.split('/').pop()!;
      fromCdn.push(file);
      const type = extname(file) == '.css' ? 'text/css' : 'text/javascript';
      return route.fulfill({ body: readFileSync(join('dist', file)), contentType: `${type}; charset=utf-8`, headers: { 'access-control-allow-origin': '*' } });
    });
    await visitor.page.goto(t.site.url('www.shop.test', `/curso?a=${CODE}&utm_source=instagram`));
    // 90 days: the setting the snippet carries.
    const [cookie] = await visitor.cookies();
    expect(Math.round((cookie.expires * 1000 - Date.now()) / 86_400_000)).toBe(90);
    await visitor.page.getByRole('link', { name: /Quero me inscrever/ }).click();
    expect(await visitor.reachCheckout()).toBe(`https://pay.hotmart.com/A72242240H?af=${CODE}&utm_source=instagram&xcod=${await visitor.visit()}&off=wlvonm69`);
    expect(fromCdn.sort()).toEqual(['hotlinks.css', 'hotlinks.js']);
    expect(visitor.refused).toEqual([]);
    expect(visitor.errors).toEqual([]);
    expect(visitor.console.filter((line) => /^(error|warning)/.test(line))).toEqual([]);
  });
});
