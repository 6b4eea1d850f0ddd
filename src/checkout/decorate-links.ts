/**
 * Keeps every checkout `<a href>`, `<area href>` and `<form action>` on the page decorated,
 * including ones added or changed later. Work is proportional to what changed: a
 * MutationObserver batch is handled in one pass, and each distinct href is computed once.
 */

const SELECTOR = 'a[href],area[href],form[action]';

/** Returns the decorated URL, or `null` for a link that is not a checkout link. */
export type UrlDecorator = (href: string) => string | null;

export interface LinkDecorator {
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

  const element = (el: Element): string | null => {
    const name = el.tagName == 'FORM' ? 'action' : 'href';
    const current = el.getAttribute(name);
    if (current == null) return null;
    const [original, applied] = seen.get(el) ?? [];
    // The page may have changed the URL since we decorated it: then its new URL is the original.
    const source = current == applied ? original! : current;
    let url = cache.get(source);
    if (url === undefined) cache.set(source, (url = decorateUrl(source)));
    if (url == null) return null;
    seen.set(el, [source, url]);
    if (current != url) el.setAttribute(name, url);
    if (el instanceof HTMLFormElement) addFormFields(el, url);
    return url;
  };

  const all = (root: ParentNode = document) => {
    if (root instanceof Element && root.matches(SELECTOR)) element(root);
    root.querySelectorAll(SELECTOR).forEach(element);
  };

  return {
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

/**
 * A GET form's submission replaces the action's query with the form's fields, so the checkout
 * parameters also go in as hidden fields (never over a field the form already has).
 */
function addFormFields(form: HTMLFormElement, url: string): void {
  form.querySelectorAll('[data-hotlinks]').forEach((input) => input.remove());
  if (form.method != 'get') return;
  for (const [name, value] of new URL(url).searchParams) {
    if (!form.elements.namedItem(name)) {
      const input = Object.assign(document.createElement('input'), { type: 'hidden', name, value });
      input.dataset.hotlinks = '';
      form.append(input);
    }
  }
}
