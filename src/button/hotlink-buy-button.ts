import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { decorateHotLink } from '../checkout/checkout-url.js';
import { instance } from '../instance.js';
import { BUY_BUTTON } from './ours.js';
import { oneOf } from '../config/options.js';
import { ruled } from '../config/validate.js';
import { hotlinkProblem, readHotLink } from './hotlink-problem.js';
import { styles } from './hotlink-buy-button.styles.js';
import { type Language, labelsFor, languageOf } from './labels.js';
import { overlay, showOverlay } from './overlay.js';

export type BuyButtonMode = 'redirect' | 'new-tab' | 'overlay';
export type BuyButtonVariant = 'green' | 'orange' | 'black' | 'outline';
export type BuyButtonSize = 'sm' | 'md' | 'lg';

/**
 * The attributes with a fixed set of values, read by the rules the script's options follow
 * (`config/options.ts`): each list starts with the default, what an unknown value falls back to (with
 * a warning) and what the plain `:host` rule styles.
 */
const CHOICES = {
  mode: ['redirect', 'new-tab', 'overlay'] as BuyButtonMode[],
  variant: ['green', 'orange', 'black', 'outline'] as BuyButtonVariant[],
  size: ['md', 'sm', 'lg'] as BuyButtonSize[],
};
/**
 * A Buy button for a Hotmart Direct Payment HotLink. It is a real link (`<a part="button">`) to the
 * checkout URL decorated with the visitor's affiliate code and tracking parameters, so middle-click
 * and "open in new tab" carry them too; the URL is computed again on click.
 *
 * @tagname hotlink-buy-button
 * @summary The Buy button a producer pastes into a page: `<hotlink-buy-button hotlink="https://pay.hotmart.com/…">`.
 *
 * @slot - The label (default: "Comprar agora", "Buy now" or "Comprar ahora"). A light-DOM `<a href>`
 *   child is the no-JavaScript fallback instead: its href is the HotLink when `hotlink` is absent,
 *   and its text becomes the label.
 *
 * @csspart button - The link: background, colour, padding, radius.
 * @csspart label - The label.
 * @csspart price - The formatted price, on a second line.
 * @csspart dialog - The overlay's `<dialog>` (mode `overlay`).
 * @csspart close - The overlay's close button.
 * @csspart new-tab - The overlay's "open in a new tab" link.
 *
 * @cssprop [--hotlink-background=per variant] - Button background (green `#0a7d3b`, orange `#d7401a`, black `#161616`, outline transparent).
 * @cssprop [--hotlink-color=per variant] - Text colour (white; outline: `#0a7d3b`).
 * @cssprop [--hotlink-font-family=system-ui, sans-serif] - Font family (weight 700, size 1rem; `sm` .875rem, `lg` 1.25rem).
 * @cssprop [--hotlink-padding=0.75em 1.5em] - Padding inside the button.
 * @cssprop [--hotlink-min-width=12em] - Minimum width (wide enough for the default labels, so an empty element reserves its box).
 * @cssprop [--hotlink-radius=6px] - Corner radius.
 * @cssprop [--hotlink-shadow=0 1px 3px rgb(0 0 0 / 0.2)] - Box shadow.
 * @cssprop [--hotlink-focus-ring=#1a56db] - Keyboard focus outline colour.
 *
 * @event {CheckoutEvent} hotlinks-checkout - Just before the visitor leaves for checkout (or the overlay opens); `detail: { url, attribution }`. Cancelable: `preventDefault()` keeps the visitor on the page.
 */
export class HotlinkBuyButton extends LitElement {
  static override styles = styles;
  // The element never adds an attribute its author did not write: a server-rendered tag must
  // hydrate as rendered (React 19 and Preact compare or rewrite the attributes). Defaults stay in the
  // properties (`useDefault`: the initial value is not reflected); a value set later through a
  // property is reflected, so `:host([variant=...])` styles it. The defaults are styled without any
  // attribute (the `:host` rule), as the reserve CSS styles an element with none.
  static override properties = {
    hotlink: {},
    offer: {},
    mode: {},
    variant: { reflect: true, useDefault: true },
    size: { reflect: true, useDefault: true },
    price: {},
    currency: {},
    sck: {},
    src: {},
    disabled: { type: Boolean, reflect: true, useDefault: true },
  };

  /** The Direct Payment HotLink (`https://pay.hotmart.com/…`). Required, unless a light-DOM `<a href>` child provides it. */
  declare hotlink?: string;
  /** Offer code, sent to checkout as `off`. */
  declare offer?: string;
  /** `redirect`, `new-tab`, or `overlay` (checkout in a modal dialog, `checkoutMode=2`). */
  mode: BuyButtonMode = 'redirect';
  /** `green`, `orange`, `black` or `outline`. */
  variant: BuyButtonVariant = 'green';
  /** `sm`, `md` or `lg`. */
  size: BuyButtonSize = 'md';
  /** A price to show under the label, as a number (`197.9`; `197,90` also reads). */
  declare price?: string;
  /** The price's ISO 4217 currency. */
  currency = 'BRL';
  /** Source tag sent to checkout as `sck` (Hotmart's sales-origin reports). */
  declare sck?: string;
  /** Source tag sent to checkout as `src`. */
  declare src?: string;
  /** Shows the button disabled: no link, `aria-disabled`. */
  disabled = false;

  #observer?: MutationObserver;
  /** Problems already said on the console: each is said once, not on every render. */
  #reported = new Set<string>();
  #waitingForParser = false;

  override connectedCallback(): void {
    super.connectedCallback();
    // Light-DOM children are the label and maybe the fallback link. An element upgraded while the
    // parser is still adding its children sees none yet; `lang` can change too.
    this.#observer ??= new MutationObserver(this.#refresh);
    this.#observer.observe(this, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['href', 'lang'],
    });
    document.addEventListener('hotlinks-change', this.#refresh);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#observer?.disconnect();
    document.removeEventListener('hotlinks-change', this.#refresh);
  }

  #refresh = () => this.requestUpdate();

  /** The light-DOM fallback link, if any. */
  get #fallback(): HTMLAnchorElement | undefined {
    return [...this.children].find((el): el is HTMLAnchorElement => el.localName == 'a' && el.hasAttribute('href'));
  }

  get #mode(): BuyButtonMode {
    return this.#choice('mode');
  }

  #choice<K extends keyof typeof CHOICES>(name: K): (typeof CHOICES)[K][number] {
    const allowed: string[] = CHOICES[name];
    return ruled(this[name] || undefined, [allowed[0], oneOf(...allowed)], () =>
      this.#report(`${name} "${this[name]}" is not one of ${allowed.join(', ')}; ${allowed[0]} is used`, 'warn'),
    ) as (typeof CHOICES)[K][number];
  }

  #report(problem: string, level: 'warn' | 'error' = 'error', error?: unknown) {
    const message = `[hotlinks] <${this.localName}>: ${problem}`;
    if (this.#reported.has(message)) return;
    this.#reported.add(message);
    console[level](message, ...(error ? [error] : []));
  }

  /**
   * The fallback link's URL as the producer wrote it: the core decorates that link too (it must
   * work where the button never upgrades), and its additions must not pass for the HotLink's own.
   */
  #fallbackHref(): string | null | undefined {
    const link = this.#fallback;
    if (!link) return;
    try {
      return instance().writtenUrl?.(link) ?? link.getAttribute('href');
    } catch {
      return link.getAttribute('href');
    }
  }

  /**
   * The checkout URL the button leads to, or `undefined`: disabled, or a HotLink that is missing or
   * refused (said on the console). Never throws: when the core fails, the HotLink itself, with
   * this button's own parameters, still reaches checkout.
   */
  #checkoutUrl(): string | undefined {
    if (this.disabled) return;
    const hotlink = this.hotlink || this.#fallbackHref();
    if (!hotlink) {
      if (document.readyState != 'loading') this.#report('no hotlink attribute and no <a href> child; the button is disabled');
      else if (!this.#waitingForParser) {
        this.#waitingForParser = true;
        document.addEventListener('DOMContentLoaded', this.#refresh, { once: true });
      }
      return;
    }
    const extra = { off: this.offer, sck: this.sck, src: this.src, checkoutMode: this.#mode == 'overlay' ? '2' : undefined };
    const refused = (hosts?: string[]): undefined => {
      this.#report(hotlinkProblem(hotlink, hosts, this.hotlink ? 'hotlink' : 'the <a href> child')!);
    };
    try {
      const core = instance();
      const reading = readHotLink(hotlink, core.options.checkoutHosts);
      if (!('url' in reading)) return refused(core.options.checkoutHosts);
      return core.checkoutUrl(reading.hotlink, extra);
    } catch (error) {
      const reading = readHotLink(hotlink);
      if (!('url' in reading)) return refused();
      this.#report('could not add the affiliate; the button links to the HotLink itself', 'error', error);
      return decorateHotLink(reading.url, { params: [extra] });
    }
  }

  #formatPrice(language: Language): string | undefined {
    const price = String(this.price ?? '').trim();
    const currency = this.currency || 'BRL';
    if (!price) return;
    // `197,90` is how Brazilians write it; `1.997,00` stays ambiguous and is refused.
    const amount = Number(/^\d+,\d+$/.test(price) ? price.replace(',', '.') : price);
    try {
      if (!isFinite(amount)) throw RangeError();
      return new Intl.NumberFormat(language, { style: 'currency', currency }).format(amount);
    } catch {
      this.#report(`price "${price}" with currency "${currency}" cannot be shown; it is left out`, 'warn');
    }
  }

  #onClick = (event: MouseEvent) => {
    try {
      // Computed again: an attribution may have arrived since the last render.
      const url = this.#checkoutUrl();
      if (!url) return event.preventDefault();
      const link = event.currentTarget as HTMLAnchorElement;
      link.href = url;
      let go = true;
      try {
        go = instance().beginCheckout(url, this);
      } catch (error) {
        this.#report('could not announce the checkout', 'error', error);
      }
      if (!go) return event.preventDefault();
      const dialog = this.renderRoot.querySelector('dialog');
      // A modified click means "somewhere else" (a new tab or window): the browser does that.
      if (dialog && this.#mode == 'overlay' && !(event.ctrlKey || event.metaKey || event.shiftKey || event.altKey)) {
        showOverlay(dialog, url, dialog.getAttribute('aria-label')!);
        event.preventDefault();
      }
    } catch (error) {
      // Whatever failed, the link as rendered still goes to checkout.
      this.#report('the click failed; following the link', 'error', error);
    }
  };

  #overlayClosed = () => this.renderRoot.querySelector<HTMLElement>('[part=button]')?.focus();

  protected override render(): TemplateResult {
    try {
      return this.#render();
    } catch (error) {
      this.#report('could not render; showing a plain link', 'error', error);
      // The producer's own fallback link as it is, or a plain link to the HotLink around the label.
      const reading = !this.#fallback && this.hotlink && readHotLink(this.hotlink);
      return reading && 'url' in reading
        ? html`<a part="button" href=${reading.url.href} @click=${this.#onClick}><span part="label"><slot></slot></span></a>`
        : html`<slot></slot>`;
    }
  }

  #render() {
    // The element's language as HTML inherits it; `lang` on the element itself counts too.
    const language = languageOf(this.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.lang);
    const labels = labelsFor(language);
    const href = this.#checkoutUrl();
    const mode = this.#mode;
    this.#choice('variant');
    this.#choice('size');
    const fallback = this.#fallback;
    const hasLabel = [...this.childNodes].some((node) => node.nodeType == 1 || (node.nodeType == 3 && node.textContent!.trim()));
    // A fallback link is never slotted: a link inside the link would take the click and the focus.
    const label = fallback ? fallback.textContent!.trim() || labels.buy : hasLabel ? html`<slot></slot>` : labels.buy;
    const price = this.#formatPrice(language);
    const newTab = mode == 'new-tab';
    return html`<a
        part="button"
        href=${href ?? nothing}
        role=${href ? nothing : 'link'}
        aria-disabled=${href ? nothing : 'true'}
        aria-haspopup=${mode == 'overlay' ? 'dialog' : nothing}
        target=${newTab ? '_blank' : nothing}
        rel=${newTab ? 'noopener' : nothing}
        @click=${this.#onClick}
        @pointerdown=${this.#refresh}
        ><span part="label">${label}</span>${price ? html`<span part="price">${price}</span>` : nothing}${newTab
          ? html`<span class="hint"> ${labels.newTabHint}</span>`
          : nothing}</a
      >${mode == 'overlay' ? overlay(labels, this.#overlayClosed) : nothing}`;
  }
}

// Ours, and its subclasses' (a tag of the page's own): the core leaves the button's own link to it,
// and `defineBuyButton` knows it (see `ours.ts`).
(HotlinkBuyButton as unknown as Record<symbol, boolean>)[BUY_BUTTON] = true;
