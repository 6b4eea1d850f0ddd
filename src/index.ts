/**
 * hotlinks-embed: the SDK. Importing it does nothing; `init()` (or the first call of any function
 * below) starts capture and link decoration on the page. Safe to import in Node for SSR. The Buy
 * button is `hotlinks-embed/element` (the class) and `hotlinks-embed/define` (registered).
 */
import type { Attribution } from './attribution/attribution.js';
import type { CheckoutExtras } from './hotlinks.js';
import { instance } from './instance.js';

export { init } from './instance.js';
export type { HotLinks, CheckoutExtras } from './hotlinks.js';
export type { Attribution } from './attribution/attribution.js';
export type { HotLinksOptions, ResolvedOptions } from './config/validate.js';
export type { AttributionEvent, ChangeEvent, CheckoutEvent, CheckoutDetail } from './page/events.js';
export type { HotLinksCommand, HotLinksGlobal } from './dropin/global.js';
export type { Report } from './report/reports.js';
// Types only: the element (and Lit) come from `hotlinks-embed/element` or `hotlinks-embed/define`,
// so a bundle that takes these functions takes no Lit.
export type { HotlinkBuyButton, BuyButtonMode, BuyButtonSize, BuyButtonVariant } from './button/hotlink-buy-button.js';
export { hotlinkProblem, hotlinkProblemIn, readHotLink } from './button/hotlink-problem.js';
export type { HotLinkProblem, HotLinkReading } from './button/hotlink-problem.js';

/** The current attribution, or `null`. */
export const getAttribution = (): Attribution | null => instance().getAttribution();
/** The decorated checkout URL for a HotLink. Throws for a URL that is not `https:` on a checkout host. */
export const checkoutUrl = (hotlink: string, extra?: CheckoutExtras): string => instance().checkoutUrl(hotlink, extra);
/** Grant (`true`) or withdraw (`false`) consent to store the attribution on the device. */
export const consent = (granted: boolean): void => instance().consent(granted);
/** Forget the attribution. */
export const clear = (): void => instance().clear();
/** Decorate checkout links and forms under `root` now. */
export const decorate = (root?: ParentNode): void => instance().decorate(root);
