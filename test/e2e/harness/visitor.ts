/**
 * A visitor: a fresh browser context (its own cookies) that records what its browser did. Checkout
 * (`pay.hotmart.com`, `payment.hotmart.com`) is answered locally and every URL asked of it is
 * recorded; any other outside request is refused and recorded, so nothing leaves the machine.
 */
import type { Browser, BrowserContext, BrowserContextOptions, Cookie, Page } from 'playwright-core';
import { TEST_HOSTS } from './chromium';

export const CHECKOUT = /^https:\/\/pay(ment)?\.hotmart\.com\//;

export interface Recorded {
  type: string;
  detail: any;
  /** `event.defaultPrevented` once every listener of the page has run. */
  cancelled?: boolean;
  page: string;
}

export interface Visitor {
  context: BrowserContext;
  page: Page;
  /** Every checkout URL the browser requested (top-level navigations and frames), in order. */
  checkouts: string[];
  /** Bodies the visitor's pages sent with POST, by URL, in order (reports, forms). */
  posts: { url: string; body: string | null }[];
  /** Outside requests refused (should stay empty). */
  refused: string[];
  /** `hotlinks-attribution` and `hotlinks-checkout` events, as the page saw them. */
  events: Recorded[];
  /** `securitypolicyviolation` events. */
  violations: Recorded[];
  /** Console messages (`type: text`) and uncaught page errors. */
  console: string[];
  errors: string[];
  /** The context's cookies, without Playwright's noise. */
  cookies(): Promise<Cookie[]>;
  /** Waits until the page is on checkout; returns its URL. */
  reachCheckout(page?: Page): Promise<string>;
  /**
   * The visit id this visitor's checkout URLs carry (`xcod`): the last field of their attribution
   * cookie (`name`, default `hotlinks`) on Path `/` (on `domain` only, when given), or, when
   * nothing is stored (consent pending, cookies blocked), the latest recorded `hotlinks-attribution`
   * or `hotlinks-checkout` event's. Throws when there is none, or when the stored cookies disagree.
   */
  visit(options?: { name?: string; domain?: string }): Promise<string>;
}

/** The visit id in a cookie value of format 2 (`2|<code>|<capturedAt>|<expiresAt>|<params>|<visit>`), or `undefined`. */
const visitInCookie = (value: string) => {
  const fields = value.split('|');
  return fields.length == 6 && fields[0] == '2' ? decodeURIComponent(fields[5]) : undefined;
};

/** Runs in every page before its own scripts: forwards our events and CSP violations to the test. */
function recordInPage() {
  const send = (kind: string, event: Event, detail: unknown) => {
    try {
      (window as any).__e2eRecord(kind, JSON.parse(JSON.stringify(detail ?? null)), event.defaultPrevented);
    } catch {
      /* a page closing mid-event */
    }
  };
  for (const type of ['hotlinks-attribution', 'hotlinks-checkout']) {
    // On window, bubbling: after the page's own listeners, so a cancellation is seen.
    addEventListener(type, (e) => send(type, e, (e as CustomEvent).detail));
  }
  document.addEventListener('securitypolicyviolation', (e) =>
    send('csp', e, { directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample, source: `${e.sourceFile}:${e.lineNumber}` }),
  );
}

export const checkoutPage = (url: string) =>
  `<!doctype html><meta charset="utf-8"><title>Hotmart checkout (test)</title><h1>Checkout</h1><p id="url"></p>` +
  `<!-- ${url.replace(/--/g, '- -')} -->`;

/** Playwright's contexts are event emitters; its types leave out these two methods. */
const emitter = (context: BrowserContext) =>
  context as unknown as { eventNames(): (string | symbol)[]; listenerCount(event: string | symbol): number };

/** What a test may do to a context that `VisitorContext.vacate()` cannot undo: the context is then closed. */
const CHANGES = [
  'addInitScript',
  'exposeBinding',
  'exposeFunction',
  'route',
  'routeFromHAR',
  'routeWebSocket',
  'grantPermissions',
  'setOffline',
  'setExtraHTTPHeaders',
  'setGeolocation',
  'setHTTPCredentials',
  'setDefaultTimeout',
  'setDefaultNavigationTimeout',
] as const;

/**
 * A browser context set up for visitors (outside requests refused, checkout answered and recorded,
 * the page's events recorded), each visitor in turn. The tests of a file take turns in one
 * (harness/suite.ts): a new context is a new renderer process, about a second of CPU on a 2-core
 * machine, paid for every test otherwise. Between visitors it is emptied as a browser would be for
 * a new person: pages closed, cookies, local storage and IndexedDB cleared (the test site sends
 * `no-store`, so there is no cache to carry). A test that changed the context itself (an init
 * script, a route, a listener, permissions…) leaves it to be closed instead.
 */
export class VisitorContext {
  private visitor!: Visitor;
  private changed = false;
  private readonly listening = new Map<string, number>();

  private constructor(readonly context: BrowserContext) {}

  static async open(browser: Browser, options: BrowserContextOptions = {}): Promise<VisitorContext> {
    const context = await browser.newContext({ ignoreHTTPSErrors: true, ...options });
    const room = new VisitorContext(context);
    // Lowest priority (Playwright runs the newest matching route first): test hosts go through,
    // anything else outside is refused.
    await context.route('**/*', (route) => {
      const { hostname } = new URL(route.request().url());
      if (hostname == '127.0.0.1' || TEST_HOSTS.includes(hostname)) return route.continue();
      room.visitor.refused.push(route.request().url());
      return route.abort('blockedbyclient');
    });
    await context.route(CHECKOUT, (route) => {
      room.visitor.checkouts.push(route.request().url());
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: checkoutPage(route.request().url()) });
    });
    await context.exposeBinding('__e2eRecord', ({ frame }, type: string, detail: unknown, cancelled: boolean) => {
      const entry = { type, detail, cancelled, page: frame.url() };
      (type == 'csp' ? room.visitor.violations : room.visitor.events).push(entry);
    });
    await context.addInitScript(recordInPage);
    context.on('request', (request) => {
      if (request.method() == 'POST') room.visitor.posts.push({ url: request.url(), body: request.postData() });
    });
    context.on('page', (page) => {
      page.on('console', (message) => room.visitor.console.push(`${message.type()}: ${message.text()}`));
      page.on('pageerror', (error) => room.visitor.errors.push(String(error)));
    });
    for (const event of emitter(context).eventNames()) room.listening.set(String(event), emitter(context).listenerCount(event));
    for (const name of CHANGES) {
      const method = (context[name] as (...args: unknown[]) => unknown).bind(context);
      Object.assign(context, {
        [name]: (...args: unknown[]) => {
          room.changed = true;
          return method(...args);
        },
      });
    }
    return room;
  }

  /** The next visitor: a new page, and lists of their own. */
  async admit(page?: Page): Promise<Visitor> {
    const { context } = this;
    const visitor: Visitor = {
      context,
      page: undefined as unknown as Page,
      checkouts: [],
      posts: [],
      refused: [],
      events: [],
      violations: [],
      console: [],
      errors: [],
      async cookies() {
        return context.cookies();
      },
      async reachCheckout(on = visitor.page) {
        await on.waitForURL(CHECKOUT);
        return on.url();
      },
      async visit({ name = 'hotlinks', domain } = {}) {
        const bare = (host: string) => host.replace(/^\./, '');
        const stored = (await context.cookies())
          .filter((c) => c.name == name && c.path == '/' && (!domain || bare(c.domain) == bare(domain)))
          .map((c) => visitInCookie(c.value))
          .filter((id) => id != null);
        const ids = [...new Set(stored)];
        if (ids.length > 1) throw new Error(`visitor.visit(): the ${name} cookies hold different visits (${ids.join(', ')}): name the domain`);
        if (ids.length) return ids[0];
        const seen = visitor.events.map((e) => (e.type == 'hotlinks-checkout' ? e.detail?.attribution?.visit : e.detail?.visit)).filter(Boolean);
        if (!seen.length) throw new Error(`visitor.visit(): no ${name} cookie on Path / and no recorded event with a visit id`);
        return seen[seen.length - 1];
      },
    };
    this.visitor = visitor;
    visitor.page = page ?? (await context.newPage());
    return visitor;
  }

  /**
   * Empties the context for the next visitor, and returns its page (opened before the old ones
   * close, so the context's renderer process lives on), or `null` when a test changed it: then it
   * is for the caller to close.
   */
  async vacate(): Promise<Page | null> {
    const { context } = this;
    const events = emitter(context);
    const listenersAdded = [...new Set([...events.eventNames(), ...this.listening.keys()])].some(
      (event) => events.listenerCount(event) != (this.listening.get(String(event)) ?? 0),
    );
    if (this.changed || listenersAdded) return null;
    const old = context.pages();
    const next = await context.newPage();
    await Promise.all(old.map((page) => page.close()));
    await context.setStorageState({ cookies: [], origins: [] });
    return next;
  }
}

/** The cookies a test cares about, as `name@domain (secure)` strings, sorted: easy to compare whole. */
export const describeCookies = (cookies: Cookie[]) =>
  cookies.map((c) => `${c.name}@${c.domain}${c.secure ? ' secure' : ''}`).sort();
