/**
 * Reports to the producer: `attribution` and `checkout` events, sent to `collect` and/or pushed to
 * Google Tag Manager's `dataLayer`. Fire and forget: a report never delays or blocks navigation,
 * is never retried, and a failure is swallowed. At most one report per event: one `checkout` per
 * departure however fast the visitor clicks, and never personal data.
 */
import type { Attribution } from '../attribution/attribution.js';
import type { ResolvedOptions } from '../config/validate.js';
import type { Report } from './report-schema.js';

export type { Report };

/**
 * Parameter names that carry a buyer's personal data (Hotmart's checkout prefill, and the usual
 * Portuguese, Spanish and English names), compared lowercase without separators: `EMAIL`,
 * `e-mail`, `phone_number` and `Nome` are all caught. GA4 and LGPD both forbid sending them.
 */
const PERSONAL =
  /^(name|nome|nombre|firstname|lastname|fullname|sobrenome|apellido|e?mail|emailaddress|correo|doc|document|documento|cpf|cnpj|rg|dni|zip|zipcode|cep|postalcode|phone|phoneac|phonenumber|tel|telefone|telefono|celular|mobile|whatsapp|address|endereco|direccion)$/;
/** A value that is an e-mail address, in any parameter (`utm_content=ana@x.com`). */
const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]/;

export const isPersonal = (key: string, value: string) => PERSONAL.test(key.toLowerCase().replace(/[^a-z]/g, '')) || EMAIL.test(value);

function withoutPersonalData(report: Report): Report {
  const params = Object.fromEntries(Object.entries(report.params).filter(([key, value]) => !isPersonal(key, value)));
  let { checkoutUrl } = report;
  if (checkoutUrl) {
    const url = new URL(checkoutUrl);
    const personal = [...url.searchParams].filter(([key, value]) => isPersonal(key, value));
    if (personal.length) {
      personal.forEach(([key]) => url.searchParams.delete(key));
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
 * Clicks on the same checkout URL closer together than this are one departure (a double-click, an
 * impatient second tap while checkout loads); each click extends it. A click the clock puts more than
 * that before the last one (a phone setting its time back) is a new departure, not a duplicate. The last
 * departure is remembered with the options of the HotLinks that reported it: one page's memory, as
 * in a browser, where a new page loads this module afresh (tests start many on one page).
 */
const SAME_DEPARTURE_MS = 2000;
let lastDeparture: [from?: object, url?: string, at?: number] = [];

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
  const now = Date.now();
  if (event == 'checkout') {
    const [from, url, at = -Infinity] = lastDeparture;
    lastDeparture = [options, checkoutUrl, now];
    if (from == options && url == checkoutUrl && Math.abs(now - at) < SAME_DEPARTURE_MS) return;
  }
  sendReport(
    {
      event,
      affiliate: attribution?.affiliate ?? null,
      page: location.origin + location.pathname,
      params: { ...attribution?.params, ...pageParams },
      checkoutUrl,
      timestamp: now,
    },
    options,
  );
}
