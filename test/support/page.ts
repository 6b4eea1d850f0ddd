/**
 * A fresh page for every test that starts HotLinks: `startHotLinks` wraps the history methods,
 * adds listeners, and none of that may leak into the next test.
 * `usePage()` registers the hooks; `start()` starts an instance that is torn down after the test.
 */
import { afterEach, beforeEach, vi } from 'vitest';
import { resolveOptions } from '../../src/config/validate';
import { documentProperty } from '../../src/page/dom';
import { type HotLinks, startHotLinks } from '../../src/hotlinks';

export const ORIGIN = 'https://www.shop.example';
export const CODE = 'O95340038V';
export const OTHER_CODE = 'Q100328287K';
export const DAY = 86_400_000;
export { VISIT } from '../fixtures/visit';

/**
 * Options as `init()` resolves them; a bad option fails the test. Without the visit id in checkout
 * URLs (`visitParam: false`) unless a test asks for it: it is random, and the tests of codes and tags
 * assert exact URLs; the `visitParam` row of test/config/options-effects.test.ts and the browser suite cover it as it ships.
 */
export const options = (input: Record<string, unknown> = {}) =>
  resolveOptions({ visitParam: false, ...input }, (key, problem) => {
    throw new Error(`${key} ${problem}`);
  });

/** Lets microtasks and timers run. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * The page's own `document.cookie`. The core reads it through `Document.prototype` (markup cannot
 * shadow that: see src/dom.ts), so a test that makes the cookie jar behave otherwise redefines it
 * there, for every reader, and the page is given the original back after each test.
 */
const cookieDescriptor = documentProperty('cookie');
/** What `Document.prototype` itself holds (happy-dom may define the accessor on a prototype above it). */
const ownCookieDescriptor = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
const defineCookie = (get: () => string, set: (value: string) => void) =>
  Object.defineProperty(Document.prototype, 'cookie', { configurable: true, get, set });

/** Removes every cookie the page can see, host-only and on every parent domain. */
export function clearCookies() {
  const labels = location.hostname.split('.');
  const domains = ['', ...labels.map((_, i) => '; domain=' + labels.slice(i).join('.'))];
  for (const pair of document.cookie.split('; ').filter(Boolean)) {
    const name = pair.split('=')[0];
    for (const domain of domains) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/${domain}`;
  }
}

/** The value of one cookie as `document.cookie` shows it, or `undefined`. */
export function cookie(name = 'hotlinks'): string | undefined {
  const pair = document.cookie.split('; ').find((c) => c.startsWith(name + '='));
  return pair?.slice(name.length + 1);
}

/** Every string assigned to `document.cookie` from now on (what the browser was asked to store). */
export function recordCookieWrites(): string[] {
  const writes: string[] = [];
  defineCookie(
    () => cookieDescriptor.get!.call(document),
    (value: string) => {
      writes.push(value);
      cookieDescriptor.set!.call(document, value);
    },
  );
  return writes;
}

/** Makes `document.cookie` behave as given (throwing, or silently refusing) until the test ends. */
export function stubCookie(get: () => string, set: (value: string) => void) {
  defineCookie(get, set);
}

/** The attributes of the last write of cookie `name`, lowercased keys: `{ 'max-age', domain, samesite, secure, path }`. */
export function lastWrite(writes: string[], name = 'hotlinks') {
  const write = writes.filter((w) => w.startsWith(name + '=')).at(-1);
  if (!write) return undefined;
  const [pair, ...attributes] = write.split('; ');
  return {
    value: pair.slice(name.length + 1),
    ...Object.fromEntries(attributes.map((a) => [a.split('=')[0].toLowerCase(), a.split('=')[1] ?? true])),
  } as Record<string, string | true>;
}

/** Navigates without HotLinks noticing (a page load, or the URL before a back/forward). */
export function setUrl(url: string) {
  History.prototype.replaceState.call(history, null, '', new URL(url, ORIGIN).href);
}

let observers: MutationObserver[] = [];
let modules: MutationObserver | undefined;
/** Listeners added since the page was set up; `ours` marks those HotLinks added (in `start()`). */
let listeners: { target: EventTarget; type: string; listener: EventListenerOrEventListenerObject; opts: unknown; ours: boolean }[] = [];
let starting = false;
let pageBody = '';
const originalHistory = { pushState: history.pushState, replaceState: history.replaceState };
const removeListeners = (which: (l: (typeof listeners)[number]) => boolean) => {
  for (const l of listeners.filter(which)) l.target.removeEventListener(l.type, l.listener, l.opts as EventListenerOptions);
  listeners = listeners.filter((l) => !which(l));
};
/** Starts HotLinks with the given options (camelCase, as for `init()`), torn down after the test. */
export function start(input: Record<string, unknown> = {}): HotLinks {
  starting = true;
  try {
    return startHotLinks(options(input));
  } finally {
    starting = false;
  }
}

/** Ends every instance started so far, as leaving the page would: observers, listeners, history wrappers. */
export function unload() {
  observers.forEach((o) => o.disconnect());
  observers = [];
  removeListeners((l) => l.ours);
  history.pushState = originalHistory.pushState;
  history.replaceState = originalHistory.replaceState;
}

/** A new page load at `url` (cookies kept, the page's HTML afresh): the old instance ends, a new one starts. */
export function reload(url: string, input: Record<string, unknown> = {}): HotLinks {
  unload();
  setUrl(url);
  document.body.innerHTML = pageBody;
  return start(input);
}

/**
 * Clicks `el` and returns the URL the browser would then open: the link's href as it stands after
 * every listener ran, or `undefined` when a listener cancelled the click. The navigation itself is
 * cancelled on the link (happy-dom follows a link as the event passes it), so the page stays.
 */
export function click(el: Element): string | undefined {
  let url: string | undefined;
  const link = el.closest('a[href],area[href]') as HTMLAnchorElement | null;
  const last = (event: Event) => {
    url = event.defaultPrevented ? undefined : link?.href;
    event.preventDefault();
  };
  const target = link ?? document;
  target.addEventListener('click', last);
  el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true }));
  target.removeEventListener('click', last);
  return url;
}

/** How a visitor acts on a link before leaving: pointer down (click, middle-click, long-press), a key, the context menu. */
export type Press = 'pointerdown' | 'keydown' | 'contextmenu';

/**
 * Acts on `el` the way a visitor does on a link (pointer down by default; `keydown` for the
 * keyboard, `contextmenu` for "copy link address") and returns what the visitor then carries away:
 * the `href` of the link under `el` (its `action` for a form), as the page's DOM holds it after
 * every listener ran, or `null` when there is none. The press does not navigate.
 */
export function press(el: Element, how: Press = 'pointerdown'): string | null {
  const init = { bubbles: true, cancelable: true, composed: true };
  el.dispatchEvent(
    how == 'keydown'
      ? new KeyboardEvent(how, { ...init, key: 'Enter' })
      : how == 'pointerdown'
        ? new PointerEvent(how, { ...init, button: 0 })
        : new MouseEvent(how, { ...init, button: 2 }),
  );
  const target = el.closest('a[href],area[href],form[action]');
  return target && target.getAttribute(target.tagName == 'FORM' ? 'action' : 'href');
}

/**
 * Submits `form` and returns the URL the browser would go to (a GET form's fields replace the
 * action's query), or `undefined` when a listener cancelled the submission.
 */
export function submit(form: HTMLFormElement): string | undefined {
  let url: string | undefined;
  const last = (event: Event) => {
    if (!event.defaultPrevented) {
      const target = new URL(form.action);
      if (form.method == 'get') target.search = new URLSearchParams(new FormData(form) as never).toString();
      url = target.href;
    }
    event.preventDefault();
  };
  document.addEventListener('submit', last);
  form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  document.removeEventListener('submit', last);
  return url;
}

/** Console messages of `level` from now on, each as one string. */
export function recordConsole(level: 'warn' | 'error' | 'info') {
  const messages: string[] = [];
  vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void messages.push(args.map(String).join(' ')));
  return messages;
}

/**
 * Fresh cookies, body and URL before each test; after it, the observers, listeners and history
 * wrappers of every instance started are removed.
 */
export function usePage(url = ORIGIN + '/', body = '') {
  beforeEach(() => {
    clearCookies();
    setUrl(url);
    document.body.innerHTML = pageBody = body;
    const RealObserver = MutationObserver;
    // happy-dom runs no module: a companion's `<link rel=modulepreload>` fails, as a browser's does
    // when the file cannot be fetched (here, where it would announce nothing at all).
    modules = new RealObserver((records) => {
      for (const node of records.flatMap((record) => [...record.addedNodes])) {
        if (node instanceof HTMLLinkElement && node.rel == 'modulepreload') queueMicrotask(() => node.dispatchEvent(new Event('error')));
      }
    });
    modules.observe(document.documentElement, { childList: true, subtree: true });
    vi.stubGlobal(
      'MutationObserver',
      class extends RealObserver {
        constructor(callback: MutationCallback) {
          super(callback);
          observers.push(this);
        }
      },
    );
    // The core adds its listeners on `document` through `EventTarget.prototype` (see src/dom.ts),
    // those on `window` through `window`'s own method (happy-dom's global is no EventTarget of its own).
    // Where `document.addEventListener` really comes from (happy-dom's global `EventTarget` is a
    // subclass of the one its nodes inherit from), the global one the core calls, and `window`'s:
    // each method read before any is replaced.
    let owner: object = document;
    while (!Object.hasOwn(owner, 'addEventListener')) owner = Object.getPrototypeOf(owner);
    const targets = [...new Set([owner, EventTarget.prototype, window])] as EventTarget[];
    for (const [target, add] of targets.map((target) => [target, target.addEventListener] as const)) {
      vi.spyOn(target, 'addEventListener').mockImplementation(function (this: EventTarget, type, listener, opts) {
        // A bare `addEventListener(...)` call reaches `window`'s with no `this`.
        const on = target == window ? window : this;
        if (listener && (on == document || on == window)) listeners.push({ target: on, type, listener, opts, ours: starting });
        return add.call(on, type, listener, opts as AddEventListenerOptions);
      });
    }
  });
  afterEach(() => {
    modules?.disconnect();
    document.head.querySelectorAll('link[rel=modulepreload]').forEach((link) => link.remove());
    unload();
    removeListeners(() => true);
    if (ownCookieDescriptor) Object.defineProperty(Document.prototype, 'cookie', ownCookieDescriptor);
    else delete (Document.prototype as { cookie?: string }).cookie;
    vi.useRealTimers();
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
    clearCookies();
    delete (globalThis as Record<symbol, unknown>)[Symbol.for('hotlinks-embed')];
    delete (window as { HotLinks?: unknown }).HotLinks;
    delete (window as { dataLayer?: unknown }).dataLayer;
  });
}
