/** The events the page can listen to. They bubble to `document` and cross shadow roots. */
import type { Attribution } from '../attribution/attribution.js';
import { dispatch } from './dom.js';

export interface CheckoutDetail {
  /** The decorated checkout URL the visitor is about to open. */
  url: string;
  attribution: Attribution | null;
}

/** `hotlinks-attribution`: a code was captured; `detail` is the new attribution. */
export type AttributionEvent = CustomEvent<Attribution>;
/** `hotlinks-checkout`: the visitor is about to leave for checkout. `preventDefault()` keeps them here. */
export type CheckoutEvent = CustomEvent<CheckoutDetail>;
/**
 * `hotlinks-change`: what a checkout link would carry may have changed (a capture, a navigation
 * with other tags, consent given or withdrawn, `clear()`); ask `getAttribution()`. No `detail`, so
 * firing it reads nothing: a page that never asks never reads the cookie.
 */
export type ChangeEvent = CustomEvent<undefined>;

declare global {
  interface GlobalEventHandlersEventMap {
    'hotlinks-attribution': AttributionEvent;
    'hotlinks-checkout': CheckoutEvent;
    'hotlinks-change': ChangeEvent;
  }
}

/** Dispatches a bubbling, composed event; returns `false` if a listener cancelled it. */
export const fire = <K extends 'hotlinks-attribution' | 'hotlinks-checkout' | 'hotlinks-change'>(
  target: EventTarget,
  type: K,
  detail: GlobalEventHandlersEventMap[K]['detail'],
): boolean => dispatch(target, new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable: type == 'hotlinks-checkout' }));
