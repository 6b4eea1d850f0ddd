/**
 * A real `<table>`: column headers with `scope="col"`, the first cell of each row its header
 * (`scope="row"`), and for sortable columns a button inside the header that sorts by it, with
 * `aria-sort` on the sorted column's header. Sorting moves the rows' existing elements; nothing is
 * rebuilt.
 */
import { type Child, h } from './dom.js';

export interface Column<R> {
  label: string;
  /** The cell's content. */
  cell(row: R): Child;
  /** What the column sorts by (`null` sorts last either way); without it, the column does not sort. */
  sort?(row: R): number | string | null;
  /** Numbers: aligned right, and sorted biggest first on the first press. */
  numeric?: boolean;
}

export interface TableOptions<R> {
  /** The id of the heading that names the table. */
  labelledBy: string;
  columns: Column<R>[];
  rows: R[];
  /** The column sorted at first, and how. */
  sorted?: { column: number; direction: 'ascending' | 'descending' };
  locale: string;
}

const ARROWS = { ascending: '▲', descending: '▼', none: '↕' };

export function table<R>({ labelledBy, columns, rows, sorted, locale }: TableOptions<R>): HTMLElement {
  const collator = new Intl.Collator(locale, { numeric: true });
  const lines = rows.map((row, index) => ({
    row,
    index,
    element: h(
      'tr',
      null,
      columns.map((column, i) =>
        i == 0 ? h('th', { scope: 'row' }, column.cell(row)) : h('td', { class: column.numeric ? 'number' : null }, column.cell(row)),
      ),
    ),
  }));
  const body = h('tbody', null, lines.map((line) => line.element));
  const headers = columns.map((column, i) => {
    const th = h('th', { scope: 'col', class: column.numeric ? 'number' : null });
    if (!column.sort) th.append(column.label);
    else th.append(h('button', { type: 'button', class: 'sort', onclick: () => sortBy(i) }, column.label, h('span', { class: 'arrow', 'aria-hidden': 'true' }, ARROWS.none)));
    return th;
  });
  let state = sorted;

  function sortBy(index: number) {
    const column = columns[index];
    const direction =
      state?.column == index ? (state.direction == 'ascending' ? 'descending' : 'ascending') : column.numeric ? 'descending' : 'ascending';
    state = { column: index, direction };
    show();
  }

  function show() {
    headers.forEach((th, i) => {
      const direction = state?.column == i ? state.direction : undefined;
      if (direction) th.setAttribute('aria-sort', direction);
      else th.removeAttribute('aria-sort');
      const arrow = th.querySelector('.arrow');
      if (arrow) arrow.textContent = ARROWS[direction ?? 'none'];
    });
    if (!state) return;
    const key = columns[state.column].sort!;
    const sign = state.direction == 'ascending' ? 1 : -1;
    const keyed = lines.map((line) => ({ line, key: key(line.row) }));
    keyed.sort((a, b) => {
      if (a.key == null || b.key == null) return a.key == b.key ? a.line.index - b.line.index : a.key == null ? 1 : -1;
      const order = typeof a.key == 'number' && typeof b.key == 'number' ? a.key - b.key : collator.compare(String(a.key), String(b.key));
      return sign * order || a.line.index - b.line.index;
    });
    body.append(...keyed.map(({ line }) => line.element));
  }
  show();

  return scrollBox(h('table', { 'aria-labelledby': labelledBy }, h('thead', null, h('tr', null, headers)), body));
}

/**
 * A wide table scrolls sideways in its own box, which keyboard users can focus to scroll. Not a
 * landmark of its own: the section around it is the region its heading names.
 */
export const scrollBox = (table: HTMLTableElement) => h('div', { class: 'table-scroll', tabindex: '0' }, table);
