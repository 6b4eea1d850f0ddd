/** Numbers, money and dates for the visitor's locale, with `Intl`. */
import type { Revenue } from '../../loop/summary-types.js';

export type Format = ReturnType<typeof formats>;

export function formats(locale: string) {
  const count = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const currencies = new Map<string, Intl.NumberFormat | null>();
  // Summary days are UTC days; a sale's moment is shown on the visitor's own clock.
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const shortDay = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const moment = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const dayDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

  const currency = (code: string) => {
    if (!currencies.has(code)) {
      try {
        currencies.set(code, new Intl.NumberFormat(locale, { style: 'currency', currency: code }));
      } catch {
        currencies.set(code, null); // not an ISO 4217 code: the number, then the code as sent
      }
    }
    return currencies.get(code);
  };
  const money = (value: number, code: string) => currency(code)?.format(value) ?? `${count.format(value)} ${code}`;

  return {
    count: (n: number) => count.format(n),
    /** `part` as a share of `whole`; a dash when there is no whole. */
    rate: (part: number, whole: number) => (whole ? percent.format(part / whole) : '—'),
    money,
    /** Each currency's amount, in currency-code order. */
    revenue: (revenue: Revenue) => currencyCodes([revenue]).map((code) => money(revenue[code], code)),
    day: (iso: string) => day.format(dayDate(iso)),
    shortDay: (iso: string) => shortDay.format(dayDate(iso)),
    moment: (iso: string) => moment.format(new Date(iso)),
  };
}

/** The currencies that appear in any of `revenues`, sorted. */
export const currencyCodes = (revenues: Revenue[]) => [...new Set(revenues.flatMap((revenue) => Object.keys(revenue)))].sort();
