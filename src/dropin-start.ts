/**
 * What both drop-in scripts do on load: read the script tag's `data-*` attributes (a bad one is
 * reported by name and its default used), start HotLinks, and publish `window.HotLinks`.
 */
import { attributeName, optionsFromDataset } from './config/validate';
import { checkoutUrl, clear, consent, decorate, getAttribution, init } from './index';
import { startOnce } from './instance';

export function startDropin(): void {
  const script = document.currentScript as HTMLScriptElement | null;
  startOnce(() =>
    optionsFromDataset(script?.dataset ?? {}, (key, problem) =>
      console.warn(`[hotlinks] ${attributeName(key)} ${problem}; the default is used`),
    ),
  );
  const w = window as { HotLinks?: unknown };
  w.HotLinks ??= { init, getAttribution, checkoutUrl, consent, clear, decorate };
}
