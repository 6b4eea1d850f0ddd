/**
 * The producer's other sites (`crossDomain`): a link to one of them carries the attribution there
 * as a landing (the code as the first name of `params`, the tags, and the hand-off of its age and
 * visit), where the same script captures it into that site's own cookie jar. Other hosts, and this
 * site itself, are never touched.
 */
import { type Attribution, HANDOFF, handoffValue } from '../attribution/attribution.js';
import { matchesHost } from '../config/options.js';
import type { ResolvedOptions } from '../config/validate.js';

/** `href` (as the page wrote it) when it leads to one of the producer's other sites, or `null`. */
export function otherSite(href: string, options: ResolvedOptions): URL | null {
  if (!options.crossDomain.length) return null;
  try {
    const url = new URL(href, location.href);
    return /^https?:$/.test(url.protocol) && url.host != location.host && matchesHost(url.hostname, options.crossDomain) ? url : null;
  } catch {
    return null;
  }
}

/** What such a link carries beside the code and the tags: the hand-off, unless the link has a code of its own. */
export const handoff = (url: URL, options: ResolvedOptions) => (attribution: Attribution) =>
  url.searchParams.has(options.params[0]) ? {} : { [HANDOFF]: handoffValue(attribution) };
