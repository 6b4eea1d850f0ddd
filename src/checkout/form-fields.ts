/**
 * A GET form's submission replaces the action's query with the form's fields, so a GET form to
 * checkout gets the checkout parameters as hidden fields too (never over a field it already has),
 * and loses them when it goes elsewhere (`url` is `null`): the page pointed it away, or the visitor
 * pressed a submit button with its own `formaction`. Read through the prototypes (see `dom.ts`).
 */
import { getAttribute } from '../page/dom.js';

export function addFormFields(form: HTMLFormElement, url: string | null, by: Element = form): void {
  Element.prototype.querySelectorAll.call(form, '[data-hotlinks]').forEach((input) => input.remove());
  // A submit button with its own `formaction` (`by`) may have its own `formmethod` too.
  const method = (by != form && getAttribute(by, 'formmethod')) || getAttribute(form, 'method');
  if (!url || (method ?? 'get').toLowerCase() != 'get') return;
  const names = new Set([...Element.prototype.querySelectorAll.call(form, '[name]')].map((field) => getAttribute(field, 'name')));
  for (const [name, value] of new URL(url).searchParams) {
    if (!names.has(name)) {
      const input = Object.assign(Document.prototype.createElement.call(document, 'input'), { type: 'hidden', name, value });
      input.dataset.hotlinks = '';
      form.append(input);
    }
  }
}
