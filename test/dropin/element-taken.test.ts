/**
 * Another script on the page defined `<hotlink-buy-button>` before the drop-in loaded (a theme, a
 * page builder, an older copy of some widget). Theirs stays; ours says so once and otherwise runs:
 * the fallback link inside the element is decorated and takes the visitor to checkout with the code.
 * (Its own file: a tag, once defined, stays defined for the page.)
 */
import { describe, expect, it, vi } from 'vitest';
import { CODE, ORIGIN, click, cookie, setUrl, settle, usePage } from '../support/page';
import { runDropin } from '../support/built';

const HOTLINK = 'https://pay.hotmart.com/A72242240H?off=abc';

describe('<hotlink-buy-button> already defined by another script', () => {
  usePage(ORIGIN + '/', `<hotlink-buy-button hotlink="${HOTLINK}"><a id="fallback" href="${HOTLINK}">Comprar</a></hotlink-buy-button>`);

  it('theirs stays, a warning names the tag, and the fallback link reaches checkout with the code', async () => {
    class Theirs extends HTMLElement {}
    customElements.define('hotlink-buy-button', Theirs);
    const warnings: string[] = [];
    vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => void warnings.push(args.map(String).join(' ')));
    const errors = vi.spyOn(console, 'error');
    setUrl(`/curso?a=${CODE}`);

    expect(() => runDropin('hotlinks.js')).not.toThrow();
    await settle();

    expect(customElements.get('hotlink-buy-button')).toBe(Theirs);
    expect(warnings).toEqual(['[hotlinks] <hotlink-buy-button> is already defined by another script; it is left as it is']);
    expect(errors).not.toHaveBeenCalled();
    expect(cookie()).toMatch(new RegExp(`^2\\|${CODE}\\|`));
    const { visit } = (window as unknown as { HotLinks: { getAttribution(): { visit: string } } }).HotLinks.getAttribution();
    expect(click(document.getElementById('fallback')!)).toBe(`${HOTLINK}&af=${CODE}&xcod=${visit}`);
  });
});
