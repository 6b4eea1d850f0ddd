/**
 * The browser suite with more host names than `TEST_HOSTS`: a sibling subdomain that plants
 * cookies (`evil.shop.test`), a site under a two-label public suffix (`www.produtor.com.br`), the
 * producer's other site (`curso.other.test`). Same Chromium launch, same visitor (checkout answered
 * locally, anything else outside refused and recorded); these names reach the loopback test site too.
 */
import type { BrowserContextOptions } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchChromium } from '../../chromium.mjs';
import { TEST_HOSTS } from './chromium';
import { type Site, startSite } from './site';
import { chromiumPath } from './suite';
import { newVisitor, type Visitor } from './visitor';

export const MORE_HOSTS = [
  'evil.shop.test',
  'produtor.com.br',
  'www.produtor.com.br',
  'evil.produtor.com.br',
  'other.test',
  'curso.other.test',
  'www.other.test',
];

export interface HostsHarness {
  site: Site;
  /** A new visitor (closed after the test) whose browser reaches `TEST_HOSTS` and `MORE_HOSTS`. */
  visitor(options?: BrowserContextOptions): Promise<Visitor>;
}

/** Call inside `describeInBrowser`: one Chromium and one test site for the file, a fresh visitor per test. */
export function useBrowserWithMoreHosts(): HostsHarness {
  const open: Visitor[] = [];
  const harness = {} as HostsHarness & { browser: Awaited<ReturnType<typeof launchChromium>> };
  beforeAll(async () => {
    [harness.browser, harness.site] = await Promise.all([launchChromium(chromiumPath!, [...TEST_HOSTS, ...MORE_HOSTS]), startSite()]);
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
    // Newer routes run first: these names go to the test site instead of being refused.
    await visitor.context.route(
      (url) => MORE_HOSTS.includes(url.hostname),
      (route) => route.continue(),
    );
    return visitor;
  };
  return harness;
}

/**
 * A cookie value the codec accepts (`1|<code>|<capturedAt>|<expiresAt>|<params>`), built by hand so
 * a test can plant one as a sibling subdomain would.
 */
export function validLooking(code: string, capturedAt = Date.now(), days = 60, params = ''): string {
  return ['1', code, capturedAt.toString(36), (capturedAt + days * 86_400_000).toString(36), encodeURIComponent(params)].join('|');
}
