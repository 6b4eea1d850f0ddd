/**
 * The cookie codec under any input: whatever the strings and times, the value is one cookie value
 * (no attribute, no second cookie), the header carries exactly the attributes we set, decoding never
 * throws and accepts only what is valid, and decoding what was encoded gives the attribution back.
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { cookieValues, decodeAttribution, encodeAttribution, serializeCookie, takesDomainCookies } from '../../src/attribution/cookie-codec';
import { attributionCookie, resolveServerOptions } from '../../src/server/index';
import { CODE_PATTERN, DAY, FORWARD, UNSAFE_FOR_TAGS, anyText, forwardableValue, validCode, visitId } from '../support/arbitraries';
import { CODE, ORIGIN, VISIT, click, cookie, options, press, reload, setUrl, start, usePage } from '../support/page';
import { PROPERTY_TIMEOUT } from '../support/property-settings';

const RUNS = { numRuns: 400 };
const defaults = options();
const MAX_LIFETIME = 400 * DAY;

/** RFC 6265 `cookie-octet`: what a cookie value may hold (no space, `"`, `,`, `;`, `\`, control or non-ASCII). */
const COOKIE_VALUE = /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*$/;
/** When the header is written: lifetimes are counted from it. */
const WRITTEN_AT = Date.UTC(2026, 11, 1);

/**
 * How far "in the future" a cookie may have been captured and still be kept: a clock that is off
 * (the visitor's, or the producer's server's) must not cost the credit; a forged time must. Found
 * by asking the codec, so the properties below hold for whatever tolerance it chose.
 */
const SKEW = (() => {
  const now = Date.UTC(2030, 0);
  const kept = (ahead: number) =>
    !!decodeAttribution(encodeAttribution({ affiliate: 'O95340038V', capturedAt: now + ahead, expiresAt: now + ahead + DAY, params: {}, visit: VISIT }), defaults, now);
  let [low, high] = [0, 30 * DAY];
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (kept(mid)) low = mid;
    else high = mid;
  }
  return low;
})();

const time = fc.oneof(fc.integer({ min: -(2 ** 52), max: 2 ** 52 }), fc.double(), fc.constantFrom(0, -1, NaN, Infinity, 2 ** 53 + 1));
const anyAttribution = fc.record({
  affiliate: fc.option(anyText(), { nil: null }),
  visit: anyText(20),
  capturedAt: time,
  expiresAt: time,
  params: fc.dictionary(fc.oneof(fc.constantFrom(...FORWARD), anyText(10)), anyText(), { maxKeys: 6 }),
});

/** A valid attribution and a time at which it is valid (captured at most a day "in the future", unexpired, <= 400 days). */
const validAt = fc
  .record({
    now: fc.integer({ min: Date.UTC(2000, 0), max: Date.UTC(2200, 0) }),
    age: fc.integer({ min: -SKEW, max: MAX_LIFETIME - 1 }),
    extra: fc.integer({ min: 1, max: MAX_LIFETIME }),
    affiliate: fc.option(validCode, { nil: null }),
    params: fc.dictionary(fc.constantFrom(...FORWARD), forwardableValue, { maxKeys: 5 }),
    visit: visitId,
  })
  .map(({ now, age, extra, affiliate, params, visit }) => {
    const capturedAt = now - age;
    // Unexpired at `now`, and no longer than 400 days.
    const expiresAt = Math.min(capturedAt + MAX_LIFETIME, Math.max(now, capturedAt) + extra);
    return { now, attribution: { affiliate, capturedAt, expiresAt, params, visit } };
  });

describe('encodeAttribution() and serializeCookie(): any strings, one cookie', () => {
  it('the value holds only cookie-value characters: no ";", ",", whitespace, quote, CR/LF, and five "|" between six fields', () => {
    fc.assert(
      fc.property(anyAttribution, (attribution) => {
        const value = encodeAttribution(attribution);
        expect(value).toMatch(COOKIE_VALUE);
        expect(value.split('|')).toHaveLength(6);
        expect(value.length).toBeLessThanOrEqual(3000);
      }),
      RUNS,
    );
  }, PROPERTY_TIMEOUT);

  it('the header has exactly the attributes we set, in order, and nothing else', () => {
    fc.assert(
      fc.property(
        anyAttribution,
        fc.stringMatching(/^[\w-]{1,64}$/),
        fc.option(fc.integer({ min: 0, max: 8.64e15 }), { nil: undefined }),
        fc.option(fc.stringMatching(/^([a-z\d-]{1,12}\.){1,3}[a-z]{2,6}$/), { nil: undefined }),
        fc.boolean(),
        (attribution, name, expiresAt, domain, secure) => {
          const value = encodeAttribution(attribution);
          const header = serializeCookie(name, value, { expires: expiresAt, domain, secure }, WRITTEN_AT);
          const parts = header.split('; ');
          expect(parts.shift()).toBe(`${name}=${value}`);
          const expected = [
            'Path=/',
            // Seconds left, at least 1; a time already past deletes it.
            ...(expiresAt == null
              ? []
              : [expiresAt > WRITTEN_AT ? `Max-Age=${Math.ceil((expiresAt - WRITTEN_AT) / 1000)}` : 'Expires=Thu, 01 Jan 1970 00:00:00 GMT']),
            ...(domain ? ['Domain=' + domain] : []),
            'SameSite=Lax',
            ...(secure ? ['Secure'] : []),
          ];
          expect(parts).toEqual(expected);
          // No separator anywhere but between those attributes, and no line break at all.
          expect(header.split(';')).toHaveLength(parts.length + 1);
          expect(header).not.toMatch(/[\r\n\0]/);
        },
      ),
      RUNS,
    );
  }, PROPERTY_TIMEOUT);
});

describe('decodeAttribution(): any stored value', () => {
  it('tolerates a clock a few minutes to a day off, no more', () => {
    expect(SKEW).toBeGreaterThanOrEqual(5 * 60_000);
    expect(SKEW).toBeLessThanOrEqual(DAY);
  }, PROPERTY_TIMEOUT);

  /** Values near valid ones (one field changed, characters inserted), and junk. */
  const storedValue = fc.oneof(
    anyText(80),
    validAt.map(({ attribution }) => encodeAttribution(attribution)),
    fc
      .tuple(validAt, fc.nat(5), anyText(12))
      .map(([{ attribution }, i, field]) => encodeAttribution(attribution).split('|').map((f, j) => (i == j ? field : f)).join('|')),
    fc
      .tuple(validAt, fc.nat(200), anyText(4))
      .map(([{ attribution }, at, junk]) => {
        const value = encodeAttribution(attribution);
        const i = at % (value.length + 1);
        return value.slice(0, i) + junk + value.slice(i);
      }),
  );

  it('never throws, and returns only an attribution that is valid now', () => {
    let accepted = 0;
    fc.assert(
      fc.property(storedValue, fc.integer({ min: Date.UTC(2000, 0), max: Date.UTC(2200, 0) }), fc.boolean(), (value, now, atItsTime) => {
        // Half the time, read when the value was written (a cookie that should be accepted unless tampered).
        if (atItsTime && /^2\|[^|]*\|[0-9a-z]+\|/.test(value)) now = parseInt(value.split('|')[2], 36);
        const decoded = decodeAttribution(value, defaults, now);
        if (!decoded) return;
        accepted++;
        if (decoded.affiliate != null) expect(decoded.affiliate).toMatch(CODE_PATTERN);
        expect(decoded.visit).toMatch(/^[\w-]{11,64}$/);
        expect(decoded.capturedAt).toBeLessThanOrEqual(now + SKEW);
        expect(decoded.expiresAt).toBeGreaterThan(now);
        expect(decoded.expiresAt).toBeGreaterThan(decoded.capturedAt);
        expect(decoded.expiresAt - decoded.capturedAt).toBeLessThanOrEqual(MAX_LIFETIME);
        for (const [key, param] of Object.entries(decoded.params)) {
          expect(FORWARD).toContain(key);
          expect(param).not.toMatch(UNSAFE_FOR_TAGS);
          expect(param.length).toBeGreaterThan(0);
          expect(param.length).toBeLessThanOrEqual(200);
        }
        // What it accepted, it writes back identically.
        expect(decodeAttribution(encodeAttribution(decoded), defaults, now)).toEqual(decoded);
      }),
      { numRuns: 500 },
    );
    // Not vacuous: valid values, and tampered ones that still decode, were checked.
    expect(accepted).toBeGreaterThan(50);
  }, PROPERTY_TIMEOUT);

  it('decoding what was encoded gives back the same attribution', () => {
    fc.assert(
      fc.property(validAt, ({ now, attribution }) => {
        const value = encodeAttribution(attribution);
        // Only with many long tags does the value pass 3000 characters; then the tags go, the credit stays.
        const shortened = value == encodeAttribution({ ...attribution, params: {} });
        expect(decodeAttribution(value, defaults, now)).toEqual(shortened ? { ...attribution, params: {} } : attribution);
      }),
      RUNS,
    );
  }, PROPERTY_TIMEOUT);

  it('clock skew: accepted exactly when captured at most the tolerated skew ahead, unexpired, and living 400 days at most', () => {
    const delta = fc.oneof(
      fc.integer({ min: -2 * MAX_LIFETIME, max: 2 * MAX_LIFETIME }),
      // The edges themselves.
      fc.constantFrom(0, 1, -1, SKEW, SKEW + 1, MAX_LIFETIME, MAX_LIFETIME + 1, -MAX_LIFETIME, 5 * 60_000, 3_600_000),
    );
    const counts = { kept: 0, discarded: 0 };
    fc.assert(
      fc.property(validCode, fc.integer({ min: Date.UTC(2000, 0), max: Date.UTC(2200, 0) }), delta, delta, (affiliate, now, ahead, lifetime) => {
        const capturedAt = now + ahead;
        const expiresAt = capturedAt + lifetime;
        const valid = ahead <= SKEW && expiresAt > now && lifetime > 0 && lifetime <= MAX_LIFETIME;
        counts[valid ? 'kept' : 'discarded']++;
        const decoded = decodeAttribution(encodeAttribution({ affiliate, capturedAt, expiresAt, params: {}, visit: VISIT }), defaults, now);
        expect(decoded).toEqual(valid ? { affiliate, capturedAt, expiresAt, params: {}, visit: VISIT } : null);
      }),
      { numRuns: 500 },
    );
    expect(Math.min(counts.kept, counts.discarded)).toBeGreaterThan(30);
  }, PROPERTY_TIMEOUT);
});

/**
 * The cookie is written by whoever had the browser before: a stored value that does not decode
 * (tampered, forged, expired, malformed) is discarded and deleted, and the visitor still reaches checkout.
 */
describe('hostile input', () => {
  const BUY = 'https://pay.hotmart.com/A72242240H?off=abc';
  /** The checkout link's href once the visitor presses it. */
  const buy = () => press(document.getElementById('buy')!);

  describe('a tampered stored cookie is discarded and deleted', () => {
    usePage(ORIGIN + '/', `<a id="buy" href="${BUY}">Buy</a>`);

    const now = Date.now();
    const t = (ms: number) => ms.toString(36);
    const value = (fields: string[]) => fields.join('|');
    const good = ['2', CODE, t(now - DAY), t(now + 59 * DAY), encodeURIComponent('utm_source=fb'), 'mJIDFq3bN0xk-_7Z'];
    const withField = (i: number, field: string) => value(good.map((f, j) => (j == i ? field : f)));

    it('(the untampered value is accepted: the cases below differ from it in one thing)', () => {
      document.cookie = `hotlinks=${value(good)}; path=/; domain=shop.example`;
      expect(start().getAttribution()).toMatchObject({ affiliate: CODE, params: { utm_source: 'fb' }, visit: VISIT, storage: 'cookie' });
      expect(cookie()).toBe(value(good));
    });

    it.each([
      ['another version', withField(0, '3')],
      ['the first version (no visit id)', ['1', ...good.slice(1, 5)].join('|')],
      ['a visit id too short', withField(5, 'abc')],
      ['a visit id with a character outside A-Z a-z 0-9 _ -', withField(5, 'mJIDFq3bN0xk+_7Z')],
      ['no visit id', withField(5, '')],
      ['neither a code nor a visit', value(['2', '', t(now - DAY), t(now + 59 * DAY), '', ''])],
      ['no version', withField(0, '')],
      ['a capture time that is not base 36', withField(2, t(now - DAY) + '!')],
      ['a negative capture time', withField(2, '-' + t(DAY))],
      ['an absurdly long time', withField(3, 'z'.repeat(13))],
      ['already expired', withField(3, t(now - 1000))],
      ['expiring before its capture', value(['2', CODE, t(now - DAY), t(now - 2 * DAY), '', good[5]])],
      ['captured more than a day in the future', value(['2', CODE, t(now + DAY + 3_600_000), t(now + 60 * DAY), '', good[5]])],
      ['an expiry beyond 400 days', value(['2', CODE, t(now - DAY), t(now + 400 * DAY), '', good[5]])],
      ['a code that does not match the pattern', withField(1, CODE.toLowerCase())],
      ['a script tag for a code', withField(1, encodeURIComponent('<script>alert(1)</script>'))],
      ['a Cyrillic look-alike code', withField(1, encodeURIComponent('\u041e95340038V'))],
      ['broken percent-encoding in the params', withField(4, 'utm_source%3D%E0%A4%A')],
      ['broken percent-encoding in the code', withField(1, CODE + '%E0')],
      ['a stored param with CR/LF', withField(4, encodeURIComponent('utm_source=fb%0D%0ASet-Cookie:x'))],
      ['a stored param with a script tag', withField(4, encodeURIComponent('utm_source=%3Cscript%3E'))],
      ['five fields', good.slice(0, 5).join('|')],
      ['seven fields', value([...good, 'x'])],
      ['one field', CODE],
      ['too long', withField(4, encodeURIComponent('utm_source=' + 'f'.repeat(3000)))],
      ['JSON instead', encodeURIComponent(JSON.stringify({ affiliate: CODE }))],
    ])('%s', (_, tampered) => {
      for (const domain of ['; domain=shop.example', '']) {
        document.cookie = `hotlinks=${tampered}; path=/${domain}`;
        expect(cookie()).toBe(tampered);
        let hotlinks!: ReturnType<typeof start>;
        expect(() => (hotlinks = start())).not.toThrow();
        expect(hotlinks.getAttribution()).toBeNull();
        expect(cookie()).toBeUndefined();
        expect(buy()).toBe(BUY);
      }
    });

    it('a tampered cookie gives way to a new valid code', () => {
      document.cookie = `hotlinks=${withField(0, '9')}; path=/; domain=shop.example`;
      setUrl('/?a=' + CODE);
      expect(start().getAttribution()).toMatchObject({ affiliate: CODE, storage: 'cookie' });
      expect(cookie()).toMatch(new RegExp(`^2\\|${CODE}\\|`));
    });
  });
});

/**
 * Clocks that disagree: the visitor's device and the producer's server (which may write the cookie,
 * `hotlinks-embed/server`) are hours apart, or a device clock was set far wrong and then corrected.
 * A few hours either way keeps the credit; a cookie "captured" more than a day in the future is
 * discarded and deleted, and a code still in the landing URL is captured again.
 * (Impossible expiries: "hostile input" and the properties above.)
 */
describe('faults: clocks that disagree', () => {
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
});

/**
 * The codec's bounds, each at its edge: the value's length (browsers keep 4,096 bytes with the
 * name), a capture at most a day ahead of the reader's clock, an unexpired lifetime of at most 400
 * days, a deletion's form, how a `Cookie` header is read, and which hosts take a `Domain`.
 */
describe('the bounds of the cookie, at their edges', () => {
  const T = Date.UTC(2026, 10, 24, 12);
  const MAX = 3000;
  const forward = Array.from({ length: 20 }, (_, i) => `t${String(i).padStart(2, '0')}`);
  const settings = options({ forward });
  const base = { affiliate: CODE, capturedAt: T, expiresAt: T + 60 * DAY, visit: VISIT };
  /**
   * Tags whose encoded value is `length` characters long: filled up to exactly 3,000, each tag under
   * the 200 characters a tag may have, then one character more in the last one where asked.
   */
  const tagsFor = (length: number) => {
    const params: Record<string, string> = {};
    for (const key of forward) {
      const without = encodeAttribution({ ...base, params }).length;
      const room = MAX - without - (Object.keys(params).length ? '%26'.length : 0) - key.length - '%3D'.length;
      if (room <= 0) break;
      params[key] = 'x'.repeat(Math.min(199, room));
    }
    expect(encodeAttribution({ ...base, params }).length).toBe(MAX);
    const last = Object.keys(params).at(-1)!;
    params[last] += 'x'.repeat(length - MAX);
    return params;
  };
  /** The value as written by someone who does not cap it. */
  const uncapped = (params: Record<string, string>) => encodeAttribution({ ...base, params: {} }).replace('||', `|${encodeURIComponent(new URLSearchParams(params).toString())}|`);

  it.each([
    { length: MAX, kept: true },
    { length: MAX + 1, kept: false },
  ])('a value of $length characters: tags kept $kept (the code and the visit always are)', ({ length, kept }) => {
    const params = tagsFor(length);
    expect(uncapped(params).length).toBe(length);
    const value = encodeAttribution({ ...base, params });
    expect(value).toBe(kept ? uncapped(params) : encodeAttribution({ ...base, params: {} }));
    expect(decodeAttribution(value, settings, T)).toEqual({ ...base, params: kept ? params : {} });
  });

  it.each([
    { length: MAX, decoded: true },
    { length: MAX + 1, decoded: false },
  ])('a stored value of $length characters (written by someone else): decoded $decoded', ({ length, decoded }) => {
    const value = uncapped(tagsFor(length));
    expect(value.length).toBe(length);
    expect(decodeAttribution(value, settings, T)).toEqual(decoded ? { ...base, params: tagsFor(length) } : null);
  });

  it.each([
    { ahead: DAY, kept: true },
    { ahead: DAY + 1, kept: false },
  ])('captured $ahead ms ahead of the reader\'s clock: kept $kept', ({ ahead, kept }) => {
    const value = encodeAttribution({ ...base, capturedAt: T + ahead, expiresAt: T + ahead + DAY, params: {} });
    expect(decodeAttribution(value, defaults, T) != null).toBe(kept);
  });

  it.each([
    { expiresAt: T + 1, kept: true },
    { expiresAt: T, kept: false },
  ])('expiring at $expiresAt (read at T): kept $kept', ({ expiresAt, kept }) => {
    const value = encodeAttribution({ ...base, capturedAt: T - DAY, expiresAt, params: {} });
    expect(decodeAttribution(value, defaults, T) != null).toBe(kept);
  });

  it.each([
    { expires: T + 1000, written: '; Max-Age=1' },
    { expires: T + 1, written: '; Max-Age=1' },
    // At or before the moment it is written, the cookie is deleted, in the form every implementation knows.
    { expires: T, written: '; Expires=Thu, 01 Jan 1970 00:00:00 GMT' },
    { expires: 0, written: '; Expires=Thu, 01 Jan 1970 00:00:00 GMT' },
  ])('written at T, expiring at $expires: "$written"', ({ expires, written }) => {
    expect(serializeCookie('hotlinks', 'v', { expires, domain: 'shop.example', secure: true }, T)).toBe(
      `hotlinks=v; Path=/${written}; Domain=shop.example; SameSite=Lax; Secure`,
    );
  });

  it.each([
    { header: 'a=1; hotlinks=x; b=2', values: ['x'] },
    { header: 'a=1;hotlinks=x;hotlinks=y', values: ['x', 'y'] },
    { header: 'a=1;  hotlinks=x', values: ['x'] },
    { header: 'xhotlinks=1; hotlinks_domain=2; hotlinks=', values: [''] },
    { header: '', values: [] },
    { header: undefined, values: [] },
  ])('the Cookie header $header holds $values of ours', ({ header, values }) => {
    expect(cookieValues(header, 'hotlinks')).toEqual(values);
  });

  it.each([
    { host: 'www.shop.example', domain: true },
    { host: '4devs.com.br', domain: true },
    { host: '192.168.0.10.nip.io', domain: true },
    // A name written fully qualified: still a name, never an address.
    { host: 'www.shop.example.', domain: true },
    { host: 'localhost', domain: false },
    { host: '192.168.0.10', domain: false },
    { host: '[::1]', domain: false },
  ])('$host takes a Domain cookie: $domain', ({ host, domain }) => {
    expect(takesDomainCookies(host)).toBe(domain);
  });
});
