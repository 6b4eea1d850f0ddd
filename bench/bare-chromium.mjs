/**
 * Chromium for the page-load measurements, driven without Playwright: the DevTools protocol over a
 * pipe (`--remote-debugging-pipe`), with tracing at the browser level and nothing enabled on the page
 * but the Network domain (to see which hosts it asks for). Playwright enables the Runtime domain on
 * every page, and with it Chromium records a JavaScript stack at the first `document.cookie` read,
 * reparsing every function on the stack to find its source positions. That added 2 to 4 ms of
 * main-thread CPU to each landing of our scripts (they read the cookie), nothing to the floors
 * (they only write it on a landing), and nothing in a visitor's browser, where no DevTools are
 * attached: measured with `chromium --dump-dom`, the same read took the same time from a deep stack
 * as from a shallow one. Without Playwright the page runs as a visitor's does.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromiumArgs } from '../test/chromium.mjs';

/**
 * @param {string} executablePath
 * @param {string[]} hosts names (or `*.` patterns) resolving to 127.0.0.1; every other name fails
 */
export function launchBareChromium(executablePath, hosts) {
  const profile = mkdtempSync(join(tmpdir(), 'hotlinks-bench-'));
  const args = [...chromiumArgs(hosts), '--headless', '--ignore-certificate-errors', `--user-data-dir=${profile}`, '--remote-debugging-pipe', 'about:blank'];
  const chrome = spawn(executablePath, args, { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
  const [, , , input, output] = chrome.stdio;
  const pending = new Map();
  const listeners = new Set();
  let lastId = 0;
  let buffered = '';
  output.on('data', (chunk) => {
    buffered += chunk.toString();
    for (let end; (end = buffered.indexOf('\0')) >= 0; ) {
      const message = JSON.parse(buffered.slice(0, end));
      buffered = buffered.slice(end + 1);
      const waiting = pending.get(message.id);
      if (waiting) {
        pending.delete(message.id);
        if (message.error) waiting.reject(new Error(`${waiting.method}: ${message.error.message}`));
        else waiting.resolve(message.result);
      } else for (const listener of listeners) listener(message);
    }
  });
  /** One DevTools command; `sessionId` for a page's, none for the browser's. */
  const send = (method, params = {}, sessionId) =>
    new Promise((resolve, reject) => {
      const id = ++lastId;
      pending.set(id, { resolve, reject, method });
      input.write(JSON.stringify({ id, method, params, sessionId }) + '\0');
    });

  return {
    /**
     * Loads `url` in a fresh browser context (empty cache, no cookies) and returns the trace events
     * from just before the navigation to `wait` ms after it, the trace time of the page's `load`
     * event (`loadedAt`), and the URLs of requests to hosts other than the page's. The page is
     * loaded by then, or this throws.
     * @param {string} url
     * @param {{ throttle?: number, wait?: number, categories?: string[] }} options
     */
    async traceLoad(url, { throttle, wait = 1500, categories = ['devtools.timeline', 'v8'] } = {}) {
      const { browserContextId } = await send('Target.createBrowserContext');
      const { targetId } = await send('Target.createTarget', { url: 'about:blank', browserContextId });
      const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
      const events = [];
      const elsewhere = [];
      const host = new URL(url).hostname;
      const complete = new Promise((resolve) => {
        const listener = (message) => {
          if (message.method == 'Network.requestWillBeSent' && message.sessionId == sessionId) {
            const requested = message.params.request.url;
            if (/^https?:/.test(requested) && new URL(requested).hostname != host) elsewhere.push(requested);
          }
          if (message.method == 'Tracing.dataCollected') events.push(...message.params.value);
          if (message.method == 'Tracing.tracingComplete') {
            listeners.delete(listener);
            resolve();
          }
        };
        listeners.add(listener);
      });
      try {
        await send('Network.enable', {}, sessionId);
        if (throttle) await send('Emulation.setCPUThrottlingRate', { rate: throttle }, sessionId);
        await send('Tracing.start', { traceConfig: { includedCategories: categories }, transferMode: 'ReportEvents' });
        // The renderer starts recording a moment later; a task begun before that would go unrecorded.
        await sleep(100);
        await send('Page.navigate', { url }, sessionId);
        await sleep(wait);
      } finally {
        await send('Tracing.end');
        await complete;
        await send('Target.disposeBrowserContext', { browserContextId });
      }
      // The page committed, then its load event came, within the time given.
      const commit = events.find((e) => e.name == 'CommitLoad' && e.args?.data?.url?.startsWith(url.split('?')[0]));
      const load = events.find((e) => e.name == 'MarkLoad' && commit && e.args?.data?.frame == commit.args.data.frame && e.ts > commit.ts);
      if (!load) throw new Error(`${url} did not finish loading within ${wait} ms`);
      return { events, loadedAt: load.ts, elsewhere };
    },
    async close() {
      const exited = new Promise((resolve) => (chrome.exitCode != null ? resolve() : chrome.once('exit', resolve)));
      await send('Browser.close').catch(() => chrome.kill());
      await exited;
      // Its helper processes may still be writing to the profile for a moment.
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    },
  };
}
