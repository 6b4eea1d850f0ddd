/** What the visitor's landing URL says, and how a new affiliate code meets a stored one. */
import type { ResolvedOptions } from '../config/validate.js';

export interface Attribution {
  /** The affiliate code, as captured (it matched `codePattern`). */
  affiliate: string;
  /** When it was captured, in ms since the epoch. */
  capturedAt: number;
  /** When it lapses, in ms since the epoch. */
  expiresAt: number;
  /** Landing parameters named in `forward`, kept with the code. */
  params: Record<string, string>;
  /** Where it lives: the first-party cookie, or only this page's memory (no consent, cookies blocked). */
  storage: 'cookie' | 'memory';
}

export interface Landing {
  /** The valid affiliate code found, if any. */
  affiliate?: string;
  /** The query parameter it came from. */
  from?: string;
  /** Forwarded parameters present on the URL and fit to keep. */
  params: Record<string, string>;
}

const DAY = 86_400_000;
/** Longer than any code or tracking tag seen in use; longer values are not tested against patterns. */
const MAX_CODE = 64;
const MAX_PARAM = 200;

export const lifetimeMs = (options: ResolvedOptions) =>
  (options.cookieDays == 'forever' ? 400 : options.cookieDays) * DAY;

/**
 * Tracking values are kept verbatim and end up in cookies, reports and the producer's dashboards, so
 * refuse anything markup, a cookie header, a log or a JavaScript string could mistake for structure
 * (`<script>`, `"`, `;domain=`, CR/LF, C1 controls, U+2028). No tag seen in use needs these.
 */
export const isForwardable = (value: string) =>
  value.length > 0 && value.length <= MAX_PARAM && !/[\0-\x1f\x7f-\x9f\u2028\u2029<>"'`;\\]/.test(value);

export const isAffiliateCode = (value: string, options: ResolvedOptions) =>
  value.length <= MAX_CODE && new RegExp(options.codePattern).test(value);

/**
 * Reads a landing URL's query and, for hash routers, the query inside its hash (`#/curso?a=CODE`,
 * `#?a=CODE`); where a parameter appears twice, the first value counts. Invalid values are ignored,
 * never repaired. The server has no hash, and passes none.
 */
export function readLanding(search: string, options: ResolvedOptions, hash = ''): Landing {
  const inHash = hash.indexOf('?');
  const query = new URLSearchParams(inHash < 0 ? search : search + '&' + hash.slice(inHash + 1));
  const landing: Landing = { params: {} };
  for (const key of options.params) {
    const value = query.get(key);
    if (value != null && isAffiliateCode(value, options)) {
      landing.affiliate = value;
      landing.from = key;
      break;
    }
  }
  for (const key of options.forward) {
    const value = query.get(key);
    if (value != null && isForwardable(value)) landing.params[key] = value;
  }
  return landing;
}

/**
 * A stored attribution with the landing's code and parameters, captured this recently, is this
 * very click: the producer's server set it in the response to this landing (`hotlinks-embed/server`).
 */
const SAME_CLICK_MS = 10 * 60_000;
/**
 * How far in the visitor's future a stored capture may lie and still count as first under
 * first-click: a server's clock may be minutes ahead of the visitor's. A capture claiming a later
 * time is no earlier click, whatever it says.
 */
const FUTURE_MS = 10 * 60_000;

/** Both come from `readLanding`, directly or through the cookie, so their keys are in one order. */
const sameParams = (a: Record<string, string>, b: Record<string, string>) => JSON.stringify(a) == JSON.stringify(b);

/**
 * The attribution after a landing: a new code makes a new attribution under last-click, and under
 * first-click only when nothing unexpired (and not from the future) is stored. Returns `null` when the stored one stands, and
 * the stored one itself when it is this same click, so it is reported but not written again (a
 * cookie rewritten by script is one Safari keeps 7 days at most).
 */
export function attributeLanding(
  stored: Attribution | null,
  landing: Landing,
  options: ResolvedOptions,
  now: number,
): Attribution | null {
  if (!landing.affiliate) return null;
  if (stored && stored.expiresAt > now) {
    if (options.attribution == 'first-click' && stored.capturedAt <= now + FUTURE_MS) return null;
    if (stored.affiliate == landing.affiliate && now - stored.capturedAt < SAME_CLICK_MS && sameParams(stored.params, landing.params)) {
      return stored;
    }
  }
  return {
    affiliate: landing.affiliate,
    capturedAt: now,
    expiresAt: now + lifetimeMs(options),
    params: landing.params,
    storage: 'memory',
  };
}
