/**
 * JSX typings for `<hotlink-buy-button>`, loaded with `hotlinks-embed/define`: React (18 and 19) and
 * Preact (10 and 11) each look elements up in their own `JSX` namespace. Augmenting a module that a
 * project lacks is ignored in a declaration file; the framework's props interfaces are declared again
 * (empty, so they merge with the framework's) for this file to type-check then too, `skipLibCheck` off.
 * Shipped as it is (the build copies it beside `define.d.ts`); test/package/typings.test.ts compiles
 * a project of each kind against the packed package.
 */
import type { BuyButtonMode, BuyButtonSize, BuyButtonVariant, HotlinkBuyButton } from './button/hotlink-buy-button.js';

/** The element's attributes, for JSX. */
export interface HotlinkBuyButtonAttributes {
  hotlink?: string;
  offer?: string;
  mode?: BuyButtonMode;
  variant?: BuyButtonVariant;
  size?: BuyButtonSize;
  price?: string | number;
  currency?: string;
  lang?: string;
  sck?: string;
  src?: string;
  disabled?: boolean;
}

/** A framework's props for any element (`id`, `class`, events, `ref`), with ours in place of same-named ones. */
type ButtonProps<Base> = Omit<Base, keyof HotlinkBuyButtonAttributes> & HotlinkBuyButtonAttributes;

declare module 'react' {
  interface HTMLAttributes<T> {}
  interface ClassAttributes<T> {}
  namespace JSX {
    interface IntrinsicElements {
      'hotlink-buy-button': ButtonProps<ClassAttributes<HotlinkBuyButton> & HTMLAttributes<HotlinkBuyButton>>;
    }
  }
}

declare module 'preact' {
  interface HTMLAttributes<RefType extends EventTarget = EventTarget> {}
  namespace JSX {
    interface IntrinsicElements {
      'hotlink-buy-button': ButtonProps<HTMLAttributes<HotlinkBuyButton>>;
    }
  }
}
