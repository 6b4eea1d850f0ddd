/**
 * Reports to the producer: `attribution` and `checkout` events, sent to `collect` and/or pushed to
 * Google Tag Manager's `dataLayer`. Fire and forget: a report never delays or blocks navigation,
 * is never retried, and a failure is swallowed. At most one report per event: one `checkout` per
 * departure however fast the visitor clicks, and never personal data.
 */
import type { Attribution } from '../attribution/attribution.js';
import type { ResolvedOptions } from '../config/validate.js';
import { hasEmail, isPersonal } from './personal-data.js';
import type { Report } from './report-schema.js';

export type { Report };

/**
 * `href` without its personal parameters and without path segments that hold an e-mail address
 * (`/obrigado/ana@x.com`). Without either, it stays byte for byte as it was: the producer's
 * checkout URL as it went to checkout.
 */
function withoutPersonalUrl(href: string): string {
  const url = new URL(href);
  const personal = [...url.searchParams].filter(([key, value]) => isPersonal(key, value));
  personal.forEach(([key]) => url.searchParams.delete(key));
  const path = url.pathname
    .split('/')
    .map((segment) => {
      let text = segment;
      try {
        text = decodeURIComponent(segment);
      } catch {
        /* not percent-encoded text: as it is */
      }
      return hasEmail(text) ? '(removed)' : segment;
    })
    .join('/');
  if (!personal.length && path == url.pathname) return href;
  url.pathname = path;
  return url.href;
}

function withoutPersonalData(report: Report): Report {
  const params = Object.fromEntries(Object.entries(report.params).filter(([key, value]) => !isPersonal(key, value)));
  const { page, checkoutUrl } = report;
  return { ...report, page: withoutPersonalUrl(page), params, checkoutUrl: checkoutUrl && withoutPersonalUrl(checkoutUrl) };
}

/** Sends `report` where `options` say (`reportEvent` calls it only when they name somewhere). */
function sendReport(report: Report, options: Pick<ResolvedOptions, 'collect' | 'datalayer'>): void {
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
  // A path is this site's (`/api/hotlinks`), whatever `<base href>` markup on the page says.
  const collect = new URL(options.collect, location.href).href;
  const body = JSON.stringify(report);
  // text/plain is CORS-safelisted: no preflight, so a beacon to another origin is not dropped. (fetch
  // gives a text body this type, and sends the page's cookies only to its own origin, by default.)
  const type = 'text/plain;charset=UTF-8';
  try {
    if (navigator.sendBeacon?.(collect, new Blob([body], { type }))) return;
  } catch {
    /* sendBeacon throws for some URLs; fall back */
  }
  try {
    fetch(collect, { method: 'POST', body, keepalive: true }).catch(() => {});
  } catch {
    /* nothing more to try, and nothing the visitor should notice */
  }
}

/**
 * Clicks on the same checkout URL closer together than this are one departure (a double-click, an
 * impatient second tap while checkout loads); each click extends it. A click the clock puts more than
 * that before the last one (a phone setting its time back) is a new departure, not a duplicate. The last
 * departure is remembered with the options of the HotLinks that reported it: one page's memory, as
 * in a browser, where a new page loads this module afresh (tests start many on one page).
 */
const SAME_DEPARTURE_MS = 2000;
let lastDeparture: [from?: object, url?: string, at?: number] = [];

/**
 * Whether this capture (a visit, captured at a time) is reported for the first time on this device:
 * a reload, a back navigation or a second tab on the landing URL finds the same capture (the same
 * click: see `attributeLanding`), and the producer hears of one visit. Kept in `localStorage`, only
 * ever written when a report is sent, so only with consent. Where storage is refused, every capture
 * is reported.
 */
const REPORTED = 'hotlinks:reported';
const firstReportOf = ({ visit, capturedAt }: Pick<Attribution, 'visit' | 'capturedAt'>) => {
  const key = visit + '.' + capturedAt;
  try {
    if (localStorage.getItem(REPORTED) == key) return false;
    localStorage.setItem(REPORTED, key);
  } catch {
    /* storage refused (a sandboxed frame, a strict browser setting): report it */
  }
  return true;
};

/**
 * Reports `event` as this page sees it. It builds the report here rather than in the core so that
 * the drop-ins, which load this file only where reporting is configured, carry none of it. Called
 * only there (`withReporter`, `reporter.ts`): `collect`, `datalayer` or both are set.
 */
export function reportEvent(
  event: Report['event'],
  attribution: Omit<Attribution, 'expiresAt' | 'storage'> | null,
  pageParams: Record<string, string>,
  options: Pick<ResolvedOptions, 'collect' | 'datalayer'>,
  checkoutUrl?: string,
): void {
  const now = Date.now();
  if (event == 'checkout') {
    const [from, url, at = -Infinity] = lastDeparture;
    lastDeparture = [options, checkoutUrl, now];
    if (from == options && url == checkoutUrl && Math.abs(now - at) < SAME_DEPARTURE_MS) return;
  } else if (attribution && !firstReportOf(attribution)) return;
  sendReport(
    {
      event,
      affiliate: attribution?.affiliate ?? null,
      visit: attribution?.visit,
      page: location.origin + location.pathname,
      params: { ...attribution?.params, ...pageParams },
      checkoutUrl,
      timestamp: now,
    },
    options,
  );
}
