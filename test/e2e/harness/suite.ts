/** What every browser test file shares: one Chromium and one test site per file, a fresh visitor per test. */
import type { Browser, BrowserContextOptions } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe } from 'vitest';
import { findChromium, launchChromium } from './chromium';
import { type Site, startSite } from './site';
import { newVisitor, type Visitor } from './visitor';

export const chromiumPath = findChromium();

/** `describe`, skipped when there is no Chromium (global-setup.ts says so loudly, or fails in CI). */
export const describeInBrowser = describe.skipIf(!chromiumPath);

export interface Harness {
  site: Site;
  browser: Browser;
  /** A new visitor (closed after the test). */
  visitor(options?: BrowserContextOptions): Promise<Visitor>;
}

/** Call inside `describeInBrowser`: starts the browser and site for the file. */
export function useBrowser(): Harness {
  const open: Visitor[] = [];
  const harness = {} as Harness;
  beforeAll(async () => {
    [harness.browser, harness.site] = await Promise.all([launchChromium(chromiumPath!), startSite()]);
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((v) => v.close()));
  });
  afterAll(async () => {
    await harness.browser?.close();
    await harness.site?.close();
  });
  harness.visitor = async (opts) => {
    const visitor = await newVisitor(harness.browser, opts);
    open.push(visitor);
    return visitor;
  };
  return harness;
}
