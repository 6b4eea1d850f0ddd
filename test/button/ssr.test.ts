// @vitest-environment node
/** The ESM package and its element and define entries import cleanly on a server (SSR), where there is no DOM. */
import { expect, it } from 'vitest';

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
