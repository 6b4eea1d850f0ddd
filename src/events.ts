/** The events the page can listen to on `document`. Both bubble and cross shadow roots. */
import type { Attribution } from './attribution/attribution';

export interface CheckoutDetail {
  /** The decorated checkout URL the visitor is about to open. */
  url: string;
  attribution: Attribution | null;
}

/** A code was captured: `detail` is the new attribution. */
export class AttributionEvent extends CustomEvent<Attribution> {
  static readonly type = 'hotlinks-attribution';
  constructor(detail: Attribution) {
    super(AttributionEvent.type, { detail, bubbles: true, composed: true });
  }
}

/** The visitor is about to leave for checkout. Cancel it (`preventDefault()`) to stay. */
export class CheckoutEvent extends CustomEvent<CheckoutDetail> {
  static readonly type = 'hotlink-checkout';
  constructor(detail: CheckoutDetail) {
    super(CheckoutEvent.type, { detail, bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'hotlinks-attribution': AttributionEvent;
    'hotlink-checkout': CheckoutEvent;
  }
}
