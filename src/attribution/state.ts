/**
 * The attribution a page holds: read from the cookie once, when first needed (a page without a
 * landing code and without a checkout link to decorate never reads it), kept in memory, written back
 * only with consent. Consent is runtime state here, never a change to the settings: the settings say
 * which consent the site asks for (`options.consent`), this says what the visitor has answered.
 */
import type { ResolvedOptions } from '../config/validate.js';
import type { ConsentState } from '../consent/consent.js';
import type { Attribution } from './attribution.js';
import type { CookieStore } from './cookie-store.js';


export interface AttributionState {
  /** The attribution, if unexpired: a copy (its parameters too), so no listener can change what checkout gets. */
  get(): Attribution | null;
  /**
   * Reads the cookie into memory (an attribution held only in this page's memory stays). `strict`:
   * see `CookieStore.read`.
   */
  read(strict?: boolean): void;
  /** Keeps `attribution`, and writes it to the cookie when consent allows and it is not already there. */
  save(attribution: Attribution): void;
  /** The visitor's answer: `true` writes what is in memory, `false` deletes the cookie. */
  consent(granted: boolean): void;
  /** Forgets the attribution, in memory and in the cookie. */
  clear(): void;
  consentState(): ConsentState;
  /** The forwarded parameters on the page's current URL: they reach checkout from this page even without a code. */
  page: Record<string, string>;
}

export function attributionState(options: ResolvedOptions, store: CookieStore | null): AttributionState {
  /** `undefined`: not read yet. */
  let memory: Attribution | null | undefined;
  let answer: ConsentState = options.consent == 'granted' ? 'granted' : 'waiting';

  const state: AttributionState = {
    page: {},
    get() {
      const now = Date.now();
      if (memory === undefined) state.read();
      return memory && memory.expiresAt > now ? { ...memory, params: { ...memory.params } } : null;
    },
    read(strict) {
      if (memory?.storage == 'memory') return;
      const stored = store?.read(Date.now(), strict);
      memory = stored ? { ...stored, storage: 'cookie' } : null;
    },
    save(attribution) {
      // What came from the cookie is not written again: one set by the server keeps its longer life.
      const kept = answer == 'granted' && (attribution.storage == 'cookie' || !!store?.write(attribution));
      memory = { ...attribution, storage: kept ? 'cookie' : 'memory' };
      if (options.debug) console.info('[hotlinks] captured', memory, store?.domain);
    },
    consent(granted) {
      answer = granted ? 'granted' : 'refused';
      if (!granted) store?.remove();
      if (memory) granted ? state.save(memory) : (memory.storage = 'memory');
    },
    clear() {
      memory = null;
      store?.remove();
    },
    consentState: () => answer,
  };
  return state;
}
