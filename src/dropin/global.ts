/**
 * `window.HotLinks`, as a page sees it (types only): before a drop-in runs, the page's queue of
 * commands; after, the running HotLinks with `init` and `push`. `types/dropin.d.ts` declares it on
 * `Window` from these.
 */
import type { HotLinks } from '../hotlinks.js';
import type { HotLinksOptions } from '../config/validate.js';
import type { init } from '../instance.js';

/** A command for `HotLinks.push()`: the page's API, a name and its arguments. */
export type HotLinksCommand = ['consent', boolean] | ['clear'] | ['decorate', ParentNode?] | ['init', HotLinksOptions?];

/** `window.HotLinks` once a drop-in has run: the running instance (its methods need no `this`), `init`, and `push`. */
export type HotLinksGlobal = HotLinks & { init: typeof init; push(...commands: HotLinksCommand[]): void };
