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
  /** Outside requests refused (should stay empty). */
  refused: string[];
  /** `hotlinks-attribution` and `hotlink-checkout` events, as the page saw them. */
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
  close(): Promise<void>;
}

/** Runs in every page before its own scripts: forwards our events and CSP violations to the test. */
function recordInPage() {
  const send = (kind: string, event: Event, detail: unknown) => {
    try {
      (window as any).__e2eRecord(kind, JSON.parse(JSON.stringify(detail ?? null)), event.defaultPrevented);
    } catch {
      /* a page closing mid-event */
    }
  };
  for (const type of ['hotlinks-attribution', 'hotlink-checkout']) {
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

export async function newVisitor(browser: Browser, options: BrowserContextOptions = {}): Promise<Visitor> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, ...options });
  const visitor: Omit<Visitor, 'page'> & { page?: Page } = {
    context,
    checkouts: [],
    refused: [],
    events: [],
    violations: [],
    console: [],
    errors: [],
    async cookies() {
      return context.cookies();
    },
    async reachCheckout(page = visitor.page!) {
      await page.waitForURL(CHECKOUT);
      return page.url();
    },
    async close() {
      await context.close();
    },
  };

  // Lowest priority (Playwright runs the newest matching route first): test hosts go through,
  // anything else outside is refused.
  await context.route('**/*', (route) => {
    const { hostname } = new URL(route.request().url());
    if (hostname == '127.0.0.1' || TEST_HOSTS.includes(hostname)) return route.continue();
    visitor.refused.push(route.request().url());
    return route.abort('blockedbyclient');
  });
  await context.route(CHECKOUT, (route) => {
    visitor.checkouts.push(route.request().url());
    return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: checkoutPage(route.request().url()) });
  });
  await context.exposeBinding('__e2eRecord', ({ frame }, type: string, detail: unknown, cancelled: boolean) => {
    const entry = { type, detail, cancelled, page: frame.url() };
    (type == 'csp' ? visitor.violations : visitor.events).push(entry);
  });
  await context.addInitScript(recordInPage);
  context.on('page', (page) => {
    page.on('console', (message) => visitor.console.push(`${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => visitor.errors.push(String(error)));
  });
  visitor.page = await context.newPage();
  return visitor as Visitor;
}

/** The cookies a test cares about, as `name@domain (secure)` strings, sorted: easy to compare whole. */
export const describeCookies = (cookies: Cookie[]) =>
  cookies.map((c) => `${c.name}@${c.domain}${c.secure ? ' secure' : ''}`).sort();
