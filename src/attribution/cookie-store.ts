/**
 * Reads and writes the attribution cookie in the browser. Every failure (cookies blocked,
 * `document.cookie` throwing, a domain the browser refuses) is reported as `false`, never thrown:
 * the caller then keeps the attribution in memory for the page.
 */
import type { ResolvedOptions } from '../config/validate.js';
import type { Attribution } from './attribution.js';
import { type CookieAttributes, cookieAttributes, cookieFromHeader, decodeAttribution, encodeAttribution, serializeCookie } from './cookie-codec.js';
import { probeRegistrableDomain } from './registrable-domain.js';

/** One cookie at a time; tests give the store a fake jar. */
export interface CookieJar {
  get(name: string): string | undefined;
  set(name: string, value: string, attributes: CookieAttributes): void;
  remove(name: string, attributes: Omit<CookieAttributes, 'expires'>): void;
}

/**
 * `document.cookie` as a jar. Values pass through as they are: `cookie-codec.ts` made them
 * cookie-safe, and writing goes through the serializer the server uses too. (js-cookie would do
 * the same with its encoding switched off, for 540 bytes gzipped: an eighth of the capture
 * script's budget.)
 */
export const documentJar: CookieJar = {
  get: (name) => cookieFromHeader(document.cookie, name),
  set(name, value, attributes) {
    document.cookie = serializeCookie(name, value, attributes);
  },
  remove(name, attributes) {
    documentJar.set(name, '', { ...attributes, expires: new Date(0) });
  },
};

export interface CookieStore {
  /** The cookie's domain: configured, or probed on first use (probing writes a test cookie). */
  readonly domain: string | undefined;
  /** The stored attribution; a cookie that does not decode is deleted. */
  read(now: number): Omit<Attribution, 'storage'> | null;
  /** Writes, then reads back: `true` only if the browser really kept it. */
  write(attribution: Attribution): boolean;
  remove(): void;
}

export function cookieStore(
  options: ResolvedOptions,
  jar: CookieJar = documentJar,
  location: Pick<Location, 'hostname' | 'protocol'> = window.location,
): CookieStore {
  const { cookieName, cookieDomain } = options;
  let domain: string | undefined | null = null;
  const store: CookieStore = {
    get domain() {
      if (domain === null) domain = cookieDomain == 'auto' ? probeRegistrableDomain(location.hostname, jar) : cookieDomain;
      return domain;
    },
    read(now) {
      let value: string | undefined;
      try {
        value = jar.get(cookieName);
      } catch {
        return null;
      }
      const attribution = decodeAttribution(value, options, now);
      if (value && !attribution) store.remove();
      return attribution;
    },
    write(attribution) {
      const value = encodeAttribution(attribution);
      try {
        // An unchanged cookie is not written again: one set by the server keeps its longer life.
        if (jar.get(cookieName) != value) {
          jar.set(cookieName, value, cookieAttributes(attribution.expiresAt, store.domain, location.protocol == 'https:'));
        }
        return jar.get(cookieName) == value;
      } catch {
        return false;
      }
    },
    remove() {
      try {
        // A cookie is removed only with the domain it was set with; an old host-only one too.
        for (const domain of [store.domain, undefined]) jar.remove(cookieName, cookieAttributes(0, domain, false));
      } catch {
        /* nothing stored, nothing to remove */
      }
    },
  };
  return store;
}
