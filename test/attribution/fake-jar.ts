/**
 * A browser's cookie jar as RFC 6265 describes it, small enough to read: cookies keyed by name,
 * domain and path; a `Domain` on a public suffix or on another site refused; `document.cookie`
 * listing the cookies visible on the page's path, longest path first, then oldest first (what
 * Chromium, Firefox and Safari do). A sibling subdomain's writes are `plant()`ed directly.
 */
import type { CookieJar } from '../../src/attribution/cookie-store';

export interface JarCookie {
  name: string;
  value: string;
  /** Without a leading dot. */
  domain: string;
  hostOnly: boolean;
  path: string;
  created: number;
}

/** Public suffixes these tests meet (the browser's list is longer). */
const PUBLIC_SUFFIXES = ['com.br', 'co.uk', 'example', 'test', 'com'];

const domainMatch = (host: string, domain: string) => host == domain || host.endsWith('.' + domain);
/** RFC 6265 5.1.4. */
const pathMatch = (requestPath: string, cookiePath: string) =>
  requestPath == cookiePath ||
  (requestPath.startsWith(cookiePath) && (cookiePath.endsWith('/') || requestPath[cookiePath.length] == '/'));

export class FakeJar implements CookieJar {
  cookies: JarCookie[] = [];
  /** Every string written, in order. */
  writes: string[] = [];
  private clock = 0;

  constructor(
    public host: string,
    public pathname = '/',
  ) {}

  /** What the page at `host` + `pathname` sees, as `document.cookie` lists it. */
  read(): string {
    return this.visible()
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  visible(): JarCookie[] {
    return this.cookies
      .filter((c) => (c.hostOnly ? c.domain == this.host : domainMatch(this.host, c.domain)) && pathMatch(this.pathname, c.path))
      .sort((a, b) => b.path.length - a.path.length || a.created - b.created);
  }

  /** `document.cookie = …` by the page. */
  write(cookie: string): void {
    this.writes.push(cookie);
    const [pair, ...attributes] = cookie.split(/; */);
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    const attr = Object.fromEntries(
      attributes.map((a) => {
        const i = a.indexOf('=');
        return i < 0 ? [a.toLowerCase(), ''] : [a.slice(0, i).toLowerCase(), a.slice(i + 1)];
      }),
    ) as Record<string, string>;
    let domain = this.host;
    let hostOnly = true;
    if (attr.domain) {
      const wanted = attr.domain.replace(/^\./, '').toLowerCase();
      // A public suffix, or a domain this host is not inside: the browser ignores the whole cookie.
      if (PUBLIC_SUFFIXES.includes(wanted) && wanted != this.host) return;
      if (!domainMatch(this.host, wanted)) return;
      domain = wanted;
      hostOnly = false;
    }
    const path = attr.path?.startsWith('/') ? attr.path : this.pathname.replace(/\/[^/]*$/, '') || '/';
    const expired = attr.expires !== undefined && new Date(attr.expires).getTime() <= Date.now();
    this.store({ name, value, domain, hostOnly, path }, expired);
  }

  /** A cookie written by someone else (a sibling subdomain's script, a server): no checks against this page. */
  plant(name: string, value: string, where: { domain: string; path?: string; hostOnly?: boolean }): void {
    this.store({ name, value, domain: where.domain, hostOnly: where.hostOnly ?? false, path: where.path ?? '/' }, false);
  }

  private store(cookie: Omit<JarCookie, 'created'>, expired: boolean) {
    const i = this.cookies.findIndex((c) => c.name == cookie.name && c.domain == cookie.domain && c.path == cookie.path);
    const old = i >= 0 ? this.cookies.splice(i, 1)[0] : undefined;
    if (!expired) this.cookies.push({ ...cookie, created: old?.created ?? ++this.clock });
  }

  /** `name@domain path=value` of every cookie of `name` in the jar (visible or not), sorted. */
  held(name = 'hotlinks'): string[] {
    return this.cookies
      .filter((c) => c.name == name)
      .map((c) => `${c.hostOnly ? '' : '.'}${c.domain}${c.path}=${c.value}`)
      .sort();
  }
}
