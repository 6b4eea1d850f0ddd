/**
 * Clocks that disagree: the visitor's device and the producer's server (which may write the cookie,
 * `hotlinks-embed/server`) are hours apart, or a device clock was set far wrong and then corrected.
 * A few hours either way keeps the credit; a cookie "captured" more than a day in the future is
 * discarded and deleted, and a code still in the landing URL is captured again.
 * (Impossible expiries: test/attribution/hostile.test.ts and test/property/cookie-codec.test.ts.)
 */
import { describe, expect, it, vi } from 'vitest';
import { attributionCookie, resolveServerOptions } from '../../src/server/index';
import { CODE, DAY, ORIGIN, click, cookie, reload, usePage } from '../support/page';

const BUY = 'https://pay.hotmart.com/A72242240H?off=abc';
const T = Date.UTC(2026, 10, 24, 12, 0, 0);
const HOUR = 3_600_000;
const LANDING = `${ORIGIN}/curso?a=${CODE}&utm_source=fb`;
const server = resolveServerOptions({ cookieDomain: 'shop.example' });
const buy = () => document.getElementById('buy')!;

/** The visitor's clock reads `at`. */
const deviceClock = (at: number) => vi.useFakeTimers({ toFake: ['Date'], now: at });
/** What the browser does with a response's `Set-Cookie`: stores it. */
const store = (setCookie: string | null) => void (setCookie && (document.cookie = setCookie));
/** The server's answer to a page load with the browser's cookies, at the server's time `at`. */
const serverAnswers = (url: string, at: number) => attributionCookie({ url, cookie: document.cookie }, server, at);
const captured = () => parseInt(decodeURIComponent(cookie()!.split('|')[2]), 36);

describe('device and server clocks disagree', () => {
  usePage(ORIGIN + '/', `<a id="buy" href="${BUY}">Comprar</a>`);

  it('the server 3 hours ahead: its cookie is kept on the landing (not rewritten) and on later pages', () => {
    deviceClock(T - 3 * HOUR);
    store(serverAnswers(LANDING, T));
    const written = cookie();
    expect(reload(LANDING).getAttribution()).toMatchObject({ affiliate: CODE, capturedAt: T, storage: 'cookie' });
    expect(cookie()).toBe(written);
    deviceClock(T - 3 * HOUR + 5 * DAY);
    reload(ORIGIN + '/outra-pagina');
    expect(click(buy())).toBe(`${BUY}&af=${CODE}&utm_source=fb`);
  });

  it('the device 3 hours ahead: the server leaves the cookie the script wrote as it is (only a landing writes)', () => {
    deviceClock(T + 3 * HOUR);
    reload(LANDING);
    const written = cookie();
    expect(serverAnswers(ORIGIN + '/outra-pagina', T + 10 * 60_000)).toBeNull();
    expect(cookie()).toBe(written);
    deviceClock(T + 3 * HOUR + DAY);
    reload(ORIGIN + '/outra-pagina');
    expect(click(buy())).toBe(`${BUY}&af=${CODE}&utm_source=fb`);
  });

  it('the server 2 days ahead: its cookie is from the future and discarded, but the landing code is captured again', () => {
    deviceClock(T - 2 * DAY);
    store(serverAnswers(LANDING, T));
    expect(reload(LANDING).getAttribution()).toMatchObject({ affiliate: CODE, capturedAt: T - 2 * DAY, storage: 'cookie' });
    expect(captured()).toBe(T - 2 * DAY);
    // And the server then keeps the script's cookie (it is in its past): it neither deletes nor rewrites it.
    const kept = cookie();
    expect(serverAnswers(ORIGIN + '/outra-pagina', T)).toBeNull();
    expect(cookie()).toBe(kept);
  });
});

describe('a device clock set far wrong, then corrected', () => {
  usePage(ORIGIN + '/', `<a id="buy" href="${BUY}">Comprar</a>`);

  it('a cookie captured "a year from now" is discarded and deleted: checkout goes without it', () => {
    deviceClock(T + 365 * DAY);
    reload(LANDING);
    expect(captured()).toBe(T + 365 * DAY);
    deviceClock(T);
    const hotlinks = reload(ORIGIN + '/outra-pagina');
    expect(hotlinks.getAttribution()).toBeNull();
    expect(cookie()).toBeUndefined();
    expect(click(buy())).toBe(BUY);
    // The server, whose clock is right, deletes it too.
    deviceClock(T + 365 * DAY);
    reload(LANDING);
    expect(serverAnswers(ORIGIN + '/outra-pagina', T)).toMatch(/^hotlinks=; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; /);
  });
});
