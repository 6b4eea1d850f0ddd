/**
 * The benchmark's report: the tables (medians of one run), the issue's targets as ratios, and the
 * method, printed and written to bench/RESULTS.md.
 */
import { writeBrowserPart } from './sections.mjs';
import { VARIANTS, checkoutLinks } from './server.mjs';
import { BUTTON_COUNT, CODE, LANDING, LINK_COUNT, PHONE, SETTLE_MS, SLOW_SCRIPT_MS, THROTTLE } from './scenarios.mjs';

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const ms = (value) => (value == null ? '—' : `${value < 1 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0)} ms`);
const ratio = (value) => (value == null || !Number.isFinite(value) ? '—' : `${value < 10 ? value.toFixed(1) : value.toFixed(0)}×`);
const bytes = (value) => `${value.toLocaleString('en-US')} B`;
/** Median (min–max) of `runs[key]`, in ms. */
const spread = (runs, key) => {
  if (!runs?.length) return '—';
  const values = runs.map((run) => run[key]);
  return `${ms(median(values))} (${ms(Math.min(...values)).replace(' ms', '')}–${ms(Math.max(...values))})`;
};
const med = (runs, key) => (runs?.length ? median(runs.map((run) => run[key])) : null);
const escapeCell = (text) => String(text).replace(/\|/g, '\\|');
const table = (head, rows, align = head.map((_, i) => (i ? ' ---: ' : ' --- '))) =>
  [`| ${head.join(' | ')} |`, `|${align.join('|')}|`, ...rows.map((row) => `| ${row.map(escapeCell).join(' | ')} |`)].join('\n');

/** What each script does with the checkout links of the page, for the links table. */
const LINK_BEHAVIOUR = {
  capture: 'nothing when they are added; decorates the one link pressed (pointerdown, key, focus, context menu) and again on click',
  ours: 'the same as `hotlinks-capture.js`',
  plausible: 'nothing when they are added or pressed; on click, an outbound-link event (a fetch) if the host is not the page\'s',
  baseline: 'nothing, ever',
  decorator: 'eager: decorates every one as it is added (MutationObserver), so nothing is left to do on press',
};

/**
 * The targets of the issue, each as the ratio it is stated in, from this run's medians.
 * `null` where a measurement is missing.
 */
export function targets(results) {
  const load = (variant, runs) => med(runs?.[variant], 'cpu');
  const appended = (variant) => med(results.links?.[variant], 'cpu');
  const rows = [];
  const add = (target, shown, met) => rows.push({ target, shown, met: met == null ? '—' : met ? 'yes' : 'no' });
  for (const [runs, suffix] of [
    [results.load, ''],
    [results.throttled, ` (${THROTTLE}× CPU throttle, for reference)`],
  ]) {
    const [capture, ours, plausible, decorator] = ['capture', 'ours', 'plausible', 'decorator'].map((v) => load(v, runs));
    const known = (...values) => values.every((value) => value != null);
    add(
      `\`hotlinks-capture.js\` page-load CPU below every peer's (Plausible)${suffix}`,
      known(capture, plausible) ? `capture / Plausible = ${(capture / plausible).toFixed(2)}×` : '—',
      known(capture, plausible) ? capture < plausible : null,
    );
    add(
      `\`hotlinks-capture.js\` page-load CPU within 1.5× of the decorator floor${suffix}`,
      known(capture, decorator) ? `capture / decorator floor = ${(capture / decorator).toFixed(2)}×` : '—',
      known(capture, decorator) ? capture <= 1.5 * decorator : null,
    );
    add(
      `\`hotlinks.js\` page-load CPU below the peers' + 3 ms${suffix}`,
      known(ours, plausible) ? `hotlinks.js − Plausible = ${(ours - plausible).toFixed(1)} ms; hotlinks.js / (Plausible + 3 ms) = ${(ours / (plausible + 3)).toFixed(2)}×` : '—',
      known(ours, plausible) ? ours < plausible + 3 : null,
    );
  }
  const decorator = appended('decorator');
  for (const variant of ['ours', 'capture']) {
    const value = appended(variant);
    const known = value != null && decorator != null;
    add(
      `${LINK_COUNT.toLocaleString('en-US')} links appended at once: \`${VARIANTS[variant].src.split('/').pop()}\` within 1.3× of the decorator floor`,
      known ? `${VARIANTS[variant].src.split('/').pop()} / decorator floor = ${(value / decorator).toFixed(2)}×` : '—',
      known ? value <= 1.3 * decorator : null,
    );
  }
  return rows;
}

/**
 * Prints the report and, unless `write` is false, writes bench/RESULTS.md.
 * @param {any} results what run.mjs measured
 * @param {{ machine: string, date: string, commit: string, load: [string, string], runs: Record<string, number>, seconds: number }} meta
 */
export function writeReport(results, meta, { write = true } = {}) {
  const names = Object.keys(VARIANTS);
  const label = (variant) => VARIANTS[variant].label;
  const floor = med(results.load?.baseline, 'cpu');

  const main = table(
    ['script', 'gzip -9', 'page-load CPU', '× hand-written floor', `${THROTTLE}× CPU throttle`],
    names.map((v) => {
      const cpu = med(results.load?.[v], 'cpu');
      return [label(v), bytes(results.sizes[v]), ms(cpu), ratio(cpu != null && floor ? cpu / floor : null), ms(med(results.throttled?.[v], 'cpu'))];
    }),
  );
  const detail = table(
    ['script', 'CPU, median (min–max)', 'wall clock', `${THROTTLE}×: CPU`, `${THROTTLE}×: wall clock`],
    names.map((v) => [label(v), spread(results.load?.[v], 'cpu'), spread(results.load?.[v], 'wall'), spread(results.throttled?.[v], 'cpu'), spread(results.throttled?.[v], 'wall')]),
  );
  const devtools = table(
    ['script', 'page-load CPU, as above', 'with DevTools on the page (Playwright)', 'difference'],
    Object.keys(results.devtools ?? {}).map((v) => {
      const [bare, underDevtools] = [med(results.load?.[v], 'cpu'), med(results.devtools[v], 'cpu')];
      return [label(v), ms(bare), ms(underDevtools), bare != null && underDevtools != null ? ms(underDevtools - bare) : '—'];
    }),
  );
  const decoratorAppend = med(results.links?.decorator, 'cpu');
  const links = table(
    [
      'script',
      'what it does with the links',
      'append: main-thread CPU until done',
      '× decorator floor',
      "of which the script's own",
      'links decorated by the append',
      "press one: the script's own CPU",
      'the pressed link carries the code',
    ],
    names.map((v) => {
      const runs = results.links?.[v];
      const cpu = med(runs, 'cpu');
      return [
        label(v),
        LINK_BEHAVIOUR[v],
        spread(runs, 'cpu'),
        ratio(cpu != null && decoratorAppend ? cpu / decoratorAppend : null),
        ms(med(runs, 'script')),
        runs?.length ? `${median(runs.map((run) => run.decoratedOnAppend)).toLocaleString('en-US')} of ${LINK_COUNT.toLocaleString('en-US')}` : '—',
        runs?.length ? ms(median(runs.map((run) => run.press.cpu))) : '—',
        runs?.length ? [...new Set(runs.map((run) => (run.pressedCarriesCode ? 'yes' : 'no')))].join(', ') : '—',
      ];
    }),
    [' --- ', ' --- ', ...Array(6).fill(' ---: ')],
  );
  const ownButtons = med(results.buttons?.ours, 'cpu');
  const plainLinks = med(results.buttons?.baseline, 'cpu');
  const clsRows = Object.entries(results.cls ?? {}).map(([css, runs]) => [
    css == 'reserve' ? `with the reserve CSS (${results.reserveSource})` : 'no page CSS for the buttons',
    runs.ours?.length ? median(runs.ours.map((run) => run.cls)).toFixed(4) : '—',
    runs.baseline?.length ? median(runs.baseline.map((run) => run.cls)).toFixed(4) : '—',
    runs.ours?.length ? `${runs.ours.filter((run) => run.paintedBeforeUpgrade).length} of ${runs.ours.length}` : '—',
  ]);
  const others = table(
    ['measure', '`hotlinks.js`', 'floor', 'ratio'],
    [
      [
        `${BUTTON_COUNT} \`<hotlink-buy-button>\`: upgrade, render, layout (main-thread CPU; the floor: the same markup as plain links)`,
        spread(results.buttons?.ours, 'cpu'),
        spread(results.buttons?.baseline, 'cpu'),
        ratio(ownButtons != null && plainLinks ? ownButtons / plainLinks : null),
      ],
    ],
  );
  const cls = table(['layout shift (CLS), 6 buttons, phone viewport', '`hotlinks.js`', 'floor (plain links)', 'page painted before the buttons upgraded'], clsRows);
  const goals = targets(results);
  const goalTable = table(
    ['target (issue)', 'this run (medians)', 'met in this run'],
    goals.map((g) => [g.target, g.shown, g.met]),
  );
  const failures = results.failures.length
    ? `\n## Not measured in this run\n\n${results.failures.map((f) => `- ${f}`).join('\n')}\n`
    : '';

  console.log(`\n${meta.machine}\n${meta.date}, commit ${meta.commit}, load average ${meta.load.join(' → ')}\n`);
  console.log(main, '\n');
  console.log(links, '\n');
  console.log(others, '\n');
  console.log(cls, '\n');
  console.log(goalTable);
  if (results.failures.length) console.log(`\nNot measured:\n${results.failures.map((f) => `  ${f}`).join('\n')}`);
  if (!write) return;

  const { runs } = meta;
  // The loop's section (bench/loop/run.mjs) is kept after this.
  writeBrowserPart(
    `# Benchmark results

Written by \`npm run bench\` (\`bench/run.mjs\`); run it again to replace this file. One run's medians:
the machine this ran on is shared and noisy, so compare ratios, and run it twice before trusting one.

- Machine: ${meta.machine}
- Date: ${meta.date}, commit ${meta.commit}; load average ${meta.load[0]} at the start, ${meta.load[1]} at the end
  (${meta.seconds} s; other work on the machine makes times noisier: the variants alternate, so it hits all of them)

## Page load

Sales page with ${checkoutLinks.length} checkout links, landing with a code (\`${LANDING}\`). Side by side in one run:
Chromium, ${runs.load} fresh loads of each script (${runs.throttled} more under ${THROTTLE}× CPU throttle), alternating; main-thread
CPU of the script's own trace events; medians.

${main}

The same, with the spread and the wall clock (the wall clock also counts time the thread waited: on
the browser process for \`document.cookie\`, for a CPU while other work shares the machine, and under
throttling the time the throttle holds the thread):

${detail}

With DevTools on the page, as this bench measured before: the same page load in the Playwright-driven
Chromium, ${runs.devtools} loads of each. Playwright enables the Runtime domain on every page, and then Chromium
records a JavaScript stack at the first \`document.cookie\` read, reparsing every function on the stack
to find its source positions. The scripts that read the cookie pay for it; no visitor's browser does.

${devtools}

## ${LINK_COUNT.toLocaleString('en-US')} checkout links appended at once, then one pressed

${runs.links} runs of each script, alternating. The append is measured until the page is done with the links,
which is not the same work for every script: read the second column.

${links}

## Buy buttons and layout shift

${others}

${cls}

## The issue's targets

${goalTable}
${failures}
## Method

- **Scripts.** \`dist/hotlinks-capture.js\` and \`dist/hotlinks.js\` as built by \`npm run build\`
  (\`npm run bench\` builds first). Plausible: \`@plausible-analytics/tracker\` ${results.peers.plausible.version} from npm
  (a devDependency), bundled at bench time by Rollup with \`@rollup/plugin-node-resolve\` and terser into
  one IIFE (\`bench/peers/build.mjs\`) from \`bench/peers/plausible.entry.js\`, which calls \`init()\` as
  its README shows, with every automatic capture the README offers on: page views (the default),
  \`outboundLinks\`, \`fileDownloads\`, \`formSubmissions\`. Its endpoint is \`/api/event\` on the bench's
  own server, which answers 202 (page views received in this run: ${results.plausiblePageviews} for ${runs.load + runs.throttled} loads).
  The page sets \`window.__plausible = true\` before it: Plausible's switch for automated browsers,
  without which it sees \`navigator.webdriver\`, logs "Ignoring Event" and sends nothing. Dub's browser
  script is not on npm and is not run. Floors: \`bench/baseline.js\` (reads \`?a=CODE\`, checks it
  against the default code pattern, writes a 60-day cookie; decorates nothing) and
  \`bench/baseline-decorator.js\` (the same, plus a plain decorator: every \`a[href]\` to
  \`pay.hotmart.com\`/\`payment.hotmart.com\` gets \`af=CODE\` on load, and every one added later, from
  a MutationObserver). Sizes are \`gzip -9 -n\` of the bytes served.
- **Browser.** Headless Chromium (${meta.chromium}), launched as the browser suite launches
  it (\`test/chromium.mjs\`: a fresh temporary profile, \`--no-sandbox --disable-gpu --disable-quic
  --no-first-run --disable-background-networking --disable-component-update --disable-sync
  --disable-dev-shm-usage\`, every host name but the test ones failing to resolve). Pages come over
  https (the browser suite's test certificate) from a Node server on 127.0.0.1 (\`bench/server.mjs\`,
  \`www.shop.test\`); \`pay.hotmart.com\` is answered by route interception, and any other request is
  aborted or fails to resolve (${results.refused.length} in this run${results.refused.length ? `: ${[...new Set(results.refused)].slice(0, 5).join(', ')}` : ''}). Each measurement uses a fresh browser context (empty cache, no
  cookies), so every load is a first visit; the scripts alternate, in reverse order every other round.
  **Page loads** run in a Chromium driven without Playwright (\`bench/bare-chromium.mjs\`: the DevTools
  protocol over a pipe, tracing at the browser level, nothing on the page but the Network domain to
  see its requests), so the page runs as in a visitor's browser; the rest is driven by playwright-core.
- **Page load** (\`bench/pages/load.html\`: the ${checkoutLinks.length} checkout links and the other links of
  \`test/fixtures/hotmart-links.txt\`; the script as the README shows it, \`<script defer src>\` in the
  head). A Chromium trace from navigation to ${SETTLE_MS} ms after \`load\`; the time is that of the trace events
  attributed to the script's URL: \`v8.compile\`, \`EvaluateScript\` (running it) and \`FunctionCall\`
  (callbacks into it: listeners, observers, the answer to Plausible's fetch), nested events counted once,
  the thread's own CPU time (\`tdur\`). Parsing off the main thread (script streaming) is not counted,
  nor style and layout in later frames. "× hand-written floor" is each median over \`bench/baseline.js\`'s.
  **${THROTTLE}× CPU throttle**: the same, with CDP \`Emulation.setCPUThrottlingRate({ rate: ${THROTTLE} })\` on the page
  before it loads (a mid-range phone's CPU, roughly).
- **${LINK_COUNT.toLocaleString('en-US')} links appended at once** (\`bench/pages/blank.html\`, the script loaded, the code
  captured): the corpus's checkout links, repeated and created beforehand in a task of their own, are
  appended in one \`append\`. Main-thread CPU of every task between two \`performance.mark()\`s: from just
  before the append to after the MutationObserver round it causes (a page observer made after the
  script's runs after it), and for the eager decorator until every link carries \`af=${CODE}\`. Style and
  layout of the new links come in the next frame, the same for every script, and are not counted. The
  lazy core has nothing to do with added links until one is pressed, so its append is only the page's
  own work: compare it with \`bench/baseline.js\`'s, and read the press column. **Press**: once the
  links are laid out, the mouse moves over the first one and its button goes down (CDP input, trusted
  events: \`pointerdown\`, \`mousedown\`, focus; not released, so no click and no navigation); measured as the
  script's own trace events until the next frame, as for the page load. Plausible acts on click, not on
  press; the floors have nothing to do on press.
- **Buy buttons** (${runs.buttons} runs each): ${BUTTON_COUNT} \`<hotlink-buy-button>\` elements, each with a light-DOM
  \`<a href>\` fallback, set by one \`innerHTML\` on a page where the element is defined; main-thread CPU
  between marks until every button's shadow root holds its \`<a part="button">\` (Lit's
  \`updateComplete\`), then a forced style and layout. The floor is the same markup without the
  script: ${BUTTON_COUNT} plain links.
- **Layout shift** (${runs.cls} runs each): \`bench/pages/sales.html\` with six buttons of several variants and
  sizes, in a ${PHONE.width}×${PHONE.height} viewport, its \`defer\` script served ${SLOW_SCRIPT_MS} ms late so the page paints with
  the fallback links first. Once without any page CSS for the buttons, once with the reserve CSS:
  ${results.reserveSource ?? 'none found'}, inlined in a \`<style>\`. CLS is the sum of \`layout-shift\`
  entries without recent input (PerformanceObserver, buffered) once the buttons rendered and three
  more frames passed.
- **Not here**: whether the scripts work (capture, decoration, buttons, no request or timer of ours
  on load or while idle) is checked by the test suites (\`npm test\`; \`test/e2e\` in a real Chromium).
  The bench only fails when a measurement cannot be taken.
`,
  );
}
