/**
 * What the trust and journey tests need beyond the common harness: a sibling subdomain that plants
 * cookies (`evil.shop.test`), a site under a two-label public suffix (`www.produtor.com.br`), the
 * producer's other site (`curso.other.test`), all served by the loopback test site.
 */
import { useBrowser } from './suite';

/**
 * The suite's browser and site: the host names above are among `TEST_HOSTS` (harness/chromium.ts),
 * so the run's one Chromium resolves them to the test site, and visitors reach them.
 */
export const useBrowserWithMoreHosts = useBrowser;

/**
 * A cookie value the codec accepts (`2|<code>|<capturedAt>|<expiresAt>|<params>|<visit>`), built by hand so
 * a test can plant one as a sibling subdomain would.
 */
export function validLooking(code: string, capturedAt = Date.now(), days = 60, params = ''): string {
  return ['2', code, capturedAt.toString(36), (capturedAt + days * 86_400_000).toString(36), encodeURIComponent(params), 'mJIDFq3bN0xk-_7Z'].join('|');
}
