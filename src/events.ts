/** The events the page can listen to. Both bubble to `document` and cross shadow roots. */
import type { Attribution } from './attribution/attribution.js';

export interface CheckoutDetail {
  /** The decorated checkout URL the visitor is about to open. */
  url: string;
  attribution: Attribution | null;
}

/** `hotlinks-attribution`: a code was captured; `detail` is the new attribution. */
export type AttributionEvent = CustomEvent<Attribution>;
/** `hotlink-checkout`: the visitor is about to leave for checkout. `preventDefault()` keeps them here. */
export type CheckoutEvent = CustomEvent<CheckoutDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'hotlinks-attribution': AttributionEvent;
    'hotlink-checkout': CheckoutEvent;
  }
}

/** Dispatches a bubbling, composed event; returns `false` if a listener cancelled it. */
export const fire = <K extends 'hotlinks-attribution' | 'hotlink-checkout'>(
  target: EventTarget,
  type: K,
  detail: GlobalEventHandlersEventMap[K]['detail'],
): boolean => target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable: type == 'hotlink-checkout' }));
