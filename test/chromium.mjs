/**
 * The one way this project starts Chromium: the browser suite (`test/e2e`) and the benchmark
 * (`bench/run.mjs`). Playwright's own browser download cannot work here, so it is an installed
 * Chromium (Debian's `chromium-headless-shell` for the suite, `chromium` for the bench), or `CHROMIUM_PATH`.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { chromium } from 'playwright-core';

const executable = (path) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** Full Chromium browsers, as visitors run them: what the bench measures. */
export const BROWSERS = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/**
 * What the browser suite looks for first: `chromium-headless-shell` (Debian's package of the same
 * Chromium, with Blink, V8 and the network stack, but without the browser's own UI: the build
 * Playwright itself runs headless tests in). The suite drives pages, cookies and navigations, none of
 * that UI; here it ran the suite in 107 CPU-seconds where the full browser took 270. Without it the
 * suite runs in a full browser.
 */
export const TEST_BROWSERS = ['chromium-headless-shell', ...BROWSERS];

/**
 * `CHROMIUM_PATH` when set (and then only it), else the first of `names` found in /usr/bin or on `PATH`.
 * @returns {string | null}
 */
export function findChromium(env = process.env, names = BROWSERS) {
  if (env.CHROMIUM_PATH) return executable(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : null;
  const dirs = ['/usr/bin', ...(env.PATH ?? '').split(delimiter).filter(Boolean)];
  for (const name of names) for (const dir of dirs) if (executable(join(dir, name))) return join(dir, name);
  return null;
}

/** In CI (`.ci/run`) the browser checks are mandatory: no Chromium is a failure, not a skip. */
export const browserRequired = () => process.env.HOTLINKS_E2E_REQUIRED == '1';

/**
 * Headless Chromium with a fresh profile (Playwright gives it a temporary user-data dir), none of
 * its own traffic at start, and `hosts` (names or `*.` patterns) resolving to 127.0.0.1.
 * Every other name fails to resolve, so nothing can leave the machine even if a route were
 * missed; Hotmart's hosts are answered by route interception.
 * @param {string} executablePath
 * @param {string[]} hosts
 */
function launchOptions(executablePath, hosts) {
  return { executablePath, headless: true, args: chromiumArgs(hosts) };
}

/**
 * The command-line switches of every Chromium this project starts (see `launchOptions`), also for
 * the bench's Chromium without Playwright (`bench/bare-chromium.mjs`).
 * @param {string[]} hosts
 */
export function chromiumArgs(hosts) {
  const rules = [...hosts.map((host) => `MAP ${host} 127.0.0.1`), 'MAP * ~NOTFOUND', 'EXCLUDE 127.0.0.1'].join(', ');
  return [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-dev-shm-usage',
    `--host-resolver-rules=${rules}`,
  ];
}

/**
 * That Chromium, driven from this process.
 * @param {string} executablePath
 * @param {string[]} hosts
 */
export function launchChromium(executablePath, hosts) {
  return chromium.launch(launchOptions(executablePath, hosts));
}

/**
 * One renderer process per browser context instead of one per site: a test's pages (its landing
 * page, the checkout it reaches, the next site of its journey) share their context's process.
 * On this project's 2-core machine starting renderers was most of the browser suite's CPU; each
 * test still has a context, and so a process, of its own (Chromium never shares a renderer between
 * contexts). Nothing under test depends on site isolation. Not for the bench, which measures
 * pages as visitors' browsers run them.
 */
const SHARED_RENDERERS = ['--disable-site-isolation-trials', '--disable-features=IsolateOrigins,site-per-process', '--renderer-process-limit=1'];

/**
 * That Chromium, listening on 127.0.0.1 for `chromium.connect(server.wsEndpoint())` from other
 * processes: one browser for a whole test run.
 * @param {string} executablePath
 * @param {string[]} hosts
 */
export function launchChromiumServer(executablePath, hosts) {
  const options = launchOptions(executablePath, hosts);
  return chromium.launchServer({ ...options, args: [...options.args, ...SHARED_RENDERERS], host: '127.0.0.1' });
}
