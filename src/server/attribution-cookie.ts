/**
 * The attribution cookie written by the producer's server. Safari keeps a cookie written by script
 * 7 days at most; one set in an HTTP response lives as long as the producer promised affiliates.
 * Same capture, same first-/last-click rule, same codec as the browser: only the writer differs.
 */
import { attributeLanding, readLanding } from '../attribution/attribution.js';
import { cookieValues, encodeAttribution, pickAttribution, serializeCookie, takesDomainCookies } from '../attribution/cookie-codec.js';
import { shown } from '../config/shown.js';
import { OPTIONS } from '../config/options.js';
import { type HotLinksOptions, type ResolvedOptions, resolveOptions } from '../config/validate.js';

/** The browser's options (one config for both sides), with the registrable domain made explicit. */
export type ServerOptions = Omit<HotLinksOptions, 'cookieDomain'> & {
  /** Your registrable domain, such as `shop.example`: a server cannot probe for it as the browser does. */
  cookieDomain: string;
};

/** Options after defaults and checks. */
export type ResolvedServerOptions = ResolvedOptions & { cookieDomain: string };

/**
 * Fills in defaults and checks every option, by the browser's own rules (`config/options.ts`), and
 * that `cookieDomain` names a domain; throws an error naming the first bad one.
 */
export function resolveServerOptions(options: ServerOptions, caller = 'hotlinks-embed/server'): ResolvedServerOptions {
  const fail = (key: string, problem: string) => {
    throw new Error(`${caller}: ${key} ${problem}`);
  };
  const { cookieDomain } = options;
  if (cookieDomain == 'auto' || !OPTIONS.cookieDomain[1](cookieDomain)) {
    fail('cookieDomain', `must be your registrable domain in lowercase, such as "shop.example" (a server cannot probe for it), got ${shown(cookieDomain)}`);
  }
  return resolveOptions(options as Record<string, unknown>, fail) as ResolvedServerOptions;
}

/** A request as the cookie needs it: the public URL the visitor asked for, and its `Cookie` header. */
export interface CookieRequest {
  /** The URL in the visitor's address bar (scheme and host as the visitor sees them). */
  url: string | URL;
  /** The request's `Cookie` header. */
  cookie?: string | null;
  /** Whether the visitor agreed to cookies; default: the `consent` option is `granted`. */
  consent?: boolean;
}

/**
 * The `Set-Cookie` header value that writes the attribution cookie for this request, or `null` when
 * there is nothing to set:
 * - a landing with a valid code, or with forwarded parameters only (a source): a new attribution,
 *   by the browser's rules (`attributeLanding`: first-click keeps an unexpired stored code, a
 *   source never displaces a code, the same click is not written twice), keeping the stored visit id;
 * - anything else: nothing. A stored value is never written again: the request cannot say on which
 *   `Path` it was set, and re-issuing a copy a sibling subdomain planted on `Path=/curso` would
 *   promote it to the whole domain. Only a real landing writes;
 * - only values that do not decode (tampered, expired, malformed): deleted, never trusted;
 * - no consent, or a host outside `cookieDomain` (the browser would refuse the cookie): nothing.
 */
export function attributionCookie(request: CookieRequest, options: ResolvedServerOptions, now = Date.now()): string | null {
  if (!(request.consent ?? options.consent == 'granted')) return null;
  const url = new URL(request.url);
  const { hostname } = url;
  const domain = options.cookieDomain;
  // Where the browser's probe finds no domain (localhost, an IP), it writes a host-only cookie: so do we.
  let cookieDomain: string | undefined;
  if (takesDomainCookies(hostname)) {
    if (hostname != domain && !hostname.endsWith('.' + domain)) return null;
    cookieDomain = domain;
  }
  const secure = url.protocol == 'https:';
  const values = cookieValues(request.cookie, options.cookieName);
  const found = pickAttribution(values, options, now);
  const stored = found && { ...found, storage: 'cookie' as const };
  const landed = attributeLanding(stored, readLanding(url.search, options), options, now);
  if (landed && landed != stored) {
    return serializeCookie(options.cookieName, encodeAttribution(landed), { expires: landed.expiresAt, domain: cookieDomain, secure }, now);
  }
  return values.length && !found ? serializeCookie(options.cookieName, '', { expires: 0, domain: cookieDomain, secure }, now) : null;
}
