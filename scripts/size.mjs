#!/usr/bin/env node
/**
 * `npm run size`: raw, gzip -9 and brotli sizes of every browser artifact, checked against
 * `size-budgets.json`. Exits 1 naming each file over budget (and each artifact without a budget).
 *
 * gzip is GNU `gzip -9 -n`, the measure the budgets are stated in (`-n`: no file name in the header,
 * as in an HTTP response). Where no `gzip` program exists it falls back to zlib at level 9, which
 * came out about 20 B smaller on the capture script: the budgets are then checked a little loosely.
 */
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const BUDGETS = 'size-budgets.json';
/** What the drop-ins are built from: a build older than any of these is stale and would lie. */
const INPUTS = ['src', 'build', 'rollup.config.mjs', 'package-lock.json'];
const METRICS = ['raw', 'gzip', 'brotli'];

const budgets = JSON.parse(readFileSync(join(root, BUDGETS), 'utf8'));
const files = Object.keys(budgets).filter((key) => !key.startsWith('$'));

/** The browser artifacts: the top-level scripts of dist/ (dist/esm is for bundlers, not browsers). */
const artifacts = () =>
  existsSync(join(root, 'dist'))
    ? readdirSync(join(root, 'dist')).filter((name) => name.endsWith('.js')).map((name) => `dist/${name}`)
    : [];

const newestMtime = (path) => {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
};

const inputsChanged = Math.max(...INPUTS.map((input) => newestMtime(join(root, input))));
const stale = files.filter((file) => !existsSync(join(root, file)) || statSync(join(root, file)).mtimeMs < inputsChanged);
if (stale.length) {
  console.log(`size: ${stale.join(', ')} missing or older than the sources; building first`);
  execSync('npm run build --silent', { cwd: root, stdio: 'inherit' });
}

function gnuGzip(bytes) {
  const run = spawnSync('gzip', ['-9', '-n', '-c'], { input: bytes, maxBuffer: 64 << 20 });
  return run.status === 0 ? run.stdout.length : undefined;
}

function measure(bytes) {
  return {
    raw: bytes.length,
    gzip: gnuGzip(bytes) ?? gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  };
}

const n = (bytes) => bytes.toLocaleString('en-US');
const problems = [];
const rows = [];
for (const file of files) {
  const sizes = measure(readFileSync(join(root, file)));
  const budget = budgets[file];
  const over = METRICS.filter((metric) => budget[metric] != null && sizes[metric] > budget[metric]);
  for (const metric of over) {
    problems.push(
      `${file}: ${metric} ${n(sizes[metric])} B is ${n(sizes[metric] - budget[metric])} B over its budget of ${n(budget[metric])} B`,
    );
  }
  const limits = METRICS.filter((metric) => budget[metric] != null).map((metric) => `${metric} ${n(budget[metric])}`);
  rows.push([file, ...METRICS.map((metric) => n(sizes[metric])), limits.join(', '), over.length ? 'OVER' : 'ok']);
}
for (const file of artifacts().filter((file) => !files.includes(file))) {
  problems.push(`${file}: a browser artifact with no budget; add one to ${BUDGETS}`);
}

const table = [['file', 'raw B', 'gzip -9 B', 'brotli B', 'budget B', ''], ...rows];
const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
for (const row of table) console.log(row.map((cell, i) => (i && i < 4 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd());

if (problems.length) {
  console.error(`\nsize: failed (budgets in ${BUDGETS}):`);
  for (const problem of problems) console.error(`  ${problem}`);
  process.exitCode = 1;
}
