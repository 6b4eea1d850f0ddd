/**
 * Building the page's elements. Text always goes in as text nodes: affiliate codes, campaign names
 * and transaction ids come from visitors' URLs and Hotmart's webhooks, and never become markup.
 * No inline style either (the page's CSP refuses it): looks come from classes in dashboard.css.
 */
export type Child = Node | string | null | undefined | false | Child[];
type Attributes = Record<string, string | boolean | null | undefined | ((event: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes?: Attributes | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (typeof value == 'function') element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, '');
    else if (value != null && value !== false) element.setAttribute(name, value);
  }
  element.append(...flatten(children));
  return element;
}

function flatten(children: Child[]): (Node | string)[] {
  return children.flatMap((child) => (Array.isArray(child) ? flatten(child) : child == null || child === false ? [] : [child]));
}

let ids = 0;
/** An id unique on the page, for `aria-labelledby` and `for`. */
export const uniqueId = (prefix: string) => `${prefix}-${++ids}`;
