/**
 * Reads and writes the attribution cookie in the browser. Every failure (cookies blocked,
 * `document.cookie` throwing, a domain the browser refuses) is reported as `false`, never thrown:
 * the caller then keeps the attribution in memory for the page.
 */
import Cookies from 'js-cookie';
type CookieAttributes = Cookies.CookieAttributes;
import type { ResolvedOptions } from '../config/validate';
import type { Attribution } from './attribution';
import { cookieAttributes, decodeAttribution, encodeAttribution } from './cookie-codec';
import { probeRegistrableDomain } from './registrable-domain';

/** js-cookie with values passed through as they are: `cookie-codec.ts` already made them cookie-safe. */
const raw: CookieJar = Cookies.withConverter<string>({ read: (value) => value, write: (value) => value });

export interface CookieJar {
  get(name: string): string | undefined;
  set(name: string, value: string, attributes?: CookieAttributes): unknown;
  remove(name: string, attributes?: CookieAttributes): void;
}

export class CookieStore {
  #domain: string | undefined | null = null;

  constructor(
    private options: ResolvedOptions,
    private jar: CookieJar = raw,
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
      this.jar.set(
        this.options.cookieName,
        value,
        cookieAttributes(attribution.expiresAt, this.domain, this.location.protocol == 'https:'),
      );
      return this.jar.get(this.options.cookieName) == value && !!this.read(now);
    } catch {
      return false;
    }
  }

  remove(): void {
    try {
      // A cookie is removed only with the domain it was set with; an old host-only one too.
      this.jar.remove(this.options.cookieName, { path: '/', domain: this.domain });
      this.jar.remove(this.options.cookieName, { path: '/' });
    } catch {
      /* nothing stored, nothing to remove */
    }
  }
}
