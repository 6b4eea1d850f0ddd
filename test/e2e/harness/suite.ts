/**
 * What every browser test file shares: the run's one Chromium (started by global-setup.ts), a test
 * site per file, a fresh visitor (its own browser context) per test.
 */
import { type Browser, type BrowserContextOptions, chromium } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, inject } from 'vitest';
import { type Site, startSite } from './site';
import { newVisitor, type Visitor } from './visitor';

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
  const open: Visitor[] = [];
  const harness = {} as Harness;
  beforeAll(async () => {
    [harness.browser, harness.site] = await Promise.all([chromium.connect(inject('chromiumEndpoint')), startSite()]);
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
