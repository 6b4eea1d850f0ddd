/**
 * `hotlinks-embed/element`: the `<hotlink-buy-button>` class without registering it, for a page
 * that defines it under its own tag or registry (`hotlinks-embed/define` registers it as
 * `hotlink-buy-button`).
 */
export { HotlinkBuyButton, type BuyButtonMode, type BuyButtonSize, type BuyButtonVariant } from './button/hotlink-buy-button.js';
