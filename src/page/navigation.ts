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
