/**
 * The credit check: each class of docs/CONTRACT.md with its sales, its revenue and what to do, then
 * the sales that lost their affiliate or went to another, one by one. Every class is named in
 * words, with a mark; its colour only repeats them.
 */
import { CREDIT_CLASSES, type CreditClass, type CreditSale, type Summary } from '../../loop/summary-types.js';
import { h, uniqueId } from './dom.js';
import { type Column, scrollBox, table } from './table.js';
import type { View } from './view.js';

const MARKS: Record<CreditClass, string> = { asCaptured: '✓', lost: '✕', otherAffiliate: '⇄', hotmartOnly: '◆', unjoined: '?' };

export const badge = (name: CreditClass, { m }: View) =>
  h('span', { class: `badge badge-${name}`, 'data-class': name }, h('span', { class: 'mark', 'aria-hidden': 'true' }, MARKS[name]), ' ', m.credit.classes[name]);

export function creditCheck(summary: Summary, view: View): HTMLElement {
  const { m, f } = view;
  const heading = uniqueId('credit');
  const listHeading = uniqueId('credit-sales');
  const classes = scrollBox(
    h(
      'table',
      { class: 'classes', 'aria-labelledby': heading },
      h('thead', null, h('tr', null, [m.credit.class, m.credit.sales, m.credit.revenue, m.credit.action].map((label, i) => h('th', { scope: 'col', class: i == 1 || i == 2 ? 'number' : null }, label)))),
      h(
        'tbody',
        null,
        CREDIT_CLASSES.map((name) =>
          h(
            'tr',
            { 'data-class': name },
            h('th', { scope: 'row' }, badge(name, view)),
            h('td', { class: 'number' }, f.count(summary.credit[name])),
            h('td', { class: 'number' }, f.revenue(summary.creditRevenue[name]).map((amount) => h('span', { class: 'amount' }, amount))),
            h('td', { class: 'advice' }, m.credit.advice[name]),
          ),
        ),
      ),
    ),
  );

  const sales = summary.creditSales;
  const total = summary.credit.lost + summary.credit.otherAffiliate;
  const columns: Column<CreditSale>[] = [
    { label: m.credit.transaction, sort: (s) => s.transaction, cell: (s) => h('code', null, s.transaction) },
    { label: m.credit.date, sort: (s) => s.date, cell: (s) => h('time', { datetime: s.date }, f.moment(s.date)) },
    { label: m.credit.class, sort: (s) => m.credit.classes[s.class], cell: (s) => badge(s.class, view) },
    { label: m.credit.captured, sort: (s) => s.captured, cell: (s) => h('code', null, s.captured) },
    { label: m.credit.credited, sort: (s) => s.credited, cell: (s) => (s.credited ? h('code', null, s.credited) : h('span', { class: 'muted' }, m.credit.creditedNone)) },
    { label: m.credit.value, numeric: true, sort: (s) => s.value, cell: (s) => f.money(s.value, s.currency) },
  ];

  return h(
    'section',
    { 'aria-labelledby': heading, id: 'credit', tabindex: '-1' },
    h('h2', { id: heading }, m.credit.heading),
    h('p', { class: 'intro' }, m.credit.intro),
    classes,
    h('h3', { id: listHeading }, m.credit.listHeading),
    sales.length
      ? [
          h('p', { class: 'intro' }, m.credit.listIntro, sales.length < total ? ' ' + m.credit.listShowing(f.count(sales.length), f.count(total)) : ''),
          table({ labelledBy: listHeading, columns, rows: sales, sorted: { column: 1, direction: 'descending' }, locale: view.locale }),
        ]
      : h('p', { class: 'none' }, m.credit.listEmpty),
  );
}
