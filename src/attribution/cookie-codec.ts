/**
 * The attribution cookie: its value and its attributes. The browser (`cookie-store.ts`) and the
 * producer's server (`server/`) both write it through this module, so they agree byte for byte.
 *
 * Value: `2|<affiliate>|<capturedAt>|<expiresAt>|<params>|<visit>`, times in base 36, each field
 * URI-encoded (so `|`, `;`, `,`, spaces and quotes never appear raw), params as a query string, an
 * empty affiliate for a source without a code.
 */
import type { ResolvedOptions } from '../config/validate.js';
import { type Attribution, VISIT_ID, isAffiliateCode, isForwardable } from './attribution.js';

const VERSION = '2';
/** Browsers keep a cookie only up to 4096 bytes with its name; stay well under. */
const MAX_VALUE = 3000;
/**
 * A cookie captured further in the future than this is forged. Less is a clock that is off: the
 * producer's server may write the cookie by its own clock, and a visitor's can be hours wrong.
 */
const SKEW_MS = 86_400_000;
const MAX_LIFETIME_MS = 400 * 86_400_000;

/** What the cookie holds: the attribution but where it lives. */
export type StoredAttribution = Omit<Attribution, 'storage'>;

export function encodeAttribution(attribution: StoredAttribution): string {
  const fields = [
    VERSION,
    attribution.affiliate ?? '',
    attribution.capturedAt.toString(36),
    attribution.expiresAt.toString(36),
    new URLSearchParams(attribution.params).toString(),
    attribution.visit,
  ];
  const value = fields.map(encodeURIComponent).join('|');
  // Too long only with many long forwarded values: keep the credit, drop the tags.
  return value.length > MAX_VALUE ? encodeAttribution({ ...attribution, params: {} }) : value;
}

/** The stored attribution, or `null` for anything missing, expired, malformed or tampered with. */
export function decodeAttribution(
  value: string | undefined | null,
  options: ResolvedOptions,
  now: number,
): StoredAttribution | null {
  if (!value || value.length > MAX_VALUE) return null;
  const fields = value.split('|');
  if (fields.length != 6) return null;
  let decoded: string[];
  try {
    decoded = fields.map(decodeURIComponent);
  } catch {
    return null;
  }
  const [version, affiliate, captured, expires, query, visit] = decoded;
  const capturedAt = parseInt(captured, 36);
  const expiresAt = parseInt(expires, 36);
  if (
    version != VERSION ||
    // Only what encodeAttribution writes: canonical base 36, so "0x1f" or "1e9" cannot slip through.
    capturedAt.toString(36) != captured ||
    expiresAt.toString(36) != expires ||
    (affiliate && !isAffiliateCode(affiliate, options)) ||
    !VISIT_ID.test(visit) ||
    capturedAt > now + SKEW_MS ||
    expiresAt <= now ||
    expiresAt <= capturedAt ||
    expiresAt - capturedAt > MAX_LIFETIME_MS
  ) return null;
  const params: Record<string, string> = {};
  for (const [key, param] of new URLSearchParams(query)) {
    if (!isForwardable(param)) return null;
    // A parameter no longer forwarded (the producer changed `forward`) is dropped, not fatal.
    if (options.forward.includes(key)) params[key] = param;
  }
  return { affiliate: affiliate || null, capturedAt, expiresAt, params, visit };
}

export interface CookieAttributes {
  /** When it lapses, in ms since the epoch; none: a session cookie. */
  expires?: number;
  /** None: a host-only cookie. */
  domain?: string;
  secure?: boolean;
  /** `/` for the attribution (the default); deeper paths only to delete a shadow. */
  path?: string;
}

/** A deletion is an expiry in the past, in the form every cookie implementation knows. */
const DELETED = '; Expires=Thu, 01 Jan 1970 00:00:00 GMT';

/**
 * `name=value; Path=/; Max-Age=...; Domain=...; SameSite=Lax; Secure`: what the browser assigns to
 * `document.cookie` and what the server sends as `Set-Cookie`. Readable by the script (no
 * HttpOnly), sent on top-level navigations from other sites (Lax). Name and value must already be
 * cookie-safe (the options schema checks the name, `encodeAttribution` makes the value).
 *
 * The lifetime is `Max-Age`, seconds from `now`, rather than an `Expires` date: the visitor's
 * browser counts it on its own clock, so a server's or a visitor's clock that is off shortens
 * nothing; and formatting an HTTP date cost the drop-in about 1 ms of main-thread CPU on a landing
 * (V8 sets up its date handling on first use), a tenth of its page load. `expires` at or before
 * `now` deletes the cookie.
 */
export const serializeCookie = (
  name: string,
  value: string,
  { expires, domain, secure, path = '/' }: CookieAttributes,
  now = Date.now(),
): string =>
  `${name}=${value}; Path=${path}` +
  (expires == null ? '' : expires > now ? '; Max-Age=' + Math.ceil((expires - now) / 1000) : DELETED) +
  (domain ? '; Domain=' + domain : '') +
  '; SameSite=Lax' +
  (secure ? '; Secure' : '');

/**
 * Whether a host can take a cookie with a `Domain` attribute. Not `localhost`, an IP address or any
 * single-label name: there both sides write a host-only cookie (see `domainsOf` in `cookie-store.ts`).
 */
export const takesDomainCookies = (hostname: string) => hostname.includes('.') && !/^[\d.]+$|:/.test(hostname);

/**
 * Every value of cookie `name` in a `Cookie` request header or in `document.cookie` (same format),
 * in the order the browser lists them. There can be several: one per path and domain it was set on.
 */
export const cookieValues = (header: string | null | undefined, name: string): string[] =>
  (header ?? '')
    .split(/; */)
    .filter((pair) => pair.startsWith(name + '='))
    .map((pair) => pair.slice(name.length + 1));

/**
 * The attribution among several cookies of our name: the last value that decodes. Browsers list
 * the cookie with the longest `Path` first and, among equal paths, the oldest first; ours is always
 * written with `Path=/`, so a copy planted on a deeper path by a sibling subdomain comes before it
 * and loses, and a value that does not decode is skipped, never a reason to drop a valid one.
 */
export function pickAttribution(
  values: readonly string[],
  options: ResolvedOptions,
  now: number,
): StoredAttribution | null {
  let found = null;
  for (const value of values) found = decodeAttribution(value, options, now) ?? found;
  return found;
}
