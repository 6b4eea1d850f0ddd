/**
 * Several cookies of our name on one page, in the browser. A sibling subdomain can write `hotlinks=`
 * on the shared domain under a deeper `Path`, and the browser lists that copy before ours. The rule:
 * the LAST value (in `document.cookie` order) that decodes is the attribution; copies on deeper
 * paths the page can see are deleted, on every domain they could be on; a value that does not decode
 * never deletes a valid one (`Path=/` is expired only when nothing decodes). Checked against a jar
 * that models paths, domains and the browser's order (`fake-jar.ts`).
 */
import { describe, expect, it } from 'vitest';
import { encodeAttribution } from '../../src/attribution/cookie-codec';
import { cookieStore } from '../../src/attribution/cookie-store';
import { CODE, DAY, OTHER_CODE, options, VISIT } from '../support/page';
import { FakeJar } from '../attribution/fake-jar';

const NOW = Date.now();
const value = (affiliate: string, capturedAt = NOW - DAY, params: Record<string, string> = {}) =>
  encodeAttribution({ affiliate, capturedAt, expiresAt: capturedAt + 60 * DAY, params, visit: VISIT });
const REAL = value(CODE, NOW - DAY, { utm_source: 'fb' });
const FORGED = value(OTHER_CODE, NOW - 60_000);
const GARBAGE = '1|%E0%A4%A|x|y|z';
const EXPIRED = value(OTHER_CODE, NOW - 90 * DAY);

interface Planted {
  value: string;
  domain: string;
  path?: string;
  hostOnly?: boolean;
}

const site = (path: string, planted: Planted[]) => {
  const jar = new FakeJar('www.shop.example', path);
  for (const p of planted) jar.plant('hotlinks', p.value, p);
  return jar;
};
const ours: Planted = { value: REAL, domain: 'shop.example' };

describe('reading: the last value that decodes is the attribution, shadows the page can reach are deleted', () => {
  it.each([
    {
      case: 'a valid-looking copy on Path=/curso, read on /curso',
      path: '/curso',
      planted: [ours, { value: FORGED, domain: 'shop.example', path: '/curso' }],
      affiliate: CODE,
      held: [`.shop.example/=${REAL}`],
    },
    {
      case: 'a garbage copy on Path=/curso, read on /curso',
      path: '/curso',
      planted: [ours, { value: GARBAGE, domain: 'shop.example', path: '/curso' }],
      affiliate: CODE,
      held: [`.shop.example/=${REAL}`],
    },
    {
      case: 'copies on /curso, /curso/ and /curso/aula, read on /curso/aula',
      path: '/curso/aula',
      planted: [
        ours,
        { value: FORGED, domain: 'shop.example', path: '/curso' },
        { value: GARBAGE, domain: 'shop.example', path: '/curso/' },
        { value: FORGED, domain: 'shop.example', path: '/curso/aula' },
      ],
      affiliate: CODE,
      held: [`.shop.example/=${REAL}`],
    },
    {
      case: 'a host-only copy of www. on Path=/curso',
      path: '/curso',
      planted: [ours, { value: FORGED, domain: 'www.shop.example', path: '/curso', hostOnly: true }],
      affiliate: CODE,
      held: [`.shop.example/=${REAL}`],
    },
    {
      case: 'a copy on /curso, read on /outro (out of this page\'s reach: left alone)',
      path: '/outro',
      planted: [ours, { value: FORGED, domain: 'shop.example', path: '/curso' }],
      affiliate: CODE,
      held: [`.shop.example/=${REAL}`, `.shop.example/curso=${FORGED}`],
    },
    {
      case: 'an expired copy beside ours on Path=/ (older, so listed first)',
      path: '/',
      planted: [{ value: EXPIRED, domain: 'www.shop.example', hostOnly: true }, ours],
      affiliate: CODE,
      held: [`.shop.example/=${REAL}`, `www.shop.example/=${EXPIRED}`],
    },
    {
      case: 'two valid values on Path=/: the newer (listed last) wins',
      path: '/',
      planted: [{ value: FORGED, domain: 'www.shop.example', hostOnly: true }, ours],
      affiliate: CODE,
      held: [`.shop.example/=${REAL}`, `www.shop.example/=${FORGED}`],
    },
    {
      case: 'only garbage, on / and on /curso: nothing, and all of it deleted',
      path: '/curso',
      planted: [
        { value: GARBAGE, domain: 'shop.example' },
        { value: 'x', domain: 'shop.example', path: '/curso' },
      ],
      affiliate: null,
      held: [],
    },
    {
      case: 'one garbage value on /: nothing, and it is deleted',
      path: '/',
      planted: [{ value: GARBAGE, domain: 'www.shop.example', hostOnly: true }],
      affiliate: null,
      held: [],
    },
  ])('$case', ({ path, planted, affiliate, held }) => {
    const jar = site(path, planted);
    const store = cookieStore(options(), jar, { hostname: 'www.shop.example', pathname: path, protocol: 'https:' });
    expect(store.read(NOW)?.affiliate ?? null).toBe(affiliate);
    expect(jar.held()).toEqual(held);
    // And the next page on that path sees the same attribution.
    expect(cookieStore(options(), jar, { hostname: 'www.shop.example', pathname: path, protocol: 'https:' }).read(NOW)?.affiliate ?? null).toBe(affiliate);
  });

  it('a value that does not decode never deletes a valid one, wherever it sits in the order', () => {
    for (const order of [
      [ours, { value: GARBAGE, domain: 'shop.example', path: '/curso' }],
      [{ value: GARBAGE, domain: 'www.shop.example', hostOnly: true }, ours],
      [ours, { value: GARBAGE, domain: 'www.shop.example', hostOnly: true }],
    ]) {
      const jar = site('/curso', order);
      cookieStore(options(), jar, { hostname: 'www.shop.example', pathname: '/curso', protocol: 'https:' }).read(NOW);
      expect(jar.held(), JSON.stringify(order)).toContain(`.shop.example/=${REAL}`);
    }
  });
});

describe('writing with a shadow on the page', () => {
  it('a real capture on /curso under a valid-looking shadow: ours is written on the registrable domain and the shadow goes', () => {
    const jar = site('/curso', [{ value: FORGED, domain: 'shop.example', path: '/curso' }]);
    const store = cookieStore(options(), jar, { hostname: 'www.shop.example', pathname: '/curso', protocol: 'https:' });
    const attribution = { affiliate: CODE, capturedAt: NOW, expiresAt: NOW + 60 * DAY, params: {}, visit: VISIT, storage: 'memory' as const };
    expect(store.write(attribution)).toBe(true);
    expect(store.domain).toBe('shop.example');
    expect(jar.held()).toEqual([`.shop.example/=${encodeAttribution(attribution)}`]);
    expect(jar.read()).toBe(`hotlinks=${encodeAttribution(attribution)}`);
  });

  it('an old host-only copy at / is replaced by the one on the registrable domain', () => {
    const jar = site('/', [{ value: FORGED, domain: 'www.shop.example', hostOnly: true }]);
    const store = cookieStore(options(), jar, { hostname: 'www.shop.example', pathname: '/', protocol: 'https:' });
    const attribution = { affiliate: CODE, capturedAt: NOW, expiresAt: NOW + 60 * DAY, params: {}, visit: VISIT, storage: 'memory' as const };
    expect(store.write(attribution)).toBe(true);
    expect(jar.held()).toEqual([`.shop.example/=${encodeAttribution(attribution)}`]);
  });

  it.each([
    { planted: 'hotlinks_probe=1 on produtor.com.br', name: 'hotlinks_probe', value: '1' },
    { planted: 'hotlinks_probe=x on produtor.com.br', name: 'hotlinks_probe', value: 'x' },
    { planted: 'a garbage hotlinks= on produtor.com.br, Path=/curso', name: 'hotlinks', value: GARBAGE, path: '/curso' },
  ])('www.produtor.com.br with $planted: written on produtor.com.br, never on the suffix com.br', ({ name, value: planted, path }) => {
    const jar = new FakeJar('www.produtor.com.br', '/curso');
    const attribution = { affiliate: CODE, capturedAt: NOW, expiresAt: NOW + 60 * DAY, params: {}, visit: VISIT, storage: 'memory' as const };
    jar.plant(name, planted, { domain: 'produtor.com.br', path });
    const store = cookieStore(options(), jar, { hostname: 'www.produtor.com.br', pathname: '/curso', protocol: 'https:' });
    expect(store.write(attribution)).toBe(true);
    expect(store.domain).toBe('produtor.com.br');
    expect(jar.held()).toContain(`.produtor.com.br/=${encodeAttribution(attribution)}`);
    // No write of ours ever succeeded on the suffix, and the next page reads it back.
    expect(jar.cookies.filter((c) => c.domain == 'com.br')).toEqual([]);
    expect(cookieStore(options(), jar, { hostname: 'www.produtor.com.br', pathname: '/', protocol: 'https:' }).read(NOW)?.affiliate).toBe(CODE);
  });
});
