/**
 * Which Chromium the browser suite drives, and how it is launched. Playwright's own browser
 * download cannot work here, so the suite uses an installed Chromium (Debian's `chromium`).
 */
import type { Browser } from 'playwright-core';
import { launchChromium as launch } from '../../chromium.mjs';

/** Every host name a test page is served from: all resolve to the loopback servers. */
export const TEST_HOSTS = [
  'shop.test',
  'www.shop.test',
  'blog.shop.test',
  'www.shop.co.uk',
  'blog.shop.co.uk',
  'www.loja.com.br',
  'blog.loja.com.br',
  // Another origin serving dist/ as a public npm CDN does (test/e2e/cdn.test.ts).
  'cdn.shop.test',
];

export { findChromium } from '../../chromium.mjs';
export { browserRequired as e2eRequired } from '../../chromium.mjs';

/** Chromium for the suite: the project's launch (test/chromium.mjs) with the test host names. */
export const launchChromium = (executablePath: string): Promise<Browser> => launch(executablePath, TEST_HOSTS);
