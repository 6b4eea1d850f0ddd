/** The funnel per affiliate and per campaign: visits → departures → sales → refunds, in sortable tables. */
import type { Row, Summary } from '../../loop/summary-types.js';
import { h, uniqueId } from './dom.js';
import { currencyCodes } from './format.js';
import { type Column, table } from './table.js';
import type { View } from './view.js';

/** The funnel's columns, after the ones that name the row; one revenue column per currency. */
function funnelColumns<R extends Row>(rows: R[], { m, f }: View): Column<R>[] {
  const numeric = (label: string, value: (row: R) => number | null, text: (row: R) => string): Column<R> => ({ label, numeric: true, sort: value, cell: text });
  const ratio = (part: number, whole: number) => (whole ? part / whole : null);
  return [
    numeric(m.columns.visits, (r) => r.visits, (r) => f.count(r.visits)),
    numeric(m.columns.checkouts, (r) => r.checkouts, (r) => f.count(r.checkouts)),
    numeric(m.columns.checkoutRate, (r) => ratio(r.checkouts, r.visits), (r) => f.rate(r.checkouts, r.visits)),
    numeric(m.columns.sales, (r) => r.sales, (r) => f.count(r.sales)),
    numeric(m.columns.saleRate, (r) => ratio(r.sales, r.checkouts), (r) => f.rate(r.sales, r.checkouts)),
    numeric(m.columns.refunds, (r) => r.refunds, (r) => f.count(r.refunds)),
    ...currencyCodes(rows.map((r) => r.revenue)).map((code) =>
      numeric(m.columns.revenue(code), (r) => r.revenue[code] ?? null, (r) => (r.revenue[code] == null ? '—' : f.money(r.revenue[code], code))),
    ),
  ];
}

function funnelSection<R extends Row>(id: string, title: string, intro: string, empty: string, first: Column<R>[], rows: R[], view: View) {
  const heading = uniqueId(id);
  const columns = [...first, ...funnelColumns(rows, view)];
  const sales = columns.findIndex((column) => column.label == view.m.columns.sales);
  return h(
    'section',
    { 'aria-labelledby': heading, id },
    h('h2', { id: heading }, title),
    h('p', { class: 'intro' }, intro, rows.length ? ' ' + view.m.columns.sortHint : ''),
    rows.length
      ? table({ labelledBy: heading, columns, rows, sorted: { column: sales, direction: 'descending' }, locale: view.locale })
      : h('p', { class: 'none' }, empty),
  );
}

export function affiliates(summary: Summary, view: View): HTMLElement {
  const { m } = view;
  const code: Column<Summary['affiliates'][number]> = { label: m.columns.affiliate, sort: (r) => r.code, cell: (r) => h('code', null, r.code) };
  return funnelSection('affiliates', m.affiliates.heading, m.affiliates.intro, m.affiliates.empty, [code], summary.affiliates, view);
}

export function campaigns(summary: Summary, view: View): HTMLElement {
  const { m } = view;
  type Source = Summary['sources'][number];
  const named = (value: string | null) => value ?? h('span', { class: 'muted' }, m.columns.none);
  const first: Column<Source>[] = [
    { label: m.columns.source, sort: (r) => r.source, cell: (r) => named(r.source) },
    { label: m.columns.campaign, sort: (r) => r.campaign, cell: (r) => named(r.campaign) },
  ];
  return funnelSection('campaigns', m.campaigns.heading, m.campaigns.intro, m.campaigns.empty, first, summary.sources, view);
}
