/**
 * Marks the Buy button's class (and so its subclasses), whichever copy of the script (drop-in or
 * ESM) defined it: a global symbol, so the core knows the button without importing it (the capture
 * drop-in carries no Lit).
 */
export const BUY_BUTTON: unique symbol = Symbol.for('hotlinks-embed.buy-button');

/** `constructor` is our Buy button's class, or a subclass of it. */
export const isBuyButtonClass = (constructor: unknown) => !!(constructor as Record<symbol, unknown> | undefined)?.[BUY_BUTTON];

/** `node` is one of our Buy buttons: its class read through its prototype, which markup cannot shadow. */
export const isBuyButton = (node: EventTarget) => node instanceof Element && isBuyButtonClass(Object.getPrototypeOf(node).constructor);
