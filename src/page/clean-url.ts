/**
 * `data-clean-url`: the address bar without what a landing brought for this script. A pure function
 * of the URL (the landing's own effect, `history.replaceState`, is the caller's).
 */
import { HANDOFF, type Landing } from '../attribution/attribution.js';

/** Landing parameters other tags on the page read from the address bar (GA4, Meta's pixel): `utm_*` and ad click ids. */
const READ_BY_OTHERS = /^utm_|clid$|braid$/;

/**
 * `href` without the landing's code parameter, its hand-off and the forwarded tags only this script
 * reads (`mode` `all`: every forwarded tag), in the query and in a hash router's query
 * (`#/curso?a=CODE`). Every other byte stays as it was (`q=a%20b` is not rewritten `q=a+b`, a bare
 * `debug` gains no `=`), and the route and the rest of the hash stay.
 */
export function cleanedUrl(href: string, landing: Landing, mode: true | 'all'): string {
  const keys = Object.keys(landing.params).filter((key) => mode == 'all' || !READ_BY_OTHERS.test(key));
  if (landing.from) keys.push(landing.from);
  if (landing.handoff) keys.push(HANDOFF);
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
