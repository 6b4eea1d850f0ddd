/**
 * Hash routers (`/#/curso?a=CODE`): the query inside the hash is a landing too, on load and on
 * every `hashchange`; the page's query comes first where a parameter is in both; clean-url takes
 * the captured parameters out of the hash's query and keeps the route.
 */
import { describe, expect, it } from 'vitest';
import { CODE, ORIGIN, OTHER_CODE, cookie, press, setUrl, settle, start, usePage } from '../support/page';

const HOTLINK = 'https://pay.hotmart.com/A72242240H';
const buy = () => press(document.getElementById('buy')!);

describe('a landing in the hash', () => {
  usePage(ORIGIN + '/', `<a id="buy" href="${HOTLINK}">Comprar</a>`);

  it.each([
    { url: `/#/curso?a=${CODE}`, affiliate: CODE, checkout: `${HOTLINK}?af=${CODE}` },
    { url: `/#?a=${CODE}&utm_source=fb`, affiliate: CODE, checkout: `${HOTLINK}?af=${CODE}&utm_source=fb` },
    { url: `/app#/curso/aula?utm_campaign=lanc&aff=${CODE}`, affiliate: CODE, checkout: `${HOTLINK}?af=${CODE}&utm_campaign=lanc` },
    // Query first: where a parameter is in both, the query's value counts.
    { url: `/?a=${CODE}#/curso?a=${OTHER_CODE}`, affiliate: CODE, checkout: `${HOTLINK}?af=${CODE}` },
    { url: `/?utm_source=query#/curso?a=${CODE}&utm_source=hash`, affiliate: CODE, checkout: `${HOTLINK}?af=${CODE}&utm_source=query` },
    // An invalid code in the query does not hide a valid one under a later name in the hash.
    { url: `/?a=nope#/curso?aff=${CODE}`, affiliate: CODE, checkout: `${HOTLINK}?af=${CODE}` },
    // A hash without a query is a plain anchor.
    { url: `/#a=${CODE}`, affiliate: undefined, checkout: HOTLINK },
  ])('$url: $affiliate', ({ url, affiliate, checkout }) => {
    setUrl(url);
    const captured: (string | null)[] = [];
    document.addEventListener('hotlinks-attribution', (e) => captured.push(e.detail.affiliate));
    start();
    expect(captured).toEqual(affiliate ? [affiliate] : []);
    expect(cookie()?.split('|')[1]).toBe(affiliate);
    expect(buy()).toBe(checkout);
  });

  it('hashchange navigations are landings; one landing is captured once', async () => {
    const captured: (string | null)[] = [];
    document.addEventListener('hotlinks-attribution', (e) => captured.push(e.detail.affiliate));
    start();
    location.hash = `#/curso?a=${CODE}&utm_source=fb`;
    await settle();
    expect(captured).toEqual([CODE]);
    expect(buy()).toBe(`${HOTLINK}?af=${CODE}&utm_source=fb`);
    location.hash = '#/aula-1';
    await settle();
    // Back to the same landing: not a second capture.
    location.hash = `#/curso?a=${CODE}&utm_source=fb`;
    await settle();
    expect(captured).toEqual([CODE]);
    location.hash = `#/oferta?a=${OTHER_CODE}`;
    await settle();
    expect(captured).toEqual([CODE, OTHER_CODE]);
    expect(cookie()?.split('|')[1]).toBe(OTHER_CODE);
    expect(buy()).toBe(`${HOTLINK}?af=${OTHER_CODE}`);
  });

  it.each([
    // utm_* stays for the page's other tags to read, unless cleanUrl is 'all'.
    { url: `/#/curso?a=${CODE}&utm_source=fb&lang=pt`, cleanUrl: true, clean: '/#/curso?utm_source=fb&lang=pt' },
    { url: `/#/curso?a=${CODE}&sck=bio&lang=pt`, cleanUrl: true, clean: '/#/curso?lang=pt' },
    { url: `/#/curso?a=${CODE}&utm_source=fb&lang=pt`, cleanUrl: 'all', clean: '/#/curso?lang=pt' },
    { url: `/#/curso?a=${CODE}`, cleanUrl: true, clean: '/#/curso' },
    { url: `/#?a=${CODE}&utm_source=fb`, cleanUrl: 'all', clean: '/' },
    { url: `/#?a=${CODE}&sck=bio`, cleanUrl: true, clean: '/' },
    { url: `/p?x=1&a=${CODE}#/curso?utm_source=fb&y=2`, cleanUrl: 'all', clean: '/p?x=1#/curso?y=2' },
    { url: `/p?a=${CODE}#precos`, cleanUrl: true, clean: '/p#precos' },
  ])('clean-url $cleanUrl: $url → $clean', ({ url, cleanUrl, clean }) => {
    setUrl(url);
    start({ cleanUrl });
    expect(location.href).toBe(ORIGIN + clean);
    expect(buy()).toMatch(new RegExp(`^${HOTLINK}\\?af=${CODE}`));
  });

  it('clean-url on a hashchange landing: the route stays', async () => {
    start({ cleanUrl: true });
    location.hash = `#/curso/aula?a=${CODE}&t=30`;
    await settle();
    expect(location.href).toBe(ORIGIN + '/#/curso/aula?t=30');
    expect(cookie()?.split('|')[1]).toBe(CODE);
  });
});
