/**
 * Capture: each URL the page shows (its load, and every single-page navigation) is read as a
 * landing, its code and tags become an attribution by the rules of `attribution.ts`, and the address
 * bar is cleaned when asked (`cleanUrl`).
 */
import type { ResolvedOptions } from '../config/validate.js';
import { cleanedUrl } from '../page/clean-url.js';
import { fire } from '../page/events.js';
import { attributeLanding, readLanding } from './attribution.js';
import type { AttributionState } from './state.js';

/** The function that reads the current URL as a landing; `captured` hears of each new attribution. */
export function landingCapture(options: ResolvedOptions, state: AttributionState, captured: () => void): () => void {
  /** The landing last captured, so a navigation back to it is not a second capture. */
  let last: string | undefined;
  /** `history.replaceState` as the page had it: cleaning the URL is not a navigation. */
  const replaceState = history.replaceState;
  return () => {
    const landing = readLanding(location.search, options, location.hash);
    state.page = landing.params;
    // Not JSON: a landing page that never uses it should not pay for setting it up (about 0.4 ms).
    const query = new URLSearchParams(landing.params) + '';
    const key = (landing.affiliate || query) && landing.affiliate + '?' + query;
    if (key && key != last) {
      // The stored attribution may outrank this landing (first-click, the same click): a lone copy a
      // sibling planted on this page's path must not, so the cookie is read strictly.
      state.read(true);
      const attribution = attributeLanding(state.get(), landing, options, Date.now());
      if (attribution) {
        // Only a capture counts: a landing first-click refused is looked at again, once the stored code has lapsed.
        last = key;
        state.save(attribution);
        fire(document, 'hotlinks-attribution', state.get()!);
        captured();
      }
    }
    if (options.cleanUrl) {
      const href = cleanedUrl(location.href, landing, options.cleanUrl);
      try {
        if (href != location.href) replaceState.call(history, history.state, '', href);
      } catch {
        /* a sandboxed or odd history: the address bar keeps the code, nothing else changes */
      }
    }
  };
}
