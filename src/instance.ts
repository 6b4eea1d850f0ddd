/**
 * The one HotLinks of a page. The drop-in (loaded once or twice) and the ESM package share it
 * through a global symbol, so whichever starts first wins and the others use it.
 */
import { type HotLinksOptions, type ResolvedOptions, resolveOptions } from './config/validate.js';
import { type HotLinks, startHotLinks } from './hotlinks.js';

const KEY = Symbol.for('hotlinks-embed');
const registry = globalThis as { [KEY]?: HotLinks };

export const runningInstance = (): HotLinks | undefined => registry[KEY];

/** Starts HotLinks with `options` unless one is already running, and returns the running one. */
export function startOnce(options: () => ResolvedOptions): HotLinks {
  const running = registry[KEY];
  if (running) return running;
  // Browsers: one per page. Node (SSR): never kept, every request is someone else's.
  const started = startHotLinks(options());
  if (DROPIN || typeof document != 'undefined') registry[KEY] = started;
  return started;
}

/** `init(options)` of the ESM package and of `window.HotLinks`: throws for a bad option, naming it. */
export function init(options: HotLinksOptions = {}): HotLinks {
  const resolved = resolveOptions(options as Record<string, unknown>, (key, problem) => {
    throw new Error(`HotLinks.init(): ${key} ${problem}`);
  });
  return startOnce(() => resolved);
}

/** The running HotLinks, started with the defaults when nobody called `init()` first. */
export const instance = (): HotLinks => runningInstance() ?? init();
