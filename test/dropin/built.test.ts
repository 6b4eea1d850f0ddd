/**
 * The built drop-in on pages where something it relies on is missing or fails: an old browser
 * without custom elements, a reporter file that cannot load, the ESM package running before or after,
 * cookies blocked. In each, the visitor reaches checkout with the code, and nothing is thrown.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HotLinks } from '../../src/hotlinks';
import { runDropin } from '../support/built';
import { CODE, ORIGIN, click, cookie, recordConsole, setUrl, settle, stubCookie, usePage } from '../support/page';

const HOTLINK = 'https://pay.hotmart.com/A72242240H?off=abc';
const DECORATED = `${HOTLINK}&af=${CODE}&utm_source=fb`;
/** DECORATED with the visit id, as the drop-in's defaults send it (`xcod`). */
const decorated = () => `${DECORATED}&xcod=${api().getAttribution()!.visit}`;
const BUTTON = `<hotlink-buy-button hotlink="${HOTLINK}"><a id="fallback" href="${HOTLINK}">Comprar</a></hotlink-buy-button>`;
const api = () => (window as unknown as { HotLinks: HotLinks }).HotLinks;

/** Errors the page would see: uncaught exceptions and unhandled rejections. */
let pageErrors: unknown[] = [];
const onError = (error: unknown) => pageErrors.push(error);
beforeEach(() => {
  pageErrors = [];
  process.on('unhandledRejection', onError);
  window.addEventListener('error', onError);
});
afterEach(() => {
  process.off('unhandledRejection', onError);
  window.removeEventListener('error', onError);
});

describe('the built drop-in (dist/hotlinks.js) in a browser without custom elements', () => {
  usePage(ORIGIN + '/', BUTTON);

  it('captures, and the fallback link inside the button is decorated and reaches checkout', async () => {
    vi.stubGlobal('customElements', undefined);
    setUrl(`/curso?a=${CODE}&utm_source=fb`);
    expect(() => runDropin('hotlinks.js')).not.toThrow();
    await settle();
    expect(cookie()).toMatch(new RegExp(`^2\\|${CODE}\\|`));
    expect(api().getAttribution()).toMatchObject({ affiliate: CODE, storage: 'cookie' });
    // Never upgraded: its light DOM is what the visitor sees and clicks.
    expect(document.querySelector('hotlink-buy-button')!.shadowRoot).toBeNull();
    expect(click(document.getElementById('fallback')!)).toBe(decorated());
    expect(pageErrors).toEqual([]);
  });
});

describe('the built capture script (dist/hotlinks-capture.js) when its reporter cannot load', () => {
  usePage(ORIGIN + '/', `<a id="buy" href="${HOTLINK}">Comprar</a>`);

  it('offline, a CSP or a 404 for hotlinks-report.js: no error on the page, no report, and checkout at once', async () => {
    setUrl(`/curso?a=${CODE}&utm_source=fb`);
    const warnings = recordConsole('warn');
    // The reporter is fetched from beside the script (https://www.shop.example/js/): here that import fails.
    runDropin('hotlinks-capture.js', { 'data-collect': '/api/hotlinks', 'data-datalayer': '' });
    expect(click(document.getElementById('buy')!)).toBe(decorated());
    await settle();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(cookie()).toMatch(new RegExp(`^2\\|${CODE}\\|`));
    expect((window as { dataLayer?: unknown }).dataLayer).toBeUndefined();
    // The producer is told which file, from where, and what the page loses.
    expect(warnings).toEqual([
      '[hotlinks] hotlinks-report.js could not load from https://www.shop.example/js/hotlinks-report.js: reports are not sent from this page',
    ]);
    expect(pageErrors).toEqual([]);
  });
});

describe('the ESM package after the built capture script started', () => {
  usePage(ORIGIN + '/', `<a id="buy" href="${HOTLINK}">Comprar</a>`);

  it("init() hands back the running instance, with the script tag's settings: one capture, one cookie", async () => {
    setUrl(`/curso?a=${CODE}&utm_source=fb`);
    const captured: unknown[] = [];
    document.addEventListener('hotlinks-attribution', (e) => captured.push(e));
    runDropin('hotlinks-capture.js', { 'data-cookie-days': '30' });
    vi.resetModules();
    const sdk = await import('../../src/index');
    expect(sdk.init({ cookieDays: 90 }).options.cookieDays).toBe(30);
    await settle();
    expect(captured).toHaveLength(1);
    const attribution = sdk.getAttribution()!;
    expect(attribution.expiresAt - attribution.capturedAt).toBe(30 * 86_400_000);
    expect(api().getAttribution()).toEqual(attribution);
    expect(sdk.checkoutUrl(HOTLINK)).toBe(decorated());
    expect(click(document.getElementById('buy')!)).toBe(decorated());
    expect(pageErrors).toEqual([]);
  });
});

// Last: it defines the element for the rest of this file.
describe('the built drop-in beside the ESM package (sources) that started first', () => {
  usePage(ORIGIN + '/', BUTTON);

  it('one instance (the first, with its options), one capture, one cookie; the button works, nothing said', async () => {
    setUrl(`/curso?a=${CODE}&utm_source=fb`);
    const captured: unknown[] = [];
    document.addEventListener('hotlinks-attribution', (e) => captured.push(e));
    vi.resetModules();
    const sdk = await import('../../src/index');
    sdk.init({ cookieDays: 90 });
    await import('../../src/define');
    const messages = [...recordConsole('warn'), ...recordConsole('error')];
    runDropin('hotlinks.js', { 'data-cookie-days': '30' });
    await settle();

    expect(captured).toHaveLength(1);
    const attribution = sdk.getAttribution()!;
    expect(attribution.expiresAt - attribution.capturedAt).toBe(90 * 86_400_000);
    expect(api().getAttribution()).toEqual(attribution);
    expect(document.cookie.split('; ').filter((c) => c.startsWith('hotlinks='))).toHaveLength(1);
    // The fallback link decorated once, and the button (the ESM's definition) leads to the same checkout.
    expect(click(document.getElementById('fallback')!)).toBe(decorated());
    const el = document.querySelector('hotlink-buy-button') as HTMLElement & { updateComplete: Promise<unknown> };
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('a')!.getAttribute('href')).toBe(decorated());
    expect(messages).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

/**
 * The built drop-in with cookies blocked (`document.cookie` throws, as in a sandboxed frame or with
 * "block all cookies"): the Buy button still takes the visitor to checkout with the code, kept in
 * memory for the page. (The core and links alone: test/attribution/cookie-store.test.ts, "faults".)
 */
describe('cookies blocked, the built drop-in and its Buy button', () => {
  usePage(ORIGIN + '/');

  it('the button leads to checkout with the code and the tags; nothing is thrown', async () => {
    const refuse = () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    };
    stubCookie(refuse, refuse);
    setUrl(`/curso?a=${CODE}&utm_source=fb`);
    expect(() => runDropin('hotlinks.js')).not.toThrow();
    // The script in <head>: the button is parsed after it. (happy-dom does not pass attributes to an element upgraded later.)
    document.body.innerHTML = `<hotlink-buy-button hotlink="${HOTLINK}" sck="blog"></hotlink-buy-button>`;
    const el = document.querySelector('hotlink-buy-button') as HTMLElement & { updateComplete: Promise<unknown> };
    await settle();
    await el.updateComplete;

    const hotlinks = (window as unknown as { HotLinks: HotLinks }).HotLinks;
    expect(hotlinks.getAttribution()).toMatchObject({ affiliate: CODE, params: { utm_source: 'fb' }, storage: 'memory' });
    const link = el.shadowRoot!.querySelector<HTMLAnchorElement>('a[part=button]')!;
    // The visit id goes with it, though it lives in this page's memory only.
    expect(click(link)).toBe(`${HOTLINK}&af=${CODE}&utm_source=fb&xcod=${hotlinks.getAttribution()!.visit}&sck=blog`);
  });
});
