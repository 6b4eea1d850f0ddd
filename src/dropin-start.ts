/**
 * What both drop-in scripts do on load: read their own script tag's `data-*` attributes (a bad one
 * is reported by name and its default used), start HotLinks, publish `window.HotLinks`, and run the
 * commands a page queued before the script loaded.
 */
import { loadBeside, setDropinSrc } from './companions.js';
import { attributeName, optionsFromDataset } from './config/validate.js';
import { shown } from './config/shown.js';
import type { HotLinks } from './hotlinks.js';
import { init, startOnce } from './instance.js';
import { ownScript } from './own-script.js';
import { loadReporter } from './report/reporter.js';

/** `window.HotLinks`: the running instance (its methods need no `this`), `init`, and `push` for commands. */
export type HotLinksGlobal = HotLinks & { init: typeof init; push(...commands: unknown[]): void };

export function startDropin(): void {
  const script = ownScript();
  setDropinSrc(script?.src);
  // A second copy of the script, or the ESM package, finds the running one and uses it.
  const hotlinks = startOnce(() =>
    optionsFromDataset(script?.dataset ?? {}, (key, problem) => console.warn(`[hotlinks] ${attributeName(key)} ${problem}; the default is used`)),
  );
  const w = window as { HotLinks?: unknown };
  const queued = w.HotLinks;
  const api: HotLinksGlobal = Object.assign(hotlinks, {
    init,
    push: (...commands: unknown[]) => commands.forEach(run),
  });
  /** `[name, ...args]`: `HotLinks.push(['consent', true])`, before the script has loaded or after. */
  const run = (command: unknown) => {
    const [name, ...args] = Array.isArray(command) ? command : [command];
    const method = name != 'push' && (api as unknown as Record<string, unknown>)[name];
    try {
      if (typeof method != 'function') throw `unknown command ${shown(name)}`;
      method(...args);
    } catch (error) {
      console.warn('[hotlinks] HotLinks.push():', error);
    }
  };
  // The page's queue (an array) gives way to the API; a running copy's API stays.
  if (!w.HotLinks || Array.isArray(w.HotLinks)) w.HotLinks = api;
  if (Array.isArray(queued)) queued.forEach(run);
  // Handled here so a reporter that cannot load (no `src`, a CSP, offline) is not an unhandled rejection.
  loadReporter(hotlinks.options)?.catch(() => {});
  // ?hotlinks_debug=1: the debug panel.
  if (new URLSearchParams(location.search).get('hotlinks_debug') == '1') {
    loadBeside<typeof import('./debug-panel.js')>('hotlinks-debug.js', 'the debug panel is not shown').then((panel) => panel.showDebugPanel(), () => {});
  }
}
