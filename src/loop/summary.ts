/**
 * The summary (src/loop/summary-types.ts, docs/CONTRACT.md "What the summary counts"): one SQL
 * statement that runs the same on both stores, then plain assembly into rows. Visits, departures
 * and sales are each grouped once, by affiliate, by source and campaign, by day and in total
 * (`GROUPING SETS`), so a million visits are read once, not four times.
 */
import type { Session } from './store.js';
import { DAY_MS, type Range, isoDay, parseRange } from './range.js';
import { CREDIT_CLASSES, type Credit, type CreditClass, type CreditSale, type Revenue, type Row, type Summary } from './summary-types.js';

export { type Range, parseRange };

/** Rows per table, biggest first: the collect endpoint is public, so anyone can invent affiliate codes. */
export const MAX_ROWS = 1000;
const MAX_CREDIT_SALES = 500;

/**
 * `$1`, `$2`: the first and last day of the range; `$3`, `$4`: the same as instants, the second
 * excluded. Visits and departures come from their daily counts ('' is none), sales from the sales
 * table: what the migrations keep up to date, so no statement here reads every visit.
 */
const SUMMARY_SQL = `
WITH
v AS (SELECT * FROM visit_counts WHERE day BETWEEN $1::date AND $2::date AND visits > 0),
d AS (SELECT * FROM departure_counts WHERE day BETWEEN $1::date AND $2::date),
c AS (SELECT * FROM sales WHERE paid AND approved_at >= $3::timestamptz AND approved_at < $4::timestamptz)
SELECT 'visits' AS kind,
  CASE WHEN GROUPING(affiliate) = 0 THEN 'affiliate' WHEN GROUPING(utm_source) = 0 THEN 'source' WHEN GROUPING(day) = 0 THEN 'day' ELSE 'total' END AS grouped,
  true AS joined, NULLIF(affiliate, '') AS code, NULLIF(utm_source, '') AS source, NULLIF(utm_campaign, '') AS campaign,
  to_char(day, 'YYYY-MM-DD') AS day, NULL::text AS class, NULL::text AS currency,
  COALESCE(sum(visits), 0)::int AS n, COALESCE(sum(visits) FILTER (WHERE affiliate <> ''), 0)::int AS m, 0 AS k, NULL::float8 AS amount, NULL::text AS transaction, NULL::text AS credited
FROM v GROUP BY GROUPING SETS ((affiliate), (utm_source, utm_campaign), (day), ())
UNION ALL
SELECT 'checkouts',
  CASE WHEN GROUPING(affiliate) = 0 THEN 'affiliate' WHEN GROUPING(utm_source) = 0 THEN 'source' WHEN GROUPING(day) = 0 THEN 'day' ELSE 'total' END,
  true, NULLIF(affiliate, ''), NULLIF(utm_source, ''), NULLIF(utm_campaign, ''), to_char(day, 'YYYY-MM-DD'), NULL, NULL,
  COALESCE(sum(checkouts), 0)::int, 0, 0, NULL, NULL, NULL
FROM d GROUP BY GROUPING SETS ((affiliate), (utm_source, utm_campaign), (day), ())
UNION ALL
-- Sales and their revenue in one pass: each group split by the sales' currency, added up below.
SELECT 'sales',
  CASE WHEN GROUPING(captured) = 0 THEN 'affiliate' WHEN GROUPING(source) = 0 THEN 'source' WHEN GROUPING(day) = 0 THEN 'day'
    WHEN GROUPING(class) = 0 THEN 'class' ELSE 'total' END,
  joined, captured, source, campaign, to_char(day, 'YYYY-MM-DD'), class, currency,
  count(*)::int, count(*) FILTER (WHERE refunded OR charged_back)::int, count(*) FILTER (WHERE charged_back)::int, sum(net)::float8, NULL, NULL
FROM c GROUP BY GROUPING SETS ((joined, captured, currency), (joined, source, campaign, currency), (day), (class, currency), (currency))
UNION ALL
-- Order bumps sold in another currency than their order (rare).
SELECT 'revenue',
  CASE WHEN GROUPING(captured) = 0 THEN 'affiliate' WHEN GROUPING(source) = 0 THEN 'source' WHEN GROUPING(class) = 0 THEN 'class' ELSE 'total' END,
  joined, captured, source, campaign, NULL, class, r.currency, 0, 0, 0, sum(r.net)::float8, NULL, NULL
FROM c, unnest(c.extra_currencies, c.extra_nets) AS r(currency, net)
WHERE c.extra_currencies IS NOT NULL
GROUP BY GROUPING SETS ((joined, captured, r.currency), (joined, source, campaign, r.currency), (class, r.currency), (r.currency))
UNION ALL
(SELECT 'credit', class, true, captured, NULL, NULL, to_char(approved_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), class, currency,
  0, 0, 0, gross::float8, transaction, credited
FROM c WHERE class IN ('lost', 'otherAffiliate')
ORDER BY approved_at DESC, transaction
LIMIT ${MAX_CREDIT_SALES})`;

interface ResultRow {
  kind: 'visits' | 'checkouts' | 'sales' | 'revenue' | 'credit';
  grouped: string;
  joined: boolean;
  code: string | null;
  source: string | null;
  campaign: string | null;
  day: string | null;
  class: string | null;
  currency: string | null;
  n: number;
  m: number;
  k: number;
  amount: number | null;
  transaction: string | null;
  credited: string | null;
}

const emptyRow = (): Row => ({ visits: 0, checkouts: 0, sales: 0, refunds: 0, revenue: {} });
const emptyCredit = (): Credit => ({ asCaptured: 0, lost: 0, otherAffiliate: 0, hotmartOnly: 0, unjoined: 0 });

/** Biggest first: sales, then departures, then visits; ties in a stable order. */
const bySize = (a: Row, b: Row) => b.sales - a.sales || b.checkouts - a.checkouts || b.visits - a.visits;

export async function summarize(session: Session, range: Range): Promise<Summary> {
  // Checked again (a caller may pass any strings): the same rule as the API's.
  const checked = parseRange(range);
  const start = Date.parse(checked.from + 'T00:00:00Z');
  const end = Date.parse(checked.to + 'T00:00:00Z') + DAY_MS;
  const results = await session.query<ResultRow>(SUMMARY_SQL, [range.from, range.to, new Date(start).toISOString(), new Date(end).toISOString()]);

  const affiliates = new Map<string, Row>();
  const sources = new Map<string, Row & { source: string | null; campaign: string | null }>();
  const days = new Map<string, { date: string; visits: number; checkouts: number; sales: number }>();
  for (let at = start; at < end; at += DAY_MS) days.set(isoDay(at), { date: isoDay(at), visits: 0, checkouts: 0, sales: 0 });
  const totals = { ...emptyRow(), visitsWithCode: 0, chargebacks: 0 };
  const credit = emptyCredit();
  const creditRevenue = Object.fromEntries(CREDIT_CLASSES.map((name) => [name, {}])) as Record<CreditClass, Revenue>;
  const creditSales: CreditSale[] = [];

  const affiliate = (code: string) => affiliates.get(code) ?? affiliates.set(code, emptyRow()).get(code)!;
  const source = (name: string | null, campaign: string | null) => {
    const key = JSON.stringify([name, campaign]);
    return sources.get(key) ?? sources.set(key, { source: name, campaign, ...emptyRow() }).get(key)!;
  };
  /** The row a result belongs to: an affiliate's, a source's, or none (a sale no visit matches). */
  const rowOf = (result: ResultRow): Row | undefined => {
    if (!result.joined) return undefined;
    if (result.grouped == 'affiliate') return result.code == null ? undefined : affiliate(result.code);
    if (result.grouped == 'source') return source(result.source, result.campaign);
  };

  /** Adds a result's amount to the revenue of its row, class or total, in its currency. */
  const addRevenue = (result: ResultRow) => {
    if (result.currency == null || result.amount == null) return;
    const row = rowOf(result);
    const revenue = row ? row.revenue : result.grouped == 'class' ? result.class && creditRevenue[result.class as CreditClass] : result.grouped == 'total' && totals.revenue;
    if (revenue) revenue[result.currency] = (revenue[result.currency] ?? 0) + result.amount;
  };

  for (const result of results) {
    const row = rowOf(result);
    switch (result.kind) {
      case 'visits':
      case 'checkouts': {
        const field = result.kind;
        if (row) row[field] = result.n;
        else if (result.grouped == 'day') days.get(result.day!)![field] = result.n;
        else if (result.grouped == 'total') {
          totals[field] = result.n;
          if (field == 'visits') totals.visitsWithCode = result.m;
        }
        break;
      }
      case 'sales':
        // One result per currency of the group's sales: counts add up, amounts go to their currency.
        if (row) {
          row.sales += result.n;
          row.refunds += result.m;
        } else if (result.grouped == 'day') days.get(result.day!)!.sales = result.n;
        else if (result.grouped == 'class' && result.class) credit[result.class as CreditClass] += result.n;
        else if (result.grouped == 'total') {
          totals.sales += result.n;
          totals.refunds += result.m;
          totals.chargebacks += result.k;
        }
        addRevenue(result);
        break;
      case 'revenue':
        addRevenue(result);
        break;
      case 'credit':
        creditSales.push({
          class: result.class as CreditSale['class'],
          transaction: result.transaction!,
          date: result.day!,
          captured: result.code!,
          credited: result.credited,
          value: result.amount ?? 0,
          currency: result.currency ?? '',
        });
    }
  }
  return {
    from: range.from,
    to: range.to,
    affiliates: [...affiliates]
      .map(([code, row]) => ({ code, ...row }))
      .sort((a, b) => bySize(a, b) || (a.code < b.code ? -1 : 1))
      .slice(0, MAX_ROWS),
    sources: [...sources.values()].sort((a, b) => bySize(a, b) || compareNullsLast(a.source, b.source) || compareNullsLast(a.campaign, b.campaign)).slice(0, MAX_ROWS),
    credit,
    totals,
    days: [...days.values()],
    creditRevenue,
    creditSales,
  };
}

function compareNullsLast(a: string | null, b: string | null): number {
  if (a == b) return 0;
  if (a == null) return 1;
  if (b == null) return -1;
  return a < b ? -1 : 1;
}
