/**
 * Reads and writes the attribution cookie in the browser. Every failure (cookies blocked,
 * `document.cookie` throwing, a domain the browser refuses) is reported as `false`, never thrown:
 * the caller then keeps the attribution in memory for the page.
 */
import type { ResolvedOptions } from '../config/validate';
import type { Attribution } from './attribution';
import { type CookieAttributes, cookieAttributes, decodeAttribution, encodeAttribution, serializeCookie } from './cookie-codec';
import { probeRegistrableDomain } from './registrable-domain';

/** One cookie at a time; tests give the store a fake jar. */
export interface CookieJar {
  get(name: string): string | undefined;
  set(name: string, value: string, attributes: CookieAttributes): void;
  remove(name: string, attributes: Omit<CookieAttributes, 'expires'>): void;
}

/**
 * `document.cookie` as a jar. Values pass through as they are: `cookie-codec.ts` made them
 * cookie-safe, and writing goes through the serializer the server uses too. (js-cookie would do
 * the same in 540 bytes gzipped, an eighth of the capture script's budget, with its encoding
 * switched off; see the README's "Size and speed".)
 */
export const documentJar: CookieJar = {
  get(name) {
    for (const pair of document.cookie.split(/; */)) {
      const eq = pair.indexOf('=');
      if (pair.slice(0, eq) == name) return pair.slice(eq + 1);
    }
  },
  set(name, value, attributes) {
    document.cookie = serializeCookie(name, value, attributes);
  },
  remove(name, attributes) {
    documentJar.set(name, '', { ...attributes, expires: new Date(0) });
  },
};

export class CookieStore {
  #domain: string | undefined | null = null;

  constructor(
    private options: ResolvedOptions,
    private jar: CookieJar = documentJar,
    private location: Pick<Location, 'hostname' | 'protocol'> = window.location,
  ) {}

  /** The cookie's domain: configured, or probed once (probing writes a test cookie). */
  get domain(): string | undefined {
    if (this.#domain === null) {
      const { cookieDomain } = this.options;
      this.#domain = cookieDomain == 'auto' ? probeRegistrableDomain(this.location.hostname, this.jar) : cookieDomain;
    }
    return this.#domain;
  }

  read(now: number): Omit<Attribution, 'storage'> | null {
    let value: string | undefined;
    try {
      value = this.jar.get(this.options.cookieName);
    } catch {
      return null;
    }
    const attribution = decodeAttribution(value, this.options, now);
    if (value && !attribution) this.remove();
    return attribution;
  }

  /** Writes, then reads back: `true` only if the browser really kept it. */
  write(attribution: Attribution, now: number): boolean {
    const value = encodeAttribution(attribution);
    try {
      // Already there (the producer's server set it): a rewrite by script would make Safari cap it at 7 days.
      if (this.jar.get(this.options.cookieName) != value) {
        this.jar.set(this.options.cookieName, value, cookieAttributes(attribution.expiresAt, this.domain, this.location.protocol == 'https:'));
      }
      return this.jar.get(this.options.cookieName) == value && !!this.read(now);
    } catch {
      return false;
    }
  }

  remove(): void {
    const { cookieName } = this.options;
    try {
      // A cookie is removed only with the domain it was set with; an old host-only one too.
      this.jar.remove(cookieName, { path: '/', domain: this.domain, sameSite: 'Lax', secure: false });
      this.jar.remove(cookieName, { path: '/', sameSite: 'Lax', secure: false });
    } catch {
      /* nothing stored, nothing to remove */
    }
  }
}
