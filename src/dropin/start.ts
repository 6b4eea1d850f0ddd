/**
 * What both drop-in scripts do on load: read their own script tag's `data-*` attributes (a bad one
 * is reported by name and its default used), start HotLinks, publish `window.HotLinks`, and run the
 * commands a page queued before the script loaded.
 */
import { companion, setDropinScript } from './companions.js';
import type { HotLinksGlobal } from './global.js';
import { attributeName, optionsFromDataset } from '../config/validate.js';
import { shown } from '../config/shown.js';
import { init, startOnce } from '../instance.js';
import { ownScript } from './own-script.js';
import { withReporter } from '../report/reporter.js';


/** The commands `push` runs: the page's API, not the core's inner members (`beginCheckout` would forge a departure). */
const COMMANDS = ['consent', 'clear', 'decorate', 'init'];

export function startDropin(): void {
  const script = ownScript();
  setDropinScript(script);
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
    try {
      if (!COMMANDS.includes(name)) throw `unknown command ${shown(name)} (the commands are ${COMMANDS.join(', ')})`;
      (api[name as 'consent'] as (...args: unknown[]) => void)(...args);
    } catch (error) {
      console.warn('[hotlinks] HotLinks.push():', error);
    }
  };
  // The page's queue (an array) gives way to the API, and so does anything else there: an element
  // whose id is "HotLinks" is `window.HotLinks` until a script sets it. A running copy's API stays.
  if (queued !== hotlinks) w.HotLinks = api;
  if (Array.isArray(queued)) queued.forEach(run);
  // Fetched at once on pages that report, so a checkout click finds it ready.
  withReporter(hotlinks.options);
  // ?hotlinks_debug=1: the debug panel.
  if (new URLSearchParams(location.search).get('hotlinks_debug') == '1') {
    companion<typeof import('../debug/panel.js')>('hotlinks-debug.js', 'the debug panel is not shown', true, (panel) => panel.showDebugPanel());
  }
}
