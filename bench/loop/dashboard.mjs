/**
 * How long the dashboard page takes to open, in Chromium, on a running `hotlinks-embed serve`: from
 * the navigation's start to `#dashboard[data-state="ready"]` (the page has fetched the summary and
 * drawn everything from it), read from the page's own `performance.mark('hotlinks-dashboard-ready')`,
 * whose time is counted from the navigation's start by the browser itself. Loopback only: every
 * request to another origin is refused. Every wait has a deadline.
 *   cold: a new browser context for each open (no cache, as on a producer's first visit of the day)
 *   warm: the same tab, opened again (the assets revalidated, 304)
 * Beside the times, the CPU each open cost the page's renderer (its main thread) and `serve`: what
 * other work on a shared machine disturbs least.
 */
import { readFileSync } from 'node:fs';
import { findChromium, launchChromium } from '../../test/chromium.mjs';

const DEADLINE_MS = 30_000;

/** CPU time of a process, ms (utime + stime from /proc; clock ticks of 10 ms). */
export const cpuOf = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};

export function chromiumPath() {
  const path = findChromium();
  if (!path) throw new Error('no Chromium found: install Debian\'s chromium or set CHROMIUM_PATH');
  return path;
}

/**
 * Logs in to the dashboard at `origin` with `token`, then opens `paths` (`/`, `/?days=90`) `runs`
 * times each, cold and warm.
 * @returns {Promise<{ chromium: string, opens: { path: string, cold: Open[], warm: Open[], serveCpu: number }[] }>} each open; serve's CPU per cold open
 * @typedef {{ ms: number, cpu: number }} Open the time from the navigation's start to the page drawn, and the page's main-thread CPU time meanwhile (ms)
 */
export async function dashboardOpenTimes({ origin, token, pid, paths = ['/', '/?days=90'], runs = 7 }) {
  const browser = await launchChromium(chromiumPath(), []);
  try {
    const loopbackOnly = async (context) => {
      context.setDefaultTimeout(DEADLINE_MS);
      await context.route('**/*', (route) => (new URL(route.request().url()).origin == origin ? route.continue() : route.abort('blockedbyclient')));
    };
    const login = await browser.newContext({ viewport: { width: 1200, height: 900 }, locale: 'en-US' });
    await loopbackOnly(login);
    const tab = await login.newPage();
    await tab.goto(origin + '/');
    await tab.getByLabel('Dashboard token').fill(token);
    await tab.getByRole('button', { name: 'Log in' }).click();
    await tab.waitForSelector('#dashboard[data-state="ready"]');
    const session = await login.storageState();

    /** The main thread's CPU time of the page's renderer so far, ms (DevTools' `ThreadTime`). */
    const threadTime = async (cdp) => 1000 * (await cdp.send('Performance.getMetrics')).metrics.find((metric) => metric.name == 'ThreadTime').value;
    /** Opens `path` on `page`: ms from the navigation's start to the page drawn, and the page's main-thread CPU meanwhile. */
    const open = async (page, cdp, path) => {
      const cpu = await threadTime(cdp);
      await page.goto(origin + path, { waitUntil: 'commit' });
      await page.waitForSelector('#dashboard[data-state="ready"]');
      const [mark] = await page.evaluate(() => performance.getEntriesByName('hotlinks-dashboard-ready').map((entry) => entry.startTime));
      if (mark === undefined) throw new Error(`${origin + path}: ready, but no hotlinks-dashboard-ready mark`);
      return { ms: mark, cpu: (await threadTime(cdp)) - cpu };
    };
    const watched = async (context, page) => {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      return cdp;
    };
    const tabCdp = await watched(login, tab);
    const results = [];
    for (const path of paths) {
      const serveCpu = cpuOf(pid);
      const cold = [];
      const warm = [];
      for (let i = 0; i < runs; i++) {
        const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, locale: 'en-US', storageState: session });
        await loopbackOnly(context);
        const page = await context.newPage();
        cold.push(await open(page, await watched(context, page), path));
        await context.close();
      }
      const coldServeCpu = cpuOf(pid) - serveCpu;
      for (let i = 0; i < runs; i++) warm.push(await open(tab, tabCdp, path));
      results.push({ path, cold, warm, serveCpu: coldServeCpu / runs });
    }
    await login.close();
    return { chromium: browser.version(), opens: results };
  } finally {
    await browser.close();
  }
}
