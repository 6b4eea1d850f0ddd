/**
 * `checkoutUrl()` of a running HotLinks (a code and tags captured) under any input: it returns a URL
 * on a checkout host or throws naming the call, never anything else, and a link the page wrote is
 * either left exactly as written or sent to a checkout host. For any valid HotLink, its own
 * parameters survive unchanged and first, the code appears once, the hash stays last.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HotLinks } from '../../src/hotlinks';
import { HOSTS, anyText, hotlink, notQuiteHotlink } from '../support/arbitraries';
import { CODE, ORIGIN, press, setUrl, start, usePage } from '../support/page';
import { PROPERTY_TIMEOUT } from '../support/property-settings';

const RUNS = { numRuns: 400 };
const LANDED = { utm_source: 'fb', sck: 'landing' };

/** What a page or a button may pass as `extra`. */
const extras = fc.dictionary(
  fc.oneof(fc.constantFrom('off', 'sck', 'src', 'af', 'checkoutMode', 'utm_source', '__proto__'), anyText(8)),
  fc.option(fc.oneof(fc.constantFrom('', 'promo'), anyText(20)), { nil: undefined }),
  { maxKeys: 4 },
);

/** Whether the browser itself would call `input` an https: URL on a checkout host, without credentials. */
function isCheckout(input: string): boolean {
  try {
    const url = new URL(input.trim());
    return url.protocol == 'https:' && HOSTS.includes(url.host) && !url.username && !url.password;
  } catch {
    return false;
  }
}

describe('checkoutUrl() with an attribution in force', () => {
  usePage(`${ORIGIN}/curso?a=${CODE}&utm_source=fb&sck=landing`);
  let hotlinks: HotLinks;
  const begin = () => {
    hotlinks = start();
    expect(hotlinks.getAttribution()).toMatchObject({ affiliate: CODE, params: LANDED });
  };

  it('any string: a URL on a checkout host, or an error naming the call; a page link is left as written or sent to checkout', () => {
    begin();
    const seen = { refused: 0, decorated: 0 };
    fc.assert(
      fc.property(fc.oneof(notQuiteHotlink, hotlink), extras, (input, extra) => {
        let result: string;
        try {
          result = hotlinks.checkoutUrl(input, extra);
        } catch (error) {
          seen.refused++;
          expect((error as Error).message).toMatch(/^HotLinks\.checkoutUrl\(\): .* is not an https: link on a checkout host \(pay\.hotmart\.com, payment\.hotmart\.com\)$/s);
          // Refused only what the browser too would call something else.
          expect(isCheckout(input)).toBe(false);
          return;
        }
        seen.decorated++;
        expect(isCheckout(input)).toBe(true);
        const url = new URL(result);
        expect([url.protocol, url.username, url.password]).toEqual(['https:', '', '']);
        expect(HOSTS).toContain(url.host);
        // Where a link with that href really goes.
        const a = document.createElement('a');
        a.href = result;
        expect(HOSTS).toContain(a.host);

        // The same string written on a page link: decorated to exactly that, or (refused) never touched.
        const link = document.createElement('a');
        link.setAttribute('href', input);
        document.body.replaceChildren(link);
        hotlinks.decorate();
        expect(link.getAttribute('href')).toBe(hotlinks.checkoutUrl(input));
      }),
      RUNS,
    );
    expect(Math.min(seen.refused, seen.decorated)).toBeGreaterThan(50);
  }, PROPERTY_TIMEOUT);

  it('a link the page wrote that is not a checkout link is never changed', () => {
    begin();
    fc.assert(
      fc.property(notQuiteHotlink.filter((input) => !isCheckout(input)), (input) => {
        const link = document.createElement('a');
        link.setAttribute('href', input);
        document.body.replaceChildren(link);
        hotlinks.decorate();
        expect(link.getAttribute('href')).toBe(input);
      }),
      RUNS,
    );
  }, PROPERTY_TIMEOUT);

  it('any valid HotLink: its own parameters unchanged and first, the code once, the additions once, the hash last', () => {
    begin();
    fc.assert(
      fc.property(hotlink, extras, (link, extra) => {
        const result = hotlinks.checkoutUrl(link, extra);
        const own = new URL(link.trim());
        const out = new URL(result);
        const ownPairs = [...own.searchParams];

        expect([out.origin, out.pathname, out.hash]).toEqual([own.origin, own.pathname, own.hash]);
        // Its own query byte for byte at the front (as the URL parser reads it), one "?" before the hash.
        expect(result.startsWith(own.origin + own.pathname + own.search)).toBe(true);
        expect(result.split('#')[0].split('?').length).toBeLessThanOrEqual(2);
        expect([...out.searchParams].slice(0, ownPairs.length)).toEqual(ownPairs);

        // The code: the HotLink's own `af` wins (kept as written), else ours, once.
        expect(out.searchParams.getAll('af')).toEqual(own.searchParams.has('af') ? own.searchParams.getAll('af') : [CODE]);
        // Landing tags, then the caller's extras (later wins), each once unless the HotLink has its own.
        // (A Map: an extra named `__proto__` is a parameter like any other.)
        const added = new Map(Object.entries(LANDED));
        for (const [key, value] of Object.entries(extra)) if (value && key != 'af') added.set(key, value);
        for (const [key, value] of added) {
          expect(out.searchParams.getAll(key)).toEqual(own.searchParams.has(key) ? own.searchParams.getAll(key) : [value]);
        }
        expect(new Set(out.searchParams.keys())).toEqual(new Set([...own.searchParams.keys(), 'af', ...added.keys()]));
        // Decorating the result again changes nothing.
        expect(hotlinks.checkoutUrl(result, extra)).toBe(result);
      }),
      RUNS,
    );
  }, PROPERTY_TIMEOUT);
});

/** A producer who adds the checkout parameter ("af") to `forward`: only a validated code goes out as it. */
describe('hostile input', () => {
  const BUY = 'https://pay.hotmart.com/A72242240H?off=abc';
  /** The checkout link's href once the visitor presses it. */
  const buy = () => press(document.getElementById('buy')!);

  describe('the checkout parameter among the forwarded ones (a producer who adds "af" to data-forward)', () => {
    usePage(ORIGIN + '/', `<a id="buy" href="${BUY}">Buy</a>`);

    it('an invalid code in it never reaches checkout: only a validated code goes out as af', () => {
      setUrl('/curso?af=evil-not-a-code&utm_source=fb');
      const hotlinks = start({ forward: ['af', 'utm_source'] });
      // No code: a source, its tags kept; the invalid value never goes out as the checkout parameter.
      expect(hotlinks.getAttribution()).toMatchObject({ affiliate: null });
      expect(buy()).toBe(`${BUY}&utm_source=fb`);
      expect(hotlinks.checkoutUrl('https://pay.hotmart.com/A72242240H')).toBe('https://pay.hotmart.com/A72242240H?utm_source=fb');
    });

    it('with a valid code, af is that code, once', () => {
      setUrl(`/curso?a=${CODE}&af=W3620259P`);
      start({ forward: ['af'] });
      expect(buy()).toBe(`${BUY}&af=${CODE}`);
    });
  });
});

describe('checkoutUrl() refusing a value', () => {
  usePage(ORIGIN + '/');

  it('names at most its first 100 characters', () => {
    const junk = 'https://evil.example/' + 'x'.repeat(500);
    expect(() => start().checkoutUrl(junk)).toThrow(
      `HotLinks.checkoutUrl(): ${JSON.stringify(junk.slice(0, 100))} is not an https: link on a checkout host (pay.hotmart.com, payment.hotmart.com)`,
    );
  });
});
