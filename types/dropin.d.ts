/**
 * `hotlinks-embed/hotlinks.js` and `hotlinks-embed/hotlinks-capture.js`: the drop-in scripts. They
 * export nothing: loaded (a script tag, or imported for their effect), they start HotLinks from their
 * script tag's `data-*` attributes and publish `window.HotLinks`.
 */
import type { HotLinksCommand, HotLinksGlobal } from '../dist/esm/index.js';

export type { HotLinksCommand, HotLinksGlobal };

declare global {
  interface Window {
    /**
     * Before a drop-in runs, the page's queue: `(window.HotLinks = window.HotLinks || []).push(['consent', true])`,
     * run in order when it loads. After, the running HotLinks, with `init`, and `push` to run more
     * commands. Code that runs after the drop-in narrows it: `if (!Array.isArray(window.HotLinks)) …`.
     */
    HotLinks?: HotLinksGlobal | HotLinksCommand[];
  }
}
