/**
 * The reporter as the core reaches it. The ESM package imports `reports.ts`; the drop-ins load it
 * as their companion `hotlinks-report.js`, fetched as soon as a page configures reporting (so a
 * checkout click finds it ready), and pages without `data-collect` or `data-datalayer` never do.
 */
import type { ResolvedOptions } from '../config/validate.js';
import { loadBeside } from '../companions.js';
import * as reports from './reports.js';

let reporter: Promise<typeof reports> | undefined;

export const loadReporter = (options: Pick<ResolvedOptions, 'collect' | 'datalayer'>) =>
  options.collect || options.datalayer
    ? (reporter ??= DROPIN ? loadBeside<typeof reports>('hotlinks-report.js', 'reports are not sent from this page') : Promise.resolve(reports))
    : undefined;

export const reportEvent: typeof reports.reportEvent = (...args) => {
  // A report made before the file arrives waits for it; one that cannot load is dropped quietly.
  if (DROPIN) loadReporter(args[3])?.then((loaded) => loaded.reportEvent(...args), () => {});
  else reports.reportEvent(...args);
};
