/**
 * The registrable domain ("site") of a host, found the way analytics scripts do: by asking the
 * browser. A cookie set on a public suffix (`com.br`, `co.uk`, `github.io`) is refused, so the
 * shortest suffix that takes a test cookie is the registrable domain. No suffix list to ship or age.
 */
import { cookieAttributes, takesDomainCookies } from './cookie-codec.js';
import type { CookieJar } from './cookie-store.js';

const PROBE = 'hotlinks_probe';

/** `undefined` means a host-only cookie: localhost, an IP address, or cookies refused altogether. */
export function probeRegistrableDomain(hostname: string, jar: CookieJar): string | undefined {
  if (!takesDomainCookies(hostname)) return undefined;
  const labels = hostname.split('.');
  for (let i = labels.length - 2; i >= 0; i--) {
    const domain = labels.slice(i).join('.');
    try {
      const attributes = cookieAttributes(undefined, domain, false);
      jar.set(PROBE, '1', attributes);
      if (jar.get(PROBE) == '1') {
        jar.remove(PROBE, attributes);
        return domain;
      }
    } catch {
      return undefined;
    }
  }
  return undefined;
}
