/**
 * One running HotLinks: its parts (the attribution's state, capture, checkout links, reports,
 * consent) wired together, and the page's API. Each part is a module of its own; this file only
 * connects them.
 */
import type { Attribution } from './attribution/attribution.js';
import { landingCapture } from './attribution/capture.js';
import { cookieStore } from './attribution/cookie-store.js';
import { attributionState } from './attribution/state.js';
import { type CheckoutExtras, parseHotLink } from './checkout/checkout-url.js';
import { linkDecorator } from './checkout/decorate-links.js';
import { watchDepartures } from './checkout/departures.js';
import { checkoutLinks } from './checkout/links.js';
import { shown } from './config/shown.js';
import type { ResolvedOptions } from './config/validate.js';
import { type ConsentState, followConsentTool } from './consent/consent.js';
import { fire } from './page/events.js';
import { watchNavigation } from './page/navigation.js';
import { reporter } from './report/reporter.js';

export type { CheckoutExtras };

export interface HotLinks {
  /** The settings in force, as the page gave them (they never change while it runs). */
  readonly options: ResolvedOptions;
  /** The current attribution, or `null`. */
  getAttribution(): Attribution | null;
  /** The decorated checkout URL. Throws for a URL that is not `https:` on a checkout host. */
  checkoutUrl(hotlink: string, extra?: CheckoutExtras): string;
  /**
   * Grant (`true`: write what is in memory to the cookie) or withdraw (`false`: delete the cookie)
   * consent. Anything else (`'false'`, `'denied'`, `{}`) changes nothing, with a warning: consent
   * is never granted by a value that merely looks true.
   */
  consent(granted: boolean): void;
  /** What the visitor has answered so far: `granted`, `refused`, or `waiting` (for the site's consent tool or banner). */
  consentState(): ConsentState;
  /** Forget the attribution, in memory and in the cookie. */
  clear(): void;
  /** Decorate checkout links and forms under `root` (default: the document) now. */
  decorate(root?: ParentNode): void;
  /**
   * Announces a departure for checkout from `source` (a button or link): fires the cancelable
   * `hotlinks-checkout` event and, unless cancelled, reports it. Returns `false` if cancelled.
   */
  beginCheckout(url: string, source: EventTarget): boolean;
  /**
   * The URL the page itself wrote on a link (its `href` before decoration): the Buy button's
   * fallback link can be decorated too, and the button must start from what the producer wrote.
   */
  writtenUrl(link: Element): string | null;
}

export function startHotLinks(options: ResolvedOptions): HotLinks {
  // The ESM package also runs in Node (SSR); a drop-in only ever runs in a browser.
  const browser = DROPIN || typeof document != 'undefined';
  const state = attributionState(options, browser ? cookieStore(options) : null);
  const links = checkoutLinks(options, state);
  const decorator = linkDecorator(links.decorateUrl);
  const reports = reporter(options, state);
  /** What a checkout link would carry may have changed: decorated links follow, the page hears of it. */
  const changed = () => {
    if (!browser) return;
    if (options.decorate) decorator.refresh();
    fire(document, 'hotlinks-change', undefined);
  };
  const api: HotLinks = {
    options,
    getAttribution: state.get,
    checkoutUrl: links.checkoutUrl,
    consentState: state.consentState,
    consent(value) {
      if (typeof value != 'boolean') return console.warn(`[hotlinks] HotLinks.consent() takes true or false, got ${shown(value)}: nothing changed`);
      state.consent(value);
      if (value) reports.granted();
      changed();
    },
    clear() {
      state.clear();
      changed();
    },
    decorate(root) {
      if (browser) decorator.all(root);
    },
    writtenUrl: decorator.source,
    beginCheckout(url, source) {
      const attribution = state.get();
      const go = fire(source, 'hotlinks-checkout', { url, attribution });
      if (go) reports.report('checkout', attribution, url);
      return go;
    },
  };
  if (!browser) return api;
  // A consent tool answers before the landing is captured when it already knows the visitor.
  followConsentTool(options.consent, (yes, final) => (yes ? state.consentState() != 'granted' : final) && api.consent(yes));
  const capture = landingCapture(options, state, () => reports.report('attribution', state.get()));
  watchNavigation(() => (capture(), changed()));
  if (options.decorate) {
    decorator.listen();
    watchDepartures(decorator, (url) => !!parseHotLink(url, options.checkoutHosts), api.beginCheckout);
  }
  return api;
}
