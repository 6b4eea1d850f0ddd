/** `dist/hotlinks.js`: capture, link decoration and `<hotlink-buy-button>` from one script tag. */
import { startDropin } from './dropin-start';

startDropin();
