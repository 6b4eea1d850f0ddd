/**
 * `hotlinks-embed/hotlinks.js` and `hotlinks-embed/hotlinks-capture.js`: the drop-in scripts. They
 * export nothing: loaded (a script tag, or imported for their effect), they start HotLinks from their
 * script tag's `data-*` attributes and publish `window.HotLinks`.
 */
import type { HotLinks, init } from '../dist/esm/index.js';

/** A command for `HotLinks.push()`: the name of a `HotLinks` function and its arguments. */
export type HotLinksCommand =
  | ['consent', boolean]
  | ['clear']
  | ['decorate', ParentNode?]
  | ['init', Parameters<typeof init>[0]?]
  | ['getAttribution']
  | ['checkoutUrl', string, Record<string, string | undefined>?];

declare global {
  interface Window {
    /**
     * The running HotLinks, with `init`, and `push` to run commands, once a drop-in has run. Before
     * that a page may queue commands in an array, `(window.HotLinks = window.HotLinks || []).push(['consent',
     * true])`, which the drop-in runs in order when it loads (typed code: queue `HotLinksCommand`s).
     */
    HotLinks?: HotLinks & { init: typeof init; push(...commands: HotLinksCommand[]): void };
  }
}

