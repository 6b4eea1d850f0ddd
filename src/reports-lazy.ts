/**
 * The drop-ins' `reportEvent`. The reporter (`reports.ts`) is its own file, `hotlinks-report.js`,
 * fetched from beside the script as soon as a page configures reporting, so pages without
 * `data-collect` or `data-datalayer` never download it. A report made before it arrives waits for it.
 * The build puts this module in place of `reports.ts` in the drop-ins; the ESM package uses
 * `reports.ts` itself.
 */
import type { ResolvedOptions } from './config/validate.js';
import { loadBeside } from './dropin-assets.js';
import type * as Reports from './reports.js';

let reporter: Promise<typeof Reports> | undefined;

/** Starts fetching the reporter if the options ask for reports (a checkout click then finds it ready). */
export const loadReporter = (options: Pick<ResolvedOptions, 'collect' | 'datalayer'>) =>
  options.collect || options.datalayer ? (reporter ??= loadBeside('hotlinks-report.js', 'reports are not sent from this page')) : undefined;

export const reportEvent: typeof Reports.reportEvent = (...args) =>
  loadReporter(args[3])?.then(
    (loaded) => loaded.reportEvent(...args),
    () => {},
  );
