/**
 * Browser APIs that throw or are locked down on some pages: Web Storage (Safari with "block all
 * cookies", sandboxed frames), and `history` (methods that throw, as Safari's after 100 calls in 10
 * seconds, or that cannot be replaced, as on a hardened page). What the visitor gets is the same:
 * the code captured, the cookie kept, checkout reached, and no exception from our side.
 * (Cookies blocked or `document.cookie` throwing: test/attribution/cookie-store.test.ts, "faults".)
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CODE, ORIGIN, OTHER_CODE, click, cookie, reload, setUrl, start, usePage } from '../support/page';

const BUY = 'https://pay.hotmart.com/A72242240H?off=abc';
const buy = () => document.getElementById('buy')!;
const insecure = () => new DOMException('The operation is insecure.', 'SecurityError');

describe('localStorage and sessionStorage throw', () => {
  usePage(ORIGIN + '/', `<a id="buy" href="${BUY}">Comprar</a>`);
  const saved = ['localStorage', 'sessionStorage'].map((name) => [name, Object.getOwnPropertyDescriptor(window, name)] as const);
  afterEach(() => {
    for (const [name, descriptor] of saved) if (descriptor) Object.defineProperty(window, name, descriptor);
  });

  it('nothing breaks, because nothing uses them: capture, cookie, consent, clear and checkout work', () => {
    const touched: string[] = [];
    for (const [name] of saved) {
      Object.defineProperty(window, name, {
        configurable: true,
        get() {
          touched.push(name);
          throw insecure();
        },
      });
    }
    setUrl(`/curso?a=${CODE}&utm_source=fb`);
    const hotlinks = start({ cleanUrl: true, consent: 'pending' });
    expect(hotlinks.getAttribution()).toMatchObject({ affiliate: CODE, storage: 'memory' });
    hotlinks.consent(true);
    expect(cookie()).toMatch(new RegExp(`^2\\|${CODE}\\|`));
    expect(click(buy())).toBe(`${BUY}&af=${CODE}&utm_source=fb`);
    hotlinks.clear();
    expect(hotlinks.getAttribution()).toBeNull();
    expect(touched).toEqual([]);
  });
});

describe('localStorage throws, with reporting configured', () => {
  usePage(ORIGIN + '/', `<a id="buy" href="${BUY}">Comprar</a>`);
  const saved = Object.getOwnPropertyDescriptor(window, 'localStorage');
  afterEach(() => void (saved && Object.defineProperty(window, 'localStorage', saved)));

  it('the reporter cannot remember what it reported: every capture is reported, nothing is thrown', () => {
    Object.defineProperty(window, 'localStorage', { configurable: true, get: () => { throw insecure(); } });
    const beacons: string[] = [];
    vi.spyOn(navigator, 'sendBeacon').mockImplementation((_, body) => (beacons.push(String(body)), true));
    setUrl(`/curso?a=${CODE}`);
    start({ collect: '/api/hotlinks' });
    reload(ORIGIN + `/curso?a=${CODE}`, { collect: '/api/hotlinks' });
    expect(beacons).toHaveLength(2);
    expect(click(buy())).toMatch(new RegExp(`^${BUY.replace('?', '\\?')}&af=${CODE}`));
  });
});

describe('history methods', () => {
  usePage(ORIGIN + '/', `<a id="buy" href="${BUY}">Comprar</a>`);
  const real = { pushState: History.prototype.pushState, replaceState: History.prototype.replaceState };
  // Before the page's own teardown, which puts the real methods back by assignment.
  afterEach(() => {
    delete (history as Partial<History>).pushState;
    delete (history as Partial<History>).replaceState;
  });

  it('replaceState throws (Safari past its rate limit): the code is kept, checkout reached, the address bar left as it is', () => {
    const limit = insecure();
    history.replaceState = () => {
      throw limit;
    };
    setUrl(`/curso?a=${CODE}&x=1#preco`);
    let hotlinks!: ReturnType<typeof start>;
    expect(() => (hotlinks = start({ cleanUrl: true }))).not.toThrow();
    expect(hotlinks.getAttribution()).toMatchObject({ affiliate: CODE, storage: 'cookie' });
    expect(cookie()).toMatch(new RegExp(`^2\\|${CODE}\\|`));
    expect(location.search + location.hash).toBe(`?a=${CODE}&x=1#preco`);
    expect(click(buy())).toBe(`${BUY}&af=${CODE}`);
    // The page's own call fails as it would without us: its error, unchanged, and nothing captured.
    expect(() => history.replaceState(null, '', `/?a=${OTHER_CODE}`)).toThrow(limit);
    expect(hotlinks.getAttribution()!.affiliate).toBe(CODE);
    // Its pushState still works, and is still seen.
    history.pushState(null, '', `/curso?a=${OTHER_CODE}`);
    expect(hotlinks.getAttribution()!.affiliate).toBe(OTHER_CODE);
  });

  it('pushState and replaceState cannot be replaced (a hardened, frozen history): captured on load and on back/forward', () => {
    for (const method of ['pushState', 'replaceState'] as const) {
      Object.defineProperty(history, method, { value: real[method], writable: false, configurable: true });
    }
    setUrl(`/curso?a=${CODE}`);
    let hotlinks!: ReturnType<typeof start>;
    expect(() => (hotlinks = start({ cleanUrl: true }))).not.toThrow();
    expect(hotlinks.getAttribution()).toMatchObject({ affiliate: CODE, storage: 'cookie' });
    expect(location.search).toBe('');
    expect(click(buy())).toBe(`${BUY}&af=${CODE}`);
    // A single-page navigation is not seen as it happens, but the page works, and back/forward is seen.
    history.pushState(null, '', `/curso?a=${OTHER_CODE}`);
    expect(location.search).toBe(`?a=${OTHER_CODE}`);
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(hotlinks.getAttribution()!.affiliate).toBe(OTHER_CODE);
    expect(click(buy())).toBe(`${BUY}&af=${OTHER_CODE}`);
  });
});
