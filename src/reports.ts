/**
 * Reports to the producer: `attribution` and `checkout` events, sent to `collect` and/or pushed to
 * Google Tag Manager's `dataLayer`. Fire and forget: a report never delays or blocks navigation,
 * is never retried, and a failure is swallowed.
 */
import type { ResolvedOptions } from './config/validate';

export interface Report {
  event: 'attribution' | 'checkout';
  affiliate: string | null;
  /** The page the event happened on, without its query or hash. */
  page: string;
  /** The forwarded landing parameters (`src`, `sck`, `xcod`, `utm_*`). */
  params: Record<string, string>;
  /** For `checkout`: the decorated URL the visitor went to. */
  checkoutUrl?: string;
  /** ms since the epoch. */
  timestamp: number;
}

export function sendReport(report: Report, options: Pick<ResolvedOptions, 'collect' | 'datalayer'>): void {
  if (options.datalayer) {
    try {
      const w = window as unknown as { dataLayer?: unknown[] };
      (w.dataLayer = w.dataLayer || []).push({ event: 'hotlinks_' + report.event, hotlinks: report });
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
