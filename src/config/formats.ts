/**
 * String formats that JSON Schema cannot express with a pattern, by their `format` name. The zod
 * schema refines with these, and the browser's compiled checks call the same functions.
 */
export function regex(value: string): boolean {
  try {
    new RegExp(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * Hosts where every site is a tenant under one domain, yet not on the Public Suffix List, so the
 * browser lets one tenant's cookie cover them all: page builders Brazilian producers use. There the
 * cookie stays on the page's own host unless `cookieDomain` names one (see `cookie-store.ts`), and
 * `*.` over one of them is no "other site of the producer's".
 */
export const SHARED_HOSTS = ['kpages.online', 'greatpages.com.br', 'leadlovers.site'];

/** `hostname` is one of `SHARED_HOSTS`, or under one. */
export const onSharedHost = (hostname: string) => SHARED_HOSTS.some((host) => hostname == host || hostname.endsWith('.' + host));

/**
 * A `crossDomain` entry that is not `*.` over a public suffix: `*.com.br`, `*.co.uk` (a generic
 * second level under a country code) or a shared platform would decorate links to strangers' sites.
 */
export function ownDomain(pattern: string): boolean {
  const domain = pattern.slice(2);
  return pattern[0] != '*' || !(/^(com|net|org|gov|edu|co|ac|ne|or|go|blog|app|art|adv|eng|ind|med|tv|info|biz)\.[a-z]{2}$/.test(domain) || onSharedHost(domain));
}
