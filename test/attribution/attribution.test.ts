/**
 * The rules of `src/attribution/attribution.ts`: what a landing URL yields, and how a new code meets
 * a stored one. Under any landing URL, reading the query never throws, takes only a code that
 * matches the pattern and tags that are safe to keep, and a whole page start from such a URL leaves
 * one well-formed cookie, the attribution the rules say, and checkout links on checkout hosts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
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
