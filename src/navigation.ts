/**
 * Single-page apps change the URL without loading a page: `pushState`, `replaceState`, `popstate`
 * (back and forward) and `hashchange` (hash routers) are navigations, each captured like a landing.
 * `onChange` hears a URL once, however many of these announce it.
 */
export function watchNavigation(onChange: () => void): void {
  let seen: string | undefined;
  const changed = () => {
    if (location.href == seen) return;
    seen = location.href;
    try {
      onChange();
    } catch {
      /* the page's navigation must not fail because of us */
    }
  };
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = history[method];
    try {
      history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
        original.apply(this, args);
        changed();
      };
    } catch {
      /* a frozen history: capture on load, popstate and hashchange only */
    }
  }
  // `window`'s own members: unlike `document`'s, markup cannot shadow them by name.
  addEventListener('popstate', changed);
  addEventListener('hashchange', changed);
  changed();
}

/**
 * `href` without the query parameters named in `keys`, in its query and in a hash router's query
 * (`#/curso?a=CODE`). Every other byte stays as it was (`q=a%20b` is not rewritten `q=a+b`, a bare
 * `debug` gains no `=`), and the route and the rest of the hash stay.
 */
export function cleanedUrl(href: string, keys: string[]): string {
  const strip = (query: string) => {
    const rest = query.split('&').filter((pair) => !keys.includes([...new URLSearchParams(pair).keys()][0]));
    return rest.length ? '?' + rest.join('&') : '';
  };
  const [, path, query = '', hash] = /^([^?#]*)(\?[^#]*)?(.*)$/.exec(href)!;
  const inHash = hash.indexOf('?');
  // A hash left with nothing but its `#` goes too.
  const route = inHash < 0 ? hash : (hash.slice(0, inHash) + strip(hash.slice(inHash + 1))).replace(/^#$/, '');
  return path + (query && strip(query.slice(1))) + route;
}
