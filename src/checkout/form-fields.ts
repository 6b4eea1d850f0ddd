/**
 * A GET form's submission replaces the action's query with the form's fields, so a GET form to
 * checkout gets the checkout parameters as hidden fields too (never over a field it already has),
 * and loses them when the page points it elsewhere (`url` is `null`).
 */
export function addFormFields(form: HTMLFormElement, url: string | null): void {
  form.querySelectorAll('[data-hotlinks]').forEach((input) => input.remove());
  if (!url || form.method != 'get') return;
  for (const [name, value] of new URL(url).searchParams) {
    if (!form.elements.namedItem(name)) {
      const input = Object.assign(document.createElement('input'), { type: 'hidden', name, value });
      input.dataset.hotlinks = '';
      form.append(input);
    }
  }
}
