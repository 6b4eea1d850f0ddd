/** What the visitor's landing URL says, and how a new affiliate code meets a stored one. */
import type { ResolvedOptions } from '../config/validate.js';

export interface Attribution {
  /**
   * The affiliate code, as captured (it matched `codePattern`); `null` for a source without a code:
   * a landing with forwarded parameters only (an ad's `utm_*`, `fbclid`).
   */
  affiliate: string | null;
  /** When it was captured, in ms since the epoch. */
  capturedAt: number;
  /** When it lapses, in ms since the epoch. */
  expiresAt: number;
  /** Landing parameters named in `forward`, kept with the code. */
  params: Record<string, string>;
  /**
   * The visit id: random, made with the first attribution a visitor gets and kept by every later
   * one while it lasts. It goes to checkout as `visitParam` (`xcod`), and Hotmart's webhook names it
   * back, so a sale can be joined to what was captured here (docs/CONTRACT.md, "The loop").
   */
  visit: string;
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
  /** What a link from the producer's other site carried (`HANDOFF`): when the code was captured there, and the visit. */
  handoff?: [capturedAt: number, visit: string];
}

/**
 * The landing parameter a link to the producer's other site (`crossDomain`) carries beside the code:
 * `<capturedAt in base 36>.<visit id>`, so the attribution keeps its age and its visit there.
 */
export const HANDOFF = 'hotlinks';
export const handoffValue = (attribution: Attribution) => attribution.capturedAt.toString(36) + '.' + attribution.visit;

const DAY = 86_400_000;

/** A visit id: URL-safe base64 of at least 64 random bits (11 characters), at most 64 characters. */
export const VISIT_ID = /^[\w-]{11,64}$/;

/** 96 random bits as 16 URL-safe characters. The browser's and Node's `crypto` alike. */
export const newVisitId = (): string =>
  btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(12))))
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
/** Longer than any code or tracking tag seen in use; longer values are not tested against patterns. */
const MAX_CODE = 64;
const MAX_PARAM = 200;

export const lifetimeMs = (options: ResolvedOptions) =>
  (options.cookieDays == 'forever' ? 400 : options.cookieDays) * DAY;

/**
 * Tracking values are kept verbatim and end up in cookies, reports and the producer's dashboards, so
 * refuse anything markup, a cookie header, a log or a JavaScript string could mistake for structure
 * (`<script>`, `"`, `;domain=`, CR/LF, C1 controls, U+2028), and the invisible format characters
 * (`\p{Cf}`: U+200B, the bidirectional overrides such as U+202E) that make one code look like
 * another on a dashboard. No tag seen in use needs these.
 */
export const isForwardable = (value: string) =>
  value.length > 0 && value.length <= MAX_PARAM && !/[\0-\x1f\x7f-\x9f\u2028\u2029<>"'`;\\]|\p{Cf}/u.test(value);

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
  const [time, visit] = (query.get(HANDOFF) ?? '').split('.');
  const capturedAt = parseInt(time, 36);
  if (capturedAt.toString(36) == time && VISIT_ID.test(visit ?? '')) landing.handoff = [capturedAt, visit];
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
 * The attribution after a landing. A new code makes a new attribution under last-click, and under
 * first-click only when no code is stored unexpired (and not from the future). A landing with
 * forwarded parameters and no code (a source) makes one only where no code is stored: a source
 * never displaces an affiliate. A new attribution keeps the stored visit id.
 *
 * Returns `null` when the stored one stands, and the stored one itself when this is the same click
 * (the same code and parameters, moments ago: the producer's server set it in the response to this
 * landing, or this is a reload), so it is not written again: a cookie rewritten by script is one
 * Safari keeps 7 days at most.
 */
export function attributeLanding(
  stored: Attribution | null,
  landing: Landing,
  options: ResolvedOptions,
  now: number,
): Attribution | null {
  const affiliate = landing.affiliate ?? null;
  if (!affiliate && !Object.keys(landing.params).length) return null;
  const live = stored && stored.expiresAt > now ? stored : null;
  if (live) {
    if (live.affiliate && (!affiliate || (options.attribution == 'first-click' && live.capturedAt <= now + FUTURE_MS))) return null;
    if (live.affiliate == affiliate && now - live.capturedAt < SAME_CLICK_MS && sameParams(live.params, landing.params)) return live;
  }
  // Handed over from the producer's other site: its age (never from the future, never older than a
  // lifetime) and its visit come along.
  const [handedAt = now, handedVisit] = landing.handoff ?? [];
  const capturedAt = handedAt <= now && now - handedAt < lifetimeMs(options) ? handedAt : now;
  return {
    affiliate,
    capturedAt,
    expiresAt: capturedAt + lifetimeMs(options),
    params: landing.params,
    visit: live?.visit ?? handedVisit ?? newVisitId(),
    storage: 'memory',
  };
}
