/**
 * The summary of the loop (docs/CONTRACT.md, "The loop"): what `GET /api/summary` answers, what
 * `hotlinks-embed report --json` prints, and the one thing the dashboard is drawn from, so the three
 * never disagree. `from`, `to`, `affiliates`, `sources` and `credit` are the contract's; the rest is
 * what the dashboard needs beyond it (headline figures, a series per day, the credit check's sales).
 */

/** Money per currency code (`BRL`, `USD`, ...), in the currency's units as Hotmart sends them (197.5). */
export type Revenue = Record<string, number>;

/** One row of a funnel: what the visits grouped in it did. */
export interface Row {
  /** Distinct visit ids with an `attribution` report in the range. */
  visits: number;
  /** `checkout` reports (departures) in the range. */
  checkouts: number;
  /** Sales (approved, or refunded after payment) in the range: in a row, those whose `xcod` names a visit of it; in `totals`, all. */
  sales: number;
  /** Those sales later refunded or charged back. */
  refunds: number;
  /** What those sales brought, net of refunds and chargebacks. */
  revenue: Revenue;
}

/** The credit classes of docs/CONTRACT.md, counting approved sales. */
export interface Credit {
  asCaptured: number;
  lost: number;
  otherAffiliate: number;
  hotmartOnly: number;
  unjoined: number;
}
export type CreditClass = keyof Credit;
/** The classes in the order every view lists them (the summary, `report`, the dashboard). */
export const CREDIT_CLASSES: readonly CreditClass[] = ['asCaptured', 'lost', 'otherAffiliate', 'hotmartOnly', 'unjoined'];

/** A sale the producer should look at: its affiliate was lost, or another one was credited. */
export interface CreditSale {
  class: 'lost' | 'otherAffiliate';
  /** Hotmart's `purchase.transaction`. */
  transaction: string;
  /** When it was approved, ISO 8601. */
  date: string;
  /** The affiliate code the visit carried to checkout. */
  captured: string;
  /** The affiliate code Hotmart credited, `null` for none. */
  credited: string | null;
  value: number;
  currency: string;
}

export interface Summary {
  /** The range, inclusive, as `YYYY-MM-DD` (UTC days). */
  from: string;
  to: string;
  /** One row per affiliate code the script captured, biggest first. */
  affiliates: (Row & { code: string })[];
  /** One row per `utm_source` and `utm_campaign` pair the script captured (`null`: none on the visit). */
  sources: (Row & { source: string | null; campaign: string | null })[];
  credit: Credit;

  /**
   * Headline figures for the whole range: every visit and departure, and every sale, joined or not
   * (so `totals.sales` is the sum of `credit`'s classes plus the joined sales no class checks: see
   * docs/CONTRACT.md, "What the summary counts"). In the rows, a sale counts where its visit does.
   */
  totals: Row & {
    /** Distinct visits whose attribution had an affiliate code. */
    visitsWithCode: number;
    /** Approved sales charged back (also counted in `refunds`). */
    chargebacks: number;
  };
  /** Each day of the range, oldest first, zeros included. */
  days: { date: string; visits: number; checkouts: number; sales: number }[];
  /** What each credit class's sales brought. */
  creditRevenue: Record<CreditClass, Revenue>;
  /** The sales in `lost` and `otherAffiliate`, newest first (at most 500). */
  creditSales: CreditSale[];
}
