/**
 * What every browser test file shares: the run's one Chromium (started by global-setup.ts), a test
 * site per file, a new visitor per test (a new page in a browser context emptied for them, see
 * `VisitorContext`).
 */
import { type Browser, type BrowserContextOptions, type Page, chromium } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, inject } from 'vitest';
import { type Site, startSite } from './site';
import { type Visitor, VisitorContext } from './visitor';

/** `describe`, skipped when there is no Chromium (global-setup.ts says so loudly, or fails in CI). */
export const describeInBrowser = describe.skipIf(!inject('chromiumEndpoint'));

export interface Harness {
  site: Site;
  browser: Browser;
  /** A new visitor (closed after the test). */
  visitor(options?: BrowserContextOptions): Promise<Visitor>;
}

/** Call inside `describeInBrowser`: connects to the browser and starts the site for the file. */
export function useBrowser(): Harness {
  /** This test's visitors' contexts, each with the options it was opened with. */
  const open: { room: VisitorContext; key: string }[] = [];
  /** Emptied contexts with their next page, by options: the next test's visitors. */
  const ready = new Map<string, { room: VisitorContext; page: Page }>();
  const harness = {} as Harness;
  beforeAll(async () => {
    [harness.browser, harness.site] = await Promise.all([chromium.connect(inject('chromiumEndpoint')), startSite()]);
  });
  afterEach(async () => {
    for (const { room, key } of open.splice(0)) {
      const page = ready.has(key) ? null : await room.vacate();
      if (page) ready.set(key, { room, page });
      else await room.context.close();
    }
  });
  afterAll(async () => {
    await harness.browser?.close();
    await harness.site?.close();
  });
  harness.visitor = async (options = {}) => {
    const key = JSON.stringify(options);
    const waiting = ready.get(key);
    ready.delete(key);
    const room = waiting?.room ?? (await VisitorContext.open(harness.browser, options));
    open.push({ room, key });
    return room.admit(waiting?.page);
  };
  return harness;
}
