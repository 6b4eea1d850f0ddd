#!/usr/bin/env node
/**
 * `npm run bench`: our drop-ins beside a published peer (Plausible's tracker from npm) and two
 * hand-written floors, in real Chromium, same machine, same run, alternating. Writes bench/RESULTS.md.
 *   trace.mjs      Chromium tracing, the CPU of a script's own trace events, task totals
 *   bare-chromium.mjs  Chromium without Playwright, for page loads as a visitor's browser runs them
 *   scenarios.mjs  page load (and under CPU throttle), links appended and pressed, Buy buttons, CLS
 *   report.mjs     the tables, the targets as ratios, the method
 *   server.mjs     the pages and scripts, on 127.0.0.1; peers/build.mjs bundles the peers
 * Exits 1 only when a measurement could not be taken. `--quick`: a few runs each, nothing written;
 * `--only=load,throttled,devtools,links,buttons,cls`: only those, nothing written.
 * Needs a build (`npm run bench` runs one). Chromium: /usr/bin/chromium, or CHROMIUM_PATH.
 */
import { execSync, spawnSync } from 'node:child_process';
import os from 'node:os';
import { gzipSync } from 'node:zlib';
import { findChromium, launchChromium } from '../test/chromium.mjs';
import { launchBareChromium } from './bare-chromium.mjs';
import { buildPeers } from './peers/build.mjs';
import { writeReport } from './report.mjs';
import { THROTTLE, scenarios } from './scenarios.mjs';
import { VARIANTS, reserveCss, startServer } from './server.mjs';

const QUICK = process.argv.includes('--quick');
/** `--only=links,cls`: just those scenarios (load, throttled, devtools, links, buttons, cls), nothing written. */
const ONLY = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length).split(',');
const wanted = (name) => !ONLY || ONLY.includes(name);
const RUNS = QUICK
  ? { load: 3, throttled: 3, devtools: 2, links: 2, buttons: 2, cls: 1 }
  : { load: 15, throttled: 15, devtools: 7, links: 5, buttons: 5, cls: 2 };

const executablePath = findChromium();
if (!executablePath) {
  console.error(`bench: no Chromium found; install Debian's chromium or set CHROMIUM_PATH`);
  process.exit(1);
}
const started = Date.now();
const loadBefore = os.loadavg()[0].toFixed(1);
const step = (text) => console.log(`bench: ${text} (${((Date.now() - started) / 1000).toFixed(0)} s)`);

step('bundling the peers');
const peers = await buildPeers();
const server = await startServer(peers);
const origin = `https://www.shop.test:${server.port}`;
const browser = await launchChromium(executablePath, ['*.shop.test']);
const bare = launchBareChromium(executablePath, ['*.shop.test']);
const bench = scenarios({ browser, bare, origin });

/** `gzip -9 -n` (the size budgets' measure), or zlib at level 9 where there is no gzip program. */
const gzipSize = (buffer) => {
  const gzip = spawnSync('gzip', ['-9', '-n'], { input: buffer });
  return gzip.status == 0 ? gzip.stdout.length : gzipSync(buffer, { level: 9 }).length;
};
const reserve = reserveCss();
const results = {
  sizes: Object.fromEntries(Object.entries(VARIANTS).map(([name, { src }]) => [name, gzipSize(server.scripts.get(src))])),
  peers,
  reserveSource: reserve?.source,
  refused: bench.refused,
  failures: [],
};

/** Runs `fn(variant)` `runs` times for each variant, alternating (reversed every other round). */
async function alternate(what, variants, runs, fn) {
  step(`${what}: ${runs} runs × ${variants.join(', ')}`);
  const out = Object.fromEntries(variants.map((v) => [v, []]));
  try {
    for (let i = 0; i < runs; i++) {
      for (const variant of i % 2 ? [...variants].reverse() : variants) out[variant].push(await fn(variant));
    }
    return out;
  } catch (error) {
    results.failures.push(`${what}: ${error.message.split('\n')[0]}`);
    console.error(`bench: ${what} could not be measured: ${error.message}`);
    return null;
  }
}

const names = Object.keys(VARIANTS);
try {
  const before = server.events.length;
  if (wanted('load')) results.load = await alternate('page load', names, RUNS.load, (v) => bench.pageLoad(v));
  if (wanted('throttled')) {
    results.throttled = await alternate(`page load, ${THROTTLE}× CPU throttle`, names, RUNS.throttled, (v) => bench.pageLoad(v, { throttle: THROTTLE }));
  }
  results.plausiblePageviews = server.events.slice(before).filter((body) => JSON.parse(body).n == 'pageview').length;
  if (wanted('devtools')) {
    results.devtools = await alternate('page load under Playwright (DevTools on the page)', ['capture', 'ours', 'plausible', 'decorator'], RUNS.devtools, (v) =>
      bench.pageLoadUnderDevtools(v),
    );
  }
  if ((wanted('load') || wanted('throttled')) && !results.plausiblePageviews) {
    results.failures.push("Plausible's tracker sent no page view to its (local) endpoint: it did not run as configured");
  }
  if (wanted('links')) {
    results.links = await alternate('10,000 links appended at once, then one pressed', names, RUNS.links, (v) => bench.linksAppended(v));
  }
  if (wanted('buttons')) results.buttons = await alternate('100 Buy buttons', ['ours', 'baseline'], RUNS.buttons, (v) => bench.buyButtons(v));
  results.cls = {};
  for (const css of !wanted('cls') ? [] : reserve ? ['none', 'reserve'] : ['none']) {
    const runs = await alternate(`layout shift, ${css == 'none' ? 'no page CSS' : 'reserve CSS'}`, ['ours', 'baseline'], RUNS.cls, (v) =>
      bench.layoutShift(v, css == 'reserve'),
    );
    if (runs) results.cls[css] = runs;
  }
  if (wanted('cls') && !reserve) results.failures.push('layout shift with the reserve CSS: neither dist/hotlinks.css nor the README block found');
} finally {
  await browser.close();
  await bare.close();
  await server.close();
}

const commit = (() => {
  try {
    const git = (args) => execSync(`git ${args}`, { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    return git('rev-parse --short HEAD') + (git('status --porcelain -- src build rollup.config.mjs bench') ? ' (with uncommitted changes)' : '');
  } catch {
    return 'unknown';
  }
})();
const meta = {
  machine: `${os.availableParallelism()} cores (nproc), ${os.cpus()[0]?.model ?? 'unknown CPU'}, Chromium ${browser.version()}, Node ${process.version}, ${os.type()} ${os.release()}`,
  chromium: browser.version(),
  date: new Date().toISOString().replace('T', ' ').slice(0, 16) + ' UTC',
  commit,
  load: [loadBefore, os.loadavg()[0].toFixed(1)],
  runs: RUNS,
  seconds: ((Date.now() - started) / 1000).toFixed(0),
};
const write = !QUICK && !ONLY;
writeReport(results, meta, { write });
console.log(write ? `\nbench: wrote bench/RESULTS.md in ${meta.seconds} s` : '\nbench: --quick or --only, nothing written');
process.exitCode = results.failures.length ? 1 : 0;
