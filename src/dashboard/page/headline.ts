/** The headline figures for the range, and a warning when sales lost their affiliate. */
import type { Summary } from '../../loop/summary-types.js';
import { h, uniqueId } from './dom.js';
import { currencyCodes } from './format.js';
import type { View } from './view.js';

export function headline(summary: Summary, { m, f }: View): HTMLElement {
  const { totals, credit, creditRevenue } = summary;
  const heading = uniqueId('headline');
  const figure = (name: string, label: string, value: (Node | string)[], note?: string) =>
    h('div', { class: 'figure', 'data-figure': name }, h('dt', null, label), h('dd', { class: 'value' }, value), note ? h('dd', { class: 'note' }, note) : null);
  const revenue = f.revenue(totals.revenue);
  const refundsOnly = totals.refunds - totals.chargebacks;

  const astray = credit.lost + credit.otherAffiliate;
  const astrayRevenue = currencyCodes([creditRevenue.lost, creditRevenue.otherAffiliate]).map((code) =>
    f.money((creditRevenue.lost[code] ?? 0) + (creditRevenue.otherAffiliate[code] ?? 0), code),
  );
  const alert = astray
    ? h(
        'p',
        { class: 'alert', 'data-alert': 'credit' },
        h('span', { class: 'alert-mark', 'aria-hidden': 'true' }, '!'),
        ' ',
        m.headline.creditAlert(f.count(astray), astrayRevenue.join(' + ')),
        ' ',
        h('a', { href: '#credit' }, m.headline.creditAlertLink),
      )
    : null;

  return h(
    'section',
    { 'aria-labelledby': heading, class: 'headline' },
    h('h2', { id: heading }, m.headline.heading),
    h(
      'dl',
      { class: 'figures' },
      figure('visitsWithCode', m.headline.visitsWithCode, [f.count(totals.visitsWithCode)], m.headline.ofVisits(f.count(totals.visits))),
      figure('checkouts', m.headline.checkouts, [f.count(totals.checkouts)], m.headline.perVisit(f.rate(totals.checkouts, totals.visits))),
      figure('sales', m.headline.sales, [f.count(totals.sales)], m.headline.perCheckout(f.rate(totals.sales, totals.checkouts))),
      figure(
        'revenue',
        m.headline.revenue,
        revenue.length ? revenue.map((amount) => h('span', { class: 'amount' }, amount)) : [m.headline.noRevenue],
        m.headline.netOfRefunds,
      ),
      figure('refunds', m.headline.refunds, [f.count(totals.refunds)], m.headline.refundsLine(f.count(refundsOnly), f.count(totals.chargebacks))),
    ),
    alert,
  );
}
