/**
 * Keeps every checkout `<a href>`, `<area href>` and `<form action>` on the page decorated,
 * including ones added or changed later. Work is proportional to what changed: a
 * MutationObserver batch is handled in one pass, and each distinct href is computed once.
 */

const SELECTOR = 'a[href],area[href],form[action]';

type Decorated = HTMLAnchorElement | HTMLAreaElement | HTMLFormElement;
/** Returns the decorated URL, or `null` for a link that is not a checkout link. */
export type UrlDecorator = (href: string) => string | null;

const attributeOf = (el: Element) => (el.tagName == 'FORM' ? 'action' : 'href');

export class LinkDecorator {
  /** The href as the page wrote it, and what we replaced it with. */
  #original = new WeakMap<Element, string>();
  #applied = new WeakMap<Element, string>();
  #cache = new Map<string, string | null>();
  #observer?: MutationObserver;

  constructor(private decorateUrl: UrlDecorator) {}

  /** The page-written URL of a link we decorated (or its current one). */
  originalOf(el: Element): string | null {
    const current = el.getAttribute(attributeOf(el));
    return current != null && current == this.#applied.get(el) ? this.#original.get(el)! : current;
  }

  /** Decorates one element; returns its decorated URL, or `null` when it is not a checkout link. */
  element(el: Decorated): string | null {
    const name = attributeOf(el);
    const original = this.originalOf(el);
    if (original == null) return null;
    let url = this.#cache.get(original);
    if (url === undefined) this.#cache.set(original, (url = this.decorateUrl(original)));
    if (url == null) return null;
    this.#original.set(el, original);
    this.#applied.set(el, url);
    if (el.getAttribute(name) != url) el.setAttribute(name, url);
    if (el instanceof HTMLFormElement) addFormFields(el, url);
    return url;
  }

  all(root: ParentNode = document): void {
    if (root instanceof Element && root.matches(SELECTOR)) this.element(root as Decorated);
    root.querySelectorAll<Decorated>(SELECTOR).forEach((el) => this.element(el));
  }

  /** The attribution changed: every checkout link is decorated afresh from what the page wrote. */
  refresh(root: ParentNode = document): void {
    this.#cache.clear();
    this.all(root);
  }

  observe(root: Node = document): void {
    this.#observer ??= new MutationObserver((records) => {
      const changed = new Set<Node>();
      for (const record of records) {
        if (record.type == 'attributes') changed.add(record.target);
        else record.addedNodes.forEach((node) => changed.add(node));
      }
      changed.forEach((node) => node.isConnected && node instanceof Element && this.all(node));
    });
    this.#observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['href', 'action'] });
  }
}

/**
 * A GET form's submission replaces the action's query with the form's fields, so the checkout
 * parameters also go in as hidden fields (never over a field the form already has).
 */
function addFormFields(form: HTMLFormElement, url: string): void {
  form.querySelectorAll('input[data-hotlinks]').forEach((input) => input.remove());
  if (form.method != 'get') return;
  for (const [name, value] of new URL(url).searchParams) {
    if (form.elements.namedItem(name)) continue;
    const input = document.createElement('input');
    input.type = 'hidden';
    input.name = name;
    input.value = value;
    input.dataset.hotlinks = '';
    form.append(input);
  }
}
