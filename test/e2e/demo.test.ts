/**
 * The demo (`npm start`): its pages, clicked through in a real browser the way the README says,
 * from an affiliate's link to the checkout preview, and on to a simulated Hotmart sale on the
 * dashboard of the demo's own loop server (`hotlinks-embed serve`, here on a copy of the migrated
 * store). These tests also take the README's screenshots.
 */
import { rmSync } from 'node:fs';
import type { BrowserContextOptions, Locator } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDemoServer } from '../../scripts/serve.mjs';
import { storeCopy } from './harness/loop';
import { saveScreenshot } from './harness/screenshots';
import { describeInBrowser, useBrowser } from './harness/suite';
import { boxes, defineAndRender, holdDefine } from './harness/upgrade';
import { describeCookies, type Visitor } from './harness/visitor';

/** A fixed clock, locale and window (and random numbers, below): the screenshots change only when the pages do. */
const SCREEN: BrowserContextOptions = { viewport: { width: 1000, height: 760 }, locale: 'en-US', timezoneId: 'UTC' };
const NOW = new Date('2030-03-01T12:00:00Z');

/**
 * Runs in each page before its scripts: `crypto.getRandomValues` from a fixed seed, so the visit id
 * (which checkout URLs carry, and the pages show) is the same on every run.
 */
function fixedRandom() {
  let seed = 20300301;
  Crypto.prototype.getRandomValues = function <T extends ArrayBufferView | null>(array: T): T {
    const bytes = new Uint8Array(array!.buffer, array!.byteOffset, array!.byteLength);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24;
    return array;
  };
}

/** The demo loop server's dashboard token here (`npm start` makes one and keeps it in its data directory). */
const DEMO_TOKEN = 'demo-e2e-token-5b7c19';

describeInBrowser('the demo', () => {
  const t = useBrowser();
  let demo: Awaited<ReturnType<typeof startDemoServer>>;
  let loopData: string;
  beforeAll(async () => {
    loopData = await storeCopy();
    demo = await startDemoServer({ port: 0, loop: { dataDir: loopData, token: DEMO_TOKEN } });
    if (!demo.loop) throw new Error(`the demo's loop server did not start: ${demo.loopProblem}`);
  });
  afterAll(async () => {
    await demo?.close();
    rmSync(loopData, { recursive: true, force: true });
  });

  const visit = async (): Promise<Visitor> => {
    const v = await t.visitor(SCREEN);
    await v.context.clock.setFixedTime(NOW);
    // On the page, not the context: the context stays fit for the next test's visitor.
    await v.page.addInitScript(fixedRandom);
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

    const visitId = await v.visit();
    const expected = `https://pay.hotmart.com/A12345678B?af=O95340038V&sck=bio&utm_source=instagram&utm_campaign=launch&xcod=${visitId}&off=demo2024`;
    await expect.poll(() => v.page.textContent('#button-url')).toBe(expected);
    // The plain link carries the code once the visitor acts on it (a right click, as for "copy link address").
    await v.page.click('#plain-link', { button: 'right' });
    const link = `https://pay.hotmart.com/A12345678B?off=demo2024&checkoutMode=10&af=O95340038V&sck=bio&utm_source=instagram&utm_campaign=launch&xcod=${visitId}`;
    expect(await v.page.getAttribute('#plain-link', 'href')).toBe(link);
    await expect.poll(() => v.page.textContent('#link-url')).toBe(link);
    await shoot(v, 'demo.png');

    await v.page.locator('#buy').getByRole('link').click();
    await v.page.waitForURL(/\/checkout-preview\?url=/);
    expect(await v.page.textContent('#url')).toBe(expected);
    const rows = await v.page.$$eval('#params tr', (trs: HTMLTableRowElement[]) => trs.map((tr) => [...tr.cells].slice(0, 2).map((td) => td.textContent)));
    expect(rows).toEqual([...new URL(expected).searchParams]);
    // Answered locally: the checkout event went through (and was reported), the navigation was
    // stopped, and nothing went to Hotmart.
    expect(v.events.filter((e) => e.type == 'hotlinks-checkout').map((e) => [e.detail.url, e.cancelled])).toEqual([[expected, false]]);
    expect(v.checkouts).toEqual([]);

    await v.page.goBack();
    await expect.poll(() => fact(v, 'affiliate')).toBe('O95340038V');
    // The facts and URLs follow at once, with no timer run in between: after "Forget" (clear() fires
    // no event, the page shows it itself) and after a capture (the hotlinks-attribution event).
    const shownAfter = (action: string) =>
      v.page.evaluate(async (action) => {
        if (action == 'forget') document.getElementById('forget')!.click();
        else history.pushState(null, '', action);
        for (let i = 0; i < 100; i++) await null; // microtasks only
        return [document.querySelector('#captured dd[data-fact="affiliate"]')!.textContent, document.getElementById('button-url')!.textContent];
      }, action);
    expect(await shownAfter('forget')).toEqual(['none captured', 'https://pay.hotmart.com/A12345678B?off=demo2024']);
    expect(await v.cookies()).toEqual([]);
    const shown = await shownAfter('/?a=Q100328287K');
    expect(shown).toEqual(['Q100328287K', `https://pay.hotmart.com/A12345678B?af=Q100328287K&xcod=${await v.visit()}&off=demo2024`]);
    expect(v.errors).toEqual([]);
    expect(v.refused).toEqual([]);
  });

  it('checkout preview: "Simulate the Hotmart sale" sends the demo loop server the webhook for that checkout; its dashboard shows the sale as captured beside the visit and the departure the page reported, then one Hotmart credited to nobody as lost', async () => {
    const v = await t.visitor(SCREEN);
    // The loop server dates visits and sales by its own clock: the page's "last 30 days" must be today's.
    await v.context.clock.setFixedTime(Date.now());
    await v.page.addInitScript(fixedRandom);
    await v.page.goto(demo.url + '?a=W3620259P&utm_source=newsletter&utm_campaign=demo-sale');
    await expect.poll(() => fact(v, 'affiliate')).toBe('W3620259P');
    await v.page.locator('#buy').getByRole('link').click();
    await v.page.waitForURL(/\/checkout-preview\?url=/);
    const visit = await v.visit();
    // The page reported the visit and the departure to the demo's loop server (data-collect="/collect").
    const reported = v.posts.filter((post) => post.url == demo.url + 'collect').map((post) => JSON.parse(post.body!));
    expect(reported.map((r) => [r.event, r.affiliate, r.visit])).toEqual([
      ['attribution', 'W3620259P', visit],
      ['checkout', 'W3620259P', visit],
    ]);

    const section = v.page.getByRole('region', { name: "Then Hotmart's webhook: simulate the sale" });
    await expect.poll(() => section.isVisible()).toBe(true);
    expect(await section.getByText('The sale is simulated: nothing is sent to Hotmart, and no Hotmart account is needed.').isVisible()).toBe(true);
    expect(await section.getByRole('radio', { name: 'the affiliate this checkout carried, W3620259P: the sale is credited as captured' }).isChecked()).toBe(true);
    await section.getByRole('button', { name: 'Simulate the Hotmart sale' }).click();
    const result = v.page.locator('#simulate-result');
    await expect.poll(() => result.textContent()).toBe("Sent: an approved sale of R$197.00, crediting W3620259P. The demo's loop server answered 200 kept.");
    // What was sent: Hotmart's webhook for this checkout (its xcod, af and offer; the button's price).
    const sent = JSON.parse((await v.page.locator('#payload pre').textContent())!);
    expect(sent).toMatchObject({
      event: 'PURCHASE_APPROVED',
      version: '2.0.0',
      data: {
        affiliates: [{ affiliate_code: 'W3620259P' }],
        purchase: { status: 'APPROVED', origin: { xcod: visit }, offer: { code: 'demo2024' }, price: { value: 197, currency_value: 'BRL' } },
      },
    });
    const dashboardLine = v.page.locator('#dashboard');
    expect(await dashboardLine.textContent()).toBe(
      `Open the dashboard (a new tab) and log in with the demo's dashboard token, ${DEMO_TOKEN}, which npm start printed too. The sale is in its credit check.`,
    );
    await shoot(v, 'checkout-preview.png');
    // Nothing was asked of Hotmart.
    expect(v.checkouts).toEqual([]);
    expect(v.refused).toEqual([]);

    // The link opens the dashboard, which asks for the token the preview shows.
    const [tab] = await Promise.all([v.context.waitForEvent('page'), dashboardLine.getByRole('link', { name: 'Open the dashboard' }).click()]);
    expect(tab.url()).toBe(demo.loop!.dashboard);
    await tab.getByLabel('Dashboard token').fill(DEMO_TOKEN);
    await tab.getByRole('button', { name: 'Log in' }).click();
    await tab.waitForSelector('#dashboard[data-state="ready"]');
    const cells = (row: Locator) => row.locator('th, td').allInnerTexts();
    const affiliateRow = tab.locator('#affiliates tbody tr').filter({ has: tab.getByRole('rowheader', { name: 'W3620259P', exact: true }) });
    expect(await cells(affiliateRow)).toEqual(['W3620259P', '1', '1', '100%', '1', '100%', '0', 'R$197.00']);
    const campaignRow = tab.locator('#campaigns tbody tr').filter({ has: tab.getByRole('cell', { name: 'demo-sale', exact: true }) });
    expect(await cells(campaignRow)).toEqual(['newsletter', 'demo-sale', '1', '1', '100%', '1', '100%', '0', 'R$197.00']);
    const creditClass = (name: string) => cells(tab.locator(`table.classes tr[data-class="${name}"]`));
    expect((await creditClass('asCaptured')).slice(0, 3)).toEqual(['✓ Credited as captured', '1', 'R$197.00']);

    // Again, Hotmart crediting nobody this time: the credit check lists the sale as lost.
    await section.getByRole('radio', { name: "no affiliate: the affiliate's credit is lost" }).check();
    await section.getByRole('button', { name: 'Simulate the Hotmart sale' }).click();
    await expect.poll(() => result.textContent()).toBe("Sent: an approved sale of R$197.00, crediting no affiliate. The demo's loop server answered 200 kept.");
    const lost = JSON.parse((await v.page.locator('#payload pre').textContent())!);
    expect(lost.data.affiliates).toEqual([]);
    await tab.reload();
    await tab.waitForSelector('#dashboard[data-state="ready"]');
    expect((await creditClass('lost')).slice(0, 3)).toEqual(['✕ Affiliate lost', '1', 'R$197.00']);
    const listed = await cells(tab.locator('#credit .table-scroll').nth(1).locator('tbody tr'));
    expect([listed[0], listed[2], listed[3], listed[4], listed[5]]).toEqual([lost.data.purchase.transaction, '✕ Affiliate lost', 'W3620259P', 'none', 'R$197.00']);
    expect(await cells(affiliateRow)).toEqual(['W3620259P', '1', '1', '100%', '2', '200%', '0', 'R$394.00']);
    expect(v.errors).toEqual([]);
    expect(v.console.filter((line) => /^(error|warning)/.test(line))).toEqual([]);
  });

  it('index: a forged code is ignored', async () => {
    const v = await visit();
    await v.page.goto(demo.url);
    await v.page.getByRole('link', { name: 'A forged code (ignored)' }).click();
    await v.page.waitForURL(/\?a=/);
    await expect.poll(() => fact(v, 'affiliate')).toBe('none captured');
    expect(await v.cookies()).toEqual([]);
  });

  it('sales page: existing links, form and widget markup carry the code; Hotmart\'s widget is a local stand-in', async () => {
    const v = await visit();
    await v.page.goto(demo.url + 'sales-page.html?a=O95340038V&utm_source=instagram&sck=bio');
    const tags = `af=O95340038V&sck=bio&utm_source=instagram&xcod=${await v.visit()}`;
    // A plain link carries the code once pressed (a right click); the widget's link at once.
    expect(await v.page.getAttribute('#plan-basic', 'href')).toBe('https://pay.hotmart.com/A12345678B?off=basic123');
    await v.page.click('#plan-basic', { button: 'right' });
    expect(await v.page.getAttribute('#plan-basic', 'href')).toBe(`https://pay.hotmart.com/A12345678B?off=basic123&${tags}`);
    expect(await v.page.getAttribute('#widget', 'href')).toBe(`https://pay.hotmart.com/A12345678B?checkoutMode=2&${tags}`);
    expect(await v.page.getAttribute('#widget', 'class')).toBe('hotmart-fb hotmart__button-checkout');
    await shoot(v, 'sales-page.png');
    await v.page.fill('input[name=email]', 'ana@example.com');
    // The GET form gets the code as hidden fields when it is submitted.
    await v.page.getByRole('button', { name: 'Continuar para o pagamento' }).click();
    await v.page.waitForURL(/\/checkout-preview/);
    expect(await v.page.textContent('#url')).toBe(`https://pay.hotmart.com/A12345678B?${tags}`);

    // The widget's link opens its pop-up (the stand-in's) on the checkout preview, with the code.
    await v.page.goBack();
    await expect.poll(() => v.page.getAttribute('#widget', 'href')).toBe(`https://pay.hotmart.com/A12345678B?checkoutMode=2&${tags}`);
    await expect.poll(() => v.page.getByText('Demo stand-in:').isVisible()).toBe(true);
    await v.page.click('#widget');
    const popup = v.page.getByRole('dialog', { name: "Checkout (stand-in for Hotmart's widget)" });
    await expect.poll(() => popup.isVisible()).toBe(true);
    const frame = v.page.frameLocator('dialog.standin-widget iframe');
    await expect.poll(() => frame.locator('#url').textContent()).toBe(`https://pay.hotmart.com/A12345678B?checkoutMode=2&${tags}`);
    // The preview speaks the sales page's Portuguese, its simulated sale too.
    await expect.poll(() => frame.getByRole('button', { name: 'Simular a venda na Hotmart' }).isVisible()).toBe(true);
    expect(await frame.getByText('A venda é simulada: nada é enviado à Hotmart').isVisible()).toBe(true);
    expect(v.page.url()).toContain('/sales-page.html');
    await popup.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => popup.count()).toBe(0);
    // Both departures (the form, the widget) were reported to the demo's loop server, as on a real site.
    const reported = () => v.posts.filter((post) => post.url == demo.url + 'collect').map((post) => JSON.parse(post.body!));
    await expect.poll(() => reported().map((r) => [r.event, r.checkoutUrl?.includes('checkoutMode=2') ?? null])).toEqual([
      ['attribution', null],
      ['checkout', false],
      ['checkout', true],
    ]);
    // Nothing was sent to Hotmart, nor asked of it.
    expect(v.refused).toEqual([]);
    expect(v.checkouts).toEqual([]);
    expect(v.errors).toEqual([]);
  });

  it('blog post: its Buy buttons are answered locally too, and the page says so', async () => {
    const v = await visit();
    await v.page.goto(demo.url + 'blog-post.html?a=O95340038V&utm_source=instagram');
    await expect.poll(() => v.page.getByText('Demo stand-in: the Buy buttons below open').isVisible()).toBe(true);
    await v.page.locator('hotlink-buy-button[sck="blog-meio"]').getByRole('link').click();
    await v.page.waitForURL(/\/checkout-preview/);
    const tags = `af=O95340038V&utm_source=instagram&xcod=${await v.visit()}&off=demo2024`;
    expect(await v.page.textContent('#url')).toBe(`https://pay.hotmart.com/A12345678B?${tags}&sck=blog-meio`);
    await v.page.goBack();
    await v.page.locator('hotlink-buy-button[mode="overlay"]').getByRole('link').click();
    await v.page.waitForURL(/\/checkout-preview/);
    expect(await v.page.textContent('#url')).toBe(`https://pay.hotmart.com/A12345678B?${tags}&sck=blog-fim&checkoutMode=2`);
    expect(v.refused).toEqual([]);
    expect(v.checkouts).toEqual([]);
    expect(v.errors).toEqual([]);
  });

  it('npm/ESM page: the package runs from an import map; init() names a bad option; the element works', async () => {
    const v = await visit();
    await v.page.goto(demo.url + 'esm.html?a=Q100328287K&utm_source=newsletter');
    await expect.poll(() => v.page.textContent('#attribution')).toMatch(/^Q100328287K/);
    const tags = `af=Q100328287K&utm_source=newsletter&xcod=${await v.visit()}&off=demo2024`;
    await expect.poll(() => v.page.textContent('#checkout-url')).toBe(`https://pay.hotmart.com/A12345678B?${tags}`);
    expect(await v.page.textContent('#attribution')).toBe('Q100328287K, until Thu May 30 2030, in the cookie');
    expect(await v.page.textContent('#init-error')).toMatch(/^HotLinks\.init\(\): cookieDays must be .*, got "often"$/);
    await expect.poll(() => v.page.textContent('pre[data-source="esm.js"]')).toContain("import 'hotlinks-embed/define';");
    // 90 days from init(): the package's settings, not the defaults.
    const [cookie] = await v.cookies();
    expect(Math.round((parseInt(cookie.value.split('|')[3], 36) - NOW.getTime()) / 86_400_000)).toBe(90);
    await v.page.locator('#buy').getByRole('link').click();
    await v.page.waitForURL(/\/checkout-preview/);
    expect(await v.page.textContent('#url')).toBe(`https://pay.hotmart.com/A12345678B?${tags}&sck=esm-page`);
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

  it('consent page: nothing stored until Accept; Decline deletes the cookie and says "declined"', async () => {
    const v = await visit();
    await v.page.goto(demo.url + 'consent.html?a=O95340038V&utm_source=instagram');
    const banner = v.page.getByRole('region', { name: 'Cookie consent' });
    await expect.poll(() => banner.isVisible()).toBe(true);
    await expect.poll(() => fact(v, 'storage')).toBe('this page only (memory): no consent, or cookies refused');
    expect(await v.cookies()).toEqual([]);
    await shoot(v, 'consent.png', false);

    await banner.getByRole('button', { name: 'Accept' }).click();
    expect(describeCookies(await v.cookies())).toEqual(['hotlinks@127.0.0.1']);
    // Shown at once (consent() fires no event: the page shows it after its banner's click).
    expect(await fact(v, 'storage')).toBe('first-party cookie "hotlinks"');
    expect(await fact(v, 'consent')).toBe('granted');
    await v.page.reload();
    await expect.poll(() => fact(v, 'consent')).toBe('granted');
    expect(await banner.isVisible()).toBe(false);
    expect(await fact(v, 'affiliate')).toBe('O95340038V');

    await v.page.getByRole('button', { name: 'Cookie settings' }).click();
    await banner.getByRole('button', { name: 'Decline' }).click();
    expect(await v.cookies()).toEqual([]);
    expect(await fact(v, 'consent')).toBe('declined: nothing is written to this device (HotLinks.consent(false))');
    expect(await fact(v, 'storage')).toBe('this page only (memory): no consent, or cookies refused');
    await v.page.reload();
    await expect.poll(() => fact(v, 'consent')).toBe('declined: nothing is written to this device (HotLinks.consent(false))');
    expect(await banner.isVisible()).toBe(false);
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
    const tags = `af=O95340038V&utm_source=instagram&xcod=${await v.visit()}&off=demo2024`;
    expect(hrefs).toEqual([
      `https://pay.hotmart.com/A12345678B?${tags}&sck=blog-meio`,
      `https://pay.hotmart.com/A12345678B?${tags}&sck=blog-fim&checkoutMode=2`,
    ]);
    expect(v.errors).toEqual([]);
    expect(v.console.filter((line) => /^(error|warning)/.test(line))).toEqual([]);
  });

  it('?hotlinks_debug=1 on an example page (in Portuguese) shows the debug panel, in Portuguese', async () => {
    const v = await visit();
    await v.page.goto(demo.url + 'sales-page.html?a=O95340038V&utm_source=instagram&sck=bio&hotlinks_debug=1');
    const panel = v.page.getByRole('region', { name: 'HotLinks: diagnóstico' });
    await expect.poll(() => panel.locator('dd[data-fact="affiliate"]').textContent()).toBe('O95340038V');
    expect(await panel.locator('dd[data-fact="checkout"]').textContent()).toBe(
      `https://pay.hotmart.com/A12345678B?off=basic123&af=O95340038V&sck=bio&utm_source=instagram&xcod=${await v.visit()}  (link)`,
    );
    // It starts as a collapsed tab; a click opens the facts.
    await panel.getByRole('button', { name: 'HotLinks: diagnóstico', exact: true }).click();
    expect(await panel.locator('dd[data-fact="expires"]').textContent()).toBe('30 de mai. de 2030, 12:00 (em 90 dias)');
    expect(await panel.locator('dt').allTextContents()).toEqual([
      'afiliado', 'chegou com', 'capturado em', 'expira em', 'guardado em', 'domínio do cookie', 'consentimento', 'repassados', 'modelo', 'pagamento',
    ]);
    await shoot(v, 'debug-panel.png', false);
  });
});
