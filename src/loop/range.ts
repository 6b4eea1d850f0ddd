/**
 * The range of a summary: UTC days, both ends included, as `YYYY-MM-DD`. One rule for the API, the
 * dashboard and `report` (no Node needed: the dashboard's routes ship in `hotlinks-embed/server`).
 */

/** A range of UTC days, both ends included, as `YYYY-MM-DD`. */
export interface Range {
  from: string;
  to: string;
}

export const DAY_MS = 86_400_000;
/** Ten years of days: enough for any question, and a bound on the `days` list. */
export const MAX_DAYS = 3660;

export const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Whether `text` is a `YYYY-MM-DD` that names a real day (not 2030-02-30, not 2026-13-01). */
export function isDay(text: string | null | undefined): text is string {
  const ms = text && /^\d{4}-\d{2}-\d{2}$/.test(text) ? Date.parse(text + 'T00:00:00Z') : NaN;
  return !Number.isNaN(ms) && isoDay(ms) == text;
}

function dayMs(value: string, name: string): number {
  if (!isDay(value)) throw new RangeError(`${name} must be a date as YYYY-MM-DD, got ${JSON.stringify(value)}`);
  return Date.parse(value + 'T00:00:00Z');
}

/**
 * The range asked for, checked: `to` defaults to today (UTC), `from` to 29 days before `to` (30 days
 * in all). Throws a `RangeError` naming the bad bound.
 */
export function parseRange(asked: { from?: string | null; to?: string | null }, now = Date.now()): Range {
  const to = asked.to != null ? dayMs(asked.to, 'to') : dayMs(isoDay(now), 'to');
  const from = asked.from != null ? dayMs(asked.from, 'from') : to - 29 * DAY_MS;
  if (from > to) throw new RangeError(`from (${isoDay(from)}) must not be after to (${isoDay(to)})`);
  if ((to - from) / DAY_MS + 1 > MAX_DAYS) throw new RangeError(`the range must be at most ${MAX_DAYS} days, got ${(to - from) / DAY_MS + 1}`);
  return { from: isoDay(from), to: isoDay(to) };
}
