/**
 * What both drop-in scripts do on load: read the script tag's `data-*` attributes (a bad one is
 * reported by name and its default used), start HotLinks, and publish `window.HotLinks`.
 */
import { attributeName, optionsFromDataset } from './config/validate';
import { init, startOnce } from './instance';

export function startDropin(): void {
  const script = document.currentScript as HTMLScriptElement | null;
  // A second copy of the script, or the ESM package, finds the running one and uses it.
  const { getAttribution, checkoutUrl, consent, clear, decorate } = startOnce(() =>
    optionsFromDataset(script?.dataset ?? {}, (key, problem) =>
      console.warn(`[hotlinks] ${attributeName(key)} ${problem}; the default is used`),
    ),
  );
  (window as { HotLinks?: unknown }).HotLinks ??= { init, getAttribution, checkoutUrl, consent, clear, decorate };
}
