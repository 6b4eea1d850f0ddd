/** Before the browser suite: find Chromium, or say loudly why the suite is skipped (a failure in CI). */
import { e2eRequired, findChromium } from './harness/chromium';

export default function setup() {
  if (findChromium()) return;
  const why = process.env.CHROMIUM_PATH
    ? `CHROMIUM_PATH=${process.env.CHROMIUM_PATH} is not an executable`
    : 'no Chromium found (looked for chromium, chromium-browser, google-chrome in /usr/bin and PATH)';
  if (e2eRequired()) throw new Error(`browser suite required (HOTLINKS_E2E_REQUIRED=1) but ${why}`);
  const line = '!'.repeat(78);
  console.warn(
    `\n${line}\n!! BROWSER SUITE SKIPPED: ${why}.\n!! Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH.\n${line}\n`,
  );
}
