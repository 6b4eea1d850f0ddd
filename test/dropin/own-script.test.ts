/**
 * The built drop-in finds its own `<script>` through `Document.prototype`'s `currentScript` getter,
 * never through `document.currentScript`, which an element named `currentScript` shadows (a real
 * browser test of the clobbering itself is in `test/e2e/trust.test.ts`). Here the shadowing is
 * reproduced by an own property on `document`, as the browser's named-property lookup makes it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CODE, ORIGIN, click, recordConsole, setUrl, usePage } from '../support/page';
import { loadDropin, pageApi } from '../support/act';

const HOTLINK = 'https://pay.hotmart.com/A72242240H';

/** `<img name="currentScript">` as the browser exposes it: `document.currentScript` is the element. */
function shadowCurrentScript(markup: string) {
  const holder = document.createElement('div');
  holder.innerHTML = markup;
  const el = holder.firstElementChild!;
  document.body.append(el);
  Object.defineProperty(document, 'currentScript', { configurable: true, get: () => el });
  return el;
}

describe('an element named currentScript on the page', () => {
  usePage(ORIGIN + '/', `<a id="buy" href="${HOTLINK}">Comprar</a>`);
  afterEach(() => {
    delete (document as { currentScript?: unknown }).currentScript;
  });

  it.each([
    '<img name="currentScript" src="https://elsewhere.example/x/" data-checkout-param="hacked" data-cookie-name="evil" data-consent="pending">',
    '<form name="currentScript" data-checkout-param="hacked" data-cookie-name="evil" data-consent="pending"></form>',
  ])('%s: the settings are the script\'s own', async (markup) => {
    setUrl(`/curso?a=${CODE}`);
    shadowCurrentScript(markup);
    const warnings = recordConsole('warn');
    await loadDropin('hotlinks-capture.js', { 'data-cookie-days': '30' });
    const { options } = pageApi();
    expect([options.checkoutParam, options.cookieName, options.consent, options.cookieDays]).toEqual(['af', 'hotlinks', 'granted', 30]);
    expect(document.cookie).toMatch(new RegExp(`(^|; )hotlinks=2\\|${CODE}\\|`));
    expect(click(document.getElementById('buy')!)).toBe(`${HOTLINK}?af=${CODE}&xcod=${pageApi().getAttribution().visit}`);
    expect(warnings).toEqual([]);
  });
});
