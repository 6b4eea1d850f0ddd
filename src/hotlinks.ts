/**
 * One running HotLinks: capture from the URL (and on single-page navigations), the stored
 * attribution, consent, checkout URLs, link decoration, events and reports.
 */
import { type Attribution, attributeLanding, readLanding } from './attribution/attribution.js';
import { cookieStore } from './attribution/cookie-store.js';
import { decorateHotLink, parseHotLink } from './checkout/checkout-url.js';
import { linkDecorator } from './checkout/decorate-links.js';
import type { ResolvedOptions } from './config/validate.js';
import { fire } from './events.js';
import { reportEvent } from './reports.js';

export type CheckoutExtras = Record<string, string | undefined>;

export interface HotLinks {
  /** The settings in force; `consent` follows `consent()`. */
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
   * fallback link is decorated too, and the button must start from what the producer wrote.
   */
  writtenUrl(link: Element): string | null;
}

export function startHotLinks(options: ResolvedOptions): HotLinks {
  const browser = typeof document != 'undefined';
  const store = browser ? cookieStore(options) : null;
  const decorator = linkDecorator((href) => {
    try {
      return checkoutUrl(href);
    } catch {
      return null;
    }
  });
  const granted = () => options.consent == 'granted';
  /** This page's capture; the cookie, when it could be written, is the truth. */
  let memory: Attribution | null = null;
  /** Forwarded parameters on the current URL: they reach checkout even with no affiliate code. */
  let pageParams: Record<string, string> = {};

  /**
   * Whether `memory` holds what the cookie said, this task. Reading `document.cookie` is a round
   * trip to the browser, and decorating a page asks for the attribution once per link.
   */
  let readThisTask = false;

  const getAttribution = (): Attribution | null => {
    const now = Date.now();
    // An existing cookie is read even while consent is pending: reading writes nothing.
    if (memory?.storage != 'memory' && !readThisTask) {
      readThisTask = true;
      queueMicrotask(() => (readThisTask = false));
      const stored = store?.read(now);
      memory = stored ? { ...stored, storage: 'cookie' } : null;
    }
    return memory && memory.expiresAt > now ? { ...memory } : null;
  };

  const checkoutUrl = (hotlink: string, extra: CheckoutExtras = {}): string => {
    const url = parseHotLink(hotlink, options.checkoutHosts);
    if (!url) {
      throw new Error(
        `HotLinks.checkoutUrl(): ${JSON.stringify(String(hotlink).slice(0, 100))} is not an https: URL on a checkout host (${options.checkoutHosts})`,
      );
    }
    const attribution = getAttribution();
    return decorateHotLink(url, {
      affiliate: [options.checkoutParam, attribution?.affiliate],
      params: [attribution?.params ?? {}, pageParams, extra],
    });
  };

  const report = (event: 'attribution' | 'checkout', attribution: Attribution | null, checkoutUrl?: string) =>
    granted() && reportEvent(event, attribution, pageParams, options, checkoutUrl);

  const save = (attribution: Attribution) => {
    const kept = granted() && !!store?.write(attribution);
    memory = { ...attribution, storage: kept ? 'cookie' : 'memory' };
    if (options.debug) console.info('[hotlinks] captured', memory, store?.domain);
  };

  const refresh = () => browser && options.decorate && decorator.refresh();

  const capture = () => {
    const landing = readLanding(location.search, options);
    const attribution = attributeLanding(getAttribution(), landing, options, Date.now());
    pageParams = landing.params;
    if (attribution) {
      save(attribution);
      fire(document, 'hotlinks-attribution', getAttribution()!);
      report('attribution', memory);
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
    // The rest of the query keeps its order; the hash stays.
    try {
      replaceState.call(history, history.state, '', url.href);
    } catch {
      /* a sandboxed or odd history: the address bar keeps the code, nothing else changes */
    }
  };

  watchNavigation(capture);
  capture(); // which also decorates the page's links
  if (options.decorate) {
    decorator.observe();
    const onDeparture = (event: Event) => {
      const el = (event.target as Element).closest?.(event.type == 'submit' ? 'form' : 'a[href],area[href]');
      const url = el && decorator.element(el);
      if (url && !api.beginCheckout(url, el)) event.preventDefault();
    };
    document.addEventListener('click', onDeparture, true);
    document.addEventListener('submit', onDeparture, true);
  }
  return api;
}

/** Single-page apps change the URL without loading a page: capture on every history change. */
function watchNavigation(onChange: () => void) {
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = history[method];
    try {
      history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
        original.apply(this, args);
        try {
          onChange();
        } catch {
          /* the page's navigation must not fail because of us */
        }
      };
    } catch {
      /* a frozen history: capture on load and popstate only */
    }
  }
  addEventListener('popstate', onChange);
}
