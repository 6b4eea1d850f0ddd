/**
 * Gives checkout `<a href>`, `<area href>` and `<form action>` (and links to the producer's other
 * sites) their decorated URL at the moment the visitor acts on them: pointer down (click,
 * middle-click, long-press, drag), a key, focus, the context menu ("copy link address"); the click
 * and the submission themselves go through `departures.ts`, which decorates first. Every way of
 * leaving carries the code, and a page load costs nothing per link, however many links the page
 * has or adds. Hotmart's widget links (`a.hotmart-fb`) are decorated at once too: its script may
 * read their `href` before anyone acts.
 *
 * Elements are read and written through `Element.prototype` (see `dom.ts`): a form's named fields
 * (`<input name="getAttribute">`) cannot break one form, and one hostile element cannot stop the others.
 */
import { isBuyButton } from '../button/ours.js';
import { closest, documentProperty, getAttribute, listen, queryDocument, setAttribute } from '../page/dom.js';
import { addFormFields } from './form-fields.js';

export const LINKS = 'a[href],area[href]';
const SELECTOR = LINKS + ',form[action]';
const WIDGET = 'a.hotmart-fb';
/** Before any of these reaches its target, the link under it is decorated (a form: on submission). */
const PRESSES = ['pointerdown', 'keydown', 'focusin', 'contextmenu'];

/** The decorated URL for a URL the page wrote, or `null` for a link that is not ours to touch. */
export type UrlDecorator = (href: string) => string | null;

export interface LinkDecorator {
  /** The URL the page wrote on a link or form, before any decoration of ours. */
  source(el: Element): string | null;
  /**
   * Decorates one element; returns its decorated URL, or `null` when it is not ours to touch. A
   * form's submit button with its own `formaction` is decorated as the form's destination.
   */
  element(el: Element): string | null;
  /** Decorates `root` and every link and form under it, now. */
  all(root?: ParentNode): void;
  /** The attribution changed: decorate again what carries a decoration, and the widget's links. */
  refresh(): void;
  /** Decorate as the visitor acts; the widget's links at once. */
  listen(): void;
}

/**
 * The innermost element an event happened on, inside other components' shadow roots too; inside our
 * own Buy button's, the button: it decorates its link and announces its departure itself.
 */
export const eventTarget = (event: Event) => {
  const target = event.composedPath()[0] ?? null;
  const root = target instanceof Node ? Node.prototype.getRootNode.call(target) : null;
  return root instanceof ShadowRoot && isBuyButton(root.host) ? root.host : target;
};

export function linkDecorator(decorateUrl: UrlDecorator): LinkDecorator {
  /** Per element: the URL the page wrote, and the one we replaced it with. */
  const seen = new WeakMap<Element, [original: string, applied: string]>();

  const nameOf = (el: Element) => (el.localName == 'form' ? 'action' : el.localName == 'a' || el.localName == 'area' ? 'href' : 'formaction');
  const source = (el: Element) => {
    const current = getAttribute(el, nameOf(el));
    const [original, applied] = seen.get(el) ?? [];
    // The page may have changed the URL since we decorated it: then its new URL is the original.
    return current != null && current == applied ? original! : current;
  };

  const element = (el: Element): string | null => {
    try {
      const written = source(el);
      const url = written != null ? decorateUrl(written) : null;
      // Also for a form the page pointed elsewhere (or to itself, its action removed): it loses the fields we gave it.
      const form = el.localName == 'form' ? (el as HTMLFormElement) : nameOf(el) == 'formaction' ? (el as HTMLButtonElement).form : null;
      if (form) addFormFields(form, url, el);
      if (url == null) return null;
      seen.set(el, [written!, url]);
      if (getAttribute(el, nameOf(el)) != url) setAttribute(el, nameOf(el), url);
      return url;
    } catch {
      // An element a page or its visitors made hostile: it is left as it is, the others are not.
      return null;
    }
  };

  const each = (selector: string, root: ParentNode = document) => {
    if (root instanceof Element ? Element.prototype.matches.call(root, selector) : false) element(root as Element);
    (root == document ? queryDocument(selector) : root.querySelectorAll(selector)).forEach(element);
  };

  const widget = () => each(WIDGET);

  return {
    source,
    element,
    all: (root) => each(SELECTOR, root),
    refresh() {
      queryDocument(SELECTOR).forEach((el) => seen.has(el) && element(el));
      widget();
    },
    listen() {
      const onPress = (event: Event) => {
        const el = closest(eventTarget(event), LINKS);
        if (el) element(el);
      };
      for (const type of PRESSES) listen(document, type, onPress, { capture: true, passive: true });
      // A script in the page's <head> runs before the body exists.
      documentProperty('readyState').get!.call(document) == 'loading' ? listen(document, 'DOMContentLoaded', widget) : widget();
    },
  };
}
