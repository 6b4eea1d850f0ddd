/**
 * The drop-ins' `addFormFields`. GET forms to checkout are rare, so their code is its own file,
 * `hotlinks-forms.js`, fetched from beside the script only for a page that has one; decoration
 * runs as the page loads, well before a visitor can submit. The build puts this module in place of
 * `form-fields.ts` in the drop-ins; the ESM package uses `form-fields.ts` itself.
 */
import { loadBeside } from '../dropin-assets.js';
import type * as FormFields from './form-fields.js';

export const addFormFields: typeof FormFields.addFormFields = (form, url) => {
  if (form.method == 'get') {
    loadBeside<typeof FormFields>('hotlinks-forms.js', 'GET forms to checkout on this page do not carry the affiliate code').then(
      (loaded) => loaded.addFormFields(form, url),
      () => {},
    );
  }
};
