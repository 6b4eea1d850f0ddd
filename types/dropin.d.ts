/**
 * `hotlinks-embed/hotlinks.js` and `hotlinks-embed/hotlinks-capture.js`: the drop-in scripts. They
 * export nothing: loaded (a script tag, or imported for their effect), they start HotLinks from their
 * script tag's `data-*` attributes and publish `window.HotLinks`.
 */
import type { HotLinks, init } from '../dist/esm/index.js';

declare global {
  interface Window {
    /** The running HotLinks with `init`, once a drop-in script has run. */
    HotLinks?: HotLinks & { init: typeof init };
  }
}

export {};
