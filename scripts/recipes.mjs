#!/usr/bin/env node
/**
 * `npm run recipes`: every project in examples/recipes/ (Next.js, Vite + React, Astro, Express, Hono,
 * Cloudflare Workers) installed against this package as npm would install it, type-checked (strict)
 * and built; the servers are then started on an ephemeral port on 127.0.0.1 (the Worker is called in
 * this process) and answer as their README says: a landing with an affiliate code gets the
 * attribution cookie, a report gets 204. The Next.js app also runs in development (where React
 * reports hydration mismatches) in Chromium: no warning, and its Buy button reaches checkout with the
 * code. Needs the build (`npm run build`); CI runs it after
 * `npm test` (.ci/run). Ends with one line `recipes: N passed, N failed`, and exits 1 on a failure.
 *
 * The package: `npm pack`, unpacked into examples/recipes/.hotlinks-embed (what a tarball from the
 * registry holds), which every recipe depends on as `file:../.hotlinks-embed`. Its package.json loses
 * `devDependencies` and `scripts` there (npm never installs or runs them for a dependency), so the
 * recipes' lock changes only when the package's version or dependencies do: then run
 * `npm install` in examples/recipes and commit its package-lock.json.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { browserRequired, findChromium, launchChromium, TEST_BROWSERS } from '../test/chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const recipes = join(root, 'examples/recipes');
const CODE = 'O95340038V';
/** A page load as a browser sends it (the middleware sets cookies on these only). */
const NAVIGATION = { accept: 'text/html', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' };
const REPORT = JSON.stringify({ event: 'attribution', affiliate: CODE, page: 'https://www.your-site.example/', params: {}, timestamp: Date.now() });
// No telemetry or update checks: nothing leaves the machine.
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ASTRO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', npm_config_update_notifier: 'false' };

const results = [];
const seconds = (start) => Math.round((performance.now() - start) / 100) / 10;

/** Runs a command in `cwd`; records its time; throws with its output when it fails. */
function run(step, cwd, command, args) {
  const start = performance.now();
  try {
    execFileSync(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 64 << 20 });
    results.push({ step, seconds: seconds(start), ok: true });
  } catch (error) {
    results.push({ step, seconds: seconds(start), ok: false });
    throw new Error(`${step} failed (${command} ${args.join(' ')}):\n${error.stdout ?? ''}${error.stderr ?? error.message}`);
  }
}

/** Checks one thing a recipe's server does; records it. */
async function expectThat(step, check) {
  const start = performance.now();
  try {
    await check();
    results.push({ step, seconds: seconds(start), ok: true });
  } catch (error) {
    results.push({ step, seconds: seconds(start), ok: false });
    throw new Error(`${step}: ${error.message}`);
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** The package as the registry would serve it, unpacked where the recipes depend on it. */
function unpackPackage() {
  const start = performance.now();
  const scratch = mkdtempSync(join(tmpdir(), 'hotlinks-recipes-'));
  try {
    const [{ filename }] = JSON.parse(
      execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], { cwd: root, encoding: 'utf8' }),
    );
    const target = join(recipes, '.hotlinks-embed');
    rmSync(target, { recursive: true, force: true });
    mkdirSync(target);
    execFileSync('tar', ['-xzf', join(scratch, filename), '-C', target, '--strip-components=1']);
    const manifest = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8'));
    delete manifest.devDependencies;
    delete manifest.scripts;
    writeFileSync(join(target, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  results.push({ step: 'npm pack', seconds: seconds(start), ok: true });
}

/** Starts a recipe's server (`command`, PORT=0); resolves to its origin once it says where it listens, and a stop(). */
function startServer(cwd, command, args, listening) {
  const child = spawn(command, args, { cwd, env: { ...env, PORT: '0', HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (stop(), reject(new Error(`no "listening" line after 30 s:\n${output}`))), 30_000);
    const read = (chunk) => {
      output += chunk;
      const match = output.match(listening);
      if (match) {
        clearTimeout(timer);
        resolve({ origin: `http://127.0.0.1:${match[1]}`, stop, output: () => output });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => (clearTimeout(timer), reject(new Error(`exited with ${code}:\n${output}`))));
  });
}

/**
 * A page load of `url`, as a browser sends it (Node's fetch would call itself a CORS request):
 * status, headers and body.
 */
const load = (url) =>
  new Promise((resolve, reject) => {
    get(url, { headers: NAVIGATION }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode, cookie: response.headers['set-cookie']?.join('\n') ?? '', body }));
    }).on('error', reject);
  });

/** What every server recipe answers: the cookie on a landing, the report accepted, the page served. */
async function checkServer(name, origin, { page, script }) {
  await expectThat(`${name}: a landing with ?a=${CODE} gets the attribution cookie`, async () => {
    const { status, cookie, body } = await load(`${origin}/?a=${CODE}`);
    assert(status == 200, `status ${status}`);
    // On 127.0.0.1 the cookie is host-only (no Domain), as the script writes it there.
    assert(cookie.startsWith(`hotlinks=2|${CODE}|`), `set-cookie: ${JSON.stringify(cookie)}`);
    assert(body.includes(page), `the page does not contain ${JSON.stringify(page)}:\n${body.slice(0, 2000)}`);
  });
  await expectThat(`${name}: POST /api/hotlinks with a report answers 204`, async () => {
    const response = await fetch(`${origin}/api/hotlinks`, { method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8' }, body: REPORT });
    assert(response.status == 204, `status ${response.status}: ${await response.text()}`);
  });
  if (script) {
    await expectThat(`${name}: ${script} is served`, async () => {
      const response = await fetch(`${origin}${script}`);
      assert(response.ok && /javascript/.test(response.headers.get('content-type') ?? ''), `status ${response.status}, ${response.headers.get('content-type')}`);
    });
  }
}

/**
 * A visitor lands on `url` with the affiliate code in Chromium, waits for React to hydrate the page,
 * and clicks the Buy button: no console error or warning, the button's tag as the server rendered
 * it, and the checkout URL (answered locally: nothing leaves the machine) carries the code and the
 * visit id.
 */
async function visitInChromium(name, url) {
  const executable = findChromium(process.env, TEST_BROWSERS);
  if (!executable) {
    if (browserRequired()) throw new Error(`${name}: no Chromium (install chromium-headless-shell, or set CHROMIUM_PATH)`);
    console.warn(`${name}: no Chromium found; the hydration check is skipped`);
    return;
  }
  const browser = await launchChromium(executable, []);
  try {
    const page = await browser.newPage();
    const messages = [];
    page.on('console', (message) => messages.push(`${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => messages.push(`pageerror: ${error}`));
    const checkouts = [];
    await page.route(/^https:\/\/pay\.hotmart\.com\//, (route) => {
      checkouts.push(route.request().url());
      return route.fulfill({ contentType: 'text/html', body: '<h1>checkout</h1>' });
    });
    await expectThat(`${name}: hydrates in development without a warning; the button reaches checkout with the code`, async () => {
      await page.goto(url);
      // Hydrated: React has attached itself to the server's markup.
      await page.waitForFunction(() => Object.keys(document.querySelector('main') ?? {}).some((key) => key.startsWith('__reactFiber')), null, { timeout: 60_000 });
      const tag = await page.locator('hotlink-buy-button').evaluate((el) => el.outerHTML.slice(0, el.outerHTML.indexOf('>') + 1));
      assert(tag == BUTTON, `the button's tag after hydration: ${tag}`);
      await page.locator('hotlink-buy-button').getByRole('link').click();
      await page.waitForURL(/^https:\/\/pay\.hotmart\.com\//);
      // Lit's development build (Next picks it in development) says so once; it is not a problem of ours.
      const problems = messages.filter((line) => /^(error|warning|pageerror)/.test(line) && !/^warning: Lit is in dev mode\./.test(line));
      assert(!problems.length, `the console:\n${problems.join('\n')}`);
      // The visit id rides in xcod: the one the attribution cookie holds (its last field).
      const stored = (await page.context().cookies()).find((cookie) => cookie.name == 'hotlinks');
      const visit = decodeURIComponent(stored?.value ?? '').split('|')[5];
      assert(visit && checkouts[0] == `https://pay.hotmart.com/A72242240H?af=${CODE}&xcod=${visit}&off=wlvonm69`, `checkout: ${checkouts.join(', ')}; cookie: ${stored?.value}`);
    });
  } finally {
    await browser.close();
  }
}

/** The button as the server rendered it: the author's attributes, nothing added. */
const BUTTON = '<hotlink-buy-button hotlink="https://pay.hotmart.com/A72242240H" offer="wlvonm69" price="197">';

const RECIPES = {
  nextjs: async (dir) => {
    run('nextjs: build', dir, 'npx', ['next', 'build']);
    run('nextjs: typecheck', dir, 'npm', ['run', '-s', 'typecheck']);
    const server = await startServer(dir, 'npx', ['next', 'start', '-H', '127.0.0.1', '-p', '0'], /Local:\s+http:\/\/127\.0\.0\.1:(\d+)/);
    try {
      await checkServer('nextjs', server.origin, { page: BUTTON });
    } finally {
      server.stop();
    }
    const dev = await startServer(dir, 'npx', ['next', 'dev', '-H', '127.0.0.1', '-p', '0'], /Local:\s+http:\/\/127\.0\.0\.1:(\d+)/);
    try {
      await visitInChromium('nextjs (next dev)', `${dev.origin}/?a=${CODE}`);
    } finally {
      dev.stop();
    }
  },
  'vite-react': async (dir) => {
    run('vite-react: typecheck', dir, 'npm', ['run', '-s', 'typecheck']);
    run('vite-react: build', dir, 'npm', ['run', '-s', 'build']);
  },
  astro: async (dir) => {
    run('astro: typecheck', dir, 'npm', ['run', '-s', 'typecheck']);
    run('astro: build', dir, 'npm', ['run', '-s', 'build']);
    const page = readFileSync(join(dir, 'dist/index.html'), 'utf8');
    await expectThat('astro: the built page has the button as written and its script', async () => {
      assert(page.includes(BUTTON), `dist/index.html:\n${page}`);
      assert(/<script type="module" src="\/_astro\/[^"]+\.js"><\/script>/.test(page), `no bundled script in dist/index.html:\n${page}`);
    });
  },
  express: async (dir) => {
    run('express: typecheck', dir, 'npm', ['run', '-s', 'typecheck']);
    run('express: build', dir, 'npm', ['run', '-s', 'build']);
    const server = await startServer(dir, 'node', ['dist/server.js'], /listening on http:\/\/127\.0\.0\.1:(\d+)/);
    try {
      await checkServer('express', server.origin, { page: BUTTON, script: '/hotlinks/hotlinks.js' });
    } finally {
      server.stop();
    }
  },
  hono: async (dir) => {
    run('hono: typecheck', dir, 'npm', ['run', '-s', 'typecheck']);
    run('hono: build', dir, 'npm', ['run', '-s', 'build']);
    const server = await startServer(dir, 'node', ['dist/server.js'], /listening on http:\/\/127\.0\.0\.1:(\d+)/);
    try {
      await checkServer('hono', server.origin, { page: BUTTON, script: '/hotlinks/hotlinks.js' });
    } finally {
      server.stop();
    }
  },
  'cloudflare-workers': async (dir) => {
    run('cloudflare-workers: typecheck', dir, 'npm', ['run', '-s', 'typecheck']);
    run('cloudflare-workers: build', dir, 'npm', ['run', '-s', 'build']);
    // The bundle as Workers runs it: its default export's fetch, with a stand-in for the ASSETS binding.
    const worker = (await import(pathToFileURL(join(dir, 'dist/index.js')).href)).default;
    const assets = { fetch: async () => new Response(`<!doctype html>${BUTTON}`, { headers: { 'content-type': 'text/html' } }) };
    const ctx = { waitUntil() {}, passThroughOnException() {} };
    const server = { fetch: (request) => worker.fetch(request, { ASSETS: assets }, ctx) };
    await expectThat(`cloudflare-workers: a landing with ?a=${CODE} gets the attribution cookie`, async () => {
      const response = await server.fetch(new Request(`https://www.your-site.example/?a=${CODE}`, { headers: NAVIGATION }));
      const cookie = response.headers.get('set-cookie') ?? '';
      assert(cookie.startsWith(`hotlinks=2|${CODE}|`) && cookie.includes('Domain=your-site.example'), `set-cookie: ${JSON.stringify(cookie)}`);
    });
    await expectThat('cloudflare-workers: POST /api/hotlinks with a report answers 204', async () => {
      const response = await server.fetch(
        new Request('https://www.your-site.example/api/hotlinks', { method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8' }, body: REPORT }),
      );
      assert(response.status == 204, `status ${response.status}: ${await response.text()}`);
    });
  },
};

const only = process.argv.slice(2);
const unknown = only.filter((name) => !(name in RECIPES));
if (unknown.length) {
  console.error(`no recipe named ${unknown.join(', ')}: the recipes are ${Object.keys(RECIPES).join(', ')}`);
  process.exit(2);
}
const failures = [];
/** Runs `step`; a failure outside `run` and `expectThat` (a server that never started) is recorded too. */
async function attempt(step, body) {
  const recorded = results.length;
  try {
    await body();
  } catch (error) {
    if (!results.slice(recorded).some((r) => !r.ok)) results.push({ step, seconds: 0, ok: false });
    failures.push(error.message);
  }
}

await attempt('npm pack, npm ci', async () => {
  unpackPackage();
  run('npm ci (all recipes, one lock)', recipes, 'npm', ['ci', '--no-audit', '--no-fund']);
});
if (!failures.length) {
  for (const [name, check] of Object.entries(RECIPES)) {
    if (!only.length || only.includes(name)) await attempt(name, () => check(join(recipes, name)));
  }
}

const failed = results.filter((r) => !r.ok).length;
for (const { step, seconds, ok } of results) console.log(`${ok ? 'ok  ' : 'FAIL'} ${step} (${seconds} s)`);
for (const failure of failures) console.error(`\n${failure}`);
console.log(`recipes: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
