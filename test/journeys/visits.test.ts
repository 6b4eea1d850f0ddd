/**
 * Whole visits: a visitor lands from an affiliate's link, browses, and leaves for checkout. Each
 * test is one story, observed as the visitor and the producer would see it.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Attribution } from '../../src/attribution/attribution';
import type { CheckoutDetail } from '../../src/page/events';
import { CODE, ORIGIN, OTHER_CODE, click, cookie, press, reload, settle, setUrl, start, usePage } from '../support/page';

const SALES_PAGE = '<a id="buy" href="https://pay.hotmart.com/A72242240H?off=abc">Buy</a><a id="other" href="https://example.com/?q=1">x</a>';

describe('landing, then a checkout link', () => {
  usePage(ORIGIN + '/curso?a=O95340038V&utm_source=fb&x=1', SALES_PAGE);

  it('captures the code into the cookie and decorates checkout links only', async () => {
    const events: unknown[] = [];
    document.addEventListener('hotlinks-attribution', (e) => events.push(e.detail));
    const hotlinks = start();
    const attribution = hotlinks.getAttribution();
    expect(attribution).toMatchObject({ affiliate: 'O95340038V', params: { utm_source: 'fb' }, storage: 'cookie' });
    expect(document.cookie).toContain('hotlinks=2|O95340038V|');
    expect(press(document.getElementById('buy')!)).toBe('https://pay.hotmart.com/A72242240H?off=abc&af=O95340038V&utm_source=fb');
    expect(press(document.getElementById('other')!)).toBe('https://example.com/?q=1');
    expect(events).toHaveLength(1);
    const late = document.createElement('a');
    late.href = 'https://payment.hotmart.com/next/T83787812B?checkoutMode=10';
    document.body.append(late);
    await new Promise((r) => setTimeout(r, 0));
    expect(press(late)).toBe('https://payment.hotmart.com/next/T83787812B?checkoutMode=10&af=O95340038V&utm_source=fb');
  });

  it('days later, on another page, the click on Buy goes to checkout with the credit', async () => {
    start();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 30 * 86_400_000);
    const departures: CheckoutDetail[] = [];
    document.addEventListener('hotlinks-checkout', (e) => departures.push(e.detail));
    const hotlinks = reload('/blog/post-sobre-o-curso');
    document.body.innerHTML = '<p>Blog</p><a id="buy" href="https://pay.hotmart.com/J84635582W?checkoutMode=10"><b id="label">Comprar</b></a>';
    await settle();
    const expected = 'https://pay.hotmart.com/J84635582W?checkoutMode=10&af=O95340038V&utm_source=fb';
    expect(click(document.getElementById('label')!)).toBe(expected);
    expect(departures).toEqual([{ url: expected, attribution: hotlinks.getAttribution() }]);
    expect(departures[0].attribution).toMatchObject({ affiliate: CODE, storage: 'cookie' });
  });

  it('a hostile landing afterwards changes nothing; a real new affiliate (last click) takes over', () => {
    start();
    const hostile = reload('/?a=%3Cscript%3Ealert(1)%3C%2Fscript%3E&utm_source=%3Bdomain%3Devil.example');
    expect(hostile.getAttribution()).toMatchObject({ affiliate: CODE, params: { utm_source: 'fb' } });
    expect(press(document.getElementById('buy')!)).toBe('https://pay.hotmart.com/A72242240H?off=abc&af=O95340038V&utm_source=fb');
    const next = reload(`/?aff=${OTHER_CODE}&utm_source=ig`);
    expect(next.getAttribution()).toMatchObject({ affiliate: OTHER_CODE, params: { utm_source: 'ig' } });
    expect(cookie()).toMatch(new RegExp(`^2\\|${OTHER_CODE}\\|`));
  });
});

describe('a consent banner', () => {
  usePage(ORIGIN + '/curso?a=O95340038V', SALES_PAGE);

  it('before the answer the code is only in memory and still reaches checkout; "accept" stores it for later visits', () => {
    const hotlinks = start({ consent: 'pending' });
    expect(document.cookie).toBe('');
    expect(click(document.getElementById('buy')!)).toBe('https://pay.hotmart.com/A72242240H?off=abc&af=O95340038V');
    hotlinks.consent(true);
    expect(reload('/outra', { consent: 'pending' }).getAttribution()).toMatchObject({ affiliate: CODE, storage: 'cookie' });
  });

  it('"decline" stores nothing, and the next visit starts without a code', () => {
    const hotlinks = start({ consent: 'pending' });
    hotlinks.consent(false);
    expect(document.cookie).toBe('');
    expect(reload('/outra', { consent: 'pending' }).getAttribution()).toBeNull();
    expect(press(document.getElementById('buy')!)).toBe('https://pay.hotmart.com/A72242240H?off=abc');
  });
});

describe('the ESM package and the drop-in on one page', () => {
  usePage(ORIGIN + '/curso?a=O95340038V&utm_campaign=launch', SALES_PAGE);

  it('one instance wins: one capture, one cookie, the same answers from both', async () => {
    const captured: Attribution[] = [];
    document.addEventListener('hotlinks-attribution', (e) => captured.push(e.detail));
    const sdk = await import('../../src/index');
    const fromEsm = sdk.init({ cookieDays: 90 });
    const script = document.createElement('script');
    script.setAttribute('data-cookie-days', '30');
    vi.spyOn(Document.prototype, 'currentScript', 'get').mockReturnValue(script);
    const { startDropin } = await import('../../src/dropin/start');
    startDropin();
    startDropin();
    const dropin = (window as unknown as { HotLinks: typeof sdk }).HotLinks;
    expect(captured).toHaveLength(1);
    expect(dropin.getAttribution()).toEqual(sdk.getAttribution());
    expect(fromEsm.options.cookieDays).toBe(90);
    const a = sdk.getAttribution()!;
    expect(a.expiresAt - a.capturedAt).toBe(90 * 86_400_000);
    // init() with the defaults: the visit id goes to checkout as xcod.
    expect(dropin.checkoutUrl('https://pay.hotmart.com/A72242240H', { off: 'promo' })).toBe(
      `https://pay.hotmart.com/A72242240H?af=O95340038V&utm_campaign=launch&xcod=${a.visit}&off=promo`,
    );
    await settle();
    // Pressed, the checkout link carries the code once; the other link none.
    expect(press(document.getElementById('buy')!)).toBe(`https://pay.hotmart.com/A72242240H?off=abc&af=O95340038V&utm_campaign=launch&xcod=${a.visit}`);
    press(document.getElementById('other')!);
    expect(document.querySelectorAll('a[href*="af=O95340038V"]')).toHaveLength(1);
  });

  it('getAttribution() before init() starts HotLinks with the defaults', async () => {
    const sdk = await import('../../src/index');
    expect(sdk.getAttribution()).toMatchObject({ affiliate: CODE, params: { utm_campaign: 'launch' } });
    expect(sdk.init().options.cookieDays).toBe(60);
    sdk.clear();
    expect(sdk.getAttribution()).toBeNull();
    expect(cookie()).toBeUndefined();
  });

  it('a bad init() throws before anything is written', async () => {
    const sdk = await import('../../src/index');
    expect(() => sdk.init({ cookieDays: 500 })).toThrow(/^HotLinks\.init\(\): cookieDays must be /);
    expect(document.cookie).toBe('');
    setUrl('/curso');
    expect(press(document.getElementById('buy')!)).toBe('https://pay.hotmart.com/A72242240H?off=abc');
  });
});
