/**
 * Chromium tracing for the benchmark: record a trace of a page while something happens, then sum the
 * main-thread time of the events that matter. `tdur` is the thread's own CPU time (robust when other
 * work shares the machine), `dur` the wall-clock time (it also counts waiting: on the browser process
 * for `document.cookie`, for a CPU, or, under CPU throttling, the time the throttle holds the thread).
 */
import { setTimeout as sleep } from 'node:timers/promises';

/** Enough for script events (compile, evaluate, callbacks). */
export const SCRIPT_CATEGORIES = ['devtools.timeline', 'v8'];
/** Script events, the page's `performance.mark()`s, and every task of the main thread. */
export const TASK_CATEGORIES = ['devtools.timeline', 'v8', 'blink.user_timing', 'toplevel'];

/**
 * Runs `fn` while tracing `page`; returns its result and the trace events.
 * @template T
 * @param {import('playwright-core').Browser} browser
 * @param {import('playwright-core').Page} page
 * @param {() => Promise<T>} fn
 * @returns {Promise<{ result: T, events: any[] }>}
 */
export async function traced(browser, page, fn, categories = TASK_CATEGORIES) {
  await browser.startTracing(page, { categories });
  let result;
  try {
    // The renderer starts recording a moment later; a task begun before that would go unrecorded.
    await sleep(100);
    result = await fn();
    // A task's trace event is written when it ends, which can be after its answer reached us.
    await page.evaluate(() => 0);
  } catch (error) {
    await browser.stopTracing().catch(() => {});
    throw error;
  }
  const trace = JSON.parse((await browser.stopTracing()).toString());
  return { result, events: trace.traceEvents };
}

/** CPU and wall ms of `events`, each counted once when they nest (complete events nest on a thread). */
export function total(events) {
  const sorted = events.filter((e) => e.ph == 'X').sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  let cpu = 0;
  let wall = 0;
  let covered = -Infinity;
  for (const e of sorted) {
    if (e.ts + e.dur <= covered) continue;
    cpu += e.tdur ?? e.dur;
    wall += e.dur;
    covered = e.ts + e.dur;
  }
  return { cpu: cpu / 1000, wall: wall / 1000 };
}

/** The trace events attributed to a script: compiling it, running it, and callbacks into it. */
const SCRIPT_EVENTS = ['EvaluateScript', 'v8.compile', 'FunctionCall'];
const urlPath = (url) => (URL.canParse(url) ? new URL(url).pathname : null);
const eventUrl = (e) => e.args?.data?.url ?? e.args?.data?.fileName ?? e.args?.fileName;

/**
 * Main-thread work of the script served at `path` (CPU and wall ms): its own trace events, nested
 * ones counted once. Work it causes outside them (style and layout after it changed the DOM, in a
 * later frame) is not in these events and is not counted.
 */
export const scriptWork = (events, path) =>
  total(events.filter((e) => SCRIPT_EVENTS.includes(e.name) && urlPath(eventUrl(e)) == path));

/**
 * Main-thread work between the page's `bench:start` and `bench:end` marks (CPU and wall ms): every
 * task of that thread that overlaps them, whoever's work it was.
 */
export function markedWork(events) {
  const mark = (name) => events.find((e) => e.name == name && e.cat == 'blink.user_timing');
  const [start, end] = [mark('bench:start'), mark('bench:end')];
  if (!start || !end) throw new Error('the trace lacks the bench:start/bench:end marks');
  const tasks = events.filter(
    (e) => e.tid == start.tid && e.name == 'ThreadControllerImpl::RunTask' && e.ts <= end.ts && e.ts + e.dur >= start.ts,
  );
  if (!tasks.some((e) => e.ts <= start.ts)) throw new Error('the trace lacks the task the measurement began in');
  return total(tasks);
}
