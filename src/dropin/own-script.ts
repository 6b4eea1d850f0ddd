/**
 * The drop-in's own `<script>` element: its `data-*` attributes are the settings, and its URL is
 * where the companion files are. `document.currentScript` cannot be trusted for that: any element
 * the page names `currentScript` (`<img name="currentScript" src=…>`, a `<form>`) shadows it, and
 * would choose the settings and the origin of code run in the page. The getter of
 * `Document.prototype`, called directly, sees no such element; and only a real `<script>` counts.
 */
import { documentProperty } from '../page/dom.js';

export function ownScript(): HTMLScriptElement | null {
  const current = documentProperty('currentScript').get!.call(document);
  if (current instanceof HTMLScriptElement) return current;
  console.warn('[hotlinks] no <script> element of its own (a module? a loader?): default settings, no companion files');
  return null;
}
