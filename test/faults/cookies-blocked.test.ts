/**
 * The built drop-in with cookies blocked (`document.cookie` throws, as in a sandboxed frame or with
 * "block all cookies"): the Buy button still takes the visitor to checkout with the code, kept in
 * memory for the page. (The core and links alone: test/attribution/hostile.test.ts, "cookies blocked".)
 */
import { describe, expect, it } from 'vitest';
import type { HotLinks } from '../../src/hotlinks';
import { CODE, ORIGIN, click, setUrl, settle, stubCookie, usePage, VISIT } from '../support/page';
import { runDropin } from '../support/built';

const HOTLINK = 'https://pay.hotmart.com/A72242240H?off=abc';

describe('cookies blocked, the built drop-in and its Buy button', () => {
  usePage(ORIGIN + '/');

  it('the button leads to checkout with the code and the tags; nothing is thrown', async () => {
    const refuse = () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    };
    stubCookie(refuse, refuse);
    setUrl(`/curso?a=${CODE}&utm_source=fb`);
    expect(() => runDropin('hotlinks.js')).not.toThrow();
    // The script in <head>: the button is parsed after it. (happy-dom does not pass attributes to an element upgraded later.)
    document.body.innerHTML = `<hotlink-buy-button hotlink="${HOTLINK}" sck="blog"></hotlink-buy-button>`;
    const el = document.querySelector('hotlink-buy-button') as HTMLElement & { updateComplete: Promise<unknown> };
    await settle();
    await el.updateComplete;

    const hotlinks = (window as unknown as { HotLinks: HotLinks }).HotLinks;
    expect(hotlinks.getAttribution()).toMatchObject({ affiliate: CODE, params: { utm_source: 'fb' }, storage: 'memory' });
    const link = el.shadowRoot!.querySelector<HTMLAnchorElement>('a[part=button]')!;
    // The visit id goes with it, though it lives in this page's memory only.
    expect(click(link)).toBe(`${HOTLINK}&af=${CODE}&utm_source=fb&xcod=${hotlinks.getAttribution()!.visit}&sck=blog`);
  });
});
