/**
 * The registrable-domain probe, against a fake cookie jar that refuses cookies the way a browser
 * does: not on a public suffix (the oracle is `tldts`, which ships the Public Suffix List, ICANN
 * and private sections as browsers use them), not on a domain the host is not part of.
 */
import { getDomain, getPublicSuffix } from 'tldts';
import { describe, expect, it } from 'vitest';
import type { Attribution } from '../../src/attribution/attribution';
import { cookieStore } from '../../src/attribution/cookie-store';
import { probeRegistrableDomain } from '../../src/attribution/registrable-domain';
import { CODE, DAY, options } from '../core/page';

interface Stored {
  value: string;
  /** `undefined`: host-only. */
  domain?: string;
  expires?: number;
}

const isIp = (host: string) => /^[\d.]+$/.test(host) || host.includes(':');

/** A browser's cookie jar for one page host, as far as `domain` is concerned. */
class FakeJar {
  cookies = new Map<string, Stored>();
  writes: { name: string; domain?: string; accepted: boolean }[] = [];
  constructor(
    readonly host: string,
    private refuseAll = false,
  ) {}

  #key = (name: string, domain?: string) => `${name}@${domain ?? ''}`;

  /** RFC 6265 5.3 with the public suffix check browsers add. */
  #accepts(domain: string | undefined): boolean {
    if (this.refuseAll) return false;
    if (domain === undefined) return true;
    if (isIp(this.host)) return domain == this.host;
    const suffix = getPublicSuffix(domain, { allowPrivateDomains: true });
    if (suffix == domain && domain != this.host) return false;
    return this.host == domain || this.host.endsWith('.' + domain);
  }

  get(name: string): string | undefined {
    const now = Date.now();
    for (const [key, cookie] of this.cookies) {
      if (key.startsWith(name + '@') && (cookie.expires === undefined || cookie.expires > now)) return cookie.value;
    }
    return undefined;
  }

  set(name: string, value: string, attributes: { domain?: string; expires?: Date | number } = {}): void {
    const domain = attributes.domain?.replace(/^\./, '').toLowerCase() || undefined;
    const accepted = this.#accepts(domain);
    this.writes.push({ name, domain, accepted });
    if (!accepted) return;
    const expires = attributes.expires instanceof Date ? attributes.expires.getTime() : undefined;
    if (expires !== undefined && expires <= Date.now()) this.cookies.delete(this.#key(name, domain));
    else this.cookies.set(this.#key(name, domain), { value, domain, expires });
  }

  remove(name: string, attributes: { domain?: string } = {}): void {
    this.set(name, '', { ...attributes, expires: new Date(0) });
  }
}

/** `probeRegistrableDomain` has the jar's loose shape; the fake takes what browsers take. */
const probe = (jar: FakeJar) => probeRegistrableDomain(jar.host, jar as never);

describe('the registrable-domain probe finds what the Public Suffix List says', () => {
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
    const jar = new FakeJar(host);
    expect(probe(jar)).toBe(expected);
    // The test cookie is gone again.
    expect(jar.cookies.size).toBe(0);
    // It tried shortest first and never wrote above the registrable domain once accepted.
    expect(jar.writes.filter((w) => w.accepted && w.name == 'hotlinks_probe').map((w) => w.domain)).toEqual([expected, expected]);
  });

  it.each(['localhost', '127.0.0.1', '192.168.0.10', '[::1]', 'intranet'])('%s: a host-only cookie, no probing', (host) => {
    const jar = new FakeJar(host);
    expect(probe(jar)).toBeUndefined();
    expect(jar.writes).toEqual([]);
  });

  it('a jar that refuses every cookie: host-only', () => {
    const jar = new FakeJar('blog.shop.com.br', true);
    expect(probe(jar)).toBeUndefined();
    expect(jar.writes.map((w) => w.domain)).toEqual(['com.br', 'shop.com.br', 'blog.shop.com.br']);
  });

  it('a jar that throws: host-only, nothing thrown', () => {
    const jar = new FakeJar('www.x.co.uk');
    jar.set = () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    };
    expect(probe(jar)).toBeUndefined();
  });
});

describe('cookieStore puts the cookie on that domain', () => {
  const attribution = (now: number): Attribution => ({
    affiliate: CODE,
    capturedAt: now,
    expiresAt: now + 60 * DAY,
    params: { utm_source: 'fb' },
    storage: 'memory',
  });
  const storeFor = (host: string, input: Record<string, unknown> = {}, jar = new FakeJar(host)) => ({
    jar,
    store: cookieStore(options(input), jar as never, { hostname: host, protocol: 'https:' }),
  });

  it.each([
    ['blog.shop.com.br', 'shop.com.br'],
    ['www.x.co.uk', 'x.co.uk'],
    ['a.b.github.io', 'b.github.io'],
    ['localhost', undefined],
    ['10.0.0.7', undefined],
  ])('on %s the attribution cookie goes on %s and reads back', (host, domain) => {
    const { jar, store } = storeFor(host);
    const now = Date.now();
    expect(store.write(attribution(now))).toBe(true);
    expect(store.domain).toBe(domain);
    expect([...jar.cookies.values()]).toEqual([expect.objectContaining({ domain })]);
    expect(store.read(now)).toMatchObject({ affiliate: CODE, params: { utm_source: 'fb' } });
    store.remove();
    expect(jar.cookies.size).toBe(0);
  });

  it('probes once per page', () => {
    const { jar, store } = storeFor('blog.shop.com.br');
    const now = Date.now();
    store.write(attribution(now));
    store.write(attribution(now));
    expect(jar.writes.filter((w) => w.name == 'hotlinks_probe' && w.accepted && w.domain == 'shop.com.br')).toHaveLength(2);
  });

  it('an explicit cookieDomain is used as given, without probing', () => {
    const { jar, store } = storeFor('blog.shop.com.br', { cookieDomain: 'blog.shop.com.br' });
    const now = Date.now();
    expect(store.write(attribution(now))).toBe(true);
    expect(jar.writes.map((w) => w.name)).not.toContain('hotlinks_probe');
    expect([...jar.cookies.values()]).toEqual([expect.objectContaining({ domain: 'blog.shop.com.br' })]);
  });

  it.each(['com.br', 'other.example'])('an explicit cookieDomain the browser refuses (%s): write reports false', (cookieDomain) => {
    const { jar, store } = storeFor('blog.shop.com.br', { cookieDomain });
    const now = Date.now();
    expect(store.write(attribution(now))).toBe(false);
    expect(jar.cookies.size).toBe(0);
    expect(store.read(now)).toBeNull();
  });

  it('an all-refusing jar: write reports false, nothing thrown', () => {
    const { store } = storeFor('www.x.co.uk', {}, new FakeJar('www.x.co.uk', true));
    const now = Date.now();
    expect(store.write(attribution(now))).toBe(false);
    expect(store.domain).toBeUndefined();
  });
});
