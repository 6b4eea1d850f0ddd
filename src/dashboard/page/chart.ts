/**
 * The chart of visits, departures and sales per day, drawn by uPlot on a canvas. The same numbers
 * are in the table beside it, which is what screen readers get: the chart is hidden from them.
 * Colour is not the only difference between the series: visits are a solid line, departures a
 * dashed one, sales bars on their own scale, each named in the legend.
 */
import uPlot from 'uplot';
import type { Summary } from '../../loop/summary-types.js';
import { h } from './dom.js';
import type { Format } from './format.js';
import type { Messages } from '../messages/en.js';

const HEIGHT = 280;
const INK = '#475569';
const GRID = '#e2e8f0';
const FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** Axis steps: days, then whole weeks; counts in whole numbers. */
const DAY_STEPS = [1, 2, 7, 14, 28, 56, 91, 182, 364];
const COUNT_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 2e5, 5e5, 1e6, 2e6, 5e6, 1e7];

/** The chart in its box, and how to take it down (before the box leaves the page). */
export function dayChart(days: Summary['days'], m: Messages, f: Format): { element: HTMLElement; destroy(): void } {
  const box = h('div', { class: 'chart', 'aria-hidden': 'true' });
  const counts = (_: uPlot, values: number[]) => values.map((value) => f.count(value));
  const axis = { stroke: INK, font: FONT, grid: { stroke: GRID, width: 1 }, ticks: { stroke: GRID, width: 1 } };
  const options: uPlot.Options = {
    width: 600,
    height: HEIGHT,
    // x is the day's index: the days are UTC days, labelled here rather than placed on a local clock.
    // Half a day either side, so the first and last days' bars are whole.
    scales: { x: { time: false, range: (_, min, max) => [min - 0.5, max + 0.5] }, count: { range: (_, __, max) => [0, Math.max(max, 1)] }, sales: { range: (_, __, max) => [0, Math.max(max, 1)] } },
    series: [
      { label: m.chart.day },
      { label: m.columns.visits, scale: 'count', stroke: '#2563eb', width: 2, points: { show: false } },
      {
        label: m.columns.checkouts,
        scale: 'count',
        stroke: '#7c3aed',
        width: 2,
        dash: [8, 5],
        points: { show: false },
      },
      {
        label: m.columns.sales,
        scale: 'sales',
        stroke: '#c2410c',
        fill: 'rgba(234, 88, 12, 0.35)',
        width: 1,
        paths: uPlot.paths.bars!({ size: [0.6, 28] }),
        points: { show: false },
      },
    ],
    axes: [
      { ...axis, incrs: DAY_STEPS, space: 56, values: (_, splits) => splits.map((i) => (days[i] ? f.shortDay(days[i].date) : '')) },
      { ...axis, scale: 'count', incrs: COUNT_STEPS, values: counts, size: 56, label: `${m.columns.visits} · ${m.columns.checkouts}`, labelFont: FONT, labelSize: 20 },
      { ...axis, scale: 'sales', side: 1, incrs: COUNT_STEPS, values: counts, grid: { show: false }, size: 48, label: m.columns.sales, labelFont: FONT, labelSize: 20 },
    ],
    // No cursor or readout: the numbers are in the table. The legend names the series.
    cursor: { show: false, drag: { x: false, y: false, setScale: false } },
    select: { show: false, left: 0, top: 0, width: 0, height: 0 },
    legend: { live: false },
  };
  const data: uPlot.AlignedData = [
    days.map((_, i) => i),
    days.map((day) => day.visits),
    days.map((day) => day.checkouts),
    days.map((day) => day.sales),
  ];
  const plot = new uPlot(options, data, box);
  // The chart takes its box's width, now and whenever that changes.
  const resizes = new ResizeObserver(([entry]) => {
    const width = Math.floor(entry.contentRect.width);
    if (width > 0 && width != plot.width) plot.setSize({ width, height: HEIGHT });
  });
  resizes.observe(box);
  return {
    element: box,
    destroy() {
      resizes.disconnect();
      plot.destroy();
    },
  };
}
