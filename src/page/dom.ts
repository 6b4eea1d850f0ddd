/**
 * The page's DOM, reached through the prototypes. Markup shadows members of `document` and of a
 * form by name: `<img name="cookie">` makes `document.cookie` that image, `<img
 * name="addEventListener">` does it to `document.addEventListener`, `<input name="getAttribute">`
 * to its form's. One line of markup in a blog comment must not switch the script off, so the core
 * calls the prototypes' own members. (`window`'s own members, `addEventListener` among them, cannot
 * be shadowed that way; `window.HotLinks`, which is not one, can: see `dropin-start.ts`.) Nothing
 * here is touched at import: the ESM package is imported in Node too.
 */

/** `target.addEventListener(...)` as `EventTarget` defines it. */
export const listen = (target: EventTarget, type: string, listener: (event: any) => void, options?: boolean | AddEventListenerOptions) =>
  EventTarget.prototype.addEventListener.call(target, type, listener, options);

/**
 * `target.dispatchEvent(event)`, on `document` as `EventTarget` defines it. (An element's own is
 * kept: a form whose fields shadow it can only spoil its own departure's event, and happy-dom's
 * forms are proxies its prototype refuses.)
 */
export const dispatch = (target: EventTarget, event: Event) =>
  target == document ? EventTarget.prototype.dispatchEvent.call(document, event) : target.dispatchEvent(event);

/**
 * `document.<name>` as `Document.prototype` (or, in happy-dom, a prototype above it) defines it:
 * `.get!.call(document)` reads it.
 */
export const documentProperty = (name: string) => {
  let descriptor;
  for (let proto = Document.prototype; !(descriptor = Object.getOwnPropertyDescriptor(proto, name)); ) proto = Object.getPrototypeOf(proto);
  return descriptor;
};

/** `document.querySelectorAll(selector)`. */
export const queryDocument = (selector: string) => Document.prototype.querySelectorAll.call(document, selector);

/** `el.getAttribute(name)`, `el.setAttribute(name, value)`, `el.closest(selector)`, whatever the element's named children. */
export const getAttribute = (el: Element, name: string) => Element.prototype.getAttribute.call(el, name);
export const setAttribute = (el: Element, name: string, value: string) => Element.prototype.setAttribute.call(el, name, value);
export const closest = (el: EventTarget | null, selector: string) =>
  el instanceof Element ? Element.prototype.closest.call(el, selector) : null;
