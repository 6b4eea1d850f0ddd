/**
 * The browser's cookie store (`src/attribution/cookie-store.ts`). Where the attribution cookie
 * lands, against a fake `document.cookie` that refuses cookies the way
 * a browser does: not on a public suffix (the oracle is `tldts`, which ships the Public Suffix List,
 * ICANN and private sections as browsers use them), not on a domain the host is not part of. The
 * store has no list of its own: it writes the attribution itself, shortest domain first, and keeps
 * the first one that reads back. Below: cookies blocked, and a sibling subdomain's copies.
 */
import { getDomain, getPublicSuffix } from 'tldts';
import { describe, expect, it, vi } from 'vitest';
import type { Attribution } from '../../src/attribution/attribution';
import { encodeAttribution } from '../../src/attribution/cookie-codec';
import { type CookieJar, cookieStore, registrableDomain } from '../../src/attribution/cookie-store';
import { CODE, DAY, ORIGIN, OTHER_CODE, VISIT, click, options, press, setUrl, start, stubCookie, usePage } from '../support/page';
import { FakeJar } from './fake-jar';

interface Stored {
  name: string;
  value: string;
  /** `undefined`: host-only. */
  domain?: string;
  path: string;
}

const isIp = (host: string) => /^[\d.]+$/.test(host) || host.includes(':');

/** `document.cookie` for one page (host and path), as far as `Domain`, `Path` and `Expires` are concerned. */
class PublicSuffixJar implements CookieJar {
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
const storeFor = (host: string, input: Record<string, unknown> = {}, jar = new PublicSuffixJar(host)) => ({
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
    const { jar, store } = storeFor('blog.shop.com.br', {}, new PublicSuffixJar('blog.shop.com.br', true));
    const now = Date.now();
    expect(store.write(attribution(now))).toBe(false);
    expect(jar.writes.map((w) => w.domain)).toEqual(['com.br', 'shop.com.br', 'blog.shop.com.br', undefined]);
    expect(store.domain).toBeUndefined();
    expect(store.read(now)).toBeNull();
  });

  it('a jar that throws: write reports false, nothing thrown', () => {
    const jar = new PublicSuffixJar('www.x.co.uk');
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

describe('what the browser is asked to store', () => {
  it.each([
    { protocol: 'https:', written: '; SameSite=Lax; Secure' },
    // A Secure cookie from an http: page is refused by the browser.
    { protocol: 'http:', written: '; SameSite=Lax' },
  ])('on an $protocol page the cookie ends "$written"', ({ protocol, written }) => {
    const jar = new FakeJar('www.shop.example');
    const store = cookieStore(options(), jar, { hostname: 'www.shop.example', pathname: '/', protocol });
    expect(store.write(attribution(Date.now()))).toBe(true);
    expect(jar.writes.at(-1)).toMatch(new RegExp(`^hotlinks=[^;]+; Path=/; Max-Age=\\d+; Domain=shop\\.example${written}$`));
  });

  it.each([
    { host: 'meusite.kpages.online', cookieDomain: 'auto', domain: undefined, warned: true },
    { host: 'loja.greatpages.com.br', cookieDomain: 'auto', domain: undefined, warned: true },
    { host: 'meusite.kpages.online', cookieDomain: 'meusite.kpages.online', domain: 'meusite.kpages.online', warned: false },
    { host: 'www.shop.com.br', cookieDomain: 'auto', domain: 'shop.com.br', warned: false },
    { host: 'www.minhakpages.online', cookieDomain: 'auto', domain: 'minhakpages.online', warned: false },
  ])('$host with cookieDomain $cookieDomain: the cookie on $domain, warned $warned', ({ host, cookieDomain, domain, warned }) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const { store } = storeFor(host, { cookieDomain });
      expect(store.write(attribution(Date.now()))).toBe(true);
      expect(store.domain).toBe(domain);
      expect(warn.mock.calls.map((args) => args.join(' '))).toEqual(
        warned ? [`[hotlinks] ${host} is a shared platform: the cookie stays on this host; name your domain in data-cookie-domain to share it with your other pages`] : [],
      );
    } finally {
      warn.mockRestore();
    }
  });
});

describe('registrableDomain(), for the debug view: where a cookie of this page lands, found by writing one', () => {
  it.each([
    ['www.shop.com.br', 'shop.com.br'],
    ['a.b.github.io', 'b.github.io'],
    ['shop.example', 'shop.example'],
    ['meusite.kpages.online', undefined],
    ['localhost', undefined],
    ['10.0.0.7', undefined],
  ])('%s: %s, and no cookie of its own left behind', (host, domain) => {
    const jar = new PublicSuffixJar(host);
    jar.cookies.push({ name: 'hotlinks', value: 'ours', path: '/' });
    expect(registrableDomain(jar, host)).toBe(domain);
    expect(new Set(jar.writes.map((write) => write.name))).toEqual(new Set(['hotlinks_domain']));
    expect(jar.writes.filter((write) => write.accepted).at(0)?.domain).toBe(domain);
    expect(jar.cookies).toEqual([{ name: 'hotlinks', value: 'ours', path: '/' }]);
  });

  it('a jar that refuses every cookie: undefined, nothing left', () => {
    const jar = new PublicSuffixJar('www.shop.com.br', true);
    expect(registrableDomain(jar, 'www.shop.com.br')).toBeUndefined();
    expect(jar.cookies).toEqual([]);
  });
});

/** Cookies that cannot be used leave the attribution in memory for the page; nothing throws. */
describe('faults', () => {
  const BUY = 'https://pay.hotmart.com/A72242240H?off=abc';
  /** The checkout link's href once the visitor presses it. */
  const buy = () => press(document.getElementById('buy')!);

  describe('cookies blocked', () => {
    usePage(ORIGIN + '/', `<a id="buy" href="${BUY}">Buy</a>`);

    const blocked = {
      'document.cookie throws': () =>
        stubCookie(
          () => {
            throw new DOMException('The operation is insecure.', 'SecurityError');
          },
          () => {
            throw new DOMException('The operation is insecure.', 'SecurityError');
          },
        ),
      'writes are silently refused': () =>
        stubCookie(
          () => '',
          () => {},
        ),
      'reads work, writes throw': () =>
        stubCookie(
          () => 'other=1',
          () => {
            throw new DOMException('The operation is insecure.', 'SecurityError');
          },
        ),
    };

    it.each(Object.entries(blocked))('%s: the attribution lives in memory, nothing throws', (_, block) => {
      block();
      const events: Event[] = [];
      document.addEventListener('hotlinks-attribution', (e) => events.push(e));
      setUrl(`/?a=${CODE}&utm_source=fb`);
      const hotlinks = start();
      expect(hotlinks.getAttribution()).toMatchObject({ affiliate: CODE, params: { utm_source: 'fb' }, storage: 'memory' });
      expect(events).toHaveLength(1);
      expect(buy()).toBe(`${BUY}&af=${CODE}&utm_source=fb`);
      expect(click(document.getElementById('buy')!)).toBe(`${BUY}&af=${CODE}&utm_source=fb`);

      expect(() => hotlinks.consent(true)).not.toThrow();
      expect(hotlinks.getAttribution()).toMatchObject({ affiliate: CODE, storage: 'memory' });
      expect(() => history.pushState(null, '', '/?a=Q100328287K')).not.toThrow();
      expect(hotlinks.getAttribution()?.affiliate).toBe('Q100328287K');
      expect(() => hotlinks.consent(false)).not.toThrow();
      expect(() => hotlinks.clear()).not.toThrow();
      expect(hotlinks.getAttribution()).toBeNull();
      expect(buy()).toBe(BUY);
    });

    it('the same with the getter and setter stubbed on the prototype', () => {
      let proto: object | null = document;
      while (proto && !Object.getOwnPropertyDescriptor(proto, 'cookie')) proto = Object.getPrototypeOf(proto);
      const original = Object.getOwnPropertyDescriptor(proto!, 'cookie')!;
      const fail = () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      };
      Object.defineProperty(proto!, 'cookie', { configurable: true, get: fail, set: fail });
      try {
        setUrl('/?a=' + CODE);
        const hotlinks = start();
        expect(hotlinks.getAttribution()).toMatchObject({ affiliate: CODE, storage: 'memory' });
        expect(buy()).toBe(`${BUY}&af=${CODE}`);
      } finally {
        Object.defineProperty(proto!, 'cookie', original);
      }
    });
  });
});

/**
 * Several cookies of our name on one page, in the browser. A sibling subdomain can write `hotlinks=`
 * on the shared domain under a deeper `Path`, and the browser lists that copy before ours. The rule:
 * the LAST value (in `document.cookie` order) that decodes is the attribution; copies on deeper
 * paths the page can see are deleted, on every domain they could be on; a value that does not decode
 * never deletes a valid one (`Path=/` is expired only when nothing decodes). Checked against a jar
 * that models paths, domains and the browser's order (`fake-jar.ts`).
 */
describe('trust: several cookies of our name', () => {
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
      {
        case: 'one garbage value on /, read on /curso/aula: nothing, and it is deleted there too',
        path: '/curso/aula',
        planted: [{ value: GARBAGE, domain: 'shop.example' }],
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

  describe('reading for a landing (strict): copies on deeper paths go before anything is read', () => {
    it.each([
      { case: 'only a valid-looking copy on Path=/curso, on /curso', planted: [{ value: FORGED, domain: 'shop.example', path: '/curso' }], strict: null, plain: OTHER_CODE },
      { case: 'ours and a valid-looking copy on Path=/curso, on /curso', planted: [ours, { value: FORGED, domain: 'shop.example', path: '/curso' }], strict: CODE, plain: CODE },
    ])('$case: $strict (a plain read: $plain)', ({ planted, strict, plain }) => {
      const read = (isStrict: boolean) => {
        const jar = site('/curso', planted);
        const store = cookieStore(options(), jar, { hostname: 'www.shop.example', pathname: '/curso', protocol: 'https:' });
        return [store.read(NOW, isStrict)?.affiliate ?? null, jar.held().filter((held) => held.includes('/curso='))];
      };
      // The copy a page at /curso cannot tell from ours never outranks a landing, and is gone either way.
      expect(read(true)).toEqual([strict, []]);
      expect(read(false)).toEqual([plain, plain == OTHER_CODE ? [`.shop.example/curso=${FORGED}`] : []]);
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

    it('a host-only site (localhost) with a copy on the page\'s path: ours is written at / and stays', () => {
      const jar = new FakeJar('localhost', '/curso');
      jar.plant('hotlinks', FORGED, { domain: 'localhost', path: '/curso', hostOnly: true });
      const store = cookieStore(options(), jar, { hostname: 'localhost', pathname: '/curso', protocol: 'http:' });
      const attribution = { affiliate: CODE, capturedAt: NOW, expiresAt: NOW + 60 * DAY, params: {}, visit: VISIT, storage: 'memory' as const };
      expect(store.write(attribution)).toBe(true);
      expect(store.domain).toBeUndefined();
      expect(jar.held()).toEqual([`localhost/=${encodeAttribution(attribution)}`]);
    });

    it('an old host-only copy at /, and a shadow, on a deeper page: ours replaces the copy at / and the shadow goes', () => {
      const jar = site('/curso/aula', [
        { value: FORGED, domain: 'www.shop.example', hostOnly: true },
        { value: FORGED, domain: 'shop.example', path: '/curso' },
      ]);
      const store = cookieStore(options(), jar, { hostname: 'www.shop.example', pathname: '/curso/aula', protocol: 'https:' });
      const attribution = { affiliate: CODE, capturedAt: NOW, expiresAt: NOW + 60 * DAY, params: {}, visit: VISIT, storage: 'memory' as const };
      expect(store.write(attribution)).toBe(true);
      expect(jar.held()).toEqual([`.shop.example/=${encodeAttribution(attribution)}`]);
    });

    it('clearing on a deeper page deletes ours at / and the copies on the page\'s paths', () => {
      const jar = site('/curso/aula', [ours, { value: FORGED, domain: 'shop.example', path: '/curso' }, { value: FORGED, domain: 'www.shop.example', path: '/curso/aula', hostOnly: true }]);
      cookieStore(options(), jar, { hostname: 'www.shop.example', pathname: '/curso/aula', protocol: 'https:' }).remove();
      expect(jar.held()).toEqual([]);
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
});
