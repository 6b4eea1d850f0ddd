// Optional: `astro check` then checks the button's attributes in .astro files as it does in JSX.
import type { HotlinkBuyButtonAttributes } from 'hotlinks-embed/define';

declare global {
  namespace astroHTML.JSX {
    interface IntrinsicElements {
      'hotlink-buy-button': Omit<HTMLAttributes, keyof HotlinkBuyButtonAttributes> & HotlinkBuyButtonAttributes;
    }
  }
}
