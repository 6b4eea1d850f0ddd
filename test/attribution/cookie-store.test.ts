/**
 * Where the attribution cookie lands, against a fake `document.cookie` that refuses cookies the way
 * a browser does: not on a public suffix (the oracle is `tldts`, which ships the Public Suffix List,
 * ICANN and private sections as browsers use them), not on a domain the host is not part of. The
 * store has no list of its own: it writes the attribution itself, shortest domain first, and keeps
 * the first one that reads back.
 */
import { getDomain, getPublicSuffix } from 'tldts';
import { describe, expect, it } from 'vitest';
import type { Attribution } from '../../src/attribution/attribution';
import { type CookieJar, cookieStore } from '../../src/attribution/cookie-store';
import { CODE, DAY, VISIT, options } from '../support/page';

interface Stored {
  name: string;
  value: string;
  /** `undefined`: host-only. */
  domain?: string;
  path: string;
}

const isIp = (host: string) => /^[\d.]+$/.test(host) || host.includes(':');

/** `document.cookie` for one page (host and path), as far as `Domain`, `Path` and `Expires` are concerned. */
class FakeJar implements CookieJar {
  /** In creation order. */
  cookies: Stored[] = [];
  writes: { name: string; value: string; domain?: string; accepted: boolean }[] = [];
  constructor(
    readonly host: string,
    private refuseAll = false,
    readonly path = '/',
  ) {}

  /** RFC 6265 5.3 with the public suffix check browsers add. */
  #accepts(domain: string | undefined): boolean {
    if (this.refuseAll) return false;
    if (domain === undefined) return true;
    if (isIp(this.host)) return domain == this.host;
    const suffix = getPublicSuffix(domain, { allowPrivateDomains: true });
    if (suffix == domain && domain != this.host) return false;
    return this.host == domain || this.host.endsWith('.' + domain);
  }

  /** What the page sees: longest path first, then oldest first. */
  read(): string {
    const visible = (path: string) => path == '/' || this.path == path || this.path.startsWith(path.endsWith('/') ? path : path + '/');
    return this.cookies
      .map((cookie, i) => ({ cookie, i }))
      .filter(({ cookie }) => visible(cookie.path))
      .sort((a, b) => b.cookie.path.length - a.cookie.path.length || a.i - b.i)
      .map(({ cookie }) => `${cookie.name}=${cookie.value}`)
      .join('; ');
  }

  write(header: string): void {
    const [pair, ...parts] = header.split(/; */);
    const name = pair.slice(0, pair.indexOf('='));
    const value = pair.slice(pair.indexOf('=') + 1);
    const attributes = Object.fromEntries(parts.map((p) => [p.split('=')[0].toLowerCase(), p.slice(p.indexOf('=') + 1)]));
    const domain = attributes.domain?.replace(/^\./, '').toLowerCase() || undefined;
    const path = attributes.path || '/';
    const accepted = this.#accepts(domain);
    this.writes.push({ name, value, domain, accepted });
    if (!accepted) return;
    const same = (c: Stored) => c.name == name && c.domain == domain && c.path == path;
    const expired = attributes.expires !== undefined && new Date(attributes.expires).getTime() <= Date.now();
    const existing = this.cookies.find(same);
    if (expired) this.cookies = this.cookies.filter((c) => !same(c));
    else if (existing) existing.value = value;
    else this.cookies.push({ name, value, domain, path });
  }
}

const attribution = (now: number, affiliate = CODE): Attribution => ({
  affiliate,
  capturedAt: now,
  expiresAt: now + 60 * DAY,
  params: { utm_source: 'fb' },
  visit: VISIT,
  storage: 'memory',
});
const storeFor = (host: string, input: Record<string, unknown> = {}, jar = new FakeJar(host)) => ({
  jar,
  store: cookieStore(options(input), jar, { hostname: host, pathname: '/', protocol: 'https:' }),
});

describe('the attribution cookie lands on the domain the Public Suffix List says', () => {
  it.each([
    ['blog.shop.com.br', 'shop.com.br'],
    ['www.x.co.uk', 'x.co.uk'],
    ['a.b.github.io', 'b.github.io'],
    ['www.shop.com', 'shop.com'],
    ['shop.com.br', 'shop.com.br'],
    ['loja.exemplo.net.br', 'exemplo.net.br'],
    ['a.b.c.d.shop.com.au', 'shop.com.au'],
    ['minha-loja.myshopify.com', 'minha-loja.myshopify.com'],
    ['app.herokuapp.com', 'app.herokuapp.com'],
    ['foo.blogspot.com', 'foo.blogspot.com'],
    // Wildcard and exception rules: `*.kawasaki.jp`, `!city.kawasaki.jp`.
    ['www.city.kawasaki.jp', 'city.kawasaki.jp'],
    ['a.b.foo.kawasaki.jp', 'b.foo.kawasaki.jp'],
    ['xn--cursos-6ta.com.br', 'xn--cursos-6ta.com.br'],
  ])('%s -> %s', (host, expected) => {
    expect(getDomain(host, { allowPrivateDomains: true })).toBe(expected);
    const { jar, store } = storeFor(host);
    const now = Date.now();
    expect(store.write(attribution(now))).toBe(true);
    expect(store.domain).toBe(expected);
    // One cookie, ours, on that domain, and it reads back.
    expect(jar.cookies).toEqual([expect.objectContaining({ name: 'hotlinks', domain: expected, path: '/' })]);
    expect(store.read(now)).toMatchObject({ affiliate: CODE, params: { utm_source: 'fb' } });
    // Shortest first: only public suffixes were refused before it, and nothing was written after it.
    const tried = jar.writes.map((w) => w.domain);
    expect(tried.at(-1)).toBe(expected);
    expect(jar.writes.slice(0, -1).every((w) => !w.accepted)).toBe(true);
    expect(tried).toEqual([...tried].sort((a, b) => a!.length - b!.length));
    // No separate test cookie.
    expect(jar.writes.map((w) => w.name)).toEqual(tried.map(() => 'hotlinks'));
  });

  it.each(['localhost', '127.0.0.1', '192.168.0.10', '[::1]', 'intranet'])('%s: a host-only cookie, no domain tried', (host) => {
    const { jar, store } = storeFor(host);
    const now = Date.now();
    expect(store.write(attribution(now))).toBe(true);
    expect(store.domain).toBeUndefined();
    expect(jar.writes).toEqual([expect.objectContaining({ name: 'hotlinks', domain: undefined, accepted: true })]);
    expect(store.read(now)).toMatchObject({ affiliate: CODE });
  });

  it('a jar that refuses every cookie: every domain then host-only tried, write reports false', () => {
    const { jar, store } = storeFor('blog.shop.com.br', {}, new FakeJar('blog.shop.com.br', true));
    const now = Date.now();
    expect(store.write(attribution(now))).toBe(false);
    expect(jar.writes.map((w) => w.domain)).toEqual(['com.br', 'shop.com.br', 'blog.shop.com.br', undefined]);
    expect(store.domain).toBeUndefined();
    expect(store.read(now)).toBeNull();
  });

  it('a jar that throws: write reports false, nothing thrown', () => {
    const jar = new FakeJar('www.x.co.uk');
    jar.write = jar.read = () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    };
    const { store } = storeFor('www.x.co.uk', {}, jar);
    const now = Date.now();
    expect(store.write(attribution(now))).toBe(false);
    expect(store.domain).toBeUndefined();
    expect(store.read(now)).toBeNull();
    expect(() => store.remove()).not.toThrow();
  });
});

describe('cookieStore keeps one cookie there', () => {
  it.each([
    ['blog.shop.com.br', 'shop.com.br'],
    ['www.x.co.uk', 'x.co.uk'],
    ['a.b.github.io', 'b.github.io'],
    ['localhost', undefined],
    ['10.0.0.7', undefined],
  ])('on %s the attribution cookie goes on %s, reads back, and remove() deletes it', (host, domain) => {
    const { jar, store } = storeFor(host);
    const now = Date.now();
    expect(store.write(attribution(now))).toBe(true);
    expect(store.domain).toBe(domain);
    expect(jar.cookies).toEqual([expect.objectContaining({ domain })]);
    expect(store.read(now)).toMatchObject({ affiliate: CODE, params: { utm_source: 'fb' } });
    store.remove();
    expect(jar.cookies).toEqual([]);
    expect(store.read(now)).toBeNull();
  });

  it('writing again: the same attribution or a new one lands on the same domain, one cookie', () => {
    const { jar, store } = storeFor('blog.shop.com.br');
    const now = Date.now();
    store.write(attribution(now));
    expect(store.write(attribution(now))).toBe(true);
    expect(jar.cookies).toEqual([expect.objectContaining({ domain: 'shop.com.br' })]);
    expect(store.write(attribution(now, 'Q100328287K'))).toBe(true);
    expect(jar.cookies).toEqual([expect.objectContaining({ domain: 'shop.com.br' })]);
    expect(store.read(now)).toMatchObject({ affiliate: 'Q100328287K' });
  });

  it('an explicit cookieDomain is used as given, no other domain tried', () => {
    const { jar, store } = storeFor('blog.shop.com.br', { cookieDomain: 'blog.shop.com.br' });
    const now = Date.now();
    expect(store.write(attribution(now))).toBe(true);
    expect(jar.writes.map((w) => w.domain)).toEqual(['blog.shop.com.br']);
    expect(jar.cookies).toEqual([expect.objectContaining({ domain: 'blog.shop.com.br' })]);
  });

  it.each(['com.br', 'other.example'])('an explicit cookieDomain the browser refuses (%s): write reports false', (cookieDomain) => {
    const { jar, store } = storeFor('blog.shop.com.br', { cookieDomain });
    const now = Date.now();
    expect(store.write(attribution(now))).toBe(false);
    expect(jar.cookies).toEqual([]);
    expect(store.read(now)).toBeNull();
  });
});
