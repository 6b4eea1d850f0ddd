/**
 * The options: the one table of every setting's name, default, check and meaning. Each key is also
 * the drop-in's attribute (`cookieDays` is `data-cookie-days`), and `init()`, the drop-in and the
 * producer's server (`hotlinks-embed/server`) all resolve options against it (`validate.ts`).
 *
 * Each option's comment is its meaning, in English and (`@pt`) in Portuguese: the configuration
 * tables of docs/CONTRACT.md, README.md and README.pt-BR.md are written from them and from the
 * defaults (`npm run options -- --write`; test/config/options-docs.test.ts fails when they differ).
 * `DESCRIPTIONS` says what a valid value is, for error messages; the drop-ins leave it out.
 */

/** A check that also tells TypeScript the option's type. */
export type Check<T> = (value: unknown) => value is T;
const is = <T>(test: (value: any) => boolean) => test as Check<T>;
/** A setting's rule: its default, and what a valid value is. */
export type Rule<T> = readonly [fallback: T, check: Check<T>];

const text = (pattern: RegExp, max = 64) => is<string>((v) => typeof v == 'string' && v.length <= max && pattern.test(v));
export const oneOf = <T extends string | false>(...values: T[]) => is<T>((v) => values.includes(v));
const either = <A, B>(a: Check<A>, b: Check<B>) => is<A | B>((v) => a(v) || b(v));
const list = <T>(item: Check<T>, min = 0) => is<T[]>((v) => Array.isArray(v) && v.length >= min && v.length <= 32 && [...v].every(item));
const flag = is<boolean>((v) => typeof v == 'boolean');

/** A parameter name: letters, digits, `_ . -`. */
const name = text(/^[\w.-]{1,64}$/);
/** A lowercase host name. */
const host = text(/^([a-z\d-]{1,63}\.)+[a-z]{2,63}$/, 253);
const regex = is<string>((v) => {
  try {
    return typeof v == 'string' && !!v && v.length <= 200 && !!new RegExp(v);
  } catch {
    return false;
  }
});

/**
 * Hosts where every site is a tenant under one domain, yet not on the Public Suffix List, so the
 * browser lets one tenant's cookie cover them all: page builders Brazilian producers use. There the
 * cookie stays on the page's own host unless `cookieDomain` names one (see `cookie-store.ts`), and
 * `*.` over one of them is no "other site of the producer's".
 */
export const SHARED_HOSTS = ['*.kpages.online', '*.greatpages.com.br', '*.leadlovers.site'];

/** Whether `hostname` is one of `patterns`: a host name, or `*.example.com` for example.com and every subdomain of it. */
export const matchesHost = (hostname: string, patterns: readonly string[]): boolean =>
  patterns.some((pattern) => (pattern[0] == '*' ? hostname == pattern.slice(2) || hostname.endsWith(pattern.slice(1)) : hostname == pattern));

/** `hostname` is one of `SHARED_HOSTS`, or under one. */
export const onSharedHost = (hostname: string) => matchesHost(hostname, SHARED_HOSTS);

/**
 * A host of the producer's, or `*.` and a domain of theirs: not `*.` over a public suffix (a generic
 * second level under a country code, `*.com.br`, `*.co.uk`) or a shared platform, which would
 * decorate links to strangers' sites.
 */
const hostPattern = text(/^(\*\.)?([a-z\d-]{1,63}\.)+[a-z]{2,63}$/, 255);
const ownHost = is<string>(
  (v) =>
    hostPattern(v) &&
    !(v[0] == '*' && (/^\*\.(com|net|org|gov|edu|co|ac|ne|or|go|blog|app|art|adv|eng|ind|med|tv|info|biz)\.[a-z]{2}$/.test(v) || onSharedHost(v.slice(2)))),
);

/** `[default, check]` per option, in the order the docs list them. */
export const OPTIONS = {
  /**
   * Incoming query parameters that may carry an affiliate code, checked in order.
   * @pt Os nomes, no endereço da página, que podem trazer o código do afiliado, nessa ordem.
   */
  params: [['a', 'af', 'aff', 'affiliate', 'ref'], list(name, 1)],
  /**
   * An incoming value is an affiliate code only if it matches; anything else is ignored.
   * @pt Só vale como código de afiliado um valor nesse formato (uma letra, 7 a 9 números, uma letra); qualquer outro é ignorado.
   */
  codePattern: ['^[A-Z][0-9]{7,9}[A-Z]$', regex],
  /**
   * `last-click`: a new code replaces the stored one; `first-click`: a stored, unexpired code is kept.
   * @pt Com dois afiliados, o crédito fica com o último (`last-click`); `first-click`: com o primeiro, enquanto não vencer.
   */
  attribution: ['last-click', oneOf('last-click', 'first-click')],
  /**
   * The cookie's lifetime: 1 to 400 days, or `forever` (= 400, the longest a browser keeps a cookie).
   * @pt Por quantos dias o afiliado fica com o crédito: de 1 a 400, ou `forever` (400, o máximo que um navegador guarda).
   */
  cookieDays: [60, either(is<number>((v) => Number.isInteger(v) && v >= 1 && v <= 400), oneOf('forever'))],
  /**
   * `auto`: the registrable domain, found by the browser itself, so `blog.x.com` and `www.x.com` share it; or a domain name.
   * @pt O domínio do cookie; `auto` usa o domínio principal, para que `blog.seu-site.com.br` e `www.seu-site.com.br` dividam o mesmo.
   */
  cookieDomain: ['auto', either(oneOf('auto'), host)],
  /**
   * The cookie's name.
   * @pt O nome do cookie.
   */
  cookieName: ['hotlinks', text(/^[\w-]{1,64}$/)],
  /**
   * The query parameter that carries the affiliate code into checkout.
   * @pt O nome com que o código do afiliado chega à página de pagamento.
   */
  checkoutParam: ['af', name],
  /**
   * The checkout parameter that carries the visit id, which Hotmart's webhook names back so a sale joins the visit that made it; `false`: none. A HotLink's own value wins.
   * @pt O nome com que o código da visita chega à página de pagamento; o webhook da Hotmart o devolve, e a venda se junta à visita que a trouxe. `false`: nenhum. O valor do próprio HotLink prevalece.
   */
  visitParam: ['xcod', either(name, oneOf(false))],
  /**
   * The only hosts that count as checkout: buttons and decoration touch nothing else.
   * @pt Os únicos endereços tratados como página de pagamento.
   */
  checkoutHosts: [['pay.hotmart.com', 'payment.hotmart.com'], list(host, 1)],
  /**
   * Landing parameters kept with the attribution and forwarded to checkout (the ad click ids let the pixels on Hotmart's checkout match the sale to the ad).
   * @pt Marcações do endereço de chegada guardadas com o código e levadas ao pagamento (os códigos de clique dos anúncios ajudam o pixel do pagamento a ligar a venda ao anúncio).
   */
  forward: [
    ['src', 'sck', 'xcod', 'utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content', 'fbclid', 'gclid', 'gbraid', 'wbraid', 'ttclid', 'msclkid'],
    list(name),
  ],
  /**
   * `granted`; `pending`: nothing is written to the device, and nothing reported, until `HotLinks.consent(true)`; `google`: follows Google Consent Mode v2 (storage while `ad_storage` is granted); `tcf`: follows an IAB TCF v2.2 consent tool (storage once purpose 1 has consent, or where GDPR does not apply). In every mode the code still reaches checkout links on the same page.
   * @pt Quando gravar o cookie: `granted`, já; `pending`, só depois de `HotLinks.consent(true)`; `google`, seguindo o Google Consent Mode v2 (`ad_storage`); `tcf`, seguindo uma ferramenta IAB TCF v2.2 (propósito 1). Em todos os casos o código chega aos links de pagamento da página.
   */
  consent: ['granted', oneOf('granted', 'pending', 'google', 'tcf')],
  /**
   * `true`: remove the captured code and the tags only this script reads (`src`, `sck`, `xcod`) from the address bar, every other byte kept; `utm_*` and the ad click ids stay for the page's other tags (GA4, Meta's pixel); `all`: remove those too.
   * @pt `true`: tira da barra do endereço o código e as marcações que só este script lê (`src`, `sck`, `xcod`), sem mexer no resto; `utm_*` e os códigos de clique ficam para o GA4 e o pixel da Meta; `all`: tira esses também.
   */
  cleanUrl: [false, either(flag, oneOf('all'))],
  /**
   * Decorate `<a href>` and `<form action>` pointing at checkout hosts, including ones added later.
   * @pt Põe o código nos links e formulários para a página de pagamento, inclusive nos que aparecem depois.
   */
  decorate: [true, flag],
  /**
   * The producer's other sites, as host names (`*.example.com` for every subdomain of a domain of theirs): links and GET forms to them carry the attribution, so it follows the visitor to a site with its own cookie jar.
   * @pt Os seus outros sites (`*.exemplo.com.br` vale para todos os subdomínios de um domínio seu): links e formulários GET para eles levam a atribuição junto.
   */
  crossDomain: [[], list(ownHost)],
  /**
   * URL of the endpoint that receives `attribution` and `checkout` reports (JSON, beacon); a path is this site's.
   * @pt O endereço do seu servidor que recebe os relatórios de visitas e de cliques em comprar (um caminho é deste site).
   */
  collect: [undefined, text(/^(https?:\/\/[^\s/?#]+|\/(?![/\\]))[^\s]*$/, 2000)],
  /**
   * `true`: push the same reports to `window.dataLayer` (Google Tag Manager).
   * @pt `true`: manda os mesmos relatórios para o Google Tag Manager (`dataLayer`).
   */
  datalayer: [false, flag],
  /**
   * Console diagnostics; an invalid attribute is always reported with its name, and the default used.
   * @pt Mensagens de diagnóstico no console; um atributo errado sempre aparece, pelo nome, e o padrão é usado.
   */
  debug: [false, flag],
} as const;

export type OptionName = keyof typeof OPTIONS;
type CheckedBy<C> = C extends Check<infer T> ? T : never;

/** Options after defaults. */
export type ResolvedOptions = { readonly [K in OptionName]: CheckedBy<(typeof OPTIONS)[K][1]> | (K extends 'collect' ? undefined : never) };
/** What `init()` accepts: every option is optional. */
export type HotLinksOptions = { [K in OptionName]?: CheckedBy<(typeof OPTIONS)[K][1]> };

/** What a valid value of each option is, for error messages (`cookieDays must be …, got "abc"`). */
export const DESCRIPTIONS: Record<OptionName, string> = {
  params: 'a comma-separated list of parameter names (letters, digits, _ . -)',
  codePattern: 'a valid regular expression of at most 200 characters',
  attribution: '"last-click" or "first-click"',
  cookieDays: 'a whole number of days from 1 to 400, or "forever"',
  cookieDomain: '"auto" or a lowercase domain name such as "example.com"',
  cookieName: 'a cookie name of letters, digits, _ and -',
  checkoutParam: 'a parameter name (letters, digits, _ . -)',
  visitParam: 'a parameter name (letters, digits, _ . -), or false',
  checkoutHosts: 'a comma-separated list of lowercase host names',
  forward: 'a comma-separated list of parameter names (letters, digits, _ . -)',
  consent: '"granted", "pending", "google" or "tcf"',
  cleanUrl: 'true, false or "all"',
  decorate: 'true or false',
  crossDomain: 'a comma-separated list of lowercase host names, or "*." and a domain of yours (not "*.com.br")',
  collect: 'an http: or https: URL, or a path on this site such as "/api/hotlinks"',
  datalayer: 'true or false',
  debug: 'true or false',
};
