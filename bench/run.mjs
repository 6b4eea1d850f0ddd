#!/usr/bin/env node
/**
 * `npm run bench`: our drop-ins against the floor (`baseline.js`: capture only, plain links), in
 * real Chromium, same machine, same run. Prints a table, writes it to bench/RESULTS.md, and exits 1
 * when a check fails (layout shift, a request of ours on load, a timer, links left undecorated).
 * Needs a build (`npm run bench` runs one). Chromium: /usr/bin/chromium, or CHROMIUM_PATH.
 */
import { execSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { findChromium, launchChromium } from '../test/chromium.mjs';
import { VARIANTS, buttonHtml, checkoutLinks, reserveCss, startServer } from './server.mjs';

const RUNS = { load: 15, links: 5, buttons: 5, cls: 2, idle: 2 };
const IDLE_MS = 5000;
/** How late the script arrives on the layout-shift page: long enough that the page paints first. */
const SLOW_SCRIPT_MS = 400;
const CODE = 'O95340038V';
const LANDING = `?a=${CODE}&utm_source=bench&utm_campaign=launch&sck=hm-bench`;
/** A checkout link carries this once decorated (no corpus link has it of its own). */
const DECORATED = 'utm_source=bench';
const PHONE = { width: 390, height: 844 };

const executablePath = findChromium();
if (!executablePath) {
  console.error(`bench: no Chromium found; install Debian's chromium or set CHROMIUM_PATH`);
  process.exit(1);
}
const server = await startServer();
const origin = `https://www.shop.test:${server.port}`;
// The project's launch (test/chromium.mjs): a fresh temporary profile; every measurement below also
// gets a fresh context (no cache, no cookies), so each page load is a first visit.
const browser = await launchChromium(executablePath, ['*.shop.test']);

const checks = [];
const check = (name, pass, detail) => checks.push({ name, pass: !!pass, detail });

/** Runs `fn` on a page in a fresh context; records every request, and answers checkout hosts. */
async function withPage(fn, { viewport, initScript } = {}) {
  const context = await browser.newContext({ viewport, ignoreHTTPSErrors: true });
  const requests = [];
  const checkouts = [];
  context.on('request', (request) => {
    if (!request.url().startsWith('data:')) requests.push(`${request.method()} ${request.url()}`);
  });
  await context.route(/^https:\/\/(pay|payment)\.hotmart\.com\//, (route) => {
    checkouts.push(route.request().url());
    return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Hotmart checkout</title>' });
  });
  await context.addInitScript(`window.__buttonsRendered = ${BUTTONS_RENDERED}`);
  if (initScript) await context.addInitScript(initScript);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`  page error: ${error.message}`));
  try {
    return await fn(page, { context, requests, checkouts });
  } finally {
    await context.close();
  }
}

const pageUrl = (variant, name, extra = '') => `${origin}/${variant}/${name}.html${LANDING}${extra}`;
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** In the page: waits until every `<hotlink-buy-button>` under `root` has rendered its link. */
const BUTTONS_RENDERED = async (root) => {
  if (!customElements.get('hotlink-buy-button')) throw new Error('<hotlink-buy-button> is not defined by the script');
  const buttons = [...root.querySelectorAll('hotlink-buy-button')];
  const rendered = (b) => !!b.shadowRoot?.querySelector('a[part~="button"][href]');
  await Promise.all(buttons.map((b) => b.updateComplete));
  for (const deadline = performance.now() + 5000; !buttons.every(rendered); ) {
    if (performance.now() > deadline) throw new Error(`${buttons.filter((b) => !rendered(b)).length} buttons did not render`);
    await new Promise(requestAnimationFrame);
  }
  return buttons.length;
};

// ---------------------------------------------------------------------------------------------
// Times come from a Chromium trace of the page's main thread: `tdur` is the thread's CPU time
// (robust when other work shares the machine), `dur` the wall-clock time (includes waiting, such as
// the synchronous IPC behind document.cookie).
/** Script events; with the page's marks and the tasks around them for `markedWork`. */
const SCRIPT_CATEGORIES = ['devtools.timeline'];
const TASK_CATEGORIES = ['devtools.timeline', 'blink.user_timing', 'toplevel'];

/** Runs `fn` while tracing `page`; returns its result and the trace events. */
async function traced(page, fn, categories = TASK_CATEGORIES) {
  await browser.startTracing(page, { categories });
  // The renderer starts recording a moment later; a task begun before that would go unrecorded.
  await sleep(100);
  const result = await fn();
  // A task's trace event is written when it ends, which can be after its answer reached us.
  await page.evaluate(() => 0);
  const trace = JSON.parse((await browser.stopTracing()).toString());
  return { result, events: trace.traceEvents };
}

/** CPU and wall ms of `events`, each counted once when they nest (complete events nest on a thread). */
function total(events) {
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

/** Main-thread work of the script at `path`: compiling and running it, and callbacks into it. */
const SCRIPT_EVENTS = ['EvaluateScript', 'v8.compile', 'FunctionCall'];
const scriptWork = (events, path) =>
  total(events.filter((e) => SCRIPT_EVENTS.includes(e.name) && URL.canParse(e.args?.data?.url) && new URL(e.args.data.url).pathname == path));

/** Main-thread work between the page's `bench:start` and `bench:end` marks: every task that overlaps. */
function markedWork(events) {
  const mark = (name) => events.find((e) => e.name == name && e.cat == 'blink.user_timing');
  const [start, end] = [mark('bench:start'), mark('bench:end')];
  if (!start || !end) throw new Error('the trace lacks the bench:start/bench:end marks');
  const tasks = events.filter(
    (e) => e.tid == start.tid && e.name == 'ThreadControllerImpl::RunTask' && e.ts <= end.ts && e.ts + e.dur >= start.ts,
  );
  if (!tasks.some((e) => e.ts <= start.ts)) throw new Error('the trace lacks the task the measurement began in');
  return total(tasks);
}

// 1. Script evaluation and capture on page load.
async function loadOnce(variant) {
  return withPage(async (page) => {
    const { result, events } = await traced(page, async () => {
      await page.goto(pageUrl(variant, 'load'));
      await sleep(100); // callbacks the script set up on load (observers, listeners) have run
      return page.evaluate(
        ({ code, decorated }) => ({
          captured: document.cookie.includes(code),
          decorated: [...document.links].filter((a) => a.href.includes(decorated)).length,
        }),
        { code: CODE, decorated: DECORATED },
      );
    }, SCRIPT_CATEGORIES);
    return { ...scriptWork(events, VARIANTS[variant].src), ...result };
  });
}

// 2. Decorating checkout links added to the page, all at once or one by one.
async function linksOnce(variant, count, oneByOne) {
  return withPage(async (page) => {
    await page.goto(pageUrl(variant, 'blank'));
    // The links are made beforehand, in a task of their own: only adding them is measured.
    await page.evaluate(
      ({ hrefs, count }) =>
        (window.__links = Array.from({ length: count }, (_, i) => {
          const a = document.createElement('a');
          a.href = hrefs[i % hrefs.length];
          a.textContent = 'Comprar';
          return a;
        })),
      { hrefs: checkoutLinks, count },
    );
    const { result, events } = await traced(page, () =>
      page.evaluate(
        async ({ oneByOne, decorates, decorated }) => {
          const root = document.getElementById('root');
          const links = window.__links;
          const done = (a) => a.getAttribute('href').includes(decorated) || !decorates;
          // Our observer is made after the script's, so it is called after it, in the same microtask
          // checkpoint; the follow-up round the script's own attribute changes cause also runs first.
          let wake;
          new MutationObserver(() => wake()).observe(root, { childList: true });
          const added = () => new Promise((resolve) => (wake = resolve));
          const settle = async (list) => {
            for (const deadline = performance.now() + 10_000; !list.every(done); ) {
              if (performance.now() > deadline) throw new Error('checkout links were not decorated within 10 s');
              await new Promise(requestAnimationFrame);
            }
          };
          const fragment = document.createDocumentFragment();
          if (!oneByOne) fragment.append(...links);
          performance.mark('bench:start');
          const t0 = performance.now();
          if (oneByOne) {
            for (const a of links) {
              const seen = added();
              root.append(a);
              await seen;
              if (!done(a)) await settle([a]);
            }
          } else {
            const seen = added();
            root.append(fragment);
            await seen;
            if (!links.every(done)) await settle(links);
          }
          const wall = performance.now() - t0;
          performance.mark('bench:end');
          return { wall, decorated: links.filter((a) => a.getAttribute('href').includes(decorated)).length };
        },
        { oneByOne, decorates: variant != 'baseline', decorated: DECORATED },
      ),
    );
    return { ...result, cpu: markedWork(events).cpu };
  });
}

// 3. Upgrading and rendering 100 Buy buttons (the baseline: the same markup, left as plain links).
const BUTTONS_MARKUP = Array.from({ length: 100 }, (_, i) => buttonHtml(checkoutLinks[i % checkoutLinks.length], i)).join('\n');

async function buttonsOnce(variant) {
  const ours = variant != 'baseline';
  return withPage(async (page) => {
    await page.goto(pageUrl(variant, 'blank'));
    if (ours) await page.waitForFunction(() => customElements.get('hotlink-buy-button'), null, { timeout: 5000 });
    await page.evaluate((markup) => (window.__markup = markup), BUTTONS_MARKUP);
    const { result, events } = await traced(page, () =>
      page.evaluate(
        async ({ ours, decorated }) => {
          const root = document.getElementById('root');
          performance.mark('bench:start');
          const t0 = performance.now();
          root.innerHTML = window.__markup;
          if (ours) await window.__buttonsRendered(root);
          document.body.getBoundingClientRect(); // style and layout, forced now
          const wall = performance.now() - t0;
          performance.mark('bench:end');
          const links = [...root.querySelectorAll('hotlink-buy-button')].map(
            (b) => (ours ? b.shadowRoot?.querySelector('a[part~="button"]') : b.querySelector('a'))?.href ?? '',
          );
          return { wall, count: links.length, decorated: links.filter((href) => href.includes(decorated)).length };
        },
        { ours, decorated: DECORATED },
      ),
    );
    return { ...result, cpu: markedWork(events).cpu };
  });
}

// 4. Layout shift of a page with buttons, its script arriving after the first paint.
async function clsOnce(variant, reserve) {
  return withPage(
    async (page) => {
      await page.goto(pageUrl(variant, 'sales', `&delay=${SLOW_SCRIPT_MS}${reserve ? '&reserve=1' : ''}`));
      return page.evaluate(
        async ({ ours }) => {
          if (ours) await window.__buttonsRendered(document);
          for (let i = 0; i < 3; i++) await new Promise(requestAnimationFrame);
          const shifts = [];
          const observer = new PerformanceObserver((list) => shifts.push(...list.getEntries()));
          observer.observe({ type: 'layout-shift', buffered: true });
          await new Promise((resolve) => setTimeout(resolve, 200));
          shifts.push(...observer.takeRecords());
          observer.disconnect();
          const counted = shifts.filter((shift) => !shift.hadRecentInput);
          const paint = performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
          const defined = performance.getEntriesByName('button-defined')[0]?.startTime;
          return {
            cls: counted.reduce((sum, shift) => sum + shift.value, 0),
            shifted: counted.flatMap((shift) => shift.sources.map((s) => s.node?.nodeName ?? '?')),
            paintedBeforeUpgrade: paint != null && (defined == null || paint < defined),
            paint,
            defined,
          };
        },
        { ours: variant != 'baseline' },
      );
    },
    { viewport: PHONE },
  );
}

// 5. Main-thread work while idle after load, and every timer the script sets.
const TIMER_PROBE = () => {
  const calls = (window.__timers = []);
  for (const name of ['setTimeout', 'setInterval', 'requestAnimationFrame', 'requestIdleCallback']) {
    const original = window[name];
    if (!original) continue;
    window[name] = function (...args) {
      calls.push({ name, at: performance.now(), stack: new Error().stack });
      return original.apply(this, args);
    };
  }
};

async function idleOnce(variant) {
  const script = VARIANTS[variant].src;
  return withPage(
    async (page, { context }) => {
      await page.goto(pageUrl(variant, 'sales'));
      if (variant != 'baseline' && (await page.evaluate(() => !!customElements.get('hotlink-buy-button')))) {
        await page.evaluate(() => window.__buttonsRendered(document));
      }
      await sleep(500);
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      const metrics = async () =>
        Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
      const idleFrom = await page.evaluate(() => {
        window.__longTasks = [];
        new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries())).observe({ type: 'longtask' });
        return performance.now();
      });
      const before = await metrics();
      await sleep(IDLE_MS);
      const after = await metrics();
      const probe = await page.evaluate(
        ({ script, idleFrom }) => {
          const ours = window.__timers.filter((call) => call.stack.includes(script));
          return {
            longTasks: window.__longTasks.length,
            timers: ours.map((call) => call.name),
            timersWhileIdle: ours.filter((call) => call.at >= idleFrom).length,
          };
        },
        { script, idleFrom },
      );
      return {
        taskMs: (after.TaskDuration - before.TaskDuration) * 1000,
        scriptMs: (after.ScriptDuration - before.ScriptDuration) * 1000,
        ...probe,
      };
    },
    { initScript: TIMER_PROBE },
  );
}

// 6. Requests on page load: none of ours, unless reporting is configured.
async function requestsOnLoad(variant, name) {
  return withPage(async (page, { requests }) => {
    const url = pageUrl(variant, name);
    await page.goto(url);
    await sleep(1000);
    const expected = [`GET ${url}`, `GET ${origin}${VARIANTS[variant].src}`];
    return { unexpected: requests.filter((request) => !expected.includes(request)), requests };
  });
}

async function checkoutClicks() {
  return withPage(async (page, { requests, checkouts }) => {
    await page.goto(pageUrl('ours', 'sales'));
    const link = page.locator('p > a[href*="hotmart.com/O95340038V"]').first();
    const before = requests.length;
    await Promise.all([page.waitForURL(/pay\.hotmart\.com/), link.click()]);
    const linkCheckout = checkouts[0];
    const linkRequests = requests.slice(before);
    let buttonCheckout = null;
    await page.goto(pageUrl('ours', 'sales'));
    if (await page.evaluate(() => !!customElements.get('hotlink-buy-button'))) {
      await page.evaluate(() => window.__buttonsRendered(document));
      await Promise.all([page.waitForURL(/pay\.hotmart\.com/), page.locator('hotlink-buy-button a[part~="button"]').first().click()]);
      buttonCheckout = checkouts[1];
    }
    return { linkCheckout, linkRequests, buttonCheckout };
  });
}

// ---------------------------------------------------------------------------------------------
const rows = [];
const ratio = (o, b) => (b > 0 ? `${(o / b).toFixed(1)}×` : '—');
const show = (values, unit, digits) =>
  `${median(values).toFixed(digits)}${unit && ` ${unit}`}` +
  (values.length > 1 ? ` (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})` : '');
/** A table row: medians (min–max) of ours and the baseline, and their ratio; `wall` adds wall-clock ones. */
const row = (measure, ours, baseline, { unit = 'ms', digits = 2, wall } = {}) =>
  rows.push({
    measure,
    ours: show(ours, unit, digits),
    baseline: show(baseline, unit, digits),
    ratio: ratio(median(ours), median(baseline)),
    oursWall: wall ? show(wall.ours, unit, digits) : '',
    baselineWall: wall ? show(wall.baseline, unit, digits) : '',
    ratioWall: wall ? ratio(median(wall.ours), median(wall.baseline)) : '',
  });
/** A row of CPU times with their wall-clock times beside them. */
const timedRow = (measure, ours, baseline, digits) =>
  row(measure, ours.map((run) => run.cpu), baseline.map((run) => run.cpu), {
    digits,
    wall: { ours: ours.map((run) => run.wall), baseline: baseline.map((run) => run.wall) },
  });
const started = Date.now();
const loadBefore = os.loadavg()[0].toFixed(1);
const step = (text) => console.log(`bench: ${text} (${((Date.now() - started) / 1000).toFixed(0)} s)`);

try {
  step(`page loads, ${RUNS.load} fresh loads per script`);
  const loads = { ours: [], capture: [], baseline: [] };
  for (let i = 0; i < RUNS.load; i++) for (const variant of Object.keys(loads)) loads[variant].push(await loadOnce(variant));
  timedRow('Page load: evaluation + capture, hotlinks-capture.js', loads.capture, loads.baseline, 2);
  timedRow('Page load: evaluation + capture, hotlinks.js', loads.ours, loads.baseline, 2);
  const linksOnPage = checkoutLinks.length;
  for (const [variant, runs] of Object.entries(loads)) {
    check(`${variant}: every load captured the code into the cookie`, runs.every((run) => run.captured));
    const want = variant == 'baseline' ? 0 : linksOnPage;
    check(
      `${variant}: checkout links decorated on load: ${want} of ${linksOnPage}`,
      runs.every((run) => run.decorated == want),
      `got ${[...new Set(runs.map((run) => run.decorated))].join(', ')}`,
    );
  }

  for (const [count, oneByOne] of [
    [10_000, false],
    [1_000, true],
  ]) {
    step(`${count} links ${oneByOne ? 'one by one' : 'at once'}, ${RUNS.links} runs`);
    const runs = { ours: [], baseline: [] };
    for (let i = 0; i < RUNS.links; i++) for (const variant of Object.keys(runs)) runs[variant].push(await linksOnce(variant, count, oneByOne));
    timedRow(`${count.toLocaleString('en-US')} checkout links added ${oneByOne ? 'one by one' : 'at once'}, until all decorated`, runs.ours, runs.baseline, 1);
    check(`ours: all ${count} links added ${oneByOne ? 'one by one' : 'at once'} decorated`, runs.ours.every((run) => run.decorated == count));
  }

  step(`100 Buy buttons, ${RUNS.buttons} runs`);
  try {
    const runs = { ours: [], baseline: [] };
    for (let i = 0; i < RUNS.buttons; i++) for (const variant of Object.keys(runs)) runs[variant].push(await buttonsOnce(variant));
    timedRow('100 <hotlink-buy-button>: upgrade, render, layout', runs.ours, runs.baseline, 1);
    check('ours: 100 buttons rendered, each a decorated checkout link', runs.ours.every((run) => run.count == 100 && run.decorated == 100));
  } catch (error) {
    check('ours: 100 buttons rendered, each a decorated checkout link', false, error.message.split('\n')[0]);
  }

  // The check holds the page as the README shows it: with its reserve rule once it has one.
  const documented = reserveCss() != null;
  for (const reserve of documented ? [false, true] : [false]) {
    const page = reserve ? 'with the README reserve rule' : 'no page CSS for the buttons';
    step(`layout shift, ${page}, ${RUNS.cls} runs, script ${SLOW_SCRIPT_MS} ms late`);
    const name = `ours: no layout shift (CLS 0), ${page}`;
    try {
      const runs = { ours: [], baseline: [] };
      for (let i = 0; i < RUNS.cls; i++) for (const variant of Object.keys(runs)) runs[variant].push(await clsOnce(variant, reserve));
      const cls = (list) => list.map((run) => run.cls);
      row(`Layout shift (CLS), 6 buttons, phone viewport, ${page}`, cls(runs.ours), cls(runs.baseline), { unit: '', digits: 4 });
      check(`ours: the page painted before the buttons upgraded (${page})`, runs.ours.every((run) => run.paintedBeforeUpgrade));
      const worst = runs.ours.reduce((a, b) => (b.cls > a.cls ? b : a));
      const detail = worst.cls ? `CLS ${worst.cls.toFixed(4)}; shifted: ${[...new Set(worst.shifted)].join(', ')}` : '';
      if (reserve == documented) check(name, worst.cls == 0, detail);
    } catch (error) {
      check(name, false, error.message.split('\n')[0]);
    }
  }

  step(`main thread while idle, ${RUNS.idle} × ${IDLE_MS / 1000} s per script`);
  const idle = { ours: [], baseline: [] };
  for (let i = 0; i < RUNS.idle; i++) for (const variant of Object.keys(idle)) idle[variant].push(await idleOnce(variant));
  const idleRow = (key, label) => row(label, idle.ours.map((run) => run[key]), idle.baseline.map((run) => run[key]));
  idleRow('taskMs', `Main-thread task time (CDP TaskDuration) in ${IDLE_MS / 1000} s idle after load`);
  idleRow('scriptMs', `Script time (CDP ScriptDuration) in ${IDLE_MS / 1000} s idle after load`);
  const longTasks = idle.ours.reduce((sum, run) => sum + run.longTasks, 0);
  const timers = idle.ours.flatMap((run) => run.timers);
  const scriptMs = Math.max(...idle.ours.map((run) => run.scriptMs));
  check('ours: no long task while idle', longTasks == 0, `${longTasks} long tasks`);
  check('ours: no timer set (setTimeout, setInterval, requestAnimationFrame, requestIdleCallback)', timers.length == 0, timers.join(', '));
  check('ours: no script ran while idle', scriptMs == 0, `${scriptMs.toFixed(2)} ms`);

  step('requests');
  for (const [variant, name] of [
    ['capture', 'load'],
    ['ours', 'load'],
    ['ours', 'sales'],
  ]) {
    const { unexpected } = await requestsOnLoad(variant, name);
    check(`${VARIANTS[variant].src} on ${name}.html: no request but the page and the script`, unexpected.length == 0, unexpected.join(', '));
  }
  const collected = await requestsOnLoad('ours-collect', 'sales');
  const report = server.reports.map((body) => JSON.parse(body)).find((r) => r.event == 'attribution');
  check(
    'with data-collect: the attribution report is sent (the request recorder sees requests)',
    collected.unexpected.some((request) => request.startsWith('POST ') && request.endsWith('/collect')) && report?.affiliate == CODE,
    collected.unexpected.join(', '),
  );
  const clicks = await checkoutClicks();
  check(
    'a decorated link takes the visitor to checkout with the code, and no request of ours is made',
    clicks.linkCheckout?.includes(`af=${CODE}`) && clicks.linkCheckout.includes(DECORATED) && clicks.linkRequests.every((r) => r.includes('hotmart.com')),
    `${clicks.linkCheckout}; ${clicks.linkRequests.join(', ')}`,
  );
  check('a Buy button takes the visitor to checkout with the code', clicks.buttonCheckout?.includes(`af=${CODE}`), clicks.buttonCheckout ?? 'no button');
} finally {
  await browser.close();
  await server.close();
}

// ---------------------------------------------------------------------------------------------
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const chromiumVersion = browser.version();
const date = new Date().toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
const machine = `${os.availableParallelism()} cores (nproc), ${cpu}, Chromium ${chromiumVersion}, Node ${process.version}, ${os.type()} ${os.release()}`;
const commit = (() => {
  try {
    const git = (args) => execSync(`git ${args}`, { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    return git('rev-parse --short HEAD') + (git('status --porcelain -- src build rollup.config.mjs') ? ' (with uncommitted changes to src)' : '');
  } catch {
    return 'unknown';
  }
})();

const COLUMNS = {
  measure: 'measure',
  ours: 'CPU: ours, median (min–max)',
  baseline: 'baseline',
  ratio: 'ours / baseline',
  oursWall: 'wall clock: ours',
  baselineWall: 'baseline',
  ratioWall: 'ours / baseline',
};
const keys = Object.keys(COLUMNS);
const table = [
  `| ${keys.map((key) => COLUMNS[key]).join(' | ')} |`,
  `| --- |${' ---: |'.repeat(keys.length - 1)}`,
  ...rows.map((r) => `| ${keys.map((key) => r[key].replace(/</g, '&lt;')).join(' | ')} |`),
];
const checkTable = [
  '| check | result |',
  '| --- | --- |',
  ...checks.map((c) => `| ${c.name.replace(/</g, '&lt;')} | ${c.pass ? 'pass' : `**FAIL**${c.detail ? `: ${c.detail.replace(/\|/g, '\\|')}` : ''}`} |`),
];

console.log(`\n${machine}\n${date}, commit ${commit}\n`);
const widths = keys.map((key) => Math.max(COLUMNS[key].length, ...rows.map((r) => r[key].length)));
for (const r of [COLUMNS, ...rows]) console.log(keys.map((key, i) => (i ? r[key].padStart(widths[i]) : r[key].padEnd(widths[i]))).join('  '));
console.log('');
for (const c of checks) console.log(`${c.pass ? 'pass' : 'FAIL'}  ${c.name}${!c.pass && c.detail ? `: ${c.detail}` : ''}`);

writeFileSync(
  fileURLToPath(new URL('RESULTS.md', import.meta.url)),
  `# Benchmark results

Written by \`npm run bench\` (\`bench/run.mjs\`); run it again to replace this file.

- Machine: ${machine}
- Date: ${date}, commit ${commit}; load average ${loadBefore} at the start, ${os.loadavg()[0].toFixed(1)} at the end
  (other work on the machine makes times noisier; the variants alternate, so it hits both)
- Ours: \`dist/hotlinks.js\` (capture, link decoration, Buy button) and \`dist/hotlinks-capture.js\`.
- Baseline (the floor): \`bench/baseline.js\`, a hand-written capture: reads \`?a=CODE\`, checks it
  against the default code pattern, writes a 60-day cookie, and leaves links as they are.

${table.join('\n')}

Times are main-thread CPU time (the thread's own time in a Chromium trace), with wall-clock time
beside them (the idle rows are CDP's task and script durations): the wall clock also counts time the thread waited (on the browser process, for
\`document.cookie\`, or for a CPU when other work shares the machine). Ratios are ours / baseline, of
the medians. Times vary from machine to machine and run to run; the ratios are what to compare.

## Checks

${checkTable.join('\n')}

## Method

- Headless Chromium driven by playwright-core, launched as the browser suite launches it
  (\`test/chromium.mjs\`): a fresh temporary profile and \`--no-sandbox --disable-gpu
  --disable-quic --no-first-run --disable-background-networking --disable-component-update
  --disable-sync --disable-dev-shm-usage\`. Pages come over https (the browser suite's test
  certificate) from a Node server on 127.0.0.1 (\`bench/server.mjs\`, \`www.shop.test\` mapped to it);
  \`pay.hotmart.com\` is answered by route interception and every other host name fails to resolve.
  Each measurement uses a fresh browser context (empty cache, no cookies), so every load is a first
  visit, and the variants alternate run by run. The landing URL is \`${LANDING}\`.
- **Page load** (${RUNS.load} fresh loads per script): \`bench/pages/load.html\`, a sales page with the
  ${checkoutLinks.length} checkout links and the other links of \`test/fixtures/hotmart-links.txt\`, loads the script
  as the README shows (\`<script defer src>\` in the head). A Chromium trace is recorded from
  navigation to 100 ms after \`load\`; the time is that of the trace events attributed to the
  script's URL: \`EvaluateScript\` (compiling and running it: for ours that is reading the options,
  capturing the code into the cookie, probing the cookie domain, decorating the page's links) and
  \`FunctionCall\` (callbacks into it, such as its MutationObserver), nested events counted once.
  Parsing done off the main thread (script streaming) is not main-thread time and is not counted.
- **Links** (${RUNS.links} runs each): on an empty page with the script loaded and the code captured, the
  checkout links of the corpus, repeated and created beforehand, are appended to the document:
  10,000 in one \`append\`, or 1,000 one \`append\` at a time, each waiting for the MutationObserver
  round it causes. Measured from the first append until every link carries the forwarded parameters
  (for the baseline: until the page's own MutationObserver has seen them, i.e. the cost of adding
  the links at all). Wall clock by \`performance.now()\`; CPU time as the traced main-thread tasks
  between two \`performance.mark()\`s around that work.
- **Buttons** (${RUNS.buttons} runs each): 100 \`<hotlink-buy-button>\` elements, each with a light-DOM
  \`<a href>\` fallback, set by one \`innerHTML\` on a page where the element is defined; measured (as
  for links) until every button's shadow root holds its decorated \`<a part="button">\` (Lit's
  \`updateComplete\`), then a forced style and layout (\`getBoundingClientRect\`). Paint is not
  included. The baseline is the same markup without the script: 100 plain links.
- **Layout shift** (${RUNS.cls} runs each): \`bench/pages/sales.html\` with six buttons in several
  variants and sizes, in a 390×844 viewport, its \`defer\` script served ${SLOW_SCRIPT_MS} ms late so the page
  paints with the fallback links first (checked: first-contentful-paint comes before the element is
  defined). Once without any page CSS for the buttons, and once with the CSS of the README's "No
  layout shift" paragraph (read from README.md at run time); CLS must be 0 for the page as the README
  shows it. CLS is the sum of \`layout-shift\` entries (PerformanceObserver, buffered) without recent
  input, after the buttons rendered and three more frames.
- **Idle** (${RUNS.idle} runs each): the same sales page, rendered and settled for 0.5 s, then ${IDLE_MS / 1000} s untouched.
  Main-thread work is the difference of CDP \`Performance.getMetrics\` \`TaskDuration\` (all renderer
  main-thread tasks, the browser's own included) and \`ScriptDuration\` over that window; long
  tasks are counted with a \`longtask\` PerformanceObserver. An init script wraps \`setTimeout\`,
  \`setInterval\`, \`requestAnimationFrame\` and \`requestIdleCallback\` from before any page script,
  and every call whose stack comes from our script is counted, from page start to the end of the
  idle window.
- **Requests**: every request of the browser context is recorded while a page loads and for 1 s
  after; with no \`data-collect\`, only the page and the script itself may appear. The control:
  with \`data-collect="/collect"\` the attribution report does appear. A click on a decorated link
  and on a Buy button reaches the intercepted checkout with \`af=${CODE}\`.
`,
);
console.log(`\nbench: wrote bench/RESULTS.md in ${((Date.now() - started) / 1000).toFixed(0)} s`);
process.exitCode = checks.every((c) => c.pass) ? 0 : 1;
