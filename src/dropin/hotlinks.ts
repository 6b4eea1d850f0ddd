/** `dist/hotlinks.js`: capture, link decoration and `<hotlink-buy-button>` from one script tag. */
// The core runs first (it is all of `hotlinks-capture.js`): if the element then cannot load (an
// old browser, a Trusted Types policy that refuses Lit), checkout links are still decorated, the
// buttons' fallback links among them.
import './capture.js';
import '../define.js';
