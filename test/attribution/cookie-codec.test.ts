/**
 * The cookie codec under any input: whatever the strings and times, the value is one cookie value
 * (no attribute, no second cookie), the header carries exactly the attributes we set, decoding never
 * throws and accepts only what is valid, and decoding what was encoded gives the attribution back.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeAttribution, encodeAttribution, serializeCookie } from '../../src/attribution/cookie-codec';
import { options, VISIT } from '../support/page';
import { CODE_PATTERN, DAY, FORWARD, UNSAFE_FOR_TAGS, anyText, forwardableValue, validCode, visitId } from '../support/arbitraries';
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
