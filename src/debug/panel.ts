/**
 * The debug panel: what HotLinks knows on this page (affiliate, expiry, cookie domain, consent,
 * storage, forwarded tags, the checkout URL a click opens), in a small box. A drop-in loads it only
 * when the page URL has `?hotlinks_debug=1`, as its own file (`dist/hotlinks-debug.js`), so other
 * pages pay for one regular expression. It works under a strict Content-Security-Policy with
 * Trusted Types: DOM nodes and text only, styles in a constructed stylesheet.
 */
import { registrableDomain } from '../attribution/cookie-store.js';
import { isAffiliateCode } from '../attribution/attribution.js';
import { type Language, languageOf } from '../button/labels.js';
import { parseHotLink } from '../checkout/checkout-url.js';
import type { HotLinks } from '../hotlinks.js';
import { runningInstance } from '../instance.js';
import { STYLES } from './panel.styles.js';

export type Fact = [key: string, label: string, value: string];

/** The panel's words, in the languages of the Buy button's labels (src/button/labels.ts). */
const WORDS = {
  en: {
    title: 'HotLinks debug',
    close: 'Close the HotLinks debug panel',
    notRunning: 'not running: no HotLinks script has started on this page',
    labels: {
      status: 'status',
      affiliate: 'affiliate',
      landing: 'arrived with',
      unread: 'code not read',
      captured: 'captured',
      expires: 'expires',
      storage: 'storage',
      'cookie domain': 'cookie domain',
      consent: 'consent',
      forwarded: 'forwarded',
      model: 'model',
      checkout: 'checkout',
    },
    none: 'none',
    noCode: 'none captured',
    noParams: 'no parameters',
    unread: (found: string, attribute: string) =>
      `${found} looks like an affiliate code, under a name the script does not read: add ${attribute} to the script tag`,
    nothingStored: 'nothing stored',
    cookie: (name: string) => `first-party cookie "${name}"`,
    memory: 'this page only (memory): no consent, or cookies refused',
    shared: (domain: string) => `${domain} (shared by its subdomains)`,
    hostOnly: (host: string) => `${host} only (host-only cookie)`,
    consent: {
      granted: 'granted',
      refused: 'refused: the cookie was deleted, the code stays on this page only',
      pending: 'pending: nothing is written until HotLinks.consent(true)',
      google: "waiting for Google Consent Mode's ad_storage",
      tcf: 'waiting for the TCF consent tool (purpose 1)',
    },
    model: { 'last-click': 'last-click', 'first-click': 'first-click', days: ['day', 'days'], as: 'as' },
    button: 'Buy button',
    link: 'link',
    noCheckout: 'no Buy button or checkout link on this page',
  },
  'pt-BR': {
    title: 'HotLinks: diagnóstico',
    close: 'Fechar o diagnóstico do HotLinks',
    notRunning: 'parado: nenhum script do HotLinks começou nesta página',
    labels: {
      status: 'situação',
      affiliate: 'afiliado',
      landing: 'chegou com',
      unread: 'código não lido',
      captured: 'capturado em',
      expires: 'expira em',
      storage: 'guardado em',
      'cookie domain': 'domínio do cookie',
      consent: 'consentimento',
      forwarded: 'repassados',
      model: 'modelo',
      checkout: 'pagamento',
    },
    none: 'nenhum',
    noCode: 'nenhum capturado',
    noParams: 'nenhum parâmetro',
    unread: (found: string, attribute: string) =>
      `${found} parece um código de afiliado, num nome que o script não lê: acrescente ${attribute} à tag <script>`,
    nothingStored: 'nada guardado',
    cookie: (name: string) => `cookie do próprio site, "${name}"`,
    memory: 'só nesta página (memória): sem consentimento, ou cookies recusados',
    shared: (domain: string) => `${domain} (vale também para os subdomínios)`,
    hostOnly: (host: string) => `só ${host} (cookie deste endereço)`,
    consent: {
      granted: 'concedido',
      refused: 'recusado: o cookie foi apagado, o código fica só nesta página',
      pending: 'pendente: nada é gravado até HotLinks.consent(true)',
      google: 'aguardando o ad_storage do Google Consent Mode',
      tcf: 'aguardando a ferramenta de consentimento TCF (finalidade 1)',
    },
    model: { 'last-click': 'último clique', 'first-click': 'primeiro clique', days: ['dia', 'dias'], as: 'como' },
    button: 'botão de compra',
    link: 'link',
    noCheckout: 'nenhum botão de compra ou link de pagamento nesta página',
  },
  es: {
    title: 'HotLinks: diagnóstico',
    close: 'Cerrar el diagnóstico de HotLinks',
    notRunning: 'detenido: ningún script de HotLinks se inició en esta página',
    labels: {
      status: 'estado',
      affiliate: 'afiliado',
      landing: 'llegó con',
      unread: 'código no leído',
      captured: 'capturado',
      expires: 'vence',
      storage: 'guardado en',
      'cookie domain': 'dominio de la cookie',
      consent: 'consentimiento',
      forwarded: 'reenviados',
      model: 'modelo',
      checkout: 'pago',
    },
    none: 'ninguno',
    noCode: 'ninguno capturado',
    noParams: 'ningún parámetro',
    unread: (found: string, attribute: string) =>
      `${found} parece un código de afiliado, con un nombre que el script no lee: añada ${attribute} a la etiqueta <script>`,
    nothingStored: 'nada guardado',
    cookie: (name: string) => `cookie propia del sitio, "${name}"`,
    memory: 'solo esta página (memoria): sin consentimiento, o cookies rechazadas',
    shared: (domain: string) => `${domain} (también para sus subdominios)`,
    hostOnly: (host: string) => `solo ${host} (cookie de esta dirección)`,
    consent: {
      granted: 'concedido',
      refused: 'rechazado: la cookie se borró, el código queda solo en esta página',
      pending: 'pendiente: nada se guarda hasta HotLinks.consent(true)',
      google: 'esperando el ad_storage de Google Consent Mode',
      tcf: 'esperando la herramienta de consentimiento TCF (finalidad 1)',
    },
    model: { 'last-click': 'último clic', 'first-click': 'primer clic', days: ['día', 'días'], as: 'como' },
    button: 'botón de compra',
    link: 'enlace',
    noCheckout: 'ningún botón de compra ni enlace de pago en esta página',
  },
};

type Words = (typeof WORDS)['en'];

/** The page's language, as the Buy button reads it (no `lang`: Portuguese). */
const pageLanguage = (): Language => languageOf(document.documentElement.lang);

const DAY = 86_400_000;

/** The probed domain, once per page: finding it writes (and removes) a test cookie. */
let probed: string | undefined | null = null;

/** The cookie's domain: configured, or found as the store finds it. */
function cookieDomain(hotlinks: HotLinks, words: Words): string {
  const { cookieDomain } = hotlinks.options;
  if (cookieDomain != 'auto') return cookieDomain;
  if (probed === null) probed = registrableDomain();
  return probed ? words.shared('.' + probed) : words.hostOnly(location.hostname);
}

/** The first link on the page whose URL, as written, is a checkout URL. */
function firstCheckoutLink(hotlinks: HotLinks): HTMLAnchorElement | undefined {
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a[href]')) {
    if (parseHotLink(hotlinks.writtenUrl(link) ?? '', hotlinks.options.checkoutHosts)) return link;
  }
}

/** The element the "checkout" fact speaks of, which the panel keeps clear of: the first Buy button, or else checkout link. */
const explained = (hotlinks: HotLinks): Element | undefined => document.querySelector('hotlink-buy-button') ?? firstCheckoutLink(hotlinks);

/** The URL the first Buy button or checkout link on the page opens (a link is decorated as it is pressed). */
function nextCheckout(hotlinks: HotLinks, words: Words): string {
  const rendered = document.querySelector('hotlink-buy-button')?.shadowRoot?.querySelector<HTMLAnchorElement>('a[part~="button"]')?.href;
  if (rendered) return `${rendered}  (${words.button})`;
  const link = firstCheckoutLink(hotlinks);
  return link ? `${hotlinks.checkoutUrl(hotlinks.writtenUrl(link)!)}  (${words.link})` : words.noCheckout;
}

/** The landing URL's parameters, as capture reads them: the query, then a hash route's query. */
function landingParams(): [string, string][] {
  const inHash = location.hash.indexOf('?');
  const query = new URLSearchParams(location.search + (inHash < 0 ? '' : '&' + location.hash.slice(inHash + 1)));
  return [...query].filter(([key]) => key != 'hotlinks_debug');
}

/** What the panel shows, in order: `[key, label, value]` (the key is the same in every language). */
export function debugFacts(hotlinks: HotLinks | undefined = runningInstance(), now = Date.now(), language = pageLanguage()): Fact[] {
  const words = WORDS[language];
  if (!hotlinks) return [['status', words.labels.status, words.notRunning]];
  const { options } = hotlinks;
  const attribution = hotlinks.getAttribution();
  const params = Object.entries(attribution?.params ?? {}).map(([key, value]) => `${key}=${value}`);
  const landing = landingParams();
  // Codes under a name the script does not read: what the producer adds to data-params to read them.
  // (A forwarded parameter already reaches checkout under its own name.)
  const unread = landing.filter(([key, value]) => ![...options.params, ...options.forward].includes(key) && isAffiliateCode(value, options));
  const when = (ms: number) => new Date(ms).toLocaleString(language, { dateStyle: 'medium', timeStyle: 'short' });
  const days = attribution ? Math.ceil((attribution.expiresAt - now) / DAY) : 0;
  const lifetime = options.cookieDays == 'forever' ? 400 : options.cookieDays;
  const facts: [keyof Words['labels'], string][] = [
    ['affiliate', attribution?.affiliate ?? words.noCode],
    ['landing', landing.map(([key, value]) => `${key}=${value.slice(0, 80)}`).join(' & ') || words.noParams],
  ];
  if (unread.length) {
    const names = [...new Set(unread.map(([key]) => key))];
    const found = unread.map(([key, value]) => `${key}=${value}`).join(', ');
    facts.push(['unread', words.unread(found, `data-params="${[...options.params, ...names].join(',')}"`)]);
  }
  facts.push(
    ['captured', attribution ? when(attribution.capturedAt) : '—'],
    [
      'expires',
      attribution ? `${when(attribution.expiresAt)} (${new Intl.RelativeTimeFormat(language, { numeric: 'always' }).format(days, 'day')})` : '—',
    ],
    ['storage', !attribution ? words.nothingStored : attribution.storage == 'cookie' ? words.cookie(options.cookieName) : words.memory],
    ['cookie domain', attribution?.storage == 'cookie' ? cookieDomain(hotlinks, words) : '—'],
    // What the visitor answered; while waiting, what for (the setting says which consent the site asks for).
    ['consent', hotlinks.consentState() == 'waiting' ? words.consent[options.consent] : words.consent[hotlinks.consentState() as 'granted' | 'refused']],
    ['forwarded', params.join(' & ') || words.none],
    ['model', `${words.model[options.attribution]}, ${lifetime} ${words.model.days[lifetime == 1 ? 0 : 1]}, ${words.model.as} "${options.checkoutParam}="`],
    ['checkout', nextCheckout(hotlinks, words)],
  );
  return facts.map(([key, value]) => [key, words.labels[key], value]);
}

/** Fills `list` (a `<dl>`) with the facts, touching only what changed. */
function render(list: HTMLElement, facts: Fact[]) {
  const rows = list.children;
  facts.forEach(([key, label, value], i) => {
    let term = rows[2 * i] as HTMLElement | undefined;
    if (!term) {
      term = list.appendChild(document.createElement('dt'));
      list.appendChild(document.createElement('dd'));
    }
    const detail = term.nextElementSibling as HTMLElement;
    if (term.textContent != label) term.textContent = label;
    if (detail.dataset.fact != key) detail.dataset.fact = key;
    if (detail.textContent != value) detail.textContent = value;
  });
  while (rows.length > 2 * facts.length) rows[rows.length - 1].remove();
}

const GAP = 8;

/**
 * Moves the panel (the tab, or the open panel) off `target` when they meet: to the top of the
 * window when there is more room above the target, else just below it, and no taller than that
 * room (the facts scroll inside). Otherwise it stays in its place, halfway down the left edge.
 */
function keepClear(host: HTMLElement, panel: HTMLElement, target: Element | undefined) {
  host.style.top = host.style.transform = panel.style.maxHeight = '';
  const avoid = target?.getBoundingClientRect();
  const box = host.getBoundingClientRect();
  if (!avoid || !(box.left < avoid.right && avoid.left < box.right && box.top < avoid.bottom && avoid.top < box.bottom)) return;
  const above = avoid.top - 2 * GAP;
  const below = innerHeight - avoid.bottom - 2 * GAP;
  host.style.transform = 'none';
  host.style.top = (above > below ? GAP : avoid.bottom + GAP) + 'px';
  panel.style.maxHeight = Math.max(above, below, 40) + 'px';
}

/**
 * Shows the facts, again after every change (`hotlinks-change`): in `container` as a plain `<dl>`
 * (styled by the page), or by default in a panel of its own, in the page's language. Anyone can
 * craft a link with `?hotlinks_debug=1`, so the panel starts as a small tab at the left edge,
 * halfway down (clear of the top and bottom bars where pages put sticky Buy buttons and menus),
 * and opens on a tap; open or not, it keeps clear of the Buy button (or checkout link) it speaks
 * of, on a phone too. Returns a function that removes it.
 */
export function showDebugPanel(container?: Element): () => void {
  const words = WORDS[pageLanguage()];
  const list = document.createElement('dl');
  let host: HTMLElement | undefined;
  let place = () => {};
  if (container) container.append(list);
  else {
    const shown = (host = document.createElement('hotlinks-debug'));
    const root = host.attachShadow({ mode: 'open' });
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(STYLES);
      root.adoptedStyleSheets = [sheet];
    } catch {
      // No constructed stylesheets (old browsers): readable, if plain.
      Object.assign(host.style, { position: 'fixed', left: '8px', bottom: '8px', zIndex: '2147483647', background: '#fff', font: '12px monospace' });
    }
    const panel = root.appendChild(document.createElement('section'));
    panel.setAttribute('role', 'region');
    panel.setAttribute('aria-label', words.title);
    const header = panel.appendChild(document.createElement('header'));
    const toggle = header.appendChild(document.createElement('button'));
    toggle.className = 'toggle';
    toggle.textContent = 'HL';
    toggle.setAttribute('aria-label', words.title);
    toggle.setAttribute('aria-expanded', 'false');
    list.hidden = true;
    place = () => {
      const running = runningInstance();
      keepClear(shown, panel, running && explained(running));
    };
    toggle.addEventListener('click', () => {
      list.hidden = !list.hidden;
      panel.classList.toggle('open', !list.hidden);
      toggle.textContent = list.hidden ? 'HL' : words.title;
      toggle.setAttribute('aria-expanded', String(!list.hidden));
      place();
    });
    const close = header.appendChild(document.createElement('button'));
    close.className = 'close';
    close.textContent = '×';
    close.setAttribute('aria-label', words.close);
    close.addEventListener('click', () => remove());
    panel.append(list);
    document.body.append(host);
  }
  // The Buy button moves as the page scrolls or the window changes: once a frame at most.
  let frame = 0;
  const replace = () => (frame ||= requestAnimationFrame(() => ((frame = 0), place())));
  // After a change, once the Buy buttons have rendered it (the "checkout" fact is read from one).
  const update = () =>
    Promise.all([...document.querySelectorAll<HTMLElement & { updateComplete?: Promise<unknown> }>('hotlink-buy-button')].map((b) => b.updateComplete)).then(
      () => (render(list, debugFacts()), place()),
    );
  document.addEventListener('hotlinks-change', update);
  addEventListener('scroll', replace, { passive: true, capture: true });
  addEventListener('resize', replace);
  globalThis.customElements?.whenDefined('hotlink-buy-button').then(update);
  render(list, debugFacts());
  place();
  const remove = () => {
    document.removeEventListener('hotlinks-change', update);
    removeEventListener('scroll', replace, { capture: true });
    removeEventListener('resize', replace);
    (host ?? list).remove();
  };
  return remove;
}
