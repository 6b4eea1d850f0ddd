/**
 * Landing with an affiliate code and buying later, in a real browser: the cookie it holds (and on
 * which domain), the events that fired, and the checkout URL it navigated to.
 */
import { expect, it } from 'vitest';
import { describeInBrowser, useBrowser } from './harness/suite';
import { dropin, html } from './harness/site';
import { describeCookies } from './harness/visitor';

const HOTLINK = 'https://pay.hotmart.com/A72242240H?off=abc';
const page = (settings: Record<string, string> = {}, extra = '') =>
  html(`<h1>Curso</h1><a id="buy" href="${HOTLINK}">Comprar</a>${extra}`, dropin('hotlinks-capture.js', settings));

describeInBrowser('attribution across pages and subdomains', () => {
  const t = useBrowser();

  it('captures on www., then a checkout link on blog. carries the code and tracking tags', async () => {
    t.site.page('/curso', page());
    t.site.page('/post', page());
    const v = await t.visitor();

    await v.page.goto(t.site.url('www.shop.test', '/curso?a=O95340038V&utm_source=instagram&sck=bio&x=1'));
    expect(v.events.map((e) => [e.type, e.detail.affiliate, e.detail.storage])).toEqual([['hotlinks-attribution', 'O95340038V', 'cookie']]);
    expect(v.events[0].detail.params).toEqual({ sck: 'bio', utm_source: 'instagram' });
    // One cookie, on the registrable domain, Secure on https; no test cookie beside it.
    expect(describeCookies(await v.cookies())).toEqual(['hotlinks@.shop.test secure']);
    const [cookie] = await v.cookies();
    expect(cookie).toMatchObject({ path: '/', sameSite: 'Lax', httpOnly: false });
    expect(cookie.value).toMatch(/^2\|O95340038V\|[0-9a-z]+\|[0-9a-z]+\|sck%3Dbio%26utm_source%3Dinstagram\|[\w-]{16}$/);
    // The visit id the event announced is the one stored, and the one checkout gets.
    const visit = await v.visit();
    expect(v.events[0].detail.visit).toBe(visit);
    const days = (cookie.expires * 1000 - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(59.9);
    expect(days).toBeLessThanOrEqual(60);

    // Another subdomain, another page, no query: the cookie alone carries the attribution.
    await v.page.goto(t.site.url('blog.shop.test', '/post'));
    const expected = `${HOTLINK}&af=O95340038V&sck=bio&utm_source=instagram&xcod=${visit}`;
    // The mouse button goes down on the link: it carries the code before the browser leaves.
    await v.page.hover('#buy');
    await v.page.mouse.down();
    expect(await v.page.getAttribute('#buy', 'href')).toBe(expected);
    await v.page.mouse.up();
    expect(await v.reachCheckout()).toBe(expected);
    expect(v.checkouts).toEqual([expected]);
    const checkout = v.events.filter((e) => e.type == 'hotlinks-checkout');
    expect(checkout).toHaveLength(1);
    expect(checkout[0]).toMatchObject({ cancelled: false, detail: { url: expected, attribution: { affiliate: 'O95340038V', visit } } });
    expect(checkout[0].page).toContain('blog.shop.test');
    expect(v.refused).toEqual([]);
    expect(v.errors).toEqual([]);
  });

  it.each([
    { www: 'www.shop.co.uk', blog: 'blog.shop.co.uk', domain: '.shop.co.uk' },
    { www: 'www.loja.com.br', blog: 'blog.loja.com.br', domain: '.loja.com.br' },
  ])('under the public suffix of $www the cookie goes on $domain, never on the suffix', async ({ www, blog, domain }) => {
    t.site.page('/curso', page());
    const v = await t.visitor();
    await v.page.goto(t.site.url(www, '/curso?aff=Q100328287K'));
    expect(describeCookies(await v.cookies())).toEqual([`hotlinks@${domain} secure`]);
    await v.page.goto(t.site.url(blog, '/curso'));
    await v.page.click('#buy');
    expect(await v.reachCheckout()).toBe(`${HOTLINK}&af=Q100328287K&xcod=${await v.visit()}`);
  });

  it.each([
    { scheme: 'https', http: false, cookie: ['hotlinks@.shop.test secure'] },
    { scheme: 'http', http: true, cookie: ['hotlinks@.shop.test'] },
  ])('over $scheme the cookie is $cookie', async ({ http, cookie }) => {
    t.site.page('/curso', page());
    const v = await t.visitor();
    await v.page.goto(t.site.url('www.shop.test', '/curso?a=W3620259P', { http }));
    expect(describeCookies(await v.cookies())).toEqual(cookie);
    await v.page.click('#buy');
    expect(await v.reachCheckout()).toBe(`${HOTLINK}&af=W3620259P&xcod=${await v.visit()}`);
  });

  it.each([
    { attribution: 'last-click', kept: 'Q100328287K' },
    { attribution: 'first-click', kept: 'O95340038V' },
  ])('$attribution: after two affiliates, checkout credits $kept', async ({ attribution, kept }) => {
    t.site.page('/curso', page({ attribution }));
    const v = await t.visitor();
    await v.page.goto(t.site.url('www.shop.test', '/curso?a=O95340038V&utm_source=first'));
    await v.page.goto(t.site.url('blog.shop.test', '/curso?a=Q100328287K&utm_source=second'));
    const captured = v.events.filter((e) => e.type == 'hotlinks-attribution').map((e) => e.detail.affiliate);
    expect(captured).toEqual(attribution == 'first-click' ? ['O95340038V'] : ['O95340038V', 'Q100328287K']);
    const [cookie] = await v.cookies();
    expect(cookie.value.split('|')[1]).toBe(kept);
    await v.page.goto(t.site.url('www.shop.test', '/curso'));
    await v.page.click('#buy');
    const tags = kept == 'O95340038V' ? 'utm_source=first' : 'utm_source=second';
    expect(await v.reachCheckout()).toBe(`${HOTLINK}&af=${kept}&${tags}&xcod=${await v.visit()}`);
  });

  it('consent given later: nothing stored until consent(true), the code still reaches checkout meanwhile', async () => {
    const banner = `<div id="banner"><button id="accept">Aceitar cookies</button></div>
      <script src="/consent.js"></script>`;
    t.site.page('/consent.js', {
      type: 'text/javascript',
      body: `document.getElementById('accept').addEventListener('click', () => HotLinks.consent(true));`,
    });
    t.site.page('/curso', page({ consent: 'pending' }, banner));
    const v = await t.visitor();
    await v.page.goto(t.site.url('www.shop.test', '/curso?a=O95340038V'));
    expect(v.events.map((e) => e.detail.storage)).toEqual(['memory']);
    expect(await v.cookies()).toEqual([]);
    // A keyboard visitor tabs to the link: it carries the code.
    await v.page.keyboard.press('Tab');
    expect(await v.page.evaluate(() => document.activeElement?.id)).toBe('buy');
    // Nothing stored: the visit id is the one the event announced.
    const visit = await v.visit();
    expect(await v.page.getAttribute('#buy', 'href')).toBe(`${HOTLINK}&af=O95340038V&xcod=${visit}`);

    await v.page.click('#accept');
    expect(describeCookies(await v.cookies())).toEqual(['hotlinks@.shop.test secure']);
    expect(await v.page.evaluate(() => (window as any).HotLinks.getAttribution().storage)).toBe('cookie');

    // The next page (same site setting, no consent call yet) reads the stored code.
    // Consent keeps the visit the page already had.
    expect(await v.visit()).toBe(visit);
    await v.page.goto(t.site.url('blog.shop.test', '/curso'));
    await v.page.click('#buy');
    expect(await v.reachCheckout()).toBe(`${HOTLINK}&af=O95340038V&xcod=${visit}`);
  });

  it('without consent, leaving the page forgets the code: another page buys without it', async () => {
    t.site.page('/curso', page({ consent: 'pending' }));
    const v = await t.visitor();
    await v.page.goto(t.site.url('www.shop.test', '/curso?a=O95340038V'));
    await v.page.goto(t.site.url('blog.shop.test', '/curso'));
    expect(await v.cookies()).toEqual([]);
    await v.page.click('#buy');
    expect(await v.reachCheckout()).toBe(HOTLINK);
  });

  it('single-page app: a pushState navigation with a code is captured and links follow', async () => {
    const app = `<nav><button id="go">Next</button></nav><script src="/router.js"></script>`;
    t.site.page('/router.js', {
      type: 'text/javascript',
      body: `document.getElementById('go').addEventListener('click', () =>
        history.pushState({}, '', '/app/oferta?a=Q100328287K&utm_campaign=spa#top'));`,
    });
    t.site.page('/app', page({}, app));
    const v = await t.visitor();
    await v.page.goto(t.site.url('www.shop.test', '/app?a=O95340038V'));
    await v.page.click('#go');
    expect(v.page.url()).toBe(t.site.url('www.shop.test', '/app/oferta?a=Q100328287K&utm_campaign=spa#top'));
    expect(v.events.map((e) => e.detail.affiliate)).toEqual(['O95340038V', 'Q100328287K']);
    const [cookie] = await v.cookies();
    expect(cookie.value.split('|')[1]).toBe('Q100328287K');
    await v.page.hover('#buy');
    await v.page.mouse.down();
    const expected = `${HOTLINK}&af=Q100328287K&utm_campaign=spa&xcod=${await v.visit()}`;
    expect(await v.page.getAttribute('#buy', 'href')).toBe(expected);
    await v.page.mouse.up();
    expect(await v.reachCheckout()).toBe(expected);
  });

  it('clean-url: the code and the tags only this script reads leave the address bar; utm_*, the rest of the query and the hash stay', async () => {
    t.site.page('/curso', page({ cleanUrl: 'true' }));
    const v = await t.visitor();
    await v.page.goto(t.site.url('www.shop.test', '/curso?lang=pt&a=O95340038V&utm_source=ig&sck=bio&page=2#precos'));
    // utm_source is left for the page's other tags (GA4, Meta's pixel) to read.
    const clean = t.site.url('www.shop.test', '/curso?lang=pt&utm_source=ig&page=2#precos');
    expect(v.page.url()).toBe(clean);
    expect(describeCookies(await v.cookies())).toEqual(['hotlinks@.shop.test secure']);
    await v.page.click('#buy');
    expect(await v.reachCheckout()).toBe(`${HOTLINK}&af=O95340038V&sck=bio&utm_source=ig&xcod=${await v.visit()}`);
    // Replaced, not pushed: Back from checkout returns to the clean URL, and Back again leaves the site.
    await v.page.goBack();
    expect(v.page.url()).toBe(clean);
    await v.page.goBack();
    expect(v.page.url()).toBe('about:blank');
  });
});
