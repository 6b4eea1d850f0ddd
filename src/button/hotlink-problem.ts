/**
 * What a value given as a Buy button's HotLink is, by the one rule the button and the snippet
 * builder share, in the words both use. It carries no Lit, so the SDK exports it.
 *
 * The rule: a Direct Payment HotLink is `https:` on a checkout host. A link pasted without its
 * scheme (`pay.hotmart.com/A72242240H`, as it is often copied from a browser's address bar) is that
 * link with `https://`. A Sales Page HotLink (`go.hotmart.com/<CODE>`, the link affiliates share) is
 * a common mix-up with its own message: it says what that link is and where the right one is.
 *
 * The words: English on the console (the button's), and Portuguese for the builder. Each language is
 * its own constant, so a bundle that only uses `hotlinkProblem()` (the drop-in) carries English only.
 */
import { notCheckoutLink, parseHotLink } from '../checkout/checkout-url.js';
import { OPTIONS } from '../config/options.js';

/** The checkout hosts a HotLink may name when no `checkout-hosts` says otherwise: the option's default. */
const DEFAULT_HOSTS = OPTIONS.checkoutHosts[0];

/** A usable HotLink: `hotlink` is the string to use (with `https://` added when `completed`). */
export interface HotLinkReading {
  hotlink: string;
  url: URL;
  completed: boolean;
}

/** Why a value cannot be a Buy button's HotLink. */
export type HotLinkProblem = 'sales-page' | 'not-checkout';

/** An affiliate's Sales Page HotLink: Hotmart's redirect to a sales page, never checkout. */
const SALES_PAGE = /^https?:\/\/(www\.)?go\.hotmart\.com([/?#:]|$)/i;

/** `pay.hotmart.com/A1` and `//pay.hotmart.com/A1` as `https://…`; a value with a scheme, or a path, as it is. */
const withScheme = (value: string) => (/^([a-z][a-z\d+.-]*:|\/(?!\/))/i.test(value) ? value : 'https://' + value.replace(/^\/\//, ''));

/**
 * The HotLink `value` stands for, or why it cannot be one: `https:` on one of `hosts` (default: the
 * default checkout hosts), a missing `https://` added.
 */
export function readHotLink(value: string, hosts: readonly string[] = DEFAULT_HOSTS): HotLinkReading | { problem: HotLinkProblem } {
  const written = String(value).trim();
  const hotlink = withScheme(written);
  const url = parseHotLink(hotlink, hosts);
  if (url) return { hotlink, url, completed: hotlink != written };
  return { problem: SALES_PAGE.test(hotlink) ? 'sales-page' : 'not-checkout' };
}

/** One language's words: `subject` names the value (`hotlink "…"`), `hosts` the checkout hosts. */
type Words = (problem: HotLinkProblem, subject: string, hosts: readonly string[]) => string;

const english: Words = (problem, subject, hosts) =>
  subject +
  (problem == 'sales-page'
    ? " is a Sales Page HotLink, the link affiliates share: it opens a sales page, not checkout. Use your Direct Payment HotLink (https://pay.hotmart.com/…), in Hotmart under Products › My products"
    : notCheckoutLink(hosts)) +
  '; the button is disabled';

const portuguese: Words = (problem, subject, hosts) =>
  subject +
  (problem == 'sales-page'
    ? ' é um HotLink da página de vendas, aquele que os afiliados divulgam: ele abre uma página de vendas, não o pagamento. Use o seu HotLink de pagamento direto (https://pay.hotmart.com/…), que fica na Hotmart em Produtos › Meus produtos'
    : ` não é um link https: de uma página de pagamento (${hosts.join(', ')})`) +
  '; o botão fica desativado';

const say = (words: Words, hotlink: string, hosts: readonly string[], source: string) => {
  const reading = readHotLink(hotlink, hosts);
  if ('problem' in reading) return words(reading.problem, `${source} ${JSON.stringify(String(hotlink).slice(0, 200))}`, hosts);
};

/**
 * Why `hotlink` cannot be a Buy button's HotLink, in the button's words (English, as on the
 * console), or `undefined` when it can. `source` names where the value came from.
 */
export function hotlinkProblem(hotlink: string, hosts: readonly string[] = DEFAULT_HOSTS, source = 'hotlink'): string | undefined {
  return say(english, hotlink, hosts, source);
}

/** The same, in `language`: `en` is exactly `hotlinkProblem()`; `pt-BR` says it in Portuguese. */
export function hotlinkProblemIn(
  language: 'pt-BR' | 'en',
  hotlink: string,
  hosts: readonly string[] = DEFAULT_HOSTS,
  source = language == 'en' ? 'hotlink' : 'O link',
): string | undefined {
  return say(language == 'en' ? english : portuguese, hotlink, hosts, source);
}
