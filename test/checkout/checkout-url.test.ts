import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decorateHotLink, parseHotLink } from '../../src/checkout/checkout-url';
import { checkoutLinks, otherLinks } from '../fixtures/corpus';

const HOSTS = ['pay.hotmart.com', 'payment.hotmart.com'];

const decorate = (link: string) =>
  decorateHotLink(parseHotLink(link, HOSTS)!, {
    affiliate: ['af', 'O95340038V'],
    params: [{ utm_source: 'fb', sck: 'landing', off: 'landing-offer' }],
  });

describe('checkoutUrl over the corpus of real links', () => {
  it('has both kinds of link', () => {
    expect(checkoutLinks.length).toBeGreaterThan(15);
    expect(otherLinks.length).toBeGreaterThan(3);
  });

  it.each(checkoutLinks)('%s keeps its own parameters, in order, and gains the affiliate once', (link) => {
    const result = decorate(link);
    const own = new URLSearchParams(new URL(link.replace(/(\?[^?#]*)\?/, '$1&')).search);
    const out = new URL(result);
    expect(result.split('?')).toHaveLength(2);
    expect([...out.searchParams].slice(0, [...own].length)).toEqual([...own]);
    expect(out.searchParams.getAll('af')).toHaveLength(1);
    for (const key of ['sck', 'off', 'utm_source']) expect(out.searchParams.getAll(key)).toHaveLength(1);
    if (own.has('af')) expect(out.searchParams.get('af')).toBe(own.get('af'));
    else expect(out.searchParams.get('af')).toBe('O95340038V');
  });

  it.each(otherLinks)('%s is not a checkout link', (link) => {
    expect(parseHotLink(link, HOSTS)).toBeNull();
  });

  it('keeps the existing query byte for byte, and the hash last', () => {
    expect(decorate('https://pay.hotmart.com/F104029048E?name=Maria%20Silva&email=maria%40example.com#top')).toBe(
      'https://pay.hotmart.com/F104029048E?name=Maria%20Silva&email=maria%40example.com&af=O95340038V&utm_source=fb&sck=landing&off=landing-offer#top',
    );
  });

  it.each([
    ['https://pay.hotmart.com/N51854403W#preco?a=1?b=2', 'https://pay.hotmart.com/N51854403W?af=O95340038V&utm_source=fb&sck=landing&off=landing-offer#preco?a=1?b=2'],
    ['https://pay.hotmart.com/N51854403W?off=x#preco?a=1?b=2', 'https://pay.hotmart.com/N51854403W?off=x&af=O95340038V&utm_source=fb&sck=landing#preco?a=1?b=2'],
  ])('keeps a hash with "?" in it byte for byte: %s', (link, decorated) => {
    expect(decorate(link)).toBe(decorated);
  });

  it('repairs a second "?" into "&"', () => {
    expect(decorate('https://pay.hotmart.com/N51854403W?off=wlvonm69?sck=fb')).toBe(
      'https://pay.hotmart.com/N51854403W?off=wlvonm69&sck=fb&af=O95340038V&utm_source=fb',
    );
  });

  it.each([
    'http://pay.hotmart.com/A72242240H',
    'javascript:alert(1)//pay.hotmart.com',
    'https://pay.hotmart.com.evil.example/A72242240H',
    'https://pay.hotmart.com@evil.example/A72242240H',
    'https://user:pw@pay.hotmart.com/A72242240H',
    'https://pay.hotmart.com:8443/A72242240H',
    '//pay.hotmart.com/A72242240H',
    'pay.hotmart.com/A72242240H',
    '',
  ])('refuses %j', (link) => {
    expect(parseHotLink(link, HOSTS)).toBeNull();
  });
});

/** The link as a browser would read it: a second `?` was meant as `&`. */
const repaired = (link: string) => link.replace(/^([^?#]*\?)([^#]*)/, (_, head, query: string) => head + query.replace(/\?/g, '&'));
const ownParams = (link: string) => [...new URL(repaired(link)).searchParams];
const count = (url: URL, key: string) => url.searchParams.getAll(key).length;

/** What a landing, then a button, add: forwarded parameters, and the button's own `off`/`sck`. */
const FORWARDED = { src: 'blog', sck: 'landing', xcod: 'x-123', utm_source: 'fb', utm_campaign: 'black friday' };
const EXTRA = { off: 'button-offer', sck: 'button' };
const full = (link: string) =>
  decorateHotLink(parseHotLink(link, HOSTS)!, { affiliate: ['af', 'O95340038V'], params: [FORWARDED, EXTRA] });

describe('the checkout URL rules over the corpus: forwarded parameters, extras, hash', () => {
  it.each(checkoutLinks)('%s', (link) => {
    const result = full(link);
    const out = new URL(result);
    const own = ownParams(link);
    const ownKeys = new Set(own.map(([key]) => key));

    // Never two "?"; the HotLink's own query kept byte for byte at the front, in order.
    expect(result.match(/\?/g)).toHaveLength(1);
    expect(result.startsWith(repaired(link))).toBe(true);
    expect([...out.searchParams].slice(0, own.length)).toEqual(own);

    // The HotLink's own values win; everything else is added exactly once.
    const expected: Record<string, string> = { af: 'O95340038V', ...FORWARDED, ...EXTRA };
    for (const [key, value] of Object.entries(expected)) {
      if (ownKeys.has(key)) {
        expect(out.searchParams.getAll(key)).toEqual(own.filter(([k]) => k == key).map(([, v]) => v));
      } else {
        expect(count(out, key), key).toBe(1);
        expect(out.searchParams.get(key)).toBe(value);
      }
    }
    // Nothing but those.
    expect(new Set(out.searchParams.keys())).toEqual(new Set([...ownKeys, ...Object.keys(expected)]));
    // The affiliate goes first among the additions.
    if (!ownKeys.has('af')) expect([...out.searchParams.keys()][own.length]).toBe('af');
    // Decorating again changes nothing.
    expect(full(result)).toBe(result);
  });

  it.each(checkoutLinks)('%s#preco keeps its hash, last and once', (link) => {
    const result = full(link + '#preco');
    expect(new URL(result).hash).toBe('#preco');
    expect(result.endsWith('#preco')).toBe(true);
    expect(result.split('#')).toHaveLength(2);
    expect(result.match(/\?/g)).toHaveLength(1);
    expect(result.replace('#preco', '')).toBe(full(link));
  });

  it('the button\'s own values win over forwarded ones; the HotLink\'s over both', () => {
    const url = new URL(full('https://pay.hotmart.com/4120577?off=hm30k12x&sck=hm-rec'));
    expect(url.searchParams.get('off')).toBe('hm30k12x');
    expect(url.searchParams.get('sck')).toBe('hm-rec');
    expect(new URL(full('https://pay.hotmart.com/A72242240H')).searchParams.get('sck')).toBe('button');
  });

  it('an affiliate already on the HotLink (af=) wins, and a forwarded "af" never sneaks in', () => {
    const link = 'https://pay.hotmart.com/Q100328287K?af=E100479695V&off=tkgky0li&checkoutMode=0&bid=1700000000000';
    const url = new URL(
      decorateHotLink(parseHotLink(link, HOSTS)!, { affiliate: ['af', 'O95340038V'], params: [{ af: 'W3620259P' }] }),
    );
    expect(url.searchParams.getAll('af')).toEqual(['E100479695V']);
    const plain = new URL(
      decorateHotLink(parseHotLink('https://pay.hotmart.com/A72242240H', HOSTS)!, { affiliate: ['af', 'O95340038V'], params: [{ af: 'W3620259P' }] }),
    );
    expect(plain.searchParams.getAll('af')).toEqual(['O95340038V']);
  });

  it('with nothing to add, the HotLink comes back exactly as written (after repair)', () => {
    for (const link of checkoutLinks) {
      expect(decorateHotLink(parseHotLink(link, HOSTS)!, {})).toBe(new URL(repaired(link)).href);
    }
    expect(decorateHotLink(parseHotLink('https://pay.hotmart.com/A72242240H?', HOSTS)!, { params: [{ off: '' }] })).toBe(
      'https://pay.hotmart.com/A72242240H?',
    );
  });

  it('a custom checkout parameter carries the code', () => {
    const url = new URL(
      decorateHotLink(parseHotLink('https://pay.hotmart.com/A72242240H?off=x', HOSTS)!, { affiliate: ['ref_code', 'O95340038V'] }),
    );
    expect([...url.searchParams]).toEqual([
      ['off', 'x'],
      ['ref_code', 'O95340038V'],
    ]);
  });

  it('any forwarded value, whatever its characters, arrives intact and never breaks the URL', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...checkoutLinks),
        fc.dictionary(fc.constantFrom('src', 'sck', 'xcod', 'utm_source', 'utm_term'), fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' })),
        fc.constantFrom('', '#top', '#a?b&c'),
        (link, params, hash) => {
          const result = decorateHotLink(parseHotLink(link + hash, HOSTS)!, { affiliate: ['af', 'O95340038V'], params: [params] });
          const out = new URL(result);
          expect(result.indexOf('?')).toBe(result.lastIndexOf('?', result.indexOf('#') < 0 ? undefined : result.indexOf('#')));
          expect(out.hash).toBe(new URL('https://x.example/' + hash).hash);
          const own = new URLSearchParams(new URL(repaired(link)).search);
          for (const [key, value] of Object.entries(params)) {
            expect(out.searchParams.getAll(key)).toEqual(own.has(key) ? own.getAll(key) : [value]);
          }
          expect(parseHotLink(result, HOSTS)?.href).toBe(result);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('what is a checkout host', () => {
  it.each([
    ['https://pay.hotmart.com/A72242240H', true],
    ['https://payment.hotmart.com/next/T83787812B', true],
    ['https://PAY.HOTMART.COM/A72242240H', true],
    ['https://pay.hotmart.com./A72242240H', false],
    ['https://pay.hotmart.com:443/A72242240H', true],
    ['  https://pay.hotmart.com/A72242240H  ', true],
    // Pasted from a document or a chat: a no-break space, a byte order mark.
    ['\u00a0https://pay.hotmart.com/A72242240H', true],
    ['\ufeffhttps://pay.hotmart.com/A72242240H\u00a0', true],
    ['https://go.hotmart.com/H55891139F', false],
    ['https://pay-hotmart.com/A72242240H', false],
    ['https://evil.example/?https://pay.hotmart.com/', false],
    ['https://evil.example/#https://pay.hotmart.com/', false],
    ['data:text/html,https://pay.hotmart.com/', false],
    ['https://xn--py-hotmart-xyz.com/', false],
  ])('%s: %s', (link, ok) => {
    expect(!!parseHotLink(link, HOSTS)).toBe(ok);
  });

  it('other hosts only when configured', () => {
    expect(parseHotLink('https://checkout.shop.example/p/1', HOSTS)).toBeNull();
    expect(parseHotLink('https://checkout.shop.example/p/1', ['checkout.shop.example'])?.href).toBe('https://checkout.shop.example/p/1');
    expect(parseHotLink('https://pay.hotmart.com/A72242240H', ['checkout.shop.example'])).toBeNull();
  });
});
