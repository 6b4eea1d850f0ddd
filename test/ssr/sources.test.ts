// @vitest-environment node
/**
 * The sources of the three package entries under Node, with no DOM: importing does not throw and
 * the SDK works as far as it can without a page (checkout URLs yes; capture, cookies and
 * decoration no, silently); the element registers in the registry shim of Lit's server build. The
 * built files in a plain `node`: package.test.ts.
 */
import { describe, expect, it } from 'vitest';

describe('in Node, without a DOM', () => {
  it('there is no DOM to begin with', () => {
    expect([typeof document, typeof window, typeof location, typeof history]).toEqual(['undefined', 'undefined', 'undefined', 'undefined']);
  });

  it('hotlinks-embed/server imports, and sets the cookie from a URL alone', async () => {
    const server = await import('../../src/server/index');
    const options = server.resolveServerOptions({ cookieDomain: 'shop.example' });
    expect(server.attributionCookie({ url: 'https://www.shop.example/?a=O95340038V' }, options, 0)).toMatch(/^hotlinks=2\|O95340038V\|0\|/);
  });

  it('hotlinks-embed: init() and every function answer without throwing; no instance is kept between requests', async () => {
    const sdk = await import('../../src/index');
    const hotlinks = sdk.init({ cookieDays: 90, checkoutHosts: ['checkout.shop.example'] });
    expect(hotlinks.options.cookieDays).toBe(90);
    expect(hotlinks.getAttribution()).toBeNull();
    expect(hotlinks.checkoutUrl('https://checkout.shop.example/p/1', { sck: 'ssr' })).toBe('https://checkout.shop.example/p/1?sck=ssr');
    expect(() => hotlinks.checkoutUrl('https://pay.hotmart.com/A72242240H')).toThrow(/^HotLinks\.checkoutUrl\(\): /);
    expect(() => [hotlinks.consent(true), hotlinks.consent(false), hotlinks.clear(), hotlinks.decorate()]).not.toThrow();
    // The next call starts afresh with the defaults: one request's settings are not another's.
    expect(sdk.checkoutUrl('https://pay.hotmart.com/A72242240H')).toBe('https://pay.hotmart.com/A72242240H');
    expect((globalThis as Record<symbol, unknown>)[Symbol.for('hotlinks-embed')]).toBeUndefined();
    expect(() => sdk.init({ cookieDays: 0 })).toThrow(/^HotLinks\.init\(\): cookieDays must be /);
  });

  it('hotlinks-embed/define imports, and still no DOM appears', async () => {
    const define = await import('../../src/define');
    expect(typeof define.defineBuyButton).toBe('function');
    expect([typeof document, typeof window]).toEqual(['undefined', 'undefined']);
  });
});

/** The ESM package and its element and define entries import cleanly on a server (SSR), where there is no DOM. */
it('imports in Node without a DOM', async () => {
  expect(typeof document).toBe('undefined');
  const define = await import('../../src/define');
  const element = await import('../../src/element');
  const index = await import('../../src/index');
  expect(element.HotlinkBuyButton).toBe(define.HotlinkBuyButton);
  // Lit's server build brings a registry shim: the element is registered there for server rendering.
  expect(define.defineBuyButton()).toBe(define.HotlinkBuyButton);
  expect(index.getAttribution()).toBeNull();
});
