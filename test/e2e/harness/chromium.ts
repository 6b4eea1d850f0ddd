/**
 * Which Chromium the browser suite drives, and how it is launched. Playwright's own browser
 * download cannot work here, so the suite uses an installed Chromium (Debian's
 * `chromium-headless-shell`, else `chromium`: test/chromium.mjs says why).
 */
import type { BrowserServer } from 'playwright-core';
import { TEST_BROWSERS, findChromium as find, launchChromiumServer } from '../../chromium.mjs';

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
  // A sibling subdomain that plants cookies, a site under a two-label public suffix, and the
  // producer's other site (test/e2e/trust.test.ts, test/e2e/journeys.test.ts).
  'evil.shop.test',
  'produtor.com.br',
  'www.produtor.com.br',
  'evil.produtor.com.br',
  'other.test',
  'curso.other.test',
  'www.other.test',
  // Two tenants of a page builder not on the Public Suffix List (test/e2e/trust-domain.test.ts).
  'meusite.kpages.online',
  'outro.kpages.online',
];

/** `CHROMIUM_PATH`, or the first of TEST_BROWSERS installed. */
export const findChromium = () => find(process.env, TEST_BROWSERS);
export { TEST_BROWSERS };
export { browserRequired as e2eRequired } from '../../chromium.mjs';

/**
 * The suite's one Chromium (the project's launch, test/chromium.mjs, with the test host names),
 * started by global-setup.ts; each test file connects to it.
 */
export const startChromiumServer = (executablePath: string): Promise<BrowserServer> => launchChromiumServer(executablePath, TEST_HOSTS);
