/**
 * Before the browser suite: start the one Chromium every test file connects to (its endpoint is
 * provided as `chromiumEndpoint`), or say loudly why the suite is skipped (a failure in CI).
 */
import type { TestProject } from 'vitest/node';
import { TEST_BROWSERS, e2eRequired, findChromium, startChromiumServer } from './harness/chromium';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The WebSocket endpoint of the suite's Chromium, or '' when there is none. */
    chromiumEndpoint: string;
  }
}

export default async function setup(project: TestProject) {
  const executablePath = findChromium();
  if (executablePath) {
    const server = await startChromiumServer(executablePath);
    project.provide('chromiumEndpoint', server.wsEndpoint());
    return () => server.close();
  }
  project.provide('chromiumEndpoint', '');
  const why = process.env.CHROMIUM_PATH
    ? `CHROMIUM_PATH=${process.env.CHROMIUM_PATH} is not an executable`
    : `no Chromium found (looked for ${TEST_BROWSERS.join(', ')} in /usr/bin and PATH)`;
  if (e2eRequired()) throw new Error(`browser suite required (HOTLINKS_E2E_REQUIRED=1) but ${why}`);
  const line = '!'.repeat(78);
  console.warn(
    `\n${line}\n!! BROWSER SUITE SKIPPED: ${why}.\n!! Install it (Debian: apt-get install chromium-headless-shell) or set CHROMIUM_PATH.\n${line}\n`,
  );
}
