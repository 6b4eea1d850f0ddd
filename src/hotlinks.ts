/**
 * One running HotLinks: the attribution (captured from the landing URL, kept in the cookie or in
 * memory), consent, checkout URLs, and the page's API. Watching navigations, decorating links and
 * announcing departures are modules of their own; this file wires them.
 */
import { type Attribution, attributeLanding, readLanding } from './attribution/attribution.js';
import { cookieStore } from './attribution/cookie-store.js';
import { decorateHotLink, matchesHost, parseHotLink } from './checkout/checkout-url.js';
import { linkDecorator } from './checkout/decorate-links.js';
import { watchDepartures } from './checkout/departures.js';
import type { ResolvedOptions } from './config/validate.js';
import { followConsentTool } from './consent/consent.js';
import { fire } from './events.js';
import { watchNavigation } from './navigation.js';
import { reportEvent } from './report/reporter.js';

export type CheckoutExtras = Record<string, string | undefined>;

export interface HotLinks {
  /** The settings in force; `consent` follows `consent()` (`granted` or `pending`). */
  readonly options: ResolvedOptions;
  /** The current attribution, or `null`. */
  getAttribution(): Attribution | null;
  /** The decorated checkout URL. Throws for a URL that is not `https:` on a checkout host. */
  checkoutUrl(hotlink: string, extra?: CheckoutExtras): string;
  /** Grant (write what is in memory to the cookie) or withdraw (delete the cookie) consent. */
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

  const getAttribution = (): Attribution | null => {
    const now = Date.now();
    if (memory === undefined) {
      const stored = store?.read(now);
      memory = stored ? { ...stored, storage: 'cookie' } : null;
    }
    return memory && memory.expiresAt > now ? { ...memory } : null;
  };

  /** `url` with the affiliate code as `param` and the forwarded parameters, where it lacks them. */
  const decorated = (url: URL, param: string, extra: CheckoutExtras = {}) => {
    const attribution = getAttribution();
    return decorateHotLink(url, { affiliate: [param, attribution?.affiliate], params: [attribution?.params ?? {}, pageParams, extra] });
  };

  const checkoutUrl = (hotlink: string, extra?: CheckoutExtras): string => {
    const url = parseHotLink(hotlink, options.checkoutHosts);
    if (!url) {
      throw new Error(
        `HotLinks.checkoutUrl(): ${JSON.stringify(String(hotlink).slice(0, 100))} is not an https: URL on a checkout host (${options.checkoutHosts})`,
      );
    }
    return decorated(url, options.checkoutParam, extra);
  };

  /** What a link the page wrote becomes: a checkout link, a link to another site of the producer's, or nothing of ours. */
  const decorateUrl = (href: string): string | null => {
    const checkout = parseHotLink(href, options.checkoutHosts);
    if (checkout) return decorated(checkout, options.checkoutParam);
    if (!options.crossDomain.length) return null;
    let url: URL;
    try {
      url = new URL(href, location.href);
    } catch {
      return null;
    }
    const elsewhere = /^https?:$/.test(url.protocol) && url.host != location.host && matchesHost(url.hostname, options.crossDomain);
    // On the other site the same script captures it: the code goes as the first landing parameter.
    return elsewhere ? decorated(url, options.params[0]) : null;
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
    const key = landing.affiliate && landing.affiliate + '?' + new URLSearchParams(landing.params);
    if (key && key != lastLanding) {
      const attribution = attributeLanding(getAttribution(), landing, options, Date.now());
      if (attribution) {
        // Only a capture counts: a landing first-click refused is looked at again, once the stored code has lapsed.
        lastLanding = key;
        save(attribution);
        fire(document, 'hotlinks-attribution', getAttribution()!);
        report('attribution', memory!);
      }
    }
    if (options.cleanUrl && landing.from) cleanUrl([landing.from, ...Object.keys(landing.params)]);
    // Every URL change: the forwarded parameters on the page may have changed.
    refresh();
  };

  const api: HotLinks = {
    options,
    getAttribution,
    checkoutUrl,
    consent(value) {
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
  const cleanUrl = (keys: string[]) => {
    const url = new URL(location.href);
    keys.forEach((key) => url.searchParams.delete(key));
    // A hash router's query loses them too; the route stays.
    const inHash = url.hash.indexOf('?');
    if (inHash >= 0) {
      const query = new URLSearchParams(url.hash.slice(inHash + 1));
      keys.forEach((key) => query.delete(key));
      const rest = query.toString();
      const hash = url.hash.slice(0, inHash) + (rest && '?' + rest);
      url.hash = hash.length > 1 ? hash : '';
    }
    // The rest of the query keeps its order; the hash stays.
    try {
      replaceState.call(history, history.state, '', url.href);
    } catch {
      /* a sandboxed or odd history: the address bar keeps the code, nothing else changes */
    }
  };

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
