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
 * Words in parameter names that carry a buyer's personal data (Hotmart's checkout prefill, and the
 * usual Portuguese, Spanish and English names). A name is split into words (`cpf_cnpj`,
 * `telefone-celular`, `firstName`, `nome completo`) and each word, and the whole name, compared
 * lowercase: `EMAIL`, `e-mail`, `phone_number`, `Nome` and `whats` are all caught. GA4 and LGPD both
 * forbid sending them.
 */
const PERSONAL =
  /^(name|nome|nombre|firstname|lastname|fullname|sobrenome|apellido|e?mail|emailaddress|correo|doc|document|documento|cpf|cnpj|rg|dni|zip|zipcode|cep|postalcode|phone|phoneac|phonenumber|tel|telefone|telefono|celular|mobile|whats|whatsapp|zap|address|endereco|direccion|rua|street|city|cidade|ciudad|bairro|state|estado|birth|birthday|birthdate|nascimento|aniversario|dob|ip)$/;
/** A value that is an e-mail address, in any parameter (`utm_content=ana@x.com`), written in any width (`ana＠x.com`). */
const EMAIL = /[^\s@/]+@[^\s@/]+\.[^\s@/]/;

/** Unicode's compatibility forms folded (`＠` is `@`, `ｅｍａｉｌ` is `email`), accents dropped (`endereço`). */
const folded = (text: string) => text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');

export const isPersonal = (key: string, value: string) => {
  const words = folded(key)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/);
  return [...words, words.join('')].some((word) => PERSONAL.test(word)) || EMAIL.test(folded(value));
};

/** A URL's path without segments that hold an e-mail address (`/obrigado/ana@x.com`). */
const withoutEmailInPath = (url: URL) => {
  url.pathname = url.pathname
    .split('/')
    .map((segment) => {
      let text = segment;
      try {
        text = decodeURIComponent(segment);
      } catch {
        /* not percent-encoded text: as it is */
      }
      return EMAIL.test(folded(text)) ? '(removed)' : segment;
    })
    .join('/');
};

function withoutPersonalData(report: Report): Report {
  const params = Object.fromEntries(Object.entries(report.params).filter(([key, value]) => !isPersonal(key, value)));
  const page = new URL(report.page);
  withoutEmailInPath(page);
  let { checkoutUrl } = report;
  if (checkoutUrl) {
    const url = new URL(checkoutUrl);
    const personal = [...url.searchParams].filter(([key, value]) => isPersonal(key, value));
    personal.forEach(([key]) => url.searchParams.delete(key));
    withoutEmailInPath(url);
    // Untouched, the producer's URL stays byte for byte as it went to checkout.
    if (personal.length || url.pathname != new URL(checkoutUrl).pathname) checkoutUrl = url.href;
  }
  return { ...report, page: page.href, params, checkoutUrl };
}

export function sendReport(report: Report, options: Pick<ResolvedOptions, 'collect' | 'datalayer'>): void {
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
