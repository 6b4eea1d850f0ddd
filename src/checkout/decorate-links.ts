/**
 * Keeps every checkout `<a href>`, `<area href>` and `<form action>` on the page decorated,
 * including ones added or changed later. Work is proportional to what changed: a
 * MutationObserver batch is handled in one pass, and each distinct href is computed once.
 */

import { addFormFields } from './form-fields.js';

const SELECTOR = 'a[href],area[href],form[action]';

/** Returns the decorated URL, or `null` for a link that is not a checkout link. */
export type UrlDecorator = (href: string) => string | null;

export interface LinkDecorator {
  /** The URL the page wrote on a link or form, before any decoration of ours. */
  source(el: Element): string | null;
  /** Decorates one element; returns its decorated URL, or `null` when it is not a checkout link. */
  element(el: Element): string | null;
  /** Decorates `root` and every link and form under it. */
  all(root?: ParentNode): void;
  /** The attribution changed: decorate every link afresh from the URL the page wrote. */
  refresh(): void;
  /** Keep decorating links and forms as they are added or their URL changes. */
  observe(): void;
}

export function linkDecorator(decorateUrl: UrlDecorator): LinkDecorator {
  /** Per element: the URL the page wrote, and the one we replaced it with. */
  const seen = new WeakMap<Element, [original: string, applied: string]>();
  let cache = new Map<string, string | null>();

  const nameOf = (el: Element) => (el.tagName == 'FORM' ? 'action' : 'href');
  const sourceOf = (el: Element) => {
    const current = el.getAttribute(nameOf(el));
    const [original, applied] = seen.get(el) ?? [];
    // The page may have changed the URL since we decorated it: then its new URL is the original.
    return current != null && current == applied ? original! : current;
  };

  const element = (el: Element): string | null => {
    const name = nameOf(el);
    const source = sourceOf(el);
    if (source == null) return null;
    let url = cache.get(source);
    if (url === undefined) cache.set(source, (url = decorateUrl(source)));
    // Also for a form the page pointed elsewhere: it loses the fields we gave it.
    if (el instanceof HTMLFormElement) addFormFields(el, url);
    if (url == null) return null;
    seen.set(el, [source, url]);
    if (el.getAttribute(name) != url) el.setAttribute(name, url);
    return url;
  };

  const all = (root: ParentNode = document) => {
    if (root instanceof Element && root.matches(SELECTOR)) element(root);
    root.querySelectorAll(SELECTOR).forEach(element);
  };

  return {
    source: sourceOf,
    element,
    all,
    refresh() {
      cache = new Map();
      all();
    },
    observe() {
      new MutationObserver((records) => {
        const changed = new Set<Node>();
        for (const record of records) {
          if (record.type == 'attributes') changed.add(record.target);
          else record.addedNodes.forEach((node) => changed.add(node));
        }
        changed.forEach((node) => node instanceof Element && node.isConnected && all(node));
      }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['href', 'action'] });
    },
  };
}
