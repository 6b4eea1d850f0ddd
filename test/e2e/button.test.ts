/**
 * `<hotlink-buy-button>` in each mode, by mouse and by keyboard alone: where the browser goes, what
 * it opens, where focus is, and which events fired. The button's page has a strict
 * Content-Security-Policy (harness/site.ts `STRICT_CSP`): every mode works under it, with no violation.
 */
import { expect, it } from 'vitest';
import { describeInBrowser, useBrowser } from './harness/suite';
import { STRICT_CSP, dropin, html } from './harness/site';
import type { Visitor } from './harness/visitor';

const HOTLINK = 'https://pay.hotmart.com/Y70033327T';
const button = (attrs: string, inner = '') => `<a id="before" href="/elsewhere">Before</a>
  <hotlink-buy-button id="buy" hotlink="${HOTLINK}" offer="7hted3u5" sck="blog" lang="en" ${attrs}>${inner}</hotlink-buy-button>
  <a id="after" href="/elsewhere">After</a>`;
/** The landing (on www.) adds the code, a tag and the visit id; the button adds its offer and its sck. */
const decorated = async (v: Visitor) => `${HOTLINK}?af=O95340038V&utm_source=ig&xcod=${await v.visit()}&off=7hted3u5&sck=blog`;

/** What has focus, through the button's shadow root: `part` of the focused element, or the light-DOM id. */
const focused = (v: Visitor) =>
  v.page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el?.getAttribute('part') ?? el?.id ?? el?.localName ?? null;
  });

describeInBrowser('the Buy button', () => {
  const t = useBrowser();

  /** Lands on www. with a code, then opens the button's page (strict CSP) on blog. */
  const open = async (attrs: string, inner = '', options = {}) => {
    t.site.page('/landing', html('<p>landing</p>', dropin('hotlinks-capture.js')));
    t.site.page('/post', { body: html(button(attrs, inner), dropin('hotlinks.js')), headers: { 'content-security-policy': STRICT_CSP } });
    const v = await t.visitor(options);
    await v.page.goto(t.site.url('www.shop.test', '/landing?a=O95340038V&utm_source=ig'));
    await v.page.goto(t.site.url('blog.shop.test', '/post'));
    await v.page.waitForFunction(() => !!document.querySelector('hotlink-buy-button')?.shadowRoot?.querySelector('a[part~="button"][href]'));
    return v;
  };
  const checkoutEvents = (v: Visitor) => v.events.filter((e) => e.type == 'hotlinks-checkout').map((e) => e.detail.url);

  it('redirect (default): a real link to the decorated checkout URL; a click goes there', async () => {
    const v = await open('');
    const DECORATED = await decorated(v);
    const link = v.page.locator('#buy').getByRole('link', { name: 'Buy now' });
    // The link itself carries the URL: middle-click, "open in new tab" and copy-link get it too.
    expect(await link.getAttribute('href')).toBe(DECORATED);
    expect(await link.getAttribute('target')).toBeNull();
    await link.click();
    expect(await v.reachCheckout()).toBe(DECORATED);
    // One click, one event (the click leaving the shadow root is not counted twice).
    expect(checkoutEvents(v)).toEqual([DECORATED]);
    expect(v.violations).toEqual([]);
    expect(v.errors).toEqual([]);
  });

  it('redirect by keyboard: Tab to the button, Enter', async () => {
    const v = await open('mode="redirect"');
    const DECORATED = await decorated(v);
    await v.page.focus('#before');
    await v.page.keyboard.press('Tab');
    expect(await focused(v)).toBe('button');
    await v.page.keyboard.press('Enter');
    expect(await v.reachCheckout()).toBe(DECORATED);
  });

  it('new-tab: checkout opens in a new tab, the page stays; the label says so to screen readers', async () => {
    const v = await open('mode="new-tab"');
    const DECORATED = await decorated(v);
    const link = v.page.locator('#buy').getByRole('link', { name: /Buy now/ });
    expect(await link.textContent()).toMatch(/\(opens in a new tab\)/);
    expect(await link.getAttribute('rel')).toContain('noopener');
    const [tab] = await Promise.all([v.context.waitForEvent('page'), link.click()]);
    expect(await v.reachCheckout(tab)).toBe(DECORATED);
    expect(v.page.url()).toBe(t.site.url('blog.shop.test', '/post'));
    expect(checkoutEvents(v)).toEqual([DECORATED]);
  });

  it('overlay, keyboard only: Tab, Enter opens checkout in a modal dialog, Escape closes it, focus returns', async () => {
    const v = await open('mode="overlay"');
    const overlayUrl = `${await decorated(v)}&checkoutMode=2`;
    await v.page.focus('#before');
    await v.page.keyboard.press('Tab');
    expect(await focused(v)).toBe('button');
    expect(await v.page.locator('#buy').getByRole('link', { name: 'Buy now' }).getAttribute('aria-haspopup')).toBe('dialog');

    await v.page.keyboard.press('Enter');
    const dialog = v.page.getByRole('dialog', { name: 'Checkout' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await expect.poll(() => v.checkouts).toEqual([overlayUrl]);
    expect(await dialog.locator('iframe').getAttribute('src')).toBe(overlayUrl);
    expect(await v.page.frameLocator('#buy >> iframe').locator('h1').textContent()).toBe('Checkout');
    expect(await focused(v)).toBe('close');
    expect(v.page.url()).toBe(t.site.url('blog.shop.test', '/post'));
    expect(checkoutEvents(v)).toEqual([overlayUrl]);

    // Modal: Tab stays inside the dialog, never reaching the page behind it.
    for (let i = 0; i < 4; i++) {
      await v.page.keyboard.press('Tab');
      expect(['before', 'after']).not.toContain(await focused(v));
    }

    await v.page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await focused(v)).toBe('button');
    expect(v.page.url()).toBe(t.site.url('blog.shop.test', '/post'));

    // And again: Enter reopens the same checkout, the Close button closes it.
    await v.page.keyboard.press('Enter');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await v.page.keyboard.press('Enter'); // focus is on Close
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await focused(v)).toBe('button');

    // Escape right after opening, before checkout has loaded in the frame.
    await v.page.keyboard.press('Enter');
    expect(await focused(v)).toBe('close');
    await v.page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await focused(v)).toBe('button');

    // By mouse: the button opens it, the Close button closes it and gives focus back.
    await v.page.locator('#buy').getByRole('link', { name: 'Buy now' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await focused(v)).toBe('button');

    // Each opening fired one hotlinks-checkout; the page never left; nothing was refused.
    expect(checkoutEvents(v)).toEqual(Array(4).fill(overlayUrl));
    expect(v.page.url()).toBe(t.site.url('blog.shop.test', '/post'));
    expect(v.violations).toEqual([]);
    expect(v.errors).toEqual([]);
  });

  it('a cancelled hotlinks-checkout keeps the visitor on the page', async () => {
    t.site.page('/cancel.js', { type: 'text/javascript', body: `document.addEventListener('hotlinks-checkout', (e) => e.preventDefault());` });
    t.site.page('/landing', html('<p>landing</p>', dropin('hotlinks-capture.js')));
    t.site.page('/post', html(button(''), dropin('hotlinks.js') + '<script src="/cancel.js"></script>'));
    const v = await t.visitor();
    await v.page.goto(t.site.url('blog.shop.test', '/post'));
    await v.page.locator('#buy').getByRole('link').click();
    await expect.poll(() => v.events.map((e) => e.cancelled)).toEqual([true]);
    expect(v.page.url()).toBe(t.site.url('blog.shop.test', '/post'));
    expect(v.checkouts).toEqual([]);
  });

  it.each([
    { what: 'no script on the page', javaScriptEnabled: true, script: false },
    { what: 'the script failing to load', javaScriptEnabled: true, script: 'missing' },
    { what: 'JavaScript off in the browser', javaScriptEnabled: false, script: true },
  ])('with $what, the fallback link still reaches checkout', async ({ javaScriptEnabled, script }) => {
    const tag = script == 'missing' ? '<script src="/dist/not-there.js"></script>' : script ? dropin('hotlinks.js') : '';
    t.site.page('/fallback', html(button('', '<a id="fallback" href="https://pay.hotmart.com/Y70033327T?off=7hted3u5">Comprar</a>'), tag));
    const v = await t.visitor({ javaScriptEnabled });
    await v.page.goto(t.site.url('www.shop.test', '/fallback'));
    await v.page.getByRole('link', { name: 'Comprar' }).click();
    expect(await v.reachCheckout()).toBe('https://pay.hotmart.com/Y70033327T?off=7hted3u5');
  });

  it.each([
    'https://pay.hotmart.com.evil.test/Y70033327T',
    'http://pay.hotmart.com/Y70033327T',
    'javascript:alert(1)',
    'https://evil.test/?to=https://pay.hotmart.com/Y70033327T',
  ])('a hotlink that is not checkout (%s) is never navigated to, and the console says why', async (hotlink) => {
    t.site.page('/bad', html(`<hotlink-buy-button id="buy" lang="en" hotlink="${hotlink}"></hotlink-buy-button>`, dropin('hotlinks.js')));
    const v = await t.visitor();
    const dialogs: string[] = [];
    v.page.on('dialog', (d) => (dialogs.push(d.message()), void d.dismiss()));
    await v.page.goto(t.site.url('www.shop.test', '/bad'));
    const link = v.page.locator('#buy').getByRole('link');
    await expect.poll(() => link.getAttribute('aria-disabled')).toBe('true');
    expect(await link.getAttribute('href')).toBeNull();
    // A visitor clicking it anyway (Playwright would wait for an enabled element: force).
    await link.click({ force: true });
    await v.page.waitForTimeout(300);
    expect(v.page.url()).toBe(t.site.url('www.shop.test', '/bad'));
    expect(v.checkouts).toEqual([]);
    expect(v.refused).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(v.console.some((line) => line.startsWith('error') && line.includes('hotlink') && line.includes('not an https: link on a checkout host'))).toBe(true);
  });
});
