/**
 * Capture as a visitor's browser sees it: the landing URL, the cookie it keeps (and its expiry),
 * `getAttribution()`, the `hotlinks-attribution` event, the checkout link on the page.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Attribution } from '../../src/attribution/attribution';
import { encodeAttribution } from '../../src/attribution/cookie-codec';
import { CODE, DAY, ORIGIN, OTHER_CODE, VISIT, click, cookie, lastWrite, press, recordCookieWrites, reload, setUrl, settle, start, stubCookie, usePage } from '../support/page';

const BUY = 'https://pay.hotmart.com/A72242240H?off=abc';
/** The checkout link's href once the visitor presses it. */
const buy = () => press(document.getElementById('buy')!);

/** The `hotlinks-attribution` events from now on. */
function attributionEvents() {
  const events: CustomEvent<Attribution>[] = [];
  document.addEventListener('hotlinks-attribution', (e) => events.push(e));
  return events;
}

/** The cookie's value, decoded into its fields. */
const cookieFields = (name = 'hotlinks') => {
  const [version, affiliate, captured, expires, params, visit] = (cookie(name) ?? '').split('|').map(decodeURIComponent);
  return {
    version,
    affiliate,
    capturedAt: parseInt(captured, 36),
    expiresAt: parseInt(expires, 36),
    params: Object.fromEntries(new URLSearchParams(params)),
    visit,
  };
};

describe('capture from the landing URL', () => {
  usePage(ORIGIN + '/', `<a id="buy" href="${BUY}">Buy</a>`);

  it.each([
    ['?a=' + CODE, {}, CODE],
    ['?af=' + CODE, {}, CODE],
    ['?aff=' + CODE, {}, CODE],
    ['?affiliate=' + CODE, {}, CODE],
    ['?ref=' + CODE, {}, CODE],
    // Checked in the order of `params`, not of the URL.
    [`?ref=${OTHER_CODE}&a=${CODE}`, {}, CODE],
    [`?a=${OTHER_CODE}&ref=${CODE}`, { params: ['ref', 'a'] }, CODE],
    // An invalid value in an earlier parameter does not hide a valid one in a later one.
    [`?a=nope&af=${CODE}`, {}, CODE],
    ['?via=' + CODE, { params: ['via'] }, CODE],
    ['?a=' + CODE, { params: ['via'] }, null],
    ['?x=' + CODE, {}, null],
    ['?A=' + CODE, {}, null],
    ['', {}, null],
  ])('%s with %j captures %s', (query, input, expected) => {
    setUrl('/curso' + query);
    const events = attributionEvents();
    const hotlinks = start(input);
    expect(hotlinks.getAttribution()?.affiliate ?? null).toBe(expected);
    expect(events.map((e) => e.detail.affiliate)).toEqual(expected ? [expected] : []);
    if (expected) expect(cookieFields().affiliate).toBe(expected);
    else expect(cookie()).toBeUndefined();
    expect(buy()).toBe(expected ? `${BUY}&af=${expected}` : BUY);
  });

  it.each([
    ['O95340038V', true],
    ['Q100328287K', true],
    ['W3620259P', true],
    ['O953400V', false],
    ['O9534003812V', false],
    ['95340038V', false],
    ['O95340038', false],
    ['OO95340038V', false],
    ['O95340038VV', false],
    ['o95340038v', false],
  ])('the default code pattern: %s is a code: %s', (code, valid) => {
    setUrl('/?a=' + code);
    expect(start().getAttribution()?.affiliate ?? null).toBe(valid ? code : null);
  });

  it('a custom code pattern accepts its own codes and nothing else', () => {
    setUrl('/?a=AF1234');
    expect(start({ codePattern: '^AF[0-9]{4}$' }).getAttribution()?.affiliate).toBe('AF1234');
    expect(reload('/?a=' + OTHER_CODE, { codePattern: '^AF[0-9]{4}$' }).getAttribution()?.affiliate).toBe('AF1234');
  });

  it('the event bubbles, crosses shadow roots, and carries the attribution', () => {
    setUrl('/?a=' + CODE);
    const events = attributionEvents();
    const hotlinks = start();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ bubbles: true, composed: true });
    expect(events[0].detail).toEqual(hotlinks.getAttribution());
  });

  describe('last-click and first-click', () => {
    it('last-click (the default): a new code replaces the stored one', () => {
      setUrl('/?a=' + CODE);
      const first = start().getAttribution()!;
      const events = attributionEvents();
      const second = reload('/?a=' + OTHER_CODE).getAttribution()!;
      expect(second.affiliate).toBe(OTHER_CODE);
      expect(second.capturedAt).toBeGreaterThanOrEqual(first.capturedAt);
      expect(cookieFields().affiliate).toBe(OTHER_CODE);
      expect(events).toHaveLength(1);
      expect(buy()).toBe(`${BUY}&af=${OTHER_CODE}`);
    });

    it('first-click: a stored, unexpired code is kept, and no event fires', () => {
      setUrl('/?a=' + CODE);
      const first = start({ attribution: 'first-click' }).getAttribution()!;
      const events = attributionEvents();
      const hotlinks = reload('/?a=' + OTHER_CODE, { attribution: 'first-click' });
      expect(hotlinks.getAttribution()).toEqual(first);
      expect(cookieFields().affiliate).toBe(CODE);
      expect(events).toHaveLength(0);
      expect(buy()).toBe(`${BUY}&af=${CODE}`);
    });

    it('first-click with an expired stored code: the new one is captured', () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      setUrl('/?a=' + CODE);
      start({ attribution: 'first-click', cookieDays: 1 });
      expect(cookieFields().affiliate).toBe(CODE);
      vi.setSystemTime(Date.now() + 2 * DAY);
      const hotlinks = reload('/?a=' + OTHER_CODE, { attribution: 'first-click', cookieDays: 1 });
      expect(hotlinks.getAttribution()).toMatchObject({ affiliate: OTHER_CODE, storage: 'cookie', capturedAt: Date.now() });
      expect(cookieFields().affiliate).toBe(OTHER_CODE);
    });

    it('first-click in memory (consent pending) lapses too', () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      setUrl('/?a=' + CODE);
      const hotlinks = start({ attribution: 'first-click', cookieDays: 1, consent: 'pending' });
      history.pushState(null, '', '/?a=' + OTHER_CODE);
      expect(hotlinks.getAttribution()?.affiliate).toBe(CODE);
      vi.setSystemTime(Date.now() + 2 * DAY);
      expect(hotlinks.getAttribution()).toBeNull();
      history.pushState(null, '', '/?a=' + OTHER_CODE + '&x=1');
      expect(hotlinks.getAttribution()?.affiliate).toBe(OTHER_CODE);
    });
  });

  describe('cookie lifetime', () => {
    it.each([
      [undefined, 60],
      [1, 1],
      [90, 90],
      [180, 180],
      [400, 400],
      ['forever', 400],
    ])('cookieDays %j: the cookie expires after %i days', (cookieDays, days) => {
      const writes = recordCookieWrites();
      setUrl('/?a=' + CODE);
      const attribution = start(cookieDays === undefined ? {} : { cookieDays }).getAttribution()!;
      expect(attribution.expiresAt - attribution.capturedAt).toBe(days * DAY);
      const written = lastWrite(writes)!;
      // The browser counts the lifetime from the write, on its own clock.
      expect(Number(written['max-age'])).toBe(days * 86_400);
      expect(cookieFields()).toMatchObject({ capturedAt: attribution.capturedAt, expiresAt: attribution.expiresAt });
    });

    it('the cookie is first-party, on the registrable domain, Lax, Secure on https', () => {
      const writes = recordCookieWrites();
      setUrl('/?a=' + CODE);
      start();
      expect(lastWrite(writes)).toMatchObject({ path: '/', domain: 'shop.example', samesite: 'Lax', secure: true });
    });

    it('an explicit cookieDomain and cookieName are used', () => {
      const writes = recordCookieWrites();
      setUrl('/?a=' + CODE);
      start({ cookieDomain: 'www.shop.example', cookieName: 'aff' });
      expect(lastWrite(writes, 'aff')).toMatchObject({ domain: 'www.shop.example' });
      expect(cookie('hotlinks')).toBeUndefined();
      expect(cookieFields('aff').affiliate).toBe(CODE);
    });

    it('the stored attribution outlives the landing page', () => {
      setUrl('/curso?a=' + CODE + '&utm_source=fb');
      const captured = start().getAttribution();
      expect(reload('/checkout').getAttribution()).toEqual(captured);
      expect(buy()).toBe(`${BUY}&af=${CODE}&utm_source=fb`);
    });
  });

  describe('forwarded parameters', () => {
    it('are stored with the code and reach checkout on later pages', () => {
      setUrl(`/curso?a=${CODE}&utm_source=fb&utm_campaign=black%20friday&sck=hm-rec&gclid=xyz&utm_id=7&xcod=abc`);
      const attribution = start().getAttribution()!;
      const params = { utm_source: 'fb', utm_campaign: 'black friday', sck: 'hm-rec', xcod: 'abc', gclid: 'xyz' };
      expect(attribution.params).toEqual(params);
      expect(cookieFields().params).toEqual(params);
      reload('/outra-pagina');
      const out = new URL(buy()!);
      expect(Object.fromEntries(out.searchParams)).toEqual({ off: 'abc', af: CODE, ...params });
      // Not in `forward`: not kept.
      expect(out.searchParams.has('utm_id')).toBe(false);
    });

    it('`forward` chooses which', () => {
      setUrl(`/?a=${CODE}&utm_source=fb&gclid=xyz`);
      expect(start({ forward: ['gclid'] }).getAttribution()!.params).toEqual({ gclid: 'xyz' });
      expect(buy()).toBe(`${BUY}&af=${CODE}&gclid=xyz`);
    });

    it('without a code they are kept too (a source, such as an ad), and reach checkout from later pages', () => {
      setUrl('/?utm_source=fb&sck=story');
      const events = attributionEvents();
      const hotlinks = start();
      expect(hotlinks.getAttribution()).toMatchObject({ affiliate: null, params: { utm_source: 'fb', sck: 'story' }, storage: 'cookie' });
      expect(events.map((e) => e.detail.affiliate)).toEqual([null]);
      expect(cookieFields()).toMatchObject({ version: '2', affiliate: '', params: { utm_source: 'fb', sck: 'story' } });
      expect(buy()).toBe(`${BUY}&sck=story&utm_source=fb`);
      reload('/outra-pagina');
      expect(buy()).toBe(`${BUY}&sck=story&utm_source=fb`);
    });

    it('a source never displaces a stored code: the code and its tags stand, this page still sends its own tags', () => {
      setUrl(`/?a=${CODE}&utm_source=affiliate`);
      const visit = start().getAttribution()!.visit;
      const events = attributionEvents();
      const hotlinks = reload('/?utm_source=fb&utm_campaign=retarget');
      expect(events).toEqual([]);
      expect(hotlinks.getAttribution()).toMatchObject({ affiliate: CODE, params: { utm_source: 'affiliate' }, visit });
      expect(buy()).toBe(`${BUY}&af=${CODE}&utm_source=fb&utm_campaign=retarget`);
      reload('/outra-pagina');
      expect(buy()).toBe(`${BUY}&af=${CODE}&utm_source=affiliate`);
    });

    it('a code after a source replaces it, and keeps its visit', () => {
      setUrl('/?utm_source=fb');
      const visit = start().getAttribution()!.visit;
      const hotlinks = reload(`/?a=${CODE}`);
      expect(hotlinks.getAttribution()).toMatchObject({ affiliate: CODE, params: {}, visit });
      reload('/outra-pagina');
      expect(buy()).toBe(`${BUY}&af=${CODE}`);
    });
  });

  describe('consent', () => {
    it('pending: nothing written to the device, the code still reaches checkout; consent(true) writes it', () => {
      const writes = recordCookieWrites();
      setUrl(`/?a=${CODE}&utm_source=fb`);
      const hotlinks = start({ consent: 'pending' });
      expect(writes).toEqual([]);
      expect(document.cookie).toBe('');
      expect(hotlinks.getAttribution()).toMatchObject({ affiliate: CODE, params: { utm_source: 'fb' }, storage: 'memory' });
      expect(buy()).toBe(`${BUY}&af=${CODE}&utm_source=fb`);
      expect(hotlinks.checkoutUrl('https://pay.hotmart.com/J84635582W')).toBe(`https://pay.hotmart.com/J84635582W?af=${CODE}&utm_source=fb`);

      hotlinks.consent(true);
      expect(hotlinks.getAttribution()).toMatchObject({ affiliate: CODE, storage: 'cookie' });
      expect(cookieFields()).toMatchObject({ affiliate: CODE, params: { utm_source: 'fb' } });
    });

    it('pending: the attribution in memory lapses at the millisecond it expires', () => {
      const T = Date.UTC(2026, 10, 24, 12);
      vi.useFakeTimers({ toFake: ['Date'], now: T });
      setUrl('/?a=' + CODE);
      const hotlinks = start({ consent: 'pending', cookieDays: 1 });
      vi.setSystemTime(T + DAY - 1);
      expect(hotlinks.getAttribution()).toMatchObject({ affiliate: CODE, storage: 'memory' });
      vi.setSystemTime(T + DAY);
      expect(hotlinks.getAttribution()).toBeNull();
    });

    it('pending: a reload without consent forgets it', () => {
      setUrl('/?a=' + CODE);
      start({ consent: 'pending' });
      expect(reload('/', { consent: 'pending' }).getAttribution()).toBeNull();
    });

    it('consent(false) deletes the cookie; the page keeps the code in memory', () => {
      setUrl('/?a=' + CODE);
      const hotlinks = start();
      expect(cookie()).toBeDefined();
      hotlinks.consent(false);
      expect(cookie()).toBeUndefined();
      expect(hotlinks.getAttribution()).toMatchObject({ affiliate: CODE, storage: 'memory' });
      // Nothing is written again until consent is given.
      history.pushState(null, '', '/?a=' + OTHER_CODE);
      expect(cookie()).toBeUndefined();
      expect(hotlinks.getAttribution()).toMatchObject({ affiliate: OTHER_CODE, storage: 'memory' });
      hotlinks.consent(true);
      expect(cookieFields().affiliate).toBe(OTHER_CODE);
    });

    it('pending: a cookie stored earlier (with consent) is still read', () => {
      setUrl('/?a=' + CODE);
      start();
      expect(reload('/', { consent: 'pending' }).getAttribution()).toMatchObject({ affiliate: CODE, storage: 'cookie' });
    });

    it('pending: consent(true) keeps a cookie stored earlier as it is, neither deleted nor written again', () => {
      setUrl('/?a=' + CODE);
      start();
      const stored = cookie();
      const hotlinks = reload('/', { consent: 'pending' });
      const writes = recordCookieWrites();
      hotlinks.consent(true);
      expect(writes).toEqual([]);
      expect(cookie()).toBe(stored);
      expect(reload('/').getAttribution()).toMatchObject({ affiliate: CODE, storage: 'cookie' });
    });
  });

  describe('clean-url', () => {
    it('removes the code and the tags only this script reads, keeping the rest of the query and the hash byte for byte', () => {
      setUrl(`/curso?x=1&a=${CODE}&ref=nope&sck=bio&q=a%20b&debug&utm_source=fb&gclid=g1&y=two#price`);
      const length = history.length;
      const events = attributionEvents();
      start({ cleanUrl: true });
      // utm_* and the ad click ids stay for the page's other tags (GA4, Meta's pixel) to read.
      expect(location.href).toBe(`${ORIGIN}/curso?x=1&ref=nope&q=a%20b&debug&utm_source=fb&gclid=g1&y=two#price`);
      expect(history.length).toBe(length);
      expect(events).toHaveLength(1);
      expect(buy()).toBe(`${BUY}&af=${CODE}&sck=bio&utm_source=fb&gclid=g1`);
    });

    it('"all" removes utm_* and the ad click ids too', () => {
      setUrl(`/curso?x=1&a=${CODE}&utm_source=fb&gclid=g1&fbclid=f1#price`);
      start({ cleanUrl: 'all' });
      expect(location.href).toBe(`${ORIGIN}/curso?x=1#price`);
      expect(buy()).toBe(`${BUY}&af=${CODE}&utm_source=fb&fbclid=f1&gclid=g1`);
    });

    it('leaves history alone when there is nothing to clean (Safari limits replaceState to 100 calls in 10 s)', () => {
      const replaceState = vi.spyOn(history, 'replaceState');
      setUrl('/curso?x=1&utm_source=fb#preco');
      const hotlinks = start({ cleanUrl: true });
      history.pushState(null, '', '/aula?y=2');
      expect(replaceState).not.toHaveBeenCalled();
      expect(hotlinks.getAttribution()).toMatchObject({ affiliate: null, params: { utm_source: 'fb' } });
      history.pushState(null, '', `/aula?a=${CODE}`);
      expect(replaceState).toHaveBeenCalledTimes(1);
      expect(location.href).toBe(`${ORIGIN}/aula`);
    });

    it('is off by default', () => {
      setUrl(`/curso?a=${CODE}&utm_source=fb#price`);
      start();
      expect(location.href).toBe(`${ORIGIN}/curso?a=${CODE}&utm_source=fb#price`);
    });

    it('leaves a URL alone when nothing was captured', () => {
      setUrl('/curso?a=o95340038v&x=1');
      start({ cleanUrl: true });
      expect(location.search).toBe('?a=o95340038v&x=1');
    });
  });

  it('a page without a landing reads no cookie until a checkout link needs it', () => {
    setUrl(`/?a=${CODE}`);
    start();
    const real = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie') ?? Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Document.prototype), 'cookie')!;
    let reads = 0;
    stubCookie(() => (reads++, real.get!.call(document)), (value) => real.set!.call(document, value));
    reload('/outra-pagina?x=1#preco');
    expect(reads).toBe(0);
    expect(buy()).toBe(`${BUY}&af=${CODE}`);
    expect(reads).toBe(1);
  });

  it("a landing on /curso under first-click: a sibling's copy on Path=/curso (the page cannot tell it from ours) goes before the stored code is read", () => {
    const forged = encodeAttribution({ affiliate: OTHER_CODE, capturedAt: Date.now() - DAY, expiresAt: Date.now() + 30 * DAY, params: {}, visit: VISIT });
    setUrl('/curso');
    document.cookie = `hotlinks=${forged}; Path=/curso; Domain=shop.example`;
    setUrl(`/curso?a=${CODE}`);
    expect(start({ attribution: 'first-click' }).getAttribution()).toMatchObject({ affiliate: CODE, storage: 'cookie' });
    expect(buy()).toBe(`${BUY}&af=${CODE}`);
    expect(document.cookie).toBe(`hotlinks=${cookie()}`);
    expect(cookieFields().affiliate).toBe(CODE);
  });

  describe('single-page navigation', () => {
    it.each(['pushState', 'replaceState'] as const)('history.%s to a URL with a code captures it', async (method) => {
      const events = attributionEvents();
      const hotlinks = start();
      expect(hotlinks.getAttribution()).toBeNull();
      history[method]({ page: 2 }, '', `/produto?a=${CODE}&utm_medium=cpc`);
      expect(location.pathname).toBe('/produto');
      expect(history.state).toEqual({ page: 2 });
      expect(hotlinks.getAttribution()).toMatchObject({ affiliate: CODE, params: { utm_medium: 'cpc' } });
      expect(events).toHaveLength(1);
      expect(cookieFields().affiliate).toBe(CODE);
      expect(buy()).toBe(`${BUY}&af=${CODE}&utm_medium=cpc`);
    });

    it('a new code by navigation (last-click) re-decorates the links already there', () => {
      setUrl('/?a=' + CODE);
      const hotlinks = start();
      expect(buy()).toBe(`${BUY}&af=${CODE}`);
      history.pushState(null, '', '/?a=' + OTHER_CODE);
      expect(hotlinks.getAttribution()?.affiliate).toBe(OTHER_CODE);
      expect(buy()).toBe(`${BUY}&af=${OTHER_CODE}`);
    });

    it('popstate (back/forward) captures', () => {
      const hotlinks = start();
      setUrl('/anterior?aff=' + CODE);
      dispatchEvent(new PopStateEvent('popstate', { state: null }));
      expect(hotlinks.getAttribution()?.affiliate).toBe(CODE);
    });

    it('links added by the app after a navigation are decorated when pressed', async () => {
      start();
      history.pushState(null, '', '/p?a=' + CODE);
      const link = document.createElement('a');
      link.href = 'https://pay.hotmart.com/J84635582W';
      document.body.append(link);
      await settle();
      expect(press(link)).toBe(`https://pay.hotmart.com/J84635582W?af=${CODE}`);
    });

    it("navigating away from a page's forwarded parameters leaves the stored ones on the links", () => {
      setUrl(`/?a=${CODE}&utm_source=fb`);
      start();
      history.pushState(null, '', '/outra?utm_medium=cpc');
      expect(buy()).toBe(`${BUY}&af=${CODE}&utm_source=fb&utm_medium=cpc`);
      history.pushState(null, '', '/outra');
      expect(buy()).toBe(`${BUY}&af=${CODE}&utm_source=fb`);
    });

    it('with clean-url, one capture per navigation and the address bar cleaned', () => {
      const events = attributionEvents();
      start({ cleanUrl: true });
      history.pushState(null, '', `/p?a=${CODE}&q=1#h`);
      expect(location.href).toBe(`${ORIGIN}/p?q=1#h`);
      expect(events).toHaveLength(1);
    });
  });

  it('clear() forgets the code: no cookie, no attribution, links as the page wrote them', () => {
    setUrl('/?a=' + CODE);
    const hotlinks = start();
    expect(buy()).toBe(`${BUY}&af=${CODE}`);
    hotlinks.clear();
    expect(cookie()).toBeUndefined();
    expect(hotlinks.getAttribution()).toBeNull();
    // At once, before anyone presses it again.
    expect(document.getElementById('buy')!.getAttribute('href')).toBe(BUY);
    expect(buy()).toBe(BUY);
    expect(reload('/').getAttribution()).toBeNull();
  });

  it('decorate(root) decorates on demand, also where the observer cannot see (shadow roots)', () => {
    setUrl('/?a=' + CODE);
    document.body.innerHTML = `<a id="buy" href="${BUY}">Buy</a><section id="s"><a id="in" href="${BUY}">Buy</a></section>`;
    const hotlinks = start({ decorate: false });
    expect(buy()).toBe(BUY);
    hotlinks.decorate(document.getElementById('s')!);
    expect(document.getElementById('in')!.getAttribute('href')).toBe(`${BUY}&af=${CODE}`);
    expect(buy()).toBe(BUY);

    const host = document.createElement('div');
    document.body.append(host);
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = `<a href="${BUY}">Buy</a>`;
    hotlinks.decorate(shadow);
    expect(shadow.querySelector('a')!.getAttribute('href')).toBe(`${BUY}&af=${CODE}`);
    hotlinks.decorate();
    expect(buy()).toBe(`${BUY}&af=${CODE}`);
  });
});

/**
 * The landing URL is written by whoever sent the visitor: a hostile or malformed code or tag is
 * ignored (no cookie, no attribution, no exception) and the visitor still reaches checkout.
 */
describe('hostile input', () => {
  const long = 'O' + '9'.repeat(9998) + 'V';

  /** Affiliate codes as they arrive in `?a=`, already URL-encoded. */
  const hostileCodes: [label: string, encoded: string][] = [
    ['a script tag', encodeURIComponent('<script>alert(1)</script>')],
    ['a code followed by a script tag', encodeURIComponent(CODE + '<script>alert(1)</script>')],
    ['a raw ";domain=" cookie attribute', CODE + ';domain=evil.example'],
    ['an encoded ";domain=" cookie attribute', encodeURIComponent(CODE + '; Domain=evil.example; Path=/')],
    ['CR/LF header injection', encodeURIComponent(CODE + '\r\nSet-Cookie: evil=1')],
    ['a trailing LF', CODE + '%0A'],
    ['a NUL', CODE + '%00'],
    ['10,000 characters of code shape', long],
    ['10,000 capital letters', 'A'.repeat(10_000)],
    ['a Cyrillic capital O', encodeURIComponent('\u041e95340038V')],
    ['a Cyrillic capital Ve at the end', encodeURIComponent('O95340038\u0412')],
    ['fullwidth letters and digits', encodeURIComponent('\uff2f\uff19\uff15\uff13\uff14\uff10\uff10\uff13\uff18\uff36')],
    ['Arabic-Indic digits', encodeURIComponent('O\u0669\u0665\u0663\u0664\u0660\u0660\u0663\u0668V')],
    ['a lowercase code', CODE.toLowerCase()],
    ['a mixed-case code', 'o95340038V'],
    ['surrounding spaces', '%20' + CODE + '%20'],
    ['a double-encoded separator', CODE + '%253B'],
    ['broken percent-encoding', CODE + '%E0%A4%A'],
    ['a lone surrogate', encodeURIComponent(CODE) + '%ED%A0%80'],
  ];

  describe('hostile affiliate codes in the landing URL', () => {
    usePage(ORIGIN + '/', `<a id="buy" href="${BUY}">Buy</a>`);

    it.each(hostileCodes)('%s: no cookie, no attribution, no event; checkout still works', (_, encoded) => {
      const writes = recordCookieWrites();
      const events: Event[] = [];
      document.addEventListener('hotlinks-attribution', (e) => events.push(e));
      setUrl(`/curso?a=${encoded}&x=1`);
      const hotlinks = start({ cleanUrl: true });
      expect(hotlinks.getAttribution()).toBeNull();
      expect(document.cookie).toBe('');
      expect(writes.filter((w) => w.startsWith('hotlinks='))).toEqual([]);
      expect(events).toEqual([]);
      // Not captured, so not cleaned either: the URL is the page's business.
      expect(location.search).toContain('x=1');
      expect(buy()).toBe(BUY);
      expect(click(document.getElementById('buy')!)).toBe(BUY);
      expect(hotlinks.checkoutUrl('https://pay.hotmart.com/J84635582W')).toBe('https://pay.hotmart.com/J84635582W');
    });

    it.each(hostileCodes)('%s, beside a valid code in a later parameter: the valid one is captured', (_, encoded) => {
      setUrl(`/?a=${encoded}&ref=${CODE}`);
      expect(start().getAttribution()?.affiliate).toBe(CODE);
    });
  });

  /** Forwarded values (`utm_source=...`), URL-encoded. */
  const hostileParams: [label: string, encoded: string][] = [
    ['a script tag', encodeURIComponent('<script>alert(1)</script>')],
    ['an attribute breakout', encodeURIComponent('fb" onmouseover="alert(1)')],
    ['a raw ";domain=" cookie attribute', 'fb;domain=evil.example'],
    ['an encoded ";domain=" cookie attribute', encodeURIComponent('fb; Domain=evil.example; Path=/')],
    ['CR/LF header injection', encodeURIComponent('fb\r\nSet-Cookie: evil=1')],
    ['a NUL', 'fb%00'],
    ['10,000 characters', 'f'.repeat(10_000)],
  ];

  describe('hostile forwarded values in the landing URL', () => {
    usePage(ORIGIN + '/', `<a id="buy" href="${BUY}">Buy</a>`);

    it.each(hostileParams)('%s: dropped; the code and the other parameters are kept', (_, encoded) => {
      const writes = recordCookieWrites();
      setUrl(`/?a=${CODE}&utm_source=${encoded}&utm_medium=cpc`);
      const hotlinks = start();
      expect(hotlinks.getAttribution()).toMatchObject({ affiliate: CODE, params: { utm_medium: 'cpc' }, storage: 'cookie' });
      expect(hotlinks.getAttribution()!.params).not.toHaveProperty('utm_source');
      expect(writes.join('\n')).not.toMatch(/evil|script|onmouseover|f{300}/i);
      expect(buy()).toBe(`${BUY}&af=${CODE}&utm_medium=cpc`);
    });

    it.each(hostileParams)('%s, without a code: no cookie, no attribution; checkout still works', (_, encoded) => {
      setUrl(`/?utm_source=${encoded}`);
      const hotlinks = start();
      expect(hotlinks.getAttribution()).toBeNull();
      expect(document.cookie).toBe('');
      expect(buy()).toBe(BUY);
      expect(click(document.getElementById('buy')!)).toBe(BUY);
    });

    it('ordinary campaign text is kept as it is, accents and spaces included', () => {
      setUrl(`/?a=${CODE}&utm_campaign=${encodeURIComponent('Promoção Dia das Mães | 50% off')}`);
      const hotlinks = start();
      expect(hotlinks.getAttribution()!.params).toEqual({ utm_campaign: 'Promoção Dia das Mães | 50% off' });
      expect(new URL(buy()!).searchParams.get('utm_campaign')).toBe('Promoção Dia das Mães | 50% off');
      expect(reload('/').getAttribution()!.params).toEqual({ utm_campaign: 'Promoção Dia das Mães | 50% off' });
    });
  });
});

describe('ad click ids, forwarded by default', () => {
  const HOTLINK = 'https://pay.hotmart.com/A72242240H';
  usePage(ORIGIN + '/', `<a id="buy" href="${HOTLINK}?off=abc">Comprar</a>`);
  const IDS = { fbclid: 'IwAR0abc', gclid: 'Cj0KCQ', gbraid: '0AAAAA', wbraid: 'CkQK', ttclid: 'E.C.P.x', msclkid: '5a1b2c' };

  it.each(Object.entries(IDS))('%s reaches checkout and is kept with the code', (name, value) => {
    setUrl(`/curso?a=${CODE}&${name}=${value}`);
    const hotlinks = start();
    expect(hotlinks.getAttribution()?.params).toEqual({ [name]: value });
    expect(buy()).toBe(`${HOTLINK}?off=abc&af=${CODE}&${name}=${value}`);
    expect(decodeURIComponent(cookie()!)).toContain(`${name}=${value}`);
  });

  it('all of them at once, in the order of forward, with no code too', () => {
    setUrl('/curso?msclkid=5a1b2c&gclid=Cj0KCQ&fbclid=IwAR0abc&ttclid=E.C.P.x&wbraid=CkQK&gbraid=0AAAAA');
    start();
    expect(buy()).toBe(`${HOTLINK}?off=abc&fbclid=IwAR0abc&gclid=Cj0KCQ&gbraid=0AAAAA&wbraid=CkQK&ttclid=E.C.P.x&msclkid=5a1b2c`);
  });

  it('a producer who sets forward chooses: click ids not in it are not forwarded', () => {
    setUrl(`/curso?a=${CODE}&gclid=Cj0KCQ&utm_source=fb`);
    start({ forward: ['utm_source'] });
    expect(buy()).toBe(`${HOTLINK}?off=abc&af=${CODE}&utm_source=fb`);
  });
});
