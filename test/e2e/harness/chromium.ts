/**
 * Which Chromium the browser suite drives, and how it is launched. Playwright's own browser
 * download cannot work here, so the suite uses an installed Chromium (Debian's `chromium`).
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';

/** Every host name a test page is served from: all resolve to the loopback servers. */
export const TEST_HOSTS = [
  'shop.test',
  'www.shop.test',
  'blog.shop.test',
  'www.shop.co.uk',
  'blog.shop.co.uk',
  'www.loja.com.br',
  'blog.loja.com.br',
];

const executable = (path: string) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** `CHROMIUM_PATH` when set (and then only it), else the first Chromium found on the usual paths or `PATH`. */
export function findChromium(env = process.env): string | null {
  if (env.CHROMIUM_PATH) return executable(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : null;
  const names = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
  const dirs = ['/usr/bin', ...(env.PATH ?? '').split(delimiter).filter(Boolean)];
  for (const dir of dirs) for (const name of names) if (executable(join(dir, name))) return join(dir, name);
  return null;
}

export const e2eRequired = () => process.env.HOTLINKS_E2E_REQUIRED == '1';

/**
 * Headless Chromium with a fresh profile (Playwright gives `launch()` a temporary user-data dir).
 * Test host names resolve to 127.0.0.1 (which is left alone) and every other name fails to
 * resolve, so nothing can leave the machine even if a route were missed; Hotmart's hosts are
 * answered by route interception.
 */
export function launchChromium(executablePath: string): Promise<Browser> {
  const rules = [...TEST_HOSTS.map((host) => `MAP ${host} 127.0.0.1`), 'MAP * ~NOTFOUND', 'EXCLUDE 127.0.0.1'].join(', ');
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      `--host-resolver-rules=${rules}`,
    ],
  });
}
