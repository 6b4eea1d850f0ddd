/**
 * The URLs a page's links get: a checkout URL by the rules of `checkout-url.ts`, with the code, the
 * tags and the visit id; a link to the producer's other site with the attribution as a landing.
 */
import type { Attribution } from '../attribution/attribution.js';
import type { AttributionState } from '../attribution/state.js';
import type { ResolvedOptions } from '../config/validate.js';
import { type CheckoutExtras, decorateHotLink, notCheckoutLink, parseHotLink } from './checkout-url.js';
import { handoff, otherSite } from './cross-domain.js';

export function checkoutLinks(options: ResolvedOptions, state: AttributionState) {
  /**
   * `url` with what it lacks of: the code as `param`, the forwarded tags (stored, then this page's),
   * `ours(attribution)`, then `extra` (the button's own): later ones win; the URL's own win over all.
   */
  const decorated = (url: URL, param: string, ours: (attribution: Attribution) => CheckoutExtras, extra: CheckoutExtras = {}) => {
    const attribution = state.get();
    return decorateHotLink(url, {
      affiliate: [param, attribution?.affiliate ?? undefined],
      params: [attribution?.params ?? {}, state.page, attribution ? ours(attribution) : {}, extra],
    });
  };
  /** The visit id, which Hotmart's webhook echoes back (after the forwarded tags: a landing's `xcod` gives way to it). */
  const visit = (attribution: Attribution) => (options.visitParam ? { [options.visitParam]: attribution.visit } : {});

  return {
    /** The decorated checkout URL. Throws for a URL that is not `https:` on a checkout host. */
    checkoutUrl(hotlink: string, extra?: CheckoutExtras): string {
      const url = parseHotLink(hotlink, options.checkoutHosts);
      if (!url) {
        throw new Error(`HotLinks.checkoutUrl(): ${JSON.stringify(String(hotlink).slice(0, 100))}${notCheckoutLink(options.checkoutHosts)}`);
      }
      return decorated(url, options.checkoutParam, visit, extra);
    },
    /** What a link the page wrote becomes: a checkout link, a link to the producer's other site, or nothing of ours (`null`). */
    decorateUrl(href: string): string | null {
      const checkout = parseHotLink(href, options.checkoutHosts);
      if (checkout) return decorated(checkout, options.checkoutParam, visit);
      const other = otherSite(href, options);
      return other && decorated(other, options.params[0], handoff(other, options));
    },
  };
}
