/**
 * The debug panel: what HotLinks knows on this page (affiliate, expiry, cookie domain, consent,
 * storage, forwarded tags, the checkout URL a click opens), in a small box. A drop-in loads it only
 * when the page URL has `?hotlinks_debug=1`, as its own file (`dist/hotlinks-debug.js`), so other
 * pages pay for one regular expression. It works under a strict Content-Security-Policy with
 * Trusted Types: DOM nodes and text only, styles in a constructed stylesheet.
 */
import { cookieValues, serializeCookie } from './attribution/cookie-codec.js';
import { documentJar, domainsOf } from './attribution/cookie-store.js';
import { parseHotLink } from './checkout/checkout-url.js';
import type { HotLinks } from './hotlinks.js';
import { runningInstance } from './instance.js';

export type Fact = [label: string, value: string];

const CONSENT = {
  granted: 'granted',
  pending: 'pending: nothing is written until HotLinks.consent(true)',
  google: "waiting for Google Consent Mode's ad_storage",
  tcf: 'waiting for the TCF consent tool (purpose 1)',
};

const DAY = 86_400_000;
const when = (ms: number) => new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The probed domain, once per page: probing writes (and removes) a test cookie. */
let probed: string | undefined | null = null;

/**
 * The registrable domain, found as the store finds it: the shortest domain on which a cookie
 * reads back. The probe's value is random, so a probe cookie planted by another site cannot pass.
 */
function probeDomain(): string | undefined {
  const value = Math.random().toString(36).slice(2);
  for (const domain of domainsOf(location.hostname)) {
    documentJar.write(serializeCookie('hotlinks_probe', value, { domain }));
    if (cookieValues(documentJar.read(), 'hotlinks_probe').includes(value)) {
      documentJar.write(serializeCookie('hotlinks_probe', '', { domain, expires: 0 }));
      return domain;
    }
  }
}

/** The cookie's domain: as this page wrote it, configured, or probed. */
function cookieDomain(hotlinks: HotLinks): string {
  const { cookieDomain } = hotlinks.options;
  if (cookieDomain != 'auto') return cookieDomain;
  if (probed === null) probed = probeDomain();
  return probed ? '.' + probed + ' (shared by its subdomains)' : location.hostname + ' only (host-only cookie)';
}

/** The URL the first Buy button or checkout link on the page opens (a link is decorated as it is pressed). */
function nextCheckout(hotlinks: HotLinks): string {
  const button = document.querySelector('hotlink-buy-button');
  const rendered = button?.shadowRoot?.querySelector<HTMLAnchorElement>('a[part~="button"]')?.href;
  if (rendered) return rendered + '  (Buy button)';
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a[href]')) {
    const written = hotlinks.writtenUrl(link) ?? '';
    if (parseHotLink(written, hotlinks.options.checkoutHosts)) return hotlinks.checkoutUrl(written) + '  (link)';
  }
  return 'no Buy button or checkout link on this page';
}

/** What the panel shows, in order. */
export function debugFacts(hotlinks: HotLinks | undefined = runningInstance(), now = Date.now()): Fact[] {
  if (!hotlinks) return [['status', 'not running: no HotLinks script has started on this page']];
  const { options } = hotlinks;
  const attribution = hotlinks.getAttribution();
  const params = Object.entries(attribution?.params ?? {}).map(([key, value]) => `${key}=${value}`);
  const days = attribution ? Math.ceil((attribution.expiresAt - now) / DAY) : 0;
  return [
    ['affiliate', attribution?.affiliate ?? 'none captured'],
    ['captured', attribution ? when(attribution.capturedAt) : '—'],
    ['expires', attribution ? `${when(attribution.expiresAt)} (in ${days} day${days == 1 ? '' : 's'})` : '—'],
    [
      'storage',
      !attribution
        ? 'nothing stored'
        : attribution.storage == 'cookie'
          ? `first-party cookie "${options.cookieName}"`
          : 'this page only (memory): no consent, or cookies refused',
    ],
    ['cookie domain', attribution?.storage == 'cookie' ? cookieDomain(hotlinks) : '—'],
    ['consent', CONSENT[hotlinks.options.consent]],
    ['forwarded', params.join(' & ') || 'none'],
    ['model', `${options.attribution}, ${options.cookieDays == 'forever' ? 400 : options.cookieDays} days, as "${options.checkoutParam}="`],
    ['checkout', nextCheckout(hotlinks)],
  ];
}

/** Fills `list` (a `<dl>`) with the facts, touching only what changed. */
function render(list: HTMLElement, facts: Fact[]) {
  const rows = list.children;
  facts.forEach(([label, value], i) => {
    let term = rows[2 * i] as HTMLElement | undefined;
    if (!term) {
      term = list.appendChild(document.createElement('dt'));
      list.appendChild(document.createElement('dd'));
    }
    const detail = term.nextElementSibling as HTMLElement;
    if (term.textContent != label) detail.dataset.fact = term.textContent = label;
    if (detail.textContent != value) detail.textContent = value;
  });
  while (rows.length > 2 * facts.length) rows[rows.length - 1].remove();
}

const STYLES = `
:host { all: initial; position: fixed; z-index: 2147483647; left: 0; top: 50%; transform: translateY(-50%); }
section { box-sizing: border-box; max-height: 70vh; overflow: auto; opacity: .85;
  font: 12px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: #e6edf3;
  background: #0d1117f2; border: 1px solid #30363d; border-left: 0; border-radius: 0 8px 8px 0; padding: 4px 3px;
  box-shadow: 0 6px 24px #0006; }
section.open { width: min(440px, calc(100vw - 8px)); padding: 10px 12px; opacity: 1; }
section:not(.open) .close { display: none; }
header { display: flex; justify-content: space-between; align-items: center; gap: 4px; }
button { all: unset; cursor: pointer; color: #8b949e; padding: 0 4px; font-size: 16px; }
button.toggle { font-size: 12px; font-weight: 700; color: #ef4f17; }
button:focus-visible { outline: 2px solid #58a6ff; border-radius: 3px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 3px 10px; margin: 8px 0 0; }
dl[hidden] { display: none; }
dt { color: #8b949e; }
dd { margin: 0; overflow-wrap: anywhere; }
`;

/**
 * Shows the facts, again after every change (`hotlinks-change`): in `container` as a plain `<dl>`
 * (styled by the page), or by default in a panel in the corner. Anyone can craft a link with
 * `?hotlinks_debug=1`, so the panel starts as a small tab on the left edge that covers nothing (a
 * Buy button included, on a phone) and opens on a tap. Returns a function that removes it.
 */
export function showDebugPanel(container?: Element): () => void {
  const list = document.createElement('dl');
  let host: HTMLElement | undefined;
  if (container) container.append(list);
  else {
    host = document.createElement('hotlinks-debug');
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
    panel.setAttribute('aria-label', 'HotLinks debug');
    const header = panel.appendChild(document.createElement('header'));
    const toggle = header.appendChild(document.createElement('button'));
    toggle.className = 'toggle';
    // Closed, a two-letter tab on the left edge, halfway down: clear of the top and bottom bars
    // where pages put their sticky Buy buttons and menus.
    toggle.textContent = 'HL';
    toggle.setAttribute('aria-label', 'HotLinks debug');
    toggle.setAttribute('aria-expanded', 'false');
    list.hidden = true;
    toggle.addEventListener('click', () => {
      list.hidden = !list.hidden;
      panel.classList.toggle('open', !list.hidden);
      toggle.textContent = list.hidden ? 'HL' : 'HotLinks debug';
      toggle.setAttribute('aria-expanded', String(!list.hidden));
    });
    const close = header.appendChild(document.createElement('button'));
    close.className = 'close';
    close.textContent = '×';
    close.setAttribute('aria-label', 'Close the HotLinks debug panel');
    close.addEventListener('click', () => remove());
    panel.append(list);
    document.body.append(host);
  }
  // After a change, once the Buy buttons have rendered it (the "checkout" fact is read from one).
  const update = () =>
    Promise.all([...document.querySelectorAll<HTMLElement & { updateComplete?: Promise<unknown> }>('hotlink-buy-button')].map((b) => b.updateComplete)).then(
      () => render(list, debugFacts()),
    );
  document.addEventListener('hotlinks-change', update);
  globalThis.customElements?.whenDefined('hotlink-buy-button').then(update);
  render(list, debugFacts());
  const remove = () => {
    document.removeEventListener('hotlinks-change', update);
    (host ?? list).remove();
  };
  return remove;
}
