/**
 * The landing URL is the attacker's: whatever it carries, nothing but a valid code is stored, no
 * cookie is injected, nothing runs, and the visitor still reaches checkout.
 */
import { expect, it } from 'vitest';
import { describeInBrowser, useBrowser } from './harness/suite';
import { dropin, html } from './harness/site';
import { describeCookies } from './harness/visitor';

const HOTLINK = 'https://pay.hotmart.com/A72242240H?off=abc';
const q = encodeURIComponent;

describeInBrowser('hostile landing values', () => {
  const t = useBrowser();
  const visit = async (query: string) => {
    t.site.page('/curso', html(`<a id="buy" href="${HOTLINK}">Comprar</a><p id="out"></p>`, dropin('hotlinks.js')));
    const v = await t.visitor();
    const dialogs: string[] = [];
    v.page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await v.page.goto(t.site.url('www.shop.test', '/curso?' + query));
    return { v, dialogs };
  };

  it.each([
    { what: 'a script tag', a: '<script>alert(1)</script>' },
    { what: 'an HTML-injection attempt', a: '"><img src=x onerror=alert(1)>' },
    { what: 'a cookie attribute injection', a: 'O95340038V;domain=evil.test' },
    { what: 'a second cookie via comma', a: 'O95340038V, evil=1' },
    { what: 'CR/LF header injection', a: 'O95340038V\r\nSet-Cookie: evil=1' },
    { what: '10,000 characters', a: 'O' + '9'.repeat(9998) + 'V' },
    { what: 'a Cyrillic look-alike O', a: '\u041E95340038V' },
    { what: 'full-width digits', a: 'O\uFF19\uFF15340038V' },
    { what: 'Arabic-Indic digits', a: 'O\u0669\u0665340038V' },
    { what: 'a lowercase code', a: 'o95340038v' },
    { what: 'a code with a trailing space', a: 'O95340038V ' },
    { what: 'a zero-width space inside', a: 'O9534\u200B0038V' },
  ])('$what as the code: no cookie, no attribution, checkout still works', async ({ a }) => {
    const { v, dialogs } = await visit(`a=${q(a)}&ref=${q(a)}`);
    expect(await v.cookies()).toEqual([]);
    expect(v.events).toEqual([]);
    expect(await v.page.evaluate(() => (window as any).HotLinks.getAttribution())).toBeNull();
    expect(await v.page.getAttribute('#buy', 'href')).toBe(HOTLINK);
    await v.page.click('#buy');
    expect(await v.reachCheckout()).toBe(HOTLINK);
    expect(dialogs).toEqual([]);
    expect(v.errors).toEqual([]);
  });

  it.each([
    { what: 'a script tag', param: 'utm_source', value: '<script>alert(1)</script>', kept: false },
    { what: 'a cookie attribute injection', param: 'utm_term', value: 'x;domain=evil.test; path=/', kept: false },
    { what: 'quotes', param: 'utm_content', value: '"x" onclick=\'y\'', kept: false },
    { what: 'spaces, & and % (harmless)', param: 'utm_term', value: 'black friday & 50% off', kept: true },
    { what: 'look-alike Unicode', param: 'utm_campaign', value: 'pr\u043Emo', kept: true },
    { what: 'CR/LF', param: 'sck', value: 'bio\r\nSet-Cookie: evil=1', kept: false },
    { what: 'a NUL byte', param: 'src', value: 'a\u0000b', kept: false },
    { what: '10,000 characters', param: 'xcod', value: 'x'.repeat(10_000), kept: false },
  ])('$what in $param beside a valid code: kept verbatim only when harmless, one cookie, exact URL', async ({ param, value, kept }) => {
    const { v, dialogs } = await visit(`a=O95340038V&${param}=${q(value)}`);
    expect(describeCookies(await v.cookies())).toEqual(['hotlinks@.shop.test secure']);
    expect(v.events.map((e) => e.detail.params)).toEqual([kept ? { [param]: value } : {}]);
    const visitId = await v.visit();
    const expected = `${HOTLINK}&af=O95340038V` + (kept ? `&${new URLSearchParams({ [param]: value })}` : '') + `&xcod=${visitId}`;
    await v.page.click('#buy');
    expect(await v.reachCheckout()).toBe(expected);
    // A refused xcod leaves checkout's xcod to the visit id, as on any visit.
    expect(new URL(v.page.url()).searchParams.get(param)).toBe(kept ? value : param == 'xcod' ? visitId : null);
    expect(dialogs).toEqual([]);
    expect(v.errors).toEqual([]);
  });

  it('a forged cookie is discarded and deleted, and checkout goes without a code', async () => {
    t.site.page('/curso', html(`<a id="buy" href="${HOTLINK}">Comprar</a>`, dropin('hotlinks-capture.js')));
    const v = await t.visitor();
    const future = (Date.now() + 86_400_000).toString(36);
    const visitId = 'mJIDFq3bN0xk-_7Z';
    for (const value of [
      `2|<script>|1|${future}||${visitId}`,
      `2|O95340038V|${future}|${future}||${visitId}`,
      'garbage',
      `2|O95340038V|1|${future}|sck%3D%250A|${visitId}`,
    ]) {
      await v.context.addCookies([{ name: 'hotlinks', value, domain: '.shop.test', path: '/' }]);
      await v.page.goto(t.site.url('www.shop.test', '/curso'));
      // The cookie is read when first needed: here, as the visitor presses the checkout link.
      await v.page.hover('#buy');
      await v.page.mouse.down();
      expect(await v.page.getAttribute('#buy', 'href'), value).toBe(HOTLINK);
      await v.page.mouse.up();
      expect(await v.reachCheckout(), value).toBe(HOTLINK);
      expect(await v.cookies(), value).toEqual([]);
    }
  });
});
