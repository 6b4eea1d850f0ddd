/**
 * What both drop-in scripts do on load: read the script tag's `data-*` attributes (a bad one is
 * reported by name and its default used), start HotLinks, and publish `window.HotLinks`.
 */
import { attributeName, optionsFromDataset } from './config/validate.js';
import { loadBeside, setDropinSrc } from './dropin-assets.js';
import { init, startOnce } from './instance.js';
import { loadReporter } from './reports-lazy.js';

export function startDropin(): void {
  const script = document.currentScript as HTMLScriptElement | null;
  setDropinSrc(script?.src);
  // A second copy of the script, or the ESM package, finds the running one and uses it.
  const hotlinks = startOnce(() =>
    optionsFromDataset(script?.dataset ?? {}, (key, problem) =>
      console.warn(`[hotlinks] ${attributeName(key)} ${problem}; the default is used`),
    ),
  );
  // The running instance is the API (its methods need no `this`), with `init` beside them.
  (window as { HotLinks?: unknown }).HotLinks ??= Object.assign(hotlinks, { init });
  // Handled here so a reporter that cannot load (no `src`, a CSP, offline) is not an unhandled rejection.
  loadReporter(hotlinks.options)?.catch(() => {});
  // ?hotlinks_debug=1: the debug panel.
  if (/[?&]hotlinks_debug=1\b/.test(location.search)) {
    loadBeside<typeof import('./debug-panel.js')>('hotlinks-debug.js', 'the debug panel is not shown').then((panel) => panel.showDebugPanel(), () => {});
  }
}
