/**
 * `hotlinks-embed/define`: registers `<hotlink-buy-button>`. Importing it twice, or beside the
 * drop-in, is harmless: the first definition stays.
 */
import {
  type BuyButtonMode,
  type BuyButtonSize,
  type BuyButtonVariant,
  HotlinkBuyButton,
} from './button/hotlink-buy-button.js';
import { isBuyButtonClass } from './button/ours.js';

export { HotlinkBuyButton, type BuyButtonMode, type BuyButtonSize, type BuyButtonVariant };

/**
 * Defines the Buy button as `tag` in `registry` unless that tag is taken, and returns the
 * constructor that serves it. Without a registry (Node, or a browser without custom elements)
 * it does nothing: the light-DOM fallback link keeps working.
 */
export function defineBuyButton(
  tag = 'hotlink-buy-button',
  registry: CustomElementRegistry | undefined = globalThis.customElements,
): CustomElementConstructor | undefined {
  if (!registry) return;
  const existing = registry.get(tag);
  if (existing) {
    if (!isBuyButtonClass(existing)) {
      console.warn(`[hotlinks] <${tag}> is already defined by another script; it is left as it is`);
    }
    return existing;
  }
  try {
    registry.define(tag, HotlinkBuyButton);
  } catch {
    // A constructor serves one tag only: a subclass serves another (`defineBuyButton('buy-now')`).
    try {
      registry.define(tag, class extends HotlinkBuyButton {});
    } catch (error) {
      console.warn(`[hotlinks] could not define <${tag}>:`, error);
    }
  }
  return registry.get(tag);
}

defineBuyButton();

// The JSX typings for React and Preact come with this import (src/jsx.d.ts, shipped as it is).
export type { HotlinkBuyButtonAttributes } from './jsx.js';

declare global {
  interface HTMLElementTagNameMap {
    'hotlink-buy-button': HotlinkBuyButton;
  }
}
