#!/usr/bin/env node
/**
 * `npm run bench:loop`: the loop's server under load, on loopback, on each store. Writes its
 * section of bench/RESULTS.md (bench/sections.mjs keeps the browser bench's part).
 * - collect and webhook rates: the built `hotlinks-embed serve` in a child process, driven by
 *   autocannon from this one: at full speed (10 connections), then at the issue's target rate
 *   (1,000 reports/s, 300 deliveries/s) for the latency there; then every 2xx is counted in the store.
 * - the summary at 200,000 visits and 10,000 sales (embedded) and at 1,000,000 and 50,000
 *   (PostgreSQL), seeded in SQL (bench/loop/seed.mjs): wall time and the CPU time of the process
 *   that ran it (this one for PGlite, the PostgreSQL backend for PostgreSQL), which the other work
 *   on a shared machine disturbs less.
 * - the dashboard page on that same seeded store, served by `serve`, opened in Chromium
 *   (bench/loop/dashboard.mjs): from the navigation's start to the page drawn.
 * PostgreSQL: `DATABASE_URL` or `HOTLINKS_TEST_DATABASE_URL` (skipped without). `--quick`: short runs,
 * small seeds, nothing written. Needs the build (`npm run bench:loop` runs one).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { build } from 'esbuild';
import { startLoopServer } from '../../scripts/loop-server.mjs';
import { writeLoopSection } from '../sections.mjs';
import { cpuOf, dashboardOpenTimes } from './dashboard.mjs';
import { seed } from './seed.mjs';

const QUICK = process.argv.includes('--quick');
const SECONDS = QUICK ? 3 : 8;
const SCALE = {
  embedded: QUICK ? { visits: 20_000, sales: 1_000 } : { visits: 200_000, sales: 10_000 },
  postgres: QUICK ? { visits: 100_000, sales: 5_000 } : { visits: 1_000_000, sales: 50_000 },
};
const TARGET = { collect: { rate: 1000, p99: 50 }, webhook: { rate: 300 }, summary: { embedded: 2000, postgres: 300 }, page: 1000 };
const HOTTOK = 'bench-hottok';
const TOKEN = 'bench-dashboard-token';
const PAGE_RUNS = QUICK ? 3 : 7;
const PG_URL = process.env.DATABASE_URL || process.env.HOTLINKS_TEST_DATABASE_URL || '';

const started = Date.now();
const step = (text) => console.log(`bench:loop: ${text} (${((Date.now() - started) / 1000).toFixed(0)} s)`);

const lib = join('node_modules/.cache/hotlinks-embed', 'bench-loop-lib.mjs');
await build({ entryPoints: ['bench/loop/lib.ts'], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: lib, logLevel: 'warning' });
const { openStore, migrate, parseRange, summarize } = await import(join(process.cwd(), lib));

/** `url` with its connections on `schema`. */
const inSchema = (url, schema) => {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  return parsed.toString();
};

const serve = async (dataDir, env) => {
  const server = await startLoopServer({ dataDir, env: { HOTMART_HOTTOK: HOTTOK, HOTLINKS_DASHBOARD_TOKEN: TOKEN, ...env } });
  return { origin: server.origin, pid: server.pid, stop: server.stop };
};

const id = () => randomBytes(9).toString('base64url');
const report = () => {
  const checkout = Math.random() < 0.3;
  const affiliate = Math.random() < 0.6 ? `B${1000000 + Math.floor(Math.random() * 200)}X` : null;
  return JSON.stringify({
    event: checkout ? 'checkout' : 'attribution',
    affiliate,
    visit: id(),
    page: 'https://www.shop.example/curso/',
    params: { utm_source: `source${Math.floor(Math.random() * 10)}`, utm_campaign: 'launch' },
    ...(checkout && { checkoutUrl: 'https://pay.hotmart.com/A72242240H?off=wlvonm69' }),
    timestamp: Date.now(),
  });
};
const delivery = () =>
  JSON.stringify({
    id: `bench-${id()}`,
    creation_date: Date.now(),
    event: 'PURCHASE_APPROVED',
    version: '2.0.0',
    data: {
      buyer: { email: 'comprador@example.com', name: 'Comprador Teste', document: '00000000000' },
      affiliates: [{ affiliate_code: 'B1000007X', name: 'Afiliado' }],
      purchase: { transaction: `HPB${id()}`, approved_date: Date.now(), price: { value: 197, currency_value: 'BRL' }, origin: { xcod: id() }, status: 'APPROVED' },
    },
  });

async function load({ origin, pid }, what, rate, seconds = SECONDS) {
  const path = what == 'collect' ? '/collect' : '/hotmart/webhook';
  const headers = what == 'collect' ? { 'content-type': 'text/plain;charset=UTF-8' } : { 'content-type': 'application/json', 'x-hotmart-hottok': HOTTOK };
  const body = what == 'collect' ? report : delivery;
  const cpu = cpuOf(pid);
  const result = await autocannon({
    url: origin,
    connections: rate ? 20 : 10,
    duration: seconds,
    // autocannon's rate limit lets each connection send its quota for the second at once, then wait:
    // bursts, harsher than a steady rate. Its correction for coordinated omission assumes one
    // request a millisecond and fills the histogram with invented samples: off, the latencies are measured ones.
    ...(rate && { overallRate: rate, ignoreCoordinatedOmission: true }),
    requests: [{ method: 'POST', path, headers, setupRequest: (request) => ({ ...request, body: body() }) }],
  });
  return {
    rate: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'],
    failed: result.non2xx + result.errors + result.timeouts,
    // The server's CPU per request: what a busy machine disturbs least.
    cpuPerRequest: (cpuOf(pid) - cpu) / Math.max(1, result['2xx'] + result.non2xx),
  };
}

async function rates(kind) {
  const dataDir = mkdtempSync(join(os.tmpdir(), 'hotlinks-bench-'));
  const schema = `bench_rates_${process.pid}`;
  let env = {};
  if (kind == 'postgres') {
    const admin = await openStore({ databaseUrl: PG_URL });
    await admin.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
    await admin.close();
    env = { DATABASE_URL: inSchema(PG_URL, schema) };
  }
  step(`${kind}: starting serve`);
  const server = await serve(dataDir, env);
  const out = {};
  try {
    // A server runs for days: let V8 compile the hot paths (PGlite's WebAssembly among them) first.
    step(`${kind}: warming up, 2 s each`);
    const warm = {};
    for (const what of ['collect', 'webhook']) warm[what] = await load(server, what, 0, 2);
    for (const what of ['collect', 'webhook']) {
      step(`${kind}: ${what} at full speed, ${SECONDS} s`);
      out[what] = { full: await load(server, what) };
      step(`${kind}: ${what} at ${TARGET[what].rate}/s, ${SECONDS} s`);
      out[what].target = await load(server, what, TARGET[what].rate);
      out[what].warm = warm[what];
    }
  } finally {
    await server.stop();
  }
  // Everything answered 2xx is in the store.
  const store = await openStore(kind == 'postgres' ? { databaseUrl: PG_URL, schema } : { dataDir });
  const [{ reports }] = await store.query('SELECT (SELECT count(*) FROM visits) + (SELECT count(*) FROM departures) AS reports');
  const [{ deliveries }] = await store.query('SELECT count(*) AS deliveries FROM purchase_events');
  out.collect.stored = Number(reports);
  out.webhook.stored = Number(deliveries);
  for (const what of ['collect', 'webhook']) out[what].answered = out[what].warm.ok + out[what].full.ok + out[what].target.ok;
  if (kind == 'postgres') await store.exec(`DROP SCHEMA ${schema} CASCADE`);
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
  return out;
}

async function summaryTime(kind) {
  const { visits, sales } = SCALE[kind];
  const dataDir = mkdtempSync(join(os.tmpdir(), 'hotlinks-bench-'));
  const schema = `bench_summary_${process.pid}`;
  const store = await openStore(kind == 'postgres' ? { databaseUrl: PG_URL, schema } : { dataDir });
  await migrate(store);
  step(`${kind}: seeding ${visits.toLocaleString('en-US')} visits and ${sales.toLocaleString('en-US')} sales`);
  const now = Date.now();
  await seed(store, { visits, sales, now });
  const range = parseRange({ from: new Date(now - 89 * 86_400_000).toISOString().slice(0, 10), to: new Date(now).toISOString().slice(0, 10) });
  step(`${kind}: the summary of 90 days, 7 times`);
  const runs = await store.exclusive(async (session) => {
    const pid = kind == 'postgres' ? (await session.query('SELECT pg_backend_pid() AS pid'))[0].pid : process.pid;
    const times = [];
    for (let i = 0; i < 7; i++) {
      const cpu = kind == 'postgres' ? cpuOf(pid) : process.cpuUsage();
      const start = performance.now();
      const result = await summarize(session, range);
      const wall = performance.now() - start;
      const used = kind == 'postgres' ? cpuOf(pid) - cpu : (({ user, system }) => (user + system) / 1000)(process.cpuUsage(cpu));
      if (result.totals.visits != visits) throw new Error(`the summary counted ${result.totals.visits} visits of ${visits}`);
      times.push({ wall, cpu: used });
    }
    return times;
  });
  // The dashboard on the same store: serve holds it alone (PGlite is one process's database).
  await store.close();
  step(`${kind}: the dashboard page in Chromium, ${PAGE_RUNS} times each, cold and warm`);
  const server = await serve(dataDir, kind == 'postgres' ? { DATABASE_URL: inSchema(PG_URL, schema) } : {});
  let page;
  try {
    page = await dashboardOpenTimes({ origin: server.origin, token: TOKEN, pid: server.pid, runs: PAGE_RUNS });
  } finally {
    await server.stop();
  }
  if (kind == 'postgres') {
    const admin = await openStore({ databaseUrl: PG_URL });
    await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
    await admin.close();
  }
  rmSync(dataDir, { recursive: true, force: true });
  return { visits, sales, wall: median(runs.map((r) => r.wall)), cpu: median(runs.map((r) => r.cpu)), min: Math.min(...runs.map((r) => r.wall)), page };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const kinds = PG_URL ? ['embedded', 'postgres'] : ['embedded'];
if (!PG_URL) console.warn('bench:loop: no DATABASE_URL or HOTLINKS_TEST_DATABASE_URL: PostgreSQL is not measured');
const loadBefore = os.loadavg()[0].toFixed(1);
const results = {};
for (const kind of kinds) results[kind] = { ...(await rates(kind)), summary: await summaryTime(kind) };
const loadAfter = os.loadavg()[0].toFixed(1);

const ms = (value) => (value >= 100 ? value.toFixed(0) : value >= 1 ? value.toFixed(1) : value.toFixed(2)) + ' ms';
const perSecond = (value) => Math.round(value).toLocaleString('en-US') + '/s';
const verdict = (ok) => (ok ? 'met' : '**missed**');
const STORE = { embedded: 'embedded (PGlite)', postgres: 'PostgreSQL' };
const lines = [
  '## The loop: `hotlinks-embed serve` under load, and the summary',
  '',
  `Written by \`npm run bench:loop\` (\`bench/loop/run.mjs\`). Node ${process.version}, ${os.availableParallelism()} cores, ${os.cpus()[0]?.model ?? ''};`,
  `${new Date().toISOString().replace('T', ' ').slice(0, 16)} UTC; load average ${loadBefore} at the start, ${loadAfter} at the end (${((Date.now() - started) / 1000).toFixed(0)} s).`,
  'The server (`dist/loop/cli.js serve`) runs in its own process, the load generator (autocannon) in another, on loopback.',
  'Each run lasts ' + SECONDS + ' s, after 2 s of each endpoint to warm up. "Full speed": 10 connections, each sending its next request when the last is answered; the target is judged',
  'on it (the rate it sustains, with the latency at that rate). "At the target rate": 20 connections at a fixed overall rate, which autocannon sends as a burst at the start of each second',
  '(each connection its share at once), so its latencies include the queue behind that burst: harsher than a steady rate.',
  'Stored can exceed answered: requests still under way when a run ends are stored, and not counted by the load generator.',
  '',
  'The server\'s CPU per request (its process\'s CPU time over the requests answered) is what other work on the machine disturbs least: one core at that cost answers 1000 / (CPU ms) requests a second.',
  '',
  '| store | endpoint | full speed | p50 | p99 | at the target rate | p50 | p99 | server CPU per request | answered 2xx / stored | target |',
  '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
];
for (const kind of kinds) {
  for (const what of ['collect', 'webhook']) {
    const r = results[kind][what];
    const target =
      what == 'webhook'
        ? `≥ ${TARGET.webhook.rate}/s: ${verdict(r.full.rate >= TARGET.webhook.rate)}`
        : kind == 'embedded'
          ? `≥ ${TARGET.collect.rate}/s with p99 ≤ ${TARGET.collect.p99} ms: ${verdict(r.full.rate >= TARGET.collect.rate && r.full.p99 <= TARGET.collect.p99)}`
          : 'none (the target is the embedded store\'s)';
    lines.push(
      `| ${STORE[kind]} | ${what == 'collect' ? '`POST /collect`' : '`POST /hotmart/webhook` (journal flushed before each answer)'} | ${perSecond(r.full.rate)} | ${ms(r.full.p50)} | ${ms(r.full.p99)} | ` +
        `${perSecond(r.target.rate)} | ${ms(r.target.p50)} | ${ms(r.target.p99)} | ${ms(r.full.cpuPerRequest)} | ${r.answered.toLocaleString('en-US')} / ${r.stored.toLocaleString('en-US')}${r.full.failed + r.target.failed ? ` (${r.full.failed + r.target.failed} not 2xx)` : ''} | ${target} |`,
    );
  }
}
lines.push('', '| store | visits | sales | summary of 90 days, wall (median of 7; fastest) | CPU of the process that ran it | target |', '| --- | ---: | ---: | ---: | ---: | --- |');
for (const kind of kinds) {
  const s = results[kind].summary;
  lines.push(
    `| ${STORE[kind]} | ${s.visits.toLocaleString('en-US')} | ${s.sales.toLocaleString('en-US')} | ${ms(s.wall)} (${ms(s.min)}) | ${ms(s.cpu)} | ≤ ${TARGET.summary[kind]} ms: ${verdict(s.wall <= TARGET.summary[kind])} |`,
  );
}
lines.push(
  '',
  `The dashboard page (\`GET /\` of \`serve\`, logged in), on the same seeded stores, in Chromium (${results[kinds[0]].summary.page.chromium}, headless, 1200 × 900): the time from the navigation's start to the page drawn from the summary (\`#dashboard[data-state="ready"]\`,`,
  "read from the page's own `performance.mark`). Cold: a new browser context each time (nothing cached, a producer's first visit of the day); warm: the same tab again (the assets revalidated).",
  `${PAGE_RUNS} opens each; \`/\` shows the last 30 days, \`/?days=90\` the last 90 (all the seeded traffic). The CPU of a cold open: the page's main thread in Chromium (DevTools' \`ThreadTime\`) and \`serve\`'s process`,
  "(on PostgreSQL the summary's own CPU is the database's: see the table above); on a busy machine the times wait for a core, the CPU does not.",
  '',
  '| store | visits | sales | page | cold: median (slowest) | warm: median (slowest) | CPU of a cold open: page (median) + serve (mean) | target |',
  '| --- | ---: | ---: | --- | ---: | ---: | ---: | --- |',
);
for (const kind of kinds) {
  const s = results[kind].summary;
  for (const open of s.page.opens) {
    const times = (opens) => opens.map((o) => o.ms);
    lines.push(
      `| ${STORE[kind]} | ${s.visits.toLocaleString('en-US')} | ${s.sales.toLocaleString('en-US')} | \`${open.path}\` | ${ms(median(times(open.cold)))} (${ms(Math.max(...times(open.cold)))}) | ` +
        `${ms(median(times(open.warm)))} (${ms(Math.max(...times(open.warm)))}) | ${ms(median(open.cold.map((o) => o.cpu)))} + ${ms(open.serveCpu)} | ` +
        `≤ ${TARGET.page} ms: ${verdict(median(times(open.cold)) <= TARGET.page)} |`,
    );
  }
}
lines.push(
  '',
  'The summary adds up daily counts of visits and departures and reads the sales of the range: triggers keep those up to date as reports and deliveries are written (`src/loop/migrations.ts`), so its cost grows with the days, codes and sales in the range, not with the visits. Seeded in bulk (`bench/loop/seed.mjs`), then counted once by `hotlinks_rebuild()`.',
);
const markdown = lines.join('\n');
console.log('\n' + markdown);
if (!QUICK) {
  writeLoopSection(markdown);
  console.log('\nbench:loop: wrote its section of bench/RESULTS.md');
}
