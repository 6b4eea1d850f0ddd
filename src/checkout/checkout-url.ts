/** The checkout URL rules of SPEC.md: what may be navigated to, and what is added to it. */

export interface CheckoutAdditions {
  /** `<checkoutParam>=<affiliate>`, when there is an affiliate. */
  affiliate?: [param: string, code: string];
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

/** Hand-written links sometimes carry a second `?` (`?off=x?sck=y`): it was meant as `&`. */
function repairQuery(hotlink: string): string {
  const hash = hotlink.indexOf('#');
  const base = hash < 0 ? hotlink : hotlink.slice(0, hash);
  const first = base.indexOf('?');
  if (first < 0 || base.indexOf('?', first + 1) < 0) return hotlink;
  return base.slice(0, first + 1) + base.slice(first + 1).replace(/\?/g, '&') + hotlink.slice(base.length);
}

/**
 * The HotLink with the additions it does not already have. Its own query is kept byte for byte
 * and in order (its values win: they are the producer's intent); additions go after it, the hash
 * stays last.
 */
export function decorateHotLink(url: URL, additions: CheckoutAdditions): string {
  const own = new URLSearchParams(url.search);
  const added = new Map<string, string>();
  for (const params of additions.params ?? []) {
    for (const [key, value] of Object.entries(params)) if (value) added.set(key, value);
  }
  if (additions.affiliate) {
    const [param, code] = additions.affiliate;
    added.delete(param);
    added.set(param, code);
  }
  const extra = new URLSearchParams();
  // The affiliate first: it is what a truncated or hand-copied URL must not lose.
  const ordered = additions.affiliate ? [additions.affiliate[0], ...added.keys()] : added.keys();
  for (const key of new Set(ordered)) if (!own.has(key)) extra.append(key, added.get(key)!);
  const query = extra.toString();
  if (!query) return url.href;
  const result = new URL(url.href);
  result.search = url.search.length > 1 ? url.search + '&' + query : '?' + query;
  return result.href;
}
