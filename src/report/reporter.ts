/**
 * The reporter as the core reaches it: reports go out only with consent, and the `attribution`
 * report that waited for consent goes once it comes. The ESM package imports `reports.ts`; the
 * drop-ins load it as their companion `hotlinks-report.js`, fetched as soon as a page configures
 * reporting (so a checkout click finds it ready), and pages without `data-collect` or
 * `data-datalayer` never do.
 */
import type { Attribution } from '../attribution/attribution.js';
import type { AttributionState } from '../attribution/state.js';
import type { ResolvedOptions } from '../config/validate.js';
import { companion } from '../dropin/companions.js';
import * as reports from './reports.js';

/** Runs `use` with the reporter, on pages that report; without `use`, a drop-in only starts loading it (so a checkout click finds it ready). */
export const withReporter = (options: Pick<ResolvedOptions, 'collect' | 'datalayer'>, use?: (loaded: typeof reports) => void) => {
  if (options.collect || options.datalayer) companion('hotlinks-report.js', 'reports are not sent from this page', DROPIN || reports, use);
};

export function reporter(options: ResolvedOptions, state: AttributionState) {
  /** An `attribution` report waiting for consent. */
  let waiting = false;
  const report = (event: 'attribution' | 'checkout', attribution: Attribution | null, url?: string) => {
    if (state.consentState() != 'granted') waiting ||= event == 'attribution';
    // A report made before the reporter arrives waits for it; one that cannot load is dropped quietly.
    else withReporter(options, (loaded) => loaded.reportEvent(event, attribution, state.page, options, url));
  };
  return {
    report,
    /** Consent came: the `attribution` report that waited for it goes now. */
    granted() {
      if (waiting) report('attribution', state.get());
      waiting = false;
    },
  };
}
