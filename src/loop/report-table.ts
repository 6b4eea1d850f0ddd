/** The summary as `hotlinks-embed report` prints it: plain text tables, for a terminal. */
import { CREDIT_CLASSES, type CreditClass, type Revenue, type Row, type Summary } from './summary-types.js';

const count = (n: number) => n.toLocaleString('en-US');
const money = (revenue: Revenue) =>
  Object.entries(revenue)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([currency, amount]) => `${currency} ${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`)
    .join(', ') || '-';
/** Codes and tags come from visitors' browsers: long ones are cut, so the columns stay columns. */
const cell = (text: string | null, none = '(none)') => {
  const value = text ?? none;
  return value.length > 32 ? value.slice(0, 31) + '…' : value;
};

function table(head: string[], rows: string[][], numeric: boolean[]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => '  ' + cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(head), ...rows.map(line)];
}

const funnel = (row: Row) => [count(row.visits), count(row.checkouts), count(row.sales), count(row.refunds), money(row.revenue)];
const FUNNEL_HEAD = ['visits', 'checkouts', 'sales', 'refunds', 'revenue (net)'];
const FUNNEL_NUMERIC = [true, true, true, true, false];

const CLASS_NAMES: Record<CreditClass, string> = {
  asCaptured: 'as captured (Hotmart credited the affiliate the visit carried)',
  lost: 'lost (the visit carried an affiliate, Hotmart credited none)',
  otherAffiliate: 'other affiliate (Hotmart credited another one)',
  hotmartOnly: 'Hotmart only (the visit carried none, Hotmart credited one)',
  unjoined: 'unjoined (no visit of ours in its xcod)',
};

export function reportTable(summary: Summary): string {
  const { totals } = summary;
  const out = [
    `Sales from ${summary.from} to ${summary.to} (UTC days)`,
    '',
    `  visits ${count(totals.visits)} (${count(totals.visitsWithCode)} with an affiliate code), checkouts ${count(totals.checkouts)}, ` +
      `sales ${count(totals.sales)}, refunds ${count(totals.refunds)} (chargebacks ${count(totals.chargebacks)})`,
    `  revenue, net of refunds: ${money(totals.revenue)}`,
    '',
    'Credit check (approved sales)',
    ...table(
      ['', 'sales', 'revenue (net)'],
      CREDIT_CLASSES.map((name) => [CLASS_NAMES[name], count(summary.credit[name]), money(summary.creditRevenue[name])]),
      [false, true, false],
    ),
    '',
    'Affiliates (the code the visit carried)',
    ...(summary.affiliates.length
      ? table(['code', ...FUNNEL_HEAD], summary.affiliates.map((row) => [cell(row.code), ...funnel(row)]), [false, ...FUNNEL_NUMERIC])
      : ['  none in this range']),
    '',
    'Sources (utm_source / utm_campaign)',
    ...(summary.sources.length
      ? table(['source', 'campaign', ...FUNNEL_HEAD], summary.sources.map((row) => [cell(row.source), cell(row.campaign), ...funnel(row)]), [false, false, ...FUNNEL_NUMERIC])
      : ['  none in this range']),
  ];
  if (summary.creditSales.length) {
    out.push(
      '',
      'Sales to look at (the affiliate the visit carried was not the one credited)',
      ...table(
        ['approved', 'transaction', 'captured', 'credited', 'value'],
        summary.creditSales.map((sale) => [sale.date.slice(0, 16).replace('T', ' '), cell(sale.transaction), cell(sale.captured), cell(sale.credited), money({ [sale.currency]: sale.value })]),
        [false, false, false, false, false],
      ),
    );
  }
  return out.join('\n') + '\n';
}
