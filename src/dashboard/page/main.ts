/**
 * The dashboard page. The server wrote an empty shell (html.ts) with the visitor's language and
 * this server's addresses; this draws everything from one fetch of `api/summary` for the chosen
 * range, so the page and the summary cannot disagree. The range lives in the address
 * (`?days=7|30|90` or `?from=&to=`), so a view can be reloaded or bookmarked.
 */
import { DAY_MS, isDay, isoDay } from '../../loop/range.js';
import { CREDIT_CLASSES, type Summary } from '../../loop/summary-types.js';
import type { Language } from '../language.js';
import { dayChart } from './chart.js';
import { creditCheck } from './credit.js';
import { h, uniqueId } from './dom.js';
import { formats } from './format.js';
import { affiliates, campaigns } from './funnels.js';
import { headline } from './headline.js';
import { noSalesNotice, setup } from './setup.js';
import { table } from './table.js';
import type { View } from './view.js';

type Range = { days: number } | { from: string; to: string };
const PRESETS = [7, 30, 90];

const root = document.getElementById('dashboard')!;
const language = document.documentElement.lang as Language;
// Only the visitor's catalogue is loaded (the shell preloads it).
const m = language == 'pt-BR' ? (await import('../messages/pt-BR.js')).ptBR : (await import('../messages/en.js')).en;
const locale = root.dataset.locale || language;
const view: View = {
  m,
  f: formats(locale),
  locale,
  collectUrl: root.dataset.collectUrl!,
  webhookUrl: root.dataset.webhookUrl!,
  hottokConfigured: root.dataset.hottok == 'configured',
};
const { f } = view;

/** The range in the address, or the last 30 days. */
function rangeOf(query: URLSearchParams): Range {
  const [from, to] = [query.get('from'), query.get('to')];
  if (isDay(from) && isDay(to) && from <= to) return { from, to };
  const days = Number(query.get('days'));
  return { days: PRESETS.includes(days) ? days : 30 };
}

/** The UTC days a range covers, today being the last day of a preset. */
function daysOf(range: Range): { from: string; to: string } {
  if ('from' in range) return range;
  const today = Date.now();
  return { from: isoDay(today - (range.days - 1) * DAY_MS), to: isoDay(today) };
}

let range = rangeOf(new URLSearchParams(location.search));
let request: AbortController | undefined;
let teardown: (() => void)[] = [];

// The header, the range controls and a live status line stay; the results below are redrawn.
const status = h('p', { class: 'status', role: 'status' });
const results = h('div', { class: 'results' });
const presets = PRESETS.map((days) =>
  h('button', { type: 'button', class: 'preset', 'data-days': String(days), onclick: () => choose({ days }) }, m.range.lastDays(days)),
);
const fromInput = h('input', { type: 'date', name: 'from', id: uniqueId('from'), required: true });
const toInput = h('input', { type: 'date', name: 'to', id: uniqueId('to'), required: true });
const rangeProblem = h('p', { class: 'problem', id: uniqueId('range-problem'), hidden: true });
const rangeHeading = uniqueId('range');
const custom = h(
  'form',
  { class: 'custom', 'aria-describedby': rangeProblem.id },
  h('label', { for: fromInput.id }, m.range.from),
  fromInput,
  h('label', { for: toInput.id }, m.range.to),
  toInput,
  h('button', { type: 'submit' }, m.range.apply),
);
custom.addEventListener('submit', (event) => {
  event.preventDefault();
  const [from, to] = [fromInput.value, toInput.value];
  const valid = isDay(from) && isDay(to) && from <= to;
  rangeProblem.hidden = valid;
  rangeProblem.textContent = valid ? '' : m.range.invalid;
  if (valid) choose({ from, to });
});

root.replaceChildren(
  h(
    'header',
    { class: 'top' },
    h('h1', null, h('span', { class: 'brand' }, m.product), ' ', m.title),
    h('form', { method: 'post', action: 'logout', class: 'logout' }, h('button', { type: 'submit' }, m.logout)),
  ),
  h(
    'main',
    null,
    h(
      'section',
      { class: 'range', 'aria-labelledby': rangeHeading },
      h('h2', { id: rangeHeading, class: 'visually-hidden' }, m.range.heading),
      h('div', { class: 'presets', role: 'group', 'aria-label': m.range.presets }, presets),
      custom,
      rangeProblem,
      status,
    ),
    results,
  ),
);

function choose(next: Range) {
  range = next;
  const query = 'days' in next ? `?days=${next.days}` : `?from=${next.from}&to=${next.to}`;
  history.replaceState(null, '', query);
  void load();
}

async function load() {
  const { from, to } = daysOf(range);
  for (const button of presets) button.setAttribute('aria-pressed', String('days' in range && String(range.days) == button.dataset.days));
  [fromInput.value, toInput.value] = [from, to];
  root.dataset.state = 'loading';
  results.setAttribute('aria-busy', 'true');
  status.textContent = m.loading;
  request?.abort();
  const current = (request = new AbortController());
  let summary: Summary;
  try {
    const response = await fetch(`api/summary?from=${from}&to=${to}`, { signal: current.signal, credentials: 'same-origin', headers: { accept: 'application/json' } });
    if (response.status == 401) return ended();
    // The server names what went wrong (a bad range, a summary that failed).
    if (!response.ok) throw new Error(`${response.status}: ${(await response.json().catch(() => null))?.error ?? response.statusText}`);
    summary = await response.json();
  } catch (error) {
    if (current.signal.aborted) return;
    return failed(error instanceof Error ? error.message : String(error));
  }
  if (current != request) return;
  draw(summary);
  status.textContent = m.range.showing(f.day(summary.from), f.day(summary.to));
  results.removeAttribute('aria-busy');
  root.dataset.state = 'ready';
  performance.mark('hotlinks-dashboard-ready');
}

function clear() {
  for (const take of teardown) take();
  teardown = [];
}

function ended() {
  clear();
  status.textContent = '';
  root.dataset.state = 'ended';
  results.removeAttribute('aria-busy');
  results.replaceChildren(h('p', { class: 'alert', role: 'alert' }, m.sessionEnded, ' ', h('a', { href: './' }, m.logInAgain)));
}

function failed(problem: string) {
  clear();
  status.textContent = '';
  root.dataset.state = 'failed';
  results.removeAttribute('aria-busy');
  results.replaceChildren(
    h('p', { class: 'alert', role: 'alert' }, m.failed(problem), ' ', h('button', { type: 'button', onclick: () => void load() }, m.retry)),
  );
}

function draw(summary: Summary) {
  clear();
  const noSales = CREDIT_CLASSES.every((name) => !summary.credit[name]);
  if (noSales && !summary.totals.visits && !summary.totals.checkouts) {
    results.replaceChildren(setup(summary.from, summary.to, view));
    return;
  }
  const chartHeading = uniqueId('chart');
  const tableHeading = uniqueId('days');
  const chart = dayChart(summary.days, m, f);
  teardown.push(chart.destroy);
  results.replaceChildren(
    headline(summary, view),
    ...(noSales ? [noSalesNotice(view)] : []),
    h(
      'section',
      { 'aria-labelledby': chartHeading, class: 'per-day' },
      h('h2', { id: chartHeading }, m.chart.heading),
      h('figure', null, chart.element, h('figcaption', null, m.chart.caption)),
      h(
        'details',
        null,
        h('summary', { id: tableHeading }, m.chart.tableToggle),
        table({
          labelledBy: tableHeading,
          locale: view.locale,
          rows: summary.days,
          columns: [
            { label: m.chart.day, cell: (day) => f.day(day.date) },
            ...(['visits', 'checkouts', 'sales'] as const).map((key) => ({ label: m.columns[key], numeric: true, cell: (day: Summary['days'][number]) => f.count(day[key]) })),
          ],
        }),
      ),
    ),
    affiliates(summary, view),
    campaigns(summary, view),
    creditCheck(summary, view),
  );
}

void load();
