/**
 * One running HotLinks: the attribution (captured from the landing URL, kept in the cookie or in
 * memory), consent, checkout URLs, and the page's API. Watching navigations, decorating links and
 * announcing departures are modules of their own; this file wires them.
 */
import { type Attribution, HANDOFF, attributeLanding, handoffValue, readLanding } from './attribution/attribution.js';
import { cookieStore } from './attribution/cookie-store.js';
import { decorateHotLink, matchesHost, parseHotLink } from './checkout/checkout-url.js';
import { linkDecorator } from './checkout/decorate-links.js';
import { watchDepartures } from './checkout/departures.js';
import type { ResolvedOptions } from './config/validate.js';
import { followConsentTool } from './consent/consent.js';
import { shown } from './config/shown.js';
import { fire } from './events.js';
import { cleanedUrl, watchNavigation } from './navigation.js';
import { reportEvent } from './report/reporter.js';

export type CheckoutExtras = Record<string, string | undefined>;

/** Landing parameters other tags on the page read from the address bar (GA4, Meta's pixel): `utm_*` and ad click ids. */
const READ_BY_OTHERS = /^utm_|clid$|braid$/;

export interface HotLinks {
  /** The settings in force; `consent` follows `consent()` (`granted` or `pending`). */
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
  /** Forget the attribution, in memory and in the cookie. */
  clear(): void;
  /** Decorate checkout links and forms under `root` (default: the document) now. */
  decorate(root?: ParentNode): void;
  /**
   * Announces a departure for checkout from `source` (a button or link): fires the cancelable
   * `hotlink-checkout` event and, unless cancelled, reports it. Returns `false` if cancelled.
   */
  beginCheckout(url: string, source: EventTarget): boolean;
  /**
   * The URL the page itself wrote on a link (its `href` before decoration): the Buy button's
   * fallback link can be decorated too, and the button must start from what the producer wrote.
   */
  writtenUrl(link: Element): string | null;
}

export function startHotLinks(options: ResolvedOptions): HotLinks {
  const browser = typeof document != 'undefined';
  const store = browser ? cookieStore(options) : null;
  const granted = () => options.consent == 'granted';
  /**
   * The attribution: read from the cookie once, when first needed (a page without a landing code
   * and without a checkout link to decorate never reads it), then kept here. `undefined`: not read yet.
   */
  let memory: Attribution | null | undefined;
  /** Forwarded parameters on the current URL: they reach checkout even with no affiliate code. */
  let pageParams: Record<string, string> = {};
  /** An `attribution` report waiting for consent. */
  let waitingReport = false;
  /** The landing last captured, so a navigation back to it is not a second capture. */
  let lastLanding: string | undefined;
  let listening = false;

  /** Reads the cookie into memory; `strict`: see `CookieStore.read`. */
  const read = (strict?: boolean) => {
    const stored = store?.read(Date.now(), strict);
    memory = stored ? { ...stored, storage: 'cookie' } : null;
  };

  const getAttribution = (): Attribution | null => {
    const now = Date.now();
    if (memory === undefined) read();
    // A copy, its parameters too: what a listener does to an event's detail reaches no checkout.
    return memory && memory.expiresAt > now ? { ...memory, params: { ...memory.params } } : null;
  };

  /**
   * `url` with what it lacks of: the affiliate code as `param`, the forwarded parameters, then
   * `ours` (the visit id, or the hand-off), then `extra` (the button's own): later ones win.
   */
  const decorated = (url: URL, param: string, ours: (attribution: Attribution) => CheckoutExtras, extra: CheckoutExtras = {}) => {
    const attribution = getAttribution();
    return decorateHotLink(url, {
      affiliate: [param, attribution?.affiliate ?? undefined],
      params: [attribution?.params ?? {}, pageParams, attribution ? ours(attribution) : {}, extra],
    });
  };
  /** What checkout gets of ours: the visit id, which Hotmart's webhook echoes back (a HotLink's own value wins). */
  const visit = (attribution: Attribution) => (options.visitParam ? { [options.visitParam]: attribution.visit } : {});

  const checkoutUrl = (hotlink: string, extra?: CheckoutExtras): string => {
    const url = parseHotLink(hotlink, options.checkoutHosts);
    if (!url) {
      throw new Error(
        `HotLinks.checkoutUrl(): ${JSON.stringify(String(hotlink).slice(0, 100))} is not an https: URL on a checkout host (${options.checkoutHosts})`,
      );
    }
    return decorated(url, options.checkoutParam, visit, extra);
  };

  /** What a link the page wrote becomes: a checkout link, a link to another site of the producer's, or nothing of ours. */
  const decorateUrl = (href: string): string | null => {
    const checkout = parseHotLink(href, options.checkoutHosts);
    if (checkout) return decorated(checkout, options.checkoutParam, visit);
    if (!options.crossDomain.length) return null;
    let url: URL;
    try {
      url = new URL(href, location.href);
    } catch {
      return null;
    }
    const elsewhere = /^https?:$/.test(url.protocol) && url.host != location.host && matchesHost(url.hostname, options.crossDomain);
    // On the other site the same script captures it: the code goes as the first landing parameter,
    // its age and visit as the hand-off, unless the link carries a code of its own.
    const param = options.params[0];
    return elsewhere ? decorated(url, param, (attribution) => (url.searchParams.has(param) ? {} : { [HANDOFF]: handoffValue(attribution) })) : null;
  };
  const decorator = linkDecorator(decorateUrl);

  const report = (event: 'attribution' | 'checkout', attribution: Attribution | null, url?: string) => {
    if (granted()) reportEvent(event, attribution, pageParams, options, url);
    else waitingReport ||= event == 'attribution';
  };

  const save = (attribution: Attribution) => {
    // What came from the cookie is not written again: one set by the server keeps its longer life.
    const kept = granted() && (attribution.storage == 'cookie' || !!store?.write(attribution));
    memory = { ...attribution, storage: kept ? 'cookie' : 'memory' };
    if (options.debug) console.info('[hotlinks] captured', memory, store?.domain);
  };

  const refresh = () => {
    if (!browser) return;
    if (listening) decorator.refresh();
    fire(document, 'hotlinks-change', undefined);
  };

  const capture = () => {
    const landing = readLanding(location.search, options, location.hash);
    pageParams = landing.params;
    // Not JSON: a landing page that never uses it should not pay for setting it up (about 0.4 ms).
    const query = new URLSearchParams(landing.params) + '';
    const key = (landing.affiliate || query) && landing.affiliate + '?' + query;
    if (key && key != lastLanding) {
      // The stored attribution may outrank this landing (first-click, the same click): a lone copy a
      // sibling planted on this page's path must not, so the cookie is read strictly.
      if (memory?.storage != 'memory') read(true);
      const attribution = attributeLanding(getAttribution(), landing, options, Date.now());
      if (attribution) {
        // Only a capture counts: a landing first-click refused is looked at again, once the stored code has lapsed.
        lastLanding = key;
        save(attribution);
        fire(document, 'hotlinks-attribution', getAttribution()!);
        report('attribution', memory!);
      }
    }
    if (options.cleanUrl) {
      // Tags that other scripts on the page read (utm_*, ad click ids) stay, unless asked ('all').
      const keys = [landing.from, landing.handoff && HANDOFF, ...Object.keys(landing.params).filter((key) => options.cleanUrl == 'all' || !READ_BY_OTHERS.test(key))];
      const href = cleanedUrl(location.href, keys.filter((key): key is string => !!key));
      try {
        if (href != location.href) replaceState.call(history, history.state, '', href);
      } catch {
        /* a sandboxed or odd history: the address bar keeps the code, nothing else changes */
      }
    }
    // Every URL change: the forwarded parameters on the page may have changed.
    refresh();
  };

  const api: HotLinks = {
    options,
    getAttribution,
    checkoutUrl,
    consent(value) {
      if (typeof value != 'boolean') return console.warn(`[hotlinks] HotLinks.consent() takes true or false, got ${shown(value)}: nothing changed`);
      options.consent = value ? 'granted' : 'pending';
      if (!value) store?.remove();
      if (memory) value ? save(memory) : (memory.storage = 'memory');
      if (value && waitingReport) {
        waitingReport = false;
        report('attribution', memory ?? null);
      }
      refresh();
    },
    clear() {
      memory = null;
      store?.remove();
      refresh();
    },
    decorate(root) {
      if (browser) decorator.all(root);
    },
    writtenUrl: decorator.source,
    beginCheckout(url, source) {
      const attribution = getAttribution();
      const go = fire(source, 'hotlink-checkout', { url, attribution });
      if (go) report('checkout', attribution, url);
      return go;
    },
  };

  if (!browser) return api;

  /** `history.replaceState` as the page had it: cleaning the URL is not a navigation. */
  const replaceState = history.replaceState;

  // A consent tool answers before the landing is captured when it already knows the visitor.
  followConsentTool(options.consent, (yes, final) => {
    if (yes ? !granted() : final) api.consent(yes);
  });
  watchNavigation(capture);
  if (options.decorate) {
    decorator.listen();
    listening = true;
    watchDepartures(decorator, (url) => !!parseHotLink(url, options.checkoutHosts), api.beginCheckout);
  }
  return api;
}
