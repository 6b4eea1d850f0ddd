/**
 * Reads and writes the attribution cookie in the browser. Every failure (cookies blocked,
 * `document.cookie` throwing, a domain the browser refuses) is reported as `false` or `null`, never
 * thrown: the caller then keeps the attribution in memory for the page.
 *
 * Other cookies of our name can be on the page: a sibling subdomain can write one on the shared
 * domain under a deeper `Path`, with a valid-looking or a garbage value. The rule (see
 * `pickAttribution`): the last value that decodes is the attribution; the others are shadows, deleted
 * where this page's path allows, and a value that does not decode never deletes a valid one.
 */
import type { ResolvedOptions } from '../config/validate.js';
import { onSharedHost } from '../config/options.js';
import { documentProperty } from '../page/dom.js';
import type { Attribution } from './attribution.js';
import { type CookieAttributes, type StoredAttribution, cookieValues, encodeAttribution, pickAttribution, serializeCookie, takesDomainCookies } from './cookie-codec.js';

/** `document.cookie`: what the page sees, and a `name=value; attributes` string to store. Tests give a fake one. */
export interface CookieJar {
  read(): string;
  write(cookie: string): void;
}

/** `document.cookie` through `Document.prototype`: `<img name="cookie">` cannot stand in for it (see `dom.ts`). */
export const documentJar: CookieJar = {
  read: () => documentProperty('cookie').get!.call(document),
  write: (cookie) => documentProperty('cookie').set!.call(document, cookie),
};

/**
 * The domains a cookie of this host could be set on, shortest first (`com.br`, `shop.com.br`,
 * `www.shop.com.br`): the browser refuses a public suffix, so the first one it keeps is the
 * registrable domain. None for `localhost`, an IP address or a single label: host-only cookies
 * there; and none on a shared platform (`SHARED_HOSTS`), where the browser would take the
 * platform's domain and every other tenant would read and overwrite the cookie.
 */
export const domainsOf = (hostname: string): string[] =>
  takesDomainCookies(hostname) && !onSharedHost(hostname)
    ? hostname
        .split('.')
        .map((_, i, labels) => labels.slice(i).join('.'))
        .slice(0, -1)
        .reverse()
    : [];

/**
 * Every `Path` a cookie visible on `pathname` can have, but `/`: `/curso/aula` sees cookies set on
 * `/curso`, `/curso/` and `/curso/aula`.
 */
const deeperPaths = (pathname: string): string[] => {
  const paths = new Set<string>();
  for (let i = 1; i < pathname.length; i++) if (pathname[i] == '/') paths.add(pathname.slice(0, i)).add(pathname.slice(0, i + 1));
  if (pathname.length > 1) paths.add(pathname);
  return [...paths];
};

/**
 * Writes `value` as cookie `name` on each of `domains` in turn, shortest first, until it reads back:
 * the domain the browser kept it on (`undefined`: host-only) and how many cookies of that name the
 * page then sees; `false` when it kept none (cookies refused).
 */
function keep(jar: CookieJar, name: string, value: string, domains: (string | undefined)[], attributes: CookieAttributes) {
  for (const domain of domains) {
    jar.write(serializeCookie(name, value, { ...attributes, domain }));
    const all = cookieValues(jar.read(), name);
    if (all.includes(value)) return [domain, all.length] as const;
  }
  return false;
}

/**
 * The domain a cookie of this page lands on with `cookieDomain: 'auto'`, as the store finds it: a
 * short-lived cookie of a random value written, shortest domain first, until it reads back (nothing
 * planted by another site can pass for it), then deleted. For the debug view; `undefined`: host-only.
 */
export function registrableDomain(jar: CookieJar = documentJar, hostname = location.hostname): string | undefined {
  const name = 'hotlinks_domain';
  const kept = keep(jar, name, Math.random().toString(36).slice(2), [...domainsOf(hostname), undefined], {});
  if (!kept) return;
  jar.write(serializeCookie(name, '', { expires: 0, domain: kept[0] }));
  return kept[0];
}

export interface CookieStore {
  /** The domain this page wrote the cookie on; `undefined` for host-only, or before a write. */
  readonly domain: string | undefined;
  /**
   * The stored attribution (see the rule above). `strict`, for a landing that the stored value may
   * outrank (first-click, the same click): copies on deeper paths go first, so a lone shadow a
   * sibling planted on this page's path (which `document.cookie` cannot tell from ours) counts for nothing.
   */
  read(now: number, strict?: boolean): StoredAttribution | null;
  /** Writes, then reads back: `true` only if the browser really kept it. */
  write(attribution: Attribution): boolean;
  /** Deletes the attribution and every shadow of it this page can reach. */
  remove(): void;
}

export function cookieStore(
  options: ResolvedOptions,
  jar: CookieJar = documentJar,
  location: Pick<Location, 'hostname' | 'pathname' | 'protocol'> = window.location,
): CookieStore {
  const { cookieName: name, cookieDomain } = options;
  const secure = location.protocol == 'https:';
  /** Where our cookie may be: the configured domain, or any the browser could have taken, and host-only. */
  const domains = cookieDomain == 'auto' ? [...domainsOf(location.hostname), undefined] : [cookieDomain];
  if (cookieDomain == 'auto' && onSharedHost(location.hostname)) {
    console.warn(`[hotlinks] ${location.hostname} is a shared platform: the cookie stays on this host; name your domain in data-cookie-domain to share it with your other pages`);
  }
  const values = () => cookieValues(jar.read(), name);
  const expire = (paths: string[], from = domains) => {
    for (const path of paths) for (const domain of from) jar.write(serializeCookie(name, '', { expires: 0, domain, path }));
  };
  let written: string | undefined;

  const store: CookieStore = {
    get domain() {
      return written;
    },
    read(now, strict) {
      try {
        let all = values();
        const deeper = deeperPaths(location.pathname);
        if (strict && all.length && deeper.length) {
          expire(deeper);
          all = values();
        }
        const found = pickAttribution(all, options, now);
        // Shadows on deeper paths go; `/` only when nothing there is valid: it is ours to clean.
        if (all.length > (found ? 1 : 0)) expire(found ? deeper : ['/', ...deeper]);
        return found;
      } catch {
        return null;
      }
    },
    write(attribution) {
      try {
        // No separate probe: the value itself is unique, so the first domain on which it reads back
        // is the registrable domain, and nothing planted by another site can pass for it.
        const kept = keep(jar, name, encodeAttribution(attribution), domains, { expires: attribution.expiresAt, secure });
        if (!kept) return false;
        written = kept[0];
        if (kept[1] > 1) {
          expire(deeperPaths(location.pathname));
          // A host-only copy at `/` from an earlier write would otherwise keep its place in the order.
          if (written) expire(['/'], [undefined]);
        }
        return true;
      } catch {
        /* cookies blocked: the attribution stays in memory */
        return false;
      }
    },
    remove() {
      try {
        expire(['/', ...deeperPaths(location.pathname)]);
      } catch {
        /* nothing stored, nothing to remove */
      }
    },
  };
  return store;
}
