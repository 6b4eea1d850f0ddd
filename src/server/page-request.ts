/** What the adapters need to know about a request before giving it the attribution cookie. */

type Header = (name: string) => string | null | undefined;

/**
 * Only page loads get the cookie. A `Set-Cookie` on scripts, images or API answers would make
 * CDNs refuse to cache them, and the cookie is refreshed on the next page anyway.
 */
export function isPageRequest(method: string | undefined, header: Header): boolean {
  if (method != 'GET' && method != 'HEAD') return false;
  const mode = header('sec-fetch-mode');
  return mode ? mode == 'navigate' : /\btext\/html\b/.test(header('accept') ?? '');
}

const first = (value: string | null | undefined) => value?.split(',')[0].trim() || undefined;

/**
 * The URL the visitor sees. Behind a proxy or load balancer the request reaches the app as
 * `http://localhost:3000`; `X-Forwarded-Host` and `-Proto` say what the visitor asked for. Trusting
 * them is safe here: a forged value can only spoil the forger's own cookie.
 */
export function publicUrl(url: string | URL, header: Header): URL {
  const result = new URL(url);
  const host = first(header('x-forwarded-host'));
  const proto = first(header('x-forwarded-proto'));
  if (host) {
    // Host and port both from the header (without one, the default port: the URL's own `host`
    // setter would keep the app's); a value that is not a host is ignored.
    try {
      const forwarded = new URL(`http://${host}/`);
      result.hostname = forwarded.hostname;
      result.port = forwarded.port;
    } catch {
      /* not a host name: the request's own stands */
    }
  }
  if (proto == 'https' || proto == 'http') result.protocol = proto;
  return result;
}
