/**
 * Measuring a page before and after `<hotlink-buy-button>` upgrades: the define call is held back,
 * so the page can be seen as it looks before the element is registered, then let through.
 */
import type { Visitor } from './visitor';

/**
 * Runs in the page before its scripts: `customElements.define` is held back until
 * `defineNow()` (the drop-in's core has run by then: fallback links are already decorated).
 */
function holdDefineInPage() {
  const define = customElements.define.bind(customElements);
  const held: Parameters<typeof define>[] = [];
  customElements.define = (...args) => void held.push(args);
  (window as unknown as { defineNow(): void }).defineNow = () => {
    customElements.define = define;
    held.forEach((args) => define(...args));
  };
}

/** From now on, the visitor's pages register no custom element until `defineAndRender`. */
export const holdDefine = (v: Visitor) => v.context.addInitScript(holdDefineInPage);

/** Lets the held definitions through and waits until every button has rendered. */
export const defineAndRender = (v: Visitor) =>
  v.page.evaluate(async () => {
    (window as unknown as { defineNow(): void }).defineNow();
    await customElements.whenDefined('hotlink-buy-button');
    const buttons = [...document.querySelectorAll('hotlink-buy-button')] as (HTMLElement & { updateComplete: Promise<boolean> })[];
    await Promise.all(buttons.map((el) => el.updateComplete));
  });

/** `[x, y, width, height]` of every button and of every `.after` (the text after one), in page order. */
export const boxes = (v: Visitor) =>
  v.page.evaluate(() =>
    [...document.querySelectorAll('hotlink-buy-button, .after')].map((el) => {
      const r = el.getBoundingClientRect();
      return [r.x, r.y, r.width, r.height];
    }),
  );
