/**
 * Whether a value can be a Buy button's HotLink, in the words the button uses on the console. The
 * button and the demo's snippet builder both ask it; it carries no Lit, so the SDK can export it.
 */
import { parseHotLink } from '../checkout/checkout-url.js';
import { resolveOptions } from '../config/validate.js';

export const defaultHosts = () => resolveOptions({}, () => {}).checkoutHosts;

/**
 * Why `hotlink` cannot be a Buy button's HotLink, or `undefined` when it can: `https:` on one of
 * `hosts` (default: the default checkout hosts). `source` names where the value came from.
 */
export function hotlinkProblem(hotlink: string, hosts: readonly string[] = defaultHosts(), source = 'hotlink'): string | undefined {
  if (parseHotLink(hotlink, hosts)) return;
  return `${source} ${JSON.stringify(String(hotlink).slice(0, 200))} is not an https: link on a checkout host (${hosts.join(', ')}); the button is disabled`;
}
