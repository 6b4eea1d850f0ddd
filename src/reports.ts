/**
 * Reports to the producer: `attribution` and `checkout` events, sent to `collect` and/or pushed to
 * Google Tag Manager's `dataLayer`. Fire and forget: a report never delays or blocks navigation,
 * is never retried, and a failure is swallowed.
 */
import type { Attribution } from './attribution/attribution.js';
import type { ResolvedOptions } from './config/validate.js';
// Type only: the schema (and zod) stay on the server.
import type { Report } from './server/report-schema.js';

export type { Report };

/** Checkout prefill parameters carry the buyer's personal data: never in a report (GA4 forbids it). */
const PERSONAL = /^(name|email|doc|zip|phoneac|phonenumber)$/;

function withoutPersonalData(report: Report): Report {
  const params = Object.fromEntries(Object.entries(report.params).filter(([key]) => !PERSONAL.test(key)));
  let { checkoutUrl } = report;
  if (checkoutUrl) {
    const url = new URL(checkoutUrl);
    const personal = [...url.searchParams.keys()].filter((key) => PERSONAL.test(key));
    if (personal.length) {
      personal.forEach((key) => url.searchParams.delete(key));
      checkoutUrl = url.href;
    }
  }
  return { ...report, params, checkoutUrl };
}

export function sendReport(report: Report, options: Pick<ResolvedOptions, 'collect' | 'datalayer'>): void {
  if (!options.collect && !options.datalayer) return;
  try {
    report = withoutPersonalData(report);
  } catch {
    return;
  }
  if (options.datalayer) {
    try {
      const w = window as unknown as { dataLayer?: unknown[] };
      const dataLayer = (w.dataLayer = w.dataLayer || []);
      // Tag Manager merges pushed objects into one model: clear the previous report's fields first.
      dataLayer.push({ hotlinks: null });
      dataLayer.push({ event: 'hotlinks_' + report.event, hotlinks: report });
    } catch {
      /* a page's own dataLayer may be anything */
    }
  }
  if (!options.collect) return;
  const body = JSON.stringify(report);
  // text/plain is CORS-safelisted: no preflight, so a beacon to another origin is not dropped.
  const type = 'text/plain;charset=UTF-8';
  try {
    if (navigator.sendBeacon?.(options.collect, new Blob([body], { type }))) return;
  } catch {
    /* sendBeacon throws for some URLs; fall back */
  }
  try {
    fetch(options.collect, {
      method: 'POST',
      body,
      keepalive: true,
      headers: { 'content-type': type },
      credentials: 'same-origin',
    }).catch(() => {});
  } catch {
    /* nothing more to try, and nothing the visitor should notice */
  }
}

/**
 * Reports `event` as this page sees it. It builds the report here rather than in the core so that
 * the drop-ins, which load this file only where reporting is configured, carry none of it.
 */
export function reportEvent(
  event: Report['event'],
  attribution: Pick<Attribution, 'affiliate' | 'params'> | null,
  pageParams: Record<string, string>,
  options: Pick<ResolvedOptions, 'collect' | 'datalayer'>,
  checkoutUrl?: string,
): void {
  sendReport(
    {
      event,
      affiliate: attribution?.affiliate ?? null,
      page: location.origin + location.pathname,
      params: { ...attribution?.params, ...pageParams },
      checkoutUrl,
      timestamp: Date.now(),
    },
    options,
  );
}
