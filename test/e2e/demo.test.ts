/**
 * The demo (`npm start`): its pages, clicked through in a real browser the way the README says,
 * from an affiliate's link to the checkout preview. These tests also take the README's screenshots.
 */
import type { BrowserContextOptions } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDemoServer } from '../../scripts/serve.mjs';
import { saveScreenshot } from './harness/screenshots';
import { describeInBrowser, useBrowser } from './harness/suite';
import { boxes, defineAndRender, holdDefine } from './harness/upgrade';
import { describeCookies, type Visitor } from './harness/visitor';

/** A fixed clock, locale and window: the screenshots change only when the pages do. */
const SCREEN: BrowserContextOptions = { viewport: { width: 1000, height: 760 }, locale: 'en-US', timezoneId: 'UTC' };
const NOW = new Date('2030-03-01T12:00:00Z');

describeInBrowser('the demo', () => {
  const t = useBrowser();
  let demo: { url: string; close(): Promise<void> };
  beforeAll(async () => {
    demo = await startDemoServer({ port: 0 });
  });
  afterAll(() => demo?.close());

  const visit = async (): Promise<Visitor> => {
    const v = await t.visitor(SCREEN);
    await v.context.clock.setFixedTime(NOW);
    return v;
  };
  const fact = (v: Visitor, name: string) => v.page.locator(`#captured dd[data-fact="${name}"], #facts dd[data-fact="${name}"]`).textContent();
  const shoot = async (v: Visitor, name: string, fullPage = true) => saveScreenshot(name, await v.page.screenshot({ fullPage, animations: 'disabled' }));

  it('index: an affiliate visit is captured, shown, and the Buy button leads to the checkout preview', async () => {
    const v = await visit();
    await v.page.goto(demo.url);
    await expect.poll(() => fact(v, 'affiliate')).toBe('none captured');

    await v.page.getByRole('link', { name: 'Affiliate O95340038V, from Instagram' }).click();
    await v.page.waitForURL(/\?a=O95340038V/);
    await expect.poll(() => fact(v, 'affiliate')).toBe('O95340038V');
    expect(await fact(v, 'storage')).toBe('first-party cookie "hotlinks"');
    expect(await fact(v, 'cookie domain')).toBe('127.0.0.1 only (host-only cookie)');
    expect(await fact(v, 'consent')).toBe('granted');
    expect(await fact(v, 'expires')).toBe('Apr 30, 2030, 12:00 PM (in 60 days)');
    expect(await fact(v, 'forwarded')).toBe('sck=bio & utm_source=instagram & utm_campaign=launch');
    expect(describeCookies(await v.cookies())).toEqual(['hotlinks@127.0.0.1']);

    const expected = 'https://pay.hotmart.com/A12345678B?af=O95340038V&sck=bio&utm_source=instagram&utm_campaign=launch&off=demo2024';
    await expect.poll(() => v.page.textContent('#button-url')).toBe(expected);
    expect(await v.page.textContent('#link-url')).toBe(
      'https://pay.hotmart.com/A12345678B?off=demo2024&checkoutMode=10&af=O95340038V&sck=bio&utm_source=instagram&utm_campaign=launch',
    );
    await shoot(v, 'demo.png');

    await v.page.locator('#buy').getByRole('link').click();
    await v.page.waitForURL(/\/checkout-preview\?url=/);
    expect(await v.page.textContent('#url')).toBe(expected);
    const rows = await v.page.$$eval('#params tr', (trs: HTMLTableRowElement[]) => trs.map((tr) => [...tr.cells].slice(0, 2).map((td) => td.textContent)));
    expect(rows).toEqual([...new URL(expected).searchParams]);
    // Answered locally: the checkout event was cancelled and nothing went to Hotmart.
    expect(v.events.filter((e) => e.type == 'hotlink-checkout').map((e) => [e.detail.url, e.cancelled])).toEqual([[expected, true]]);
    expect(v.checkouts).toEqual([]);
    await shoot(v, 'checkout-preview.png');

    await v.page.goBack();
    await v.page.getByRole('button', { name: 'Forget the attribution' }).click();
    await expect.poll(() => fact(v, 'affiliate')).toBe('none captured');
    expect(await v.cookies()).toEqual([]);
    await expect.poll(() => v.page.textContent('#button-url')).toBe('https://pay.hotmart.com/A12345678B?off=demo2024');
    expect(v.errors).toEqual([]);
    expect(v.refused).toEqual([]);
  });

  it('index: a forged code is ignored', async () => {
    const v = await visit();
    await v.page.goto(demo.url);
    await v.page.getByRole('link', { name: 'A forged code (ignored)' }).click();
    await v.page.waitForURL(/\?a=/);
    await expect.poll(() => fact(v, 'affiliate')).toBe('none captured');
    expect(await v.cookies()).toEqual([]);
  });

  it('sales page: existing links, form and widget markup carry the code; only the widget script is refused (offline)', async () => {
    const v = await visit();
    await v.page.goto(demo.url + 'sales-page.html?a=O95340038V&utm_source=instagram&sck=bio');
    const tags = 'af=O95340038V&sck=bio&utm_source=instagram';
    expect(await v.page.getAttribute('#plan-basic', 'href')).toBe(`https://pay.hotmart.com/A12345678B?off=basic123&${tags}`);
    expect(await v.page.getAttribute('#widget', 'href')).toBe(`https://pay.hotmart.com/A12345678B?checkoutMode=2&${tags}`);
    expect(await v.page.getAttribute('#widget', 'class')).toBe('hotmart-fb hotmart__button-checkout');
    await shoot(v, 'sales-page.png');
    await v.page.fill('input[name=email]', 'ana@example.com');
    // The GET form's fields come from hotlinks-forms.js, fetched as the page loads.
    await v.page.waitForSelector('#plan-form input[type=hidden][name=af]', { state: 'attached' });
    await v.page.getByRole('button', { name: 'Continuar para o pagamento' }).click();
    await v.page.waitForURL(/\/checkout-preview/);
    expect(await v.page.textContent('#url')).toBe(`https://pay.hotmart.com/A12345678B?${tags}`);
    expect(new Set(v.refused.map((url) => new URL(url).host))).toEqual(new Set(['static.hotmart.com']));
    expect(v.errors).toEqual([]);
  });

  it('npm/ESM page: the package runs from an import map; init() names a bad option; the element works', async () => {
    const v = await visit();
    await v.page.goto(demo.url + 'esm.html?a=Q100328287K&utm_source=newsletter');
    await expect.poll(() => v.page.textContent('#checkout-url')).toBe(
      'https://pay.hotmart.com/A12345678B?af=Q100328287K&utm_source=newsletter&off=demo2024',
    );
    expect(await v.page.textContent('#attribution')).toBe('Q100328287K, until Thu May 30 2030, in the cookie');
    expect(await v.page.textContent('#init-error')).toMatch(/^HotLinks\.init\(\): cookieDays must be .*, got "often"$/);
    await expect.poll(() => v.page.textContent('pre[data-source="esm.js"]')).toContain("import 'hotlinks-embed/define';");
    // 90 days from init(): the package's settings, not the defaults.
    const [cookie] = await v.cookies();
    expect(Math.round((parseInt(cookie.value.split('|')[3], 36) - NOW.getTime()) / 86_400_000)).toBe(90);
    await v.page.locator('#buy').getByRole('link').click();
    await v.page.waitForURL(/\/checkout-preview/);
    expect(await v.page.textContent('#url')).toBe(
      'https://pay.hotmart.com/A12345678B?af=Q100328287K&utm_source=newsletter&off=demo2024&sck=esm-page',
    );
    expect(v.errors).toEqual([]);
  });

  it('theming page: every button upgrades, the disabled one has no link', async () => {
    const v = await visit();
    await v.page.goto(demo.url + 'theming.html');
    const buttons = v.page.locator('hotlink-buy-button');
    expect(await buttons.count()).toBe(13);
    const hrefs = await buttons.evaluateAll((els) => els.map((el) => el.shadowRoot?.querySelector('a[part~="button"]')?.getAttribute('href') ?? 'none'));
    expect(hrefs.filter((href) => href == 'https://pay.hotmart.com/A12345678B')).toHaveLength(12);
    expect(await v.page.locator('hotlink-buy-button[disabled]').evaluate((el) => el.shadowRoot!.querySelector('a')!.hasAttribute('href'))).toBe(false);
    // The custom theme is applied through the custom properties and parts.
    const background = await v.page.locator('hotlink-buy-button.brand').evaluate((el) => getComputedStyle(el.shadowRoot!.querySelector('a')!).backgroundColor);
    expect(background).toBe('rgb(91, 33, 182)');
    const radius = await v.page.locator('hotlink-buy-button.pill').evaluate((el) => getComputedStyle(el.shadowRoot!.querySelector('a')!).borderRadius);
    expect(radius).toBe('999px');
    await shoot(v, 'theming.png');
    expect(v.errors).toEqual([]);
  });

  it('consent page: nothing stored until Accept; Decline deletes the cookie', async () => {
    const v = await visit();
    await v.page.goto(demo.url + 'consent.html?a=O95340038V&utm_source=instagram');
    const banner = v.page.getByRole('region', { name: 'Cookie consent' });
    await expect.poll(() => banner.isVisible()).toBe(true);
    await expect.poll(() => fact(v, 'storage')).toBe('this page only (memory): no consent, or cookies refused');
    expect(await v.cookies()).toEqual([]);
    await shoot(v, 'consent.png', false);

    await banner.getByRole('button', { name: 'Accept' }).click();
    expect(describeCookies(await v.cookies())).toEqual(['hotlinks@127.0.0.1']);
    await v.page.reload();
    await expect.poll(() => fact(v, 'consent')).toBe('granted');
    expect(await banner.isVisible()).toBe(false);
    expect(await fact(v, 'affiliate')).toBe('O95340038V');

    await v.page.getByRole('button', { name: 'Cookie settings' }).click();
    await banner.getByRole('button', { name: 'Decline' }).click();
    expect(await v.cookies()).toEqual([]);
    await expect.poll(() => fact(v, 'consent')).toBe('pending: nothing is written until HotLinks.consent(true)');
    expect(v.errors).toEqual([]);
  });

  it('blog post: its buttons keep their boxes as they upgrade (its copy of the reserve CSS), and both carry the affiliate', async () => {
    const v = await visit();
    await holdDefine(v);
    await v.page.goto(demo.url + 'blog-post.html?a=O95340038V&utm_source=instagram');
    const before = await boxes(v);
    expect(before).toHaveLength(2);
    await defineAndRender(v);
    expect(await boxes(v)).toEqual(before);
    const hrefs = await v.page
      .locator('hotlink-buy-button')
      .evaluateAll((els) => els.map((el) => el.shadowRoot!.querySelector('a[part~="button"]')!.getAttribute('href')));
    const tags = 'af=O95340038V&utm_source=instagram&off=demo2024';
    expect(hrefs).toEqual([
      `https://pay.hotmart.com/A12345678B?${tags}&sck=blog-meio`,
      `https://pay.hotmart.com/A12345678B?${tags}&sck=blog-fim&checkoutMode=2`,
    ]);
    expect(v.errors).toEqual([]);
    expect(v.console.filter((line) => /^(error|warning)/.test(line))).toEqual([]);
  });

  it('?hotlinks_debug=1 on an example page shows the debug panel', async () => {
    const v = await visit();
    await v.page.goto(demo.url + 'sales-page.html?a=O95340038V&utm_source=instagram&sck=bio&hotlinks_debug=1');
    const panel = v.page.getByRole('region', { name: 'HotLinks debug' });
    await expect.poll(() => panel.locator('dd[data-fact="affiliate"]').textContent()).toBe('O95340038V');
    expect(await panel.locator('dd[data-fact="checkout"]').textContent()).toBe(
      'https://pay.hotmart.com/A12345678B?off=basic123&af=O95340038V&sck=bio&utm_source=instagram  (link)',
    );
    await shoot(v, 'debug-panel.png', false);
  });
});
