/**
 * The rules of `src/attribution/attribution.ts`: what a landing URL yields, and how a new code meets
 * a stored one. Under any landing URL, reading the query never throws, takes only a code that
 * matches the pattern and tags that are safe to keep, and a whole page start from such a URL leaves
 * one well-formed cookie, the attribution the rules say, and checkout links on checkout hosts.
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { attributeLanding, lifetimeMs, readLanding } from '../../src/attribution/attribution';
import { decodeAttribution, encodeAttribution } from '../../src/attribution/cookie-codec';
import { FORWARD, UNSAFE_FOR_TAGS, captureOptions, forwardableValue, hash, landingQuery, validCode, visitId } from '../support/arbitraries';
import { CODE, DAY, ORIGIN, OTHER_CODE, VISIT, clearCookies, click, cookie, options, press, recordCookieWrites, reload, setUrl, start, usePage } from '../support/page';
import { PROPERTY_TIMEOUT } from '../support/property-settings';

const RUNS = { numRuns: 300 };

/**
 * What docs/CONTRACT.md says a landing yields: the first parameter (in `params` order) whose value is a code,
 * and the safe tags; a hash router's query (`#/route?a=…`) counts too, after the real query.
 */
function expectedLanding(search: string, resolved: ReturnType<typeof options>, hash = '') {
  const inHash = hash.indexOf('?');
  const query = new URLSearchParams(search);
  if (inHash >= 0) for (const [key, value] of new URLSearchParams(hash.slice(inHash + 1))) query.append(key, value);
  const pattern = new RegExp(resolved.codePattern);
  const from = resolved.params.find((key) => {
    const value = query.get(key);
    return value != null && value.length <= 64 && pattern.test(value);
  });
  const params: Record<string, string> = {};
  for (const key of resolved.forward) {
    const value = query.get(key);
    // `__proto__` cannot be a plain object's own key by assignment: a producer forwarding it gets nothing (and nothing else).
    if (value && value.length <= 200 && !UNSAFE_FOR_TAGS.test(value) && key != '__proto__') params[key] = value;
  }
  return { affiliate: from && query.get(from)!, from, params };
}

const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort();

describe('readLanding(): any query', () => {
  it('never throws, and finds exactly the first valid code and the safe forwarded tags', () => {
    const before = prototypeKeys();
    fc.assert(
      fc.property(landingQuery, hash, fc.oneof(fc.constant({}), captureOptions), (query, fragment, input) => {
        const resolved = options(input);
        const search = new URL(ORIGIN + '/curso' + query + fragment).search;
        const landing = readLanding(search, resolved);
        const expected = expectedLanding(search, resolved);
        expect(landing.affiliate).toBe(expected.affiliate);
        expect(landing.from).toBe(expected.from);
        expect(landing.params).toEqual(expected.params);
        expect(Object.getPrototypeOf(landing.params)).toBe(Object.prototype);
      }),
      RUNS,
    );
    expect(prototypeKeys()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, PROPERTY_TIMEOUT);
});

describe('attributeLanding(): any stored attribution, landing and time', () => {
  const stored = fc.option(
    fc.record({
      affiliate: fc.option(validCode, { nil: null }),
      capturedAt: fc.integer({ min: 0, max: 2 ** 45 }),
      expiresAt: fc.integer({ min: 0, max: 2 ** 45 }),
      params: fc.dictionary(fc.constantFrom(...FORWARD), forwardableValue, { maxKeys: 3 }),
      visit: visitId,
      storage: fc.constantFrom('cookie' as const, 'memory' as const),
    }),
    { nil: null },
  );
  const landing = fc.record({ affiliate: fc.option(validCode, { nil: undefined }), params: fc.dictionary(fc.constantFrom(...FORWARD), forwardableValue, { maxKeys: 3 }) });

  it('a new code wins under last-click, never over an unexpired one under first-click; a source never over a code; the visit stays', () => {
    fc.assert(
      fc.property(stored, landing, captureOptions, fc.integer({ min: 0, max: 2 ** 45 }), (before, arrived, input, now) => {
        const resolved = options(input);
        const after = attributeLanding(before, arrived, resolved, now);
        const live = before != null && before.expiresAt > now ? before : null;
        if (!arrived.affiliate && !Object.keys(arrived.params).length) {
          expect(after).toBeNull();
          return;
        }
        // A source (tags, no code) never displaces a stored code.
        if (!arrived.affiliate && live?.affiliate) {
          expect(after).toBeNull();
          return;
        }
        // A stored capture dated more than 10 minutes in the future is no earlier click.
        if (arrived.affiliate && live?.affiliate && live.capturedAt <= now + 10 * 60_000 && resolved.attribution == 'first-click') {
          expect(after).toBeNull();
          return;
        }
        expect(after).not.toBeNull();
        expect(after!.affiliate).toBe(arrived.affiliate ?? null);
        expect(after!.expiresAt).toBeGreaterThan(now);
        // Either the very click already stored (not written again), or a new attribution from now on,
        // in the visit already stored, or a new one.
        if (after !== before) {
          expect(after).toEqual({
            affiliate: arrived.affiliate ?? null,
            capturedAt: now,
            expiresAt: now + lifetimeMs(resolved),
            params: arrived.params,
            visit: live ? live.visit : expect.stringMatching(/^[\w-]{16}$/),
            storage: 'memory',
          });
        } else {
          expect(before!.params).toEqual(arrived.params);
        }
      }),
      { numRuns: 500 },
    );
  }, PROPERTY_TIMEOUT);
});

describe('a page started from any landing URL', () => {
  const BUY = 'https://pay.hotmart.com/A72242240H?off=abc';
  usePage(ORIGIN + '/', `<a id="buy" href="${BUY}">Buy</a>`);

  /** A cookie as the browser is asked to store it: our value, our attributes, nothing more. */
  const OUR_COOKIE =
    /^hotlinks=[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]+; Path=\/; Max-Age=\d+; Domain=shop\.example; SameSite=Lax; Secure$/;

  it('captures what the rules say, writes one well-formed cookie, and keeps checkout links on checkout', () => {
    const before = prototypeKeys();
    let captured = 0;
    fc.assert(
      // The defaults half the time: a landing then often carries a parameter they look at.
      fc.property(landingQuery, hash, fc.oneof(fc.constant({}), captureOptions), fc.boolean(), (query, fragment, input, cleanUrl) => {
        // The checkout parameter is never also a forwarded one (a producer who did that would forward any value as "af").
        const settings = { ...input, forward: 'forward' in input ? input.forward?.filter((key) => key != 'af') : undefined, cleanUrl };
        clearCookies();
        const writes = recordCookieWrites();
        const landingUrl = new URL(ORIGIN + '/curso' + query + fragment);
        const hotlinks = reload(landingUrl.href, settings);
        const resolved = hotlinks.options;
        const expected = expectedLanding(landingUrl.search, resolved, landingUrl.hash);

        // The cookie jar: only our cookie (no test cookie beside it), each write well-formed.
        for (const write of writes) expect(write).toMatch(OUR_COOKIE);
        // A code, or tags without one (a source), are kept.
        const kept = !!expected.affiliate || Object.keys(expected.params).length > 0;
        expect(document.cookie.split('; ').filter(Boolean).map((pair) => pair.split('=')[0])).toEqual(kept ? ['hotlinks'] : []);

        const attribution = hotlinks.getAttribution();
        if (!kept) {
          expect(attribution).toBeNull();
        } else {
          if (expected.affiliate) captured++;
          const { capturedAt, visit } = attribution!;
          const full = { affiliate: expected.affiliate ?? null, capturedAt, expiresAt: capturedAt + lifetimeMs(resolved), params: expected.params, visit };
          // Many long tags would pass 3000 characters: then the cookie keeps the credit without them.
          const stored = encodeAttribution(full) == encodeAttribution({ ...full, params: {} }) ? { ...full, params: {} } : full;
          expect(attribution).toEqual({ ...stored, storage: 'cookie' });
          expect(decodeAttribution(cookie(), resolved, Date.now())).toEqual(stored);
        }

        // The checkout link, pressed: on its host, its own query first, the code once, the landing's tags once.
        const link = new URL(press(document.getElementById('buy')!)!);
        expect([link.origin, link.pathname]).toEqual(['https://pay.hotmart.com', '/A72242240H']);
        const added: Record<string, string> = { ...expected.params, ...(expected.affiliate ? { af: expected.affiliate } : {}) };
        expect([...link.searchParams][0]).toEqual(['off', 'abc']);
        for (const [key, value] of Object.entries(added)) expect(link.searchParams.getAll(key)).toEqual(key == 'off' ? ['abc'] : [value]);
        expect(new Set(link.searchParams.keys())).toEqual(new Set(['off', ...Object.keys(added)]));

        // clean-url: only the captured code and the tags only this script reads leave the address bar
        // (the query and a hash router's query); the rest (utm_*, ad click ids among them), and the hash's route, stay.
        const removed = cleanUrl ? [...(expected.from ? [expected.from] : []), ...Object.keys(expected.params).filter((key) => !/^utm_|clid$|braid$/.test(key))] : [];
        const rest = [...landingUrl.searchParams].filter(([key]) => !removed.includes(key));
        expect([...new URL(location.href).searchParams]).toEqual(rest);
        const [route, hashQuery] = landingUrl.hash.split(/\?(.*)/s);
        if (hashQuery === undefined || !removed.length) expect(location.hash).toBe(landingUrl.hash);
        else {
          const [routeNow, queryNow = ''] = location.hash.split(/\?(.*)/s);
          const hashRest = [...new URLSearchParams(hashQuery)].filter(([key]) => !removed.includes(key));
          expect(routeNow || '#').toBe(route || '#');
          expect([...new URLSearchParams(queryNow)]).toEqual(hashRest);
        }
      }),
      RUNS,
    );
    expect(captured).toBeGreaterThan(30);
    expect(prototypeKeys()).toEqual(before);
  }, PROPERTY_TIMEOUT);
});

/**
 * First-click and a capture "from the future". The codec accepts a capture up to a day ahead (a
 * visitor's clock can be hours wrong), but under first-click a stored capture dated more than 10
 * minutes in the visitor's future is no earlier click: a real click replaces it. Otherwise anyone
 * who can write the cookie could claim "first" for a day ahead of every real affiliate.
 */
describe('trust: first-click and a capture from the future', () => {
  const HOTLINK = 'https://pay.hotmart.com/A72242240H';
  const MIN = 60_000;

  describe('first-click with a stored capture dated ahead of the visitor\'s clock', () => {
    usePage(ORIGIN + '/', `<a id="buy" href="${HOTLINK}">Comprar</a>`);

    it.each([
      { stored: 'a day ago', offset: -DAY, credit: OTHER_CODE },
      { stored: 'now', offset: 0, credit: OTHER_CODE },
      { stored: '5 minutes ahead (a server clock a little fast)', offset: 5 * MIN, credit: OTHER_CODE },
      { stored: '11 minutes ahead', offset: 11 * MIN, credit: CODE },
      { stored: '6 hours ahead', offset: 6 * 60 * MIN, credit: CODE },
      { stored: '23 hours ahead', offset: 23 * 60 * MIN, credit: CODE },
    ])('stored $stored: a landing with a new code credits $credit', ({ offset, credit }) => {
      const capturedAt = Date.now() + offset;
      const stored = encodeAttribution({ affiliate: OTHER_CODE, capturedAt, expiresAt: capturedAt + 30 * DAY, params: {}, visit: VISIT });
      document.cookie = `hotlinks=${stored}; Path=/`;
      const captured: (string | null)[] = [];
      document.addEventListener('hotlinks-attribution', (e) => captured.push(e.detail.affiliate));
      setUrl(`/curso?a=${CODE}`);

      const hotlinks = start({ attribution: 'first-click' });

      expect(hotlinks.getAttribution()?.affiliate).toBe(credit);
      expect(captured).toEqual(credit == CODE ? [CODE] : []);
      expect(cookie()).toMatch(new RegExp(`^2\\|${credit}\\|`));
      expect(click(document.getElementById('buy')!)).toBe(`${HOTLINK}?af=${credit}`);
    });
  });
});

/**
 * The edges of the rules, as the visitor's browser shows them: a stored attribution (written by the
 * producer's server, or by the script on an earlier page), a landing some time later, and what the
 * browser then holds: whose code, captured when, in which visit, and whether the cookie was written again.
 */
describe('a landing against the stored attribution: the edges', () => {
  const HOTLINK = 'https://pay.hotmart.com/A72242240H';
  /** When the stored attribution was captured. */
  const T = Date.UTC(2026, 10, 24, 12);
  const SEC = 1000;
  const MIN = 60 * SEC;
  const OTHER_VISIT = 'Zx9-Zx9_Zx9-Zx9_';
  usePage(ORIGIN + '/', `<a id="buy" href="${HOTLINK}">Comprar</a>`);

  interface Stored {
    affiliate?: string | null;
    capturedAt?: number;
    expiresAt?: number;
    params?: Record<string, string>;
  }

  /**
   * The visitor's clock reads `at`; the cookie holds `stored` (60 days from its capture unless said);
   * the page at `/curso<query>` starts. What the visitor then has, and whether the cookie was rewritten.
   */
  function land(query: string, at: number, stored: Stored | null, input: Record<string, unknown> = {}) {
    vi.useFakeTimers({ toFake: ['Date'], now: at });
    if (stored) {
      const capturedAt = stored.capturedAt ?? T;
      const value = encodeAttribution({ affiliate: CODE, params: {}, visit: VISIT, ...stored, capturedAt, expiresAt: stored.expiresAt ?? capturedAt + 60 * DAY });
      document.cookie = `hotlinks=${value}; Path=/`;
    }
    const writes = recordCookieWrites();
    const events: (string | null)[] = [];
    document.addEventListener('hotlinks-attribution', (e) => events.push(e.detail.affiliate));
    setUrl('/curso' + query);
    const attribution = start(input).getAttribution();
    return {
      affiliate: attribution?.affiliate,
      capturedAt: attribution?.capturedAt,
      expiresAt: attribution?.expiresAt,
      visit: attribution?.visit,
      params: attribution?.params,
      rewritten: writes.some((write) => write.startsWith('hotlinks=2')),
      events,
      checkout: click(document.getElementById('buy')!),
    };
  }

  describe('the same click: the same code and tags, less than 10 minutes after their capture, are the stored attribution itself (not written again: Safari keeps a cookie written by script 7 days)', () => {
    it.each([
      { row: 'the same code, 9 min 59 s later', query: `?a=${CODE}`, after: 9 * MIN + 59 * SEC, same: true },
      { row: 'the same code, 10 min later', query: `?a=${CODE}`, after: 10 * MIN, same: false },
      { row: 'the same code, 10 min 1 s later', query: `?a=${CODE}`, after: 10 * MIN + SEC, same: false },
      { row: 'the same code and tags, 9 min 59 s later', query: `?a=${CODE}&utm_source=fb`, stored: { utm_source: 'fb' }, after: 9 * MIN + 59 * SEC, same: true },
      { row: 'the same code and tags, 10 min 1 s later', query: `?a=${CODE}&utm_source=fb`, stored: { utm_source: 'fb' }, after: 10 * MIN + SEC, same: false },
      { row: 'the same code with another tag value, 1 min later', query: `?a=${CODE}&utm_source=ig`, stored: { utm_source: 'fb' }, after: MIN, same: false },
      { row: 'the same code with a tag more, 1 min later', query: `?a=${CODE}&utm_source=fb&utm_medium=cpc`, stored: { utm_source: 'fb' }, after: MIN, same: false },
      { row: 'the same code with a tag less, 1 min later', query: `?a=${CODE}`, stored: { utm_source: 'fb' }, after: MIN, same: false },
      { row: 'the same code under another parameter name, 1 min later', query: `?ref=${CODE}`, after: MIN, same: true },
      { row: 'another code, 1 min later', query: `?a=${OTHER_CODE}`, after: MIN, same: false },
      // The producer's server set it by its own clock, a few minutes ahead of the visitor's.
      { row: 'the same code, captured 5 min in the visitor\'s future', query: `?a=${CODE}`, after: -5 * MIN, same: true },
    ])('$row: the same click $same', ({ query, after, stored = {}, same }) => {
      const now = T + after;
      const landed = land(query, now, { params: stored });
      const code = new URLSearchParams(query).get('a') ?? CODE;
      expect(landed).toMatchObject({
        affiliate: code,
        capturedAt: same ? T : now,
        expiresAt: (same ? T : now) + 60 * DAY,
        // A new attribution keeps the visit.
        visit: VISIT,
        params: Object.fromEntries([...new URLSearchParams(query)].filter(([key]) => key.startsWith('utm_'))),
        rewritten: !same,
        events: [code],
      });
    });

    it('a code-less landing (a source) with the same tags is the same click too, and never displaces a code', () => {
      expect(land('?utm_source=fb', T + MIN, { affiliate: null, params: { utm_source: 'fb' } })).toMatchObject({ affiliate: null, capturedAt: T, rewritten: false, events: [null] });
      expect(land('?utm_source=ig', T + MIN, { params: { utm_source: 'fb' } })).toMatchObject({ affiliate: CODE, capturedAt: T, params: { utm_source: 'fb' }, rewritten: false, events: [] });
    });
  });

  describe("first-click: a stored code counts as first while unexpired, and up to 10 minutes in the visitor's future", () => {
    it.each([
      { row: 'stored 9 min 59 s ahead', capturedAt: T + 9 * MIN + 59 * SEC, credit: OTHER_CODE },
      { row: 'stored 10 min ahead', capturedAt: T + 10 * MIN, credit: OTHER_CODE },
      { row: 'stored 10 min 1 s ahead', capturedAt: T + 10 * MIN + SEC, credit: CODE },
      { row: 'stored a day ago, expiring 1 ms from now', capturedAt: T - DAY, expiresAt: T + 1, credit: OTHER_CODE },
      { row: 'stored a day ago, expiring now', capturedAt: T - DAY, expiresAt: T, credit: CODE },
    ])('$row: a landing with a new code credits $credit', ({ capturedAt, expiresAt, credit }) => {
      const landed = land(`?a=${CODE}`, T, { affiliate: OTHER_CODE, capturedAt, expiresAt }, { attribution: 'first-click' });
      expect(landed).toMatchObject({ affiliate: credit, rewritten: credit == CODE, events: credit == CODE ? [CODE] : [] });
      expect(landed.checkout).toBe(`${HOTLINK}?af=${credit}`);
    });

    it('a stored code-less source is no first click: a code replaces it', () => {
      expect(land(`?a=${CODE}`, T + MIN, { affiliate: null, params: { utm_source: 'fb' } }, { attribution: 'first-click' })).toMatchObject({ affiliate: CODE, capturedAt: T + MIN, visit: VISIT, params: {}, rewritten: true });
    });
  });

  describe("the hand-off from the producer's other site: the capture's time and visit come along, within a lifetime and never from the future", () => {
    const handoff = (capturedAt: number | string, visit = OTHER_VISIT) => `?a=${CODE}&hotlinks=${typeof capturedAt == 'number' ? capturedAt.toString(36) : capturedAt}.${visit}`;
    it.each([
      { row: 'captured 59 days ago there', query: handoff(T - 59 * DAY), capturedAt: T - 59 * DAY, visit: OTHER_VISIT },
      { row: 'captured 60 days ago less 1 ms', query: handoff(T - 60 * DAY + 1), capturedAt: T - 60 * DAY + 1, visit: OTHER_VISIT },
      { row: 'captured 60 days ago (a lifetime)', query: handoff(T - 60 * DAY), capturedAt: T, visit: OTHER_VISIT },
      { row: 'captured now', query: handoff(T), capturedAt: T, visit: OTHER_VISIT },
      { row: 'captured 1 ms in the future', query: handoff(T + 1), capturedAt: T, visit: OTHER_VISIT },
      { row: 'a time not in canonical base 36', query: handoff('0' + (T - DAY).toString(36)), capturedAt: T, visit: undefined },
      { row: 'a time that is not a number', query: handoff('soon'), capturedAt: T, visit: undefined },
      { row: 'a visit id of 10 characters', query: handoff(T - DAY, 'abcdefghij'), capturedAt: T, visit: undefined },
      { row: 'a visit id with a character outside A-Z a-z 0-9 _ -', query: handoff(T - DAY, 'abcdefghij+k'), capturedAt: T, visit: undefined },
      { row: 'no visit id', query: `?a=${CODE}&hotlinks=${(T - DAY).toString(36)}`, capturedAt: T, visit: undefined },
    ])('$row: captured at $capturedAt, visit $visit', ({ query, capturedAt, visit }) => {
      const landed = land(query, T, null);
      expect(landed).toMatchObject({ affiliate: CODE, capturedAt, expiresAt: capturedAt + 60 * DAY, rewritten: true });
      if (visit) expect(landed.visit).toBe(visit);
      else expect(landed.visit).toMatch(/^[\w-]{16}$/);
    });

    it('a visit already stored here stays the visit', () => {
      expect(land(handoff(T - DAY), T + MIN, { affiliate: OTHER_CODE })).toMatchObject({ affiliate: CODE, capturedAt: T - DAY, visit: VISIT });
    });
  });
});

describe('the lengths a landing value may have', () => {
  usePage(ORIGIN + '/', `<a id="buy" href="https://pay.hotmart.com/A72242240H">Comprar</a>`);

  it.each([
    { row: 'a tag of 200 characters is kept', value: 'f'.repeat(200), kept: true },
    { row: 'a tag of 201 characters is dropped', value: 'f'.repeat(201), kept: false },
  ])('$row', ({ value, kept }) => {
    setUrl(`/curso?a=${CODE}&utm_source=${value}`);
    expect(start().getAttribution()!.params).toEqual(kept ? { utm_source: value } : {});
  });

  // Only values this short are tested against the producer's pattern (a pattern can be slow on a long text).
  it.each([
    { row: 'a code of 64 characters matching the pattern is captured', value: 'A'.repeat(64), captured: true },
    { row: 'a code of 65 characters matching the pattern is not', value: 'A'.repeat(65), captured: false },
  ])('$row', ({ value, captured }) => {
    setUrl(`/curso?a=${value}`);
    expect(start({ codePattern: '^A+$' }).getAttribution()?.affiliate).toBe(captured ? value : undefined);
  });
});

describe('attributeLanding(): a stored attribution counts until the millisecond it expires', () => {
  const T = Date.UTC(2026, 10, 24, 12);
  const stored = (expiresAt: number) => ({ affiliate: OTHER_CODE, capturedAt: T - DAY, expiresAt, params: {}, visit: VISIT, storage: 'memory' as const });
  const landing = { affiliate: CODE, params: {} };

  it.each([
    { row: 'expiring 1 ms after the landing: first-click keeps it', expiresAt: T + 1, kept: true },
    { row: 'expiring at the landing: the new code is captured, in a new visit', expiresAt: T, kept: false },
  ])('$row', ({ expiresAt, kept }) => {
    const after = attributeLanding(stored(expiresAt), landing, options({ attribution: 'first-click' }), T);
    if (kept) expect(after).toBeNull();
    else expect(after).toMatchObject({ affiliate: CODE, capturedAt: T, visit: expect.not.stringMatching(VISIT) });
  });
});
