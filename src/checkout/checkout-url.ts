/** The checkout URL rules of docs/CONTRACT.md: what may be navigated to, and what is added to it. */

/** Parameters a caller adds to a checkout URL (the Buy button's `off`, `sck`, `src`); an undefined one is left out. */
export type CheckoutExtras = Record<string, string | undefined>;

export interface CheckoutAdditions {
  /** `<checkoutParam>=<affiliate>`; without a code, the parameter is still never added from `params`. */
  affiliate?: [param: string, code?: string];
  /** Landing parameters (forwarded), then the producer's own (`off`, `sck`, `src`): later wins. */
  params?: Record<string, string | undefined>[];
}

/**
 * Parses a HotLink and checks it is `https:` on one of `hosts` (host and port exactly, no
 * credentials). Returns `null` for anything else, including look-alikes such as
 * `pay.hotmart.com.evil.example` and `https://pay.hotmart.com@evil.example`.
 */
export function parseHotLink(hotlink: string, hosts: readonly string[]): URL | null {
  let url: URL;
  try {
    url = new URL(repairQuery(String(hotlink).trim()));
  } catch {
    return null;
  }
  return url.protocol == 'https:' && hosts.includes(url.host) && !url.username && !url.password ? url : null;
}

/**
 * Why a value is refused as a HotLink, in the one wording the SDK's `checkoutUrl()` and the Buy
 * button share: `"…" is not an https: link on a checkout host (pay.hotmart.com, payment.hotmart.com)`.
 */
export const notCheckoutLink = (hosts: readonly string[]) => ` is not an https: link on a checkout host (${hosts.join(', ')})`;

/** Hand-written links sometimes carry a second `?` (`?off=x?sck=y`): it was meant as `&`. */
const repairQuery = (hotlink: string) =>
  hotlink.replace(/^([^?#]*\?)([^#]*)/, (_, head: string, query: string) => head + query.replace(/\?/g, '&'));

/**
 * The HotLink with the additions it does not already have. Its own query is kept byte for byte
 * and in order (its values win: they are the producer's intent); additions go after it, the hash
 * stays last.
 */
export function decorateHotLink(url: URL, { affiliate, params = [] }: CheckoutAdditions): string {
  const own = new URLSearchParams(url.search);
  // The affiliate first: it is what a truncated or hand-copied URL must not lose.
  const added = new URLSearchParams(affiliate?.[1] ? [affiliate as [string, string]] : []);
  // Nothing but the validated code goes out as the affiliate parameter, even if forwarded.
  for (const source of params) {
    for (const [key, value] of Object.entries(source)) if (value && key != affiliate?.[0]) added.set(key, value);
  }
  for (const key of own.keys()) added.delete(key);
  const query = added.toString();
  const search = url.search.length > 1 ? url.search + (query && '&') : '?';
  return query ? url.origin + url.pathname + search + query + url.hash : url.href;
}
