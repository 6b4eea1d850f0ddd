/**
 * Gives checkout `<a href>`, `<area href>` and `<form action>` (and links to the producer's other
 * sites) their decorated URL at the moment the visitor acts on them: pointer down (click,
 * middle-click, long-press, drag), a key, focus, the context menu ("copy link address"); the click
 * and the submission themselves go through `departures.ts`, which decorates first. Every way of
 * leaving carries the code, and a page load costs nothing per link, however many links the page
 * has or adds. Hotmart's widget links (`a.hotmart-fb`) are decorated at once too: its script may
 * read their `href` before anyone acts.
 */
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
  /** Decorates one element; returns its decorated URL, or `null` when it is not ours to touch. */
  element(el: Element): string | null;
  /** Decorates `root` and every link and form under it, now. */
  all(root?: ParentNode): void;
  /** The attribution changed: decorate again what carries a decoration, and the widget's links. */
  refresh(): void;
  /** Decorate as the visitor acts; the widget's links at once. */
  listen(): void;
}

export function linkDecorator(decorateUrl: UrlDecorator): LinkDecorator {
  /** Per element: the URL the page wrote, and the one we replaced it with. */
  const seen = new WeakMap<Element, [original: string, applied: string]>();

  const nameOf = (el: Element) => (el.tagName == 'FORM' ? 'action' : 'href');
  const source = (el: Element) => {
    const current = el.getAttribute(nameOf(el));
    const [original, applied] = seen.get(el) ?? [];
    // The page may have changed the URL since we decorated it: then its new URL is the original.
    return current != null && current == applied ? original! : current;
  };

  const element = (el: Element): string | null => {
    const written = source(el);
    if (written == null) return null;
    const url = decorateUrl(written);
    // Also for a form the page pointed elsewhere: it loses the fields we gave it.
    if (el.tagName == 'FORM') addFormFields(el as HTMLFormElement, url);
    if (url == null) return null;
    seen.set(el, [written, url]);
    if (el.getAttribute(nameOf(el)) != url) el.setAttribute(nameOf(el), url);
    return url;
  };

  const each = (selector: string, root: ParentNode = document) => {
    if ((root as Element).matches?.(selector)) element(root as Element);
    root.querySelectorAll(selector).forEach(element);
  };

  const widget = () => each(WIDGET);

  return {
    source,
    element,
    all: (root) => each(SELECTOR, root),
    refresh() {
      document.querySelectorAll(SELECTOR).forEach((el) => seen.has(el) && element(el));
      widget();
    },
    listen() {
      const onPress = (event: Event) => {
        const el = (event.target as Element).closest?.(LINKS);
        if (el) element(el);
      };
      for (const type of PRESSES) document.addEventListener(type, onPress, { capture: true, passive: true });
      // A script in the page's <head> runs before the body exists.
      document.readyState == 'loading' ? document.addEventListener('DOMContentLoaded', widget) : widget();
    },
  };
}
