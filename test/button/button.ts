/** Mounting `<hotlink-buy-button>` on a test page and doing what a visitor does with it. */
import nodeConsole from 'node:console';
import { vi } from 'vitest';
import type { HotlinkBuyButton } from '../../src/define';
import '../../src/define';
import type { HotLinks } from '../../src/hotlinks';
import { settle, start } from '../support/page';

export { settle };

/** Starts HotLinks as the page's one instance (what the drop-in or `init()` does). */
export function startCore(input: Record<string, unknown> = {}): HotLinks {
  const core = start(input);
  (globalThis as Record<symbol, unknown>)[Symbol.for('hotlinks-embed')] = core;
  return core;
}

/** Puts `markup` in the page and waits until every button in it has rendered. */
export async function mount(markup: string): Promise<HotlinkBuyButton> {
  // Test markup, written here: the element itself never uses innerHTML.
  document.body.innerHTML = markup;
  return rendered(document.querySelector('hotlink-buy-button')!);
}

/** Puts a button with these attributes (any text, set as is) and children in the page, and waits until it has rendered. */
export function mountWith(attributes: Record<string, string>, ...children: Node[]): Promise<HotlinkBuyButton> {
  const el = document.createElement('hotlink-buy-button');
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  el.append(...children);
  document.body.replaceChildren(el);
  return rendered(el);
}

/** `<a href=…>label</a>`, built without parsing markup, so `href` can be anything. */
export function anchor(href: string, label = 'Comprar'): HTMLAnchorElement {
  const a = document.createElement('a');
  a.setAttribute('href', href);
  a.append(label);
  return a;
}

/** Waits for pending MutationObserver callbacks and the render they asked for. */
export async function rendered<T extends HotlinkBuyButton>(el: T): Promise<T> {
  await settle();
  await el.updateComplete;
  return el;
}

/** The element's link: `<a part="button">` in its shadow root. */
export const button = (el: Element) => el.shadowRoot!.querySelector<HTMLAnchorElement>('[part=button]')!;
export const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part=${name}]`);

/** What the visitor sees on the button: its label and price, as text. */
export const text = (el: Element) => {
  const label = part(el, 'label')!;
  const slot = label.querySelector('slot');
  const shown = slot ? slot.assignedNodes().map((n) => n.textContent).join('') : label.textContent;
  return [shown, part(el, 'price')?.textContent].filter(Boolean).join(' ').replace(/\s+/g, ' ').trim();
};

export interface Departure {
  url: string;
  target: string;
}

/**
 * Clicks `target` (by default the element's link) and returns where the browser would then go: the
 * clicked link's href and target as they stand after every listener ran, or `undefined` when the
 * click was cancelled or hit no link. The last listener cancels the real navigation.
 */
export function clickAndFollow(target: Element, init: MouseEventInit = {}): Departure | undefined {
  const clicked = target.localName == 'hotlink-buy-button' || target.shadowRoot ? button(target) : target;
  let departure: Departure | undefined;
  const last = (event: Event) => {
    const link = event.composedPath().find((node): node is HTMLAnchorElement => node instanceof HTMLAnchorElement);
    departure = event.defaultPrevented || !link?.hasAttribute('href') ? undefined : { url: link.href, target: link.target || '_self' };
    event.preventDefault();
  };
  document.addEventListener('click', last);
  clicked.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true, ...init }));
  document.removeEventListener('click', last);
  return departure;
}

/** Every `hotlinks-checkout` event that reached `document`. */
export function recordCheckouts(cancel = false) {
  const events: CustomEvent<{ url: string }>[] = [];
  document.addEventListener('hotlinks-checkout', (event) => {
    events.push(event);
    if (cancel) event.preventDefault();
  });
  return events;
}

/** Console messages of `level` from now on (the page helpers' own). */
export { recordConsole } from '../support/page';

/**
 * The URLs of the frames the page asked to load, from now on. happy-dom loads no frame (unit tests
 * have no network) and says so, naming the URL, on the console the page was created with: Node's
 * (`node:console`), not the test's `console`. Recorded here instead of printed; any other message
 * there is recorded whole, so a test comparing the list sees it.
 */
export function recordFrames(): string[] {
  const frames: string[] = [];
  vi.spyOn(nodeConsole, 'error').mockImplementation((...args: unknown[]) => {
    const message = args.map(String).join(' ');
    frames.push(/^NotSupportedError: Failed to load iframe page "([^"]*)"\. Iframe page loading is disabled\.$/.exec(message)?.[1] ?? message);
  });
  return frames;
}
