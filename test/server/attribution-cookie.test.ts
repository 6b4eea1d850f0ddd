/**
 * The server-set cookie (`src/server/attribution-cookie.ts`), end to end: a real Node HTTP server
 * on 127.0.0.1 with `nodeMiddleware` answers the landing, and the browser side (happy-dom at
 * https://www.shop.example/) is handed what the response set, as a browser would store it, and
 * reads it. (The middleware alone, in Node, hostile requests included: middleware.test.ts.)
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer as createHttpsServer, get as httpsGet } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { encodeAttribution } from '../../src/attribution/cookie-codec';
import { attributionCookie, nodeMiddleware, resolveServerOptions, type ServerOptions } from '../../src/server/index';
import { CODE, DAY, ORIGIN, OTHER_CODE, click, recordCookieWrites, reload, stubCookie, usePage, VISIT } from '../support/page';
import { listen, pageLoad, send } from './http';

const BUY = 'https://pay.hotmart.com/A72242240H?off=abc';
const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);

/** The producer's server: the middleware, then the page. */
async function producerServer(options: Partial<ServerOptions> = {}, adapter = {}) {
  const hotlinks = nodeMiddleware({ cookieDomain: 'shop.example', ...options }, adapter);
  return listen((req: IncomingMessage, res: ServerResponse) =>
    hotlinks(req, res, () => {
      res.setHeader('content-type', 'text/html');
      res.end(`<a id="buy" href="${BUY}">Comprar</a>`);
    }),
  );
}

/** What the browser does with a response's `Set-Cookie` headers: it stores them. */
const store = (setCookie: string[]) => setCookie.forEach((header) => (document.cookie = header));
/** The `Cookie` header the browser sends back to www.shop.example. */
const cookieHeader = () => document.cookie;

const attribute = (header: string, name: string) => header.split('; ').find((a) => a.toLowerCase().startsWith(name.toLowerCase()));

describe('the cookie set by the producer server', () => {
  usePage(ORIGIN + '/', `<a id="buy" href="${BUY}">Comprar</a>`);

  it('a landing with a code gets the cookie, and the browser script then reads it', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    const origin = await producerServer({ cookieDays: 180 });
    const landing = await send(origin + `/curso?a=${CODE}&utm_source=fb&x=1`, { headers: pageLoad() });

    expect(landing.status).toBe(200);
    expect(landing.setCookie).toHaveLength(1);
    const [header] = landing.setCookie;
    expect(withoutVisit(header)).toBe(
      `hotlinks=2|${CODE}|${NOW.toString(36)}|${(NOW + 180 * DAY).toString(36)}|utm_source%3Dfb|<visit>; Path=/; ` +
        `Max-Age=${180 * 86_400}; Domain=shop.example; SameSite=Lax; Secure`,
    );
    const { visit } = decodeSetCookie(header);
    // Readable by the script: not HttpOnly.
    expect(header).not.toMatch(/httponly/i);

    store(landing.setCookie);
    vi.setSystemTime(NOW + 90 * DAY);
    const hotlinks = reload(ORIGIN + '/outra-pagina', {});
    expect(hotlinks.getAttribution()).toEqual({
      affiliate: CODE,
      capturedAt: NOW,
      expiresAt: NOW + 180 * DAY,
      params: { utm_source: 'fb' },
      visit,
      storage: 'cookie',
    });
    expect(click(document.getElementById('buy')!)).toBe(`${BUY}&af=${CODE}&utm_source=fb`);
    // The same visit goes to checkout as xcod, where the visit id is on.
    expect(reload(ORIGIN + '/outra-pagina', { visitParam: 'xcod' }).checkoutUrl(BUY)).toBe(`${BUY}&af=${CODE}&utm_source=fb&xcod=${visit}`);
  });

  it.each([
    ['a code', `?a=${CODE}`, {}],
    ['a code and every forwarded parameter', `?af=${CODE}&src=blog&sck=HOTMART_SITE&xcod=abc123&utm_source=fb&utm_medium=cpc&utm_campaign=launch%202026&utm_term=curso&utm_content=v%C3%ADdeo`, {}],
    ['a code with cookieDays forever', `?ref=${CODE}`, { cookieDays: 'forever' }],
    ['a custom parameter, pattern and cookie name', `?via=abc-123&utm_source=x`, { params: ['via'], codePattern: '^[a-z]{3}-\\d{3}$', cookieName: 'aff', forward: ['utm_source'] }],
  ] satisfies [string, string, Partial<ServerOptions>][])('browser and server write the very same cookie, byte for byte but its random visit id, for %s', async (_, query, input) => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    const origin = await producerServer(input);
    const server = await send(origin + '/curso' + query, { headers: pageLoad() });

    const writes = recordCookieWrites();
    reload(ORIGIN + '/curso' + query, input);
    const name = 'cookieName' in input ? input.cookieName : 'hotlinks';
    const browser = writes.filter((write) => write.startsWith(name + '='));

    expect(browser).toHaveLength(1);
    expect(server.setCookie.map(withoutVisit)).toEqual(browser.map(withoutVisit));
  });

  it('first-click and last-click decide as in the browser', async () => {
    const stored = { affiliate: OTHER_CODE, capturedAt: NOW - 5 * DAY, expiresAt: NOW + 55 * DAY, params: { utm_source: 'old' }, visit: VISIT };
    for (const attribution of ['first-click', 'last-click'] as const) {
      vi.useFakeTimers({ toFake: ['Date'], now: NOW });
      const origin = await producerServer({ attribution });
      const server = await send(origin + `/?a=${CODE}&utm_source=new`, {
        headers: pageLoad('www.shop.example', { cookie: 'hotlinks=' + encodeAttribution(stored) }),
      });
      document.cookie = `hotlinks=${encodeAttribution(stored)}; Path=/; Domain=shop.example`;
      const browser = reload(ORIGIN + `/?a=${CODE}&utm_source=new`, { attribution }).getAttribution();

      if (attribution == 'first-click') {
        // The stored code stands: nothing to write, on either side.
        expect(server.setCookie).toEqual([]);
        expect(browser).toMatchObject({ ...stored, storage: 'cookie' });
      } else {
        // A new attribution in the same visit.
        const kept = decodeSetCookie(server.setCookie[0]);
        expect(kept).toEqual({ ...browser, capturedAt: NOW, storage: undefined });
        expect(kept).toMatchObject({ affiliate: CODE, params: { utm_source: 'new' }, visit: VISIT });
      }
    }
  });

  it('a stored attribution is never sent again: only a landing writes (the request cannot say on which Path a value was set)', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    reload(ORIGIN + `/curso?a=${CODE}`);
    const written = cookieHeader();
    vi.setSystemTime(NOW + 3 * DAY);
    const origin = await producerServer();
    const next = await send(origin + '/aula-1', { headers: pageLoad('shop.example', { cookie: written }) });
    expect(next.setCookie).toEqual([]);
    // The same landing again, moments later (a reload): the same click, not written twice.
    const landing = await send(origin + `/curso?a=${CODE}`, { headers: pageLoad('shop.example') });
    vi.setSystemTime(NOW + 3 * DAY + 1000);
    const again = await send(origin + `/curso?a=${CODE}`, { headers: pageLoad('shop.example', { cookie: landing.setCookie[0].split(';')[0] }) });
    expect(again.setCookie).toEqual([]);
  });

  const valid = encodeAttribution({ affiliate: CODE, capturedAt: NOW - DAY, expiresAt: NOW + 59 * DAY, params: {}, visit: VISIT });
  it.each([
    ['garbage', 'hello'],
    ['another version', valid.replace(/^2\|/, '3|')],
    ['a code that does not match the pattern', valid.replace(CODE, 'x' + CODE)],
    ['a capture more than a day in the future', encodeAttribution({ affiliate: CODE, capturedAt: NOW + 2 * DAY, expiresAt: NOW + 61 * DAY, params: {}, visit: VISIT })],
    ['an expired one', encodeAttribution({ affiliate: CODE, capturedAt: NOW - 61 * DAY, expiresAt: NOW - DAY, params: {}, visit: VISIT })],
    ['a lifetime past 400 days', encodeAttribution({ affiliate: CODE, capturedAt: NOW - DAY, expiresAt: NOW + 500 * DAY, params: {}, visit: VISIT })],
    ['markup in a parameter', encodeAttribution({ affiliate: CODE, capturedAt: NOW - DAY, expiresAt: NOW + 59 * DAY, params: { utm_source: 'a\nb' }, visit: VISIT })],
    ['a missing field', valid.split('|').slice(0, 5).join('|')],
  ])('a tampered cookie (%s) is replaced on a landing and deleted otherwise, never trusted', async (_, tampered) => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    const origin = await producerServer();
    const headers = pageLoad('www.shop.example', { cookie: `other=1; hotlinks=${tampered}` });

    const landing = await send(origin + `/?a=${OTHER_CODE}`, { headers });
    expect(decodeSetCookie(landing.setCookie[0])).toMatchObject({ affiliate: OTHER_CODE, capturedAt: NOW, expiresAt: NOW + 60 * DAY });

    const page = await send(origin + '/', { headers });
    expect(page.setCookie).toEqual([`hotlinks=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Domain=shop.example; SameSite=Lax; Secure`]);
    document.cookie = `hotlinks=${tampered}; Path=/; Domain=shop.example`;
    store(page.setCookie);
    expect(document.cookie).not.toContain('hotlinks=');
  });

  it.each([
    ['a script', { 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'script', accept: '*/*' }, 'GET'],
    ['an image', { 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'image', accept: 'image/avif,image/webp,*/*' }, 'GET'],
    ['a fetch() from the page', { 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty', accept: 'text/html' }, 'GET'],
    ['a form POST', {}, 'POST'],
    ['a client without Sec-Fetch headers asking for JSON', { 'sec-fetch-mode': '', 'sec-fetch-dest': '', accept: 'application/json' }, 'GET'],
  ])('only page loads get the cookie, not %s (CDNs do not cache responses that set cookies)', async (_, headers, method) => {
    const origin = await producerServer();
    const headersSent = Object.fromEntries(Object.entries(pageLoad('www.shop.example', headers)).filter(([, v]) => v));
    const answer = await send(origin + `/app.js?a=${CODE}`, { method, headers: headersSent });
    expect(answer.setCookie).toEqual([]);
  });

  it('a page load from a client without Sec-Fetch headers is recognised by its Accept header', async () => {
    const origin = await producerServer();
    const answer = await send(origin + `/?a=${CODE}`, { headers: { accept: 'text/html', 'x-forwarded-host': 'shop.example' } });
    expect(answer.setCookie[0]).toMatch(new RegExp(`^hotlinks=2\\|${CODE}\\|.*; Domain=shop.example; SameSite=Lax$`));
  });

  it.each([
    ['a host outside cookieDomain (the browser would refuse it)', 'shop.example.evil.example', null],
    ['a look-alike host', 'notshop.example', null],
    ['localhost (a host-only cookie, as the browser writes there)', 'localhost:8788', 'host-only'],
    ['an IP address (a host-only cookie)', '127.0.0.1:8788', 'host-only'],
    ['a subdomain', 'blog.shop.example', 'Domain=shop.example'],
    ['the domain itself', 'shop.example', 'Domain=shop.example'],
  ])('on %s', async (_, host, expected) => {
    const origin = await producerServer();
    const answer = await send(origin + `/?a=${CODE}`, { headers: pageLoad(host) });
    if (expected == null) expect(answer.setCookie).toEqual([]);
    else if (expected == 'host-only') expect(answer.setCookie[0]).not.toMatch(/Domain=/);
    else expect(answer.setCookie[0]).toContain(`; ${expected};`);
  });

  it('is Secure only when the visitor is on https', async () => {
    const origin = await producerServer();
    const http = await send(origin + `/?a=${CODE}`, { headers: { ...pageLoad(), 'x-forwarded-proto': 'http' } });
    const https = await send(origin + `/?a=${CODE}`, { headers: pageLoad() });
    expect(attribute(http.setCookie[0], 'secure')).toBeUndefined();
    expect(attribute(https.setCookie[0], 'secure')).toBe('Secure');
  });

  it('is Secure when Node itself serves https (no proxy in front)', async () => {
    const tls = (file: string) => readFileSync(join(process.cwd(), 'test/e2e/fixtures/tls', file));
    const hotlinks = nodeMiddleware({ cookieDomain: 'shop.example' });
    const server = createHttpsServer({ key: tls('key.pem'), cert: tls('cert.pem') }, (req, res) => hotlinks(req, res, () => res.end('ok')));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const setCookie = await new Promise<string[]>((resolve, reject) =>
      httpsGet(
        { host: '127.0.0.1', port: (server.address() as AddressInfo).port, path: `/?a=${CODE}`, rejectUnauthorized: false, headers: { host: 'www.shop.example', 'sec-fetch-mode': 'navigate' } },
        (res) => resolve((res.resume(), res.headers['set-cookie'] ?? [])),
      ).on('error', reject),
    );
    server.closeAllConnections();
    server.close();
    expect(setCookie).toEqual([expect.stringMatching(/; Domain=shop\.example; SameSite=Lax; Secure$/)]);
  });

  it('keeps the Set-Cookie headers the application sets itself', async () => {
    const hotlinks = nodeMiddleware({ cookieDomain: 'shop.example' });
    const origin = await listen((req, res) => {
      res.setHeader('set-cookie', 'session=abc; HttpOnly');
      hotlinks(req, res, () => {
        res.setHeader('set-cookie', [...(res.getHeader('set-cookie') as string[]), 'theme=dark']);
        res.end('ok');
      });
    });
    const answer = await send(origin + `/?a=${CODE}`, { headers: pageLoad() });
    expect(answer.setCookie.map((c) => c.split('=')[0])).toEqual(['session', 'hotlinks', 'theme']);
  });

  it('sets nothing without consent: the consent option, or what the producer consent tool says', async () => {
    const pending = await producerServer({ consent: 'pending' });
    expect((await send(pending + `/?a=${CODE}`, { headers: pageLoad() })).setCookie).toEqual([]);
    const asked = await producerServer({ consent: 'pending' }, { consent: (req: IncomingMessage) => /(^|; )cmp=yes/.test(req.headers.cookie ?? '') });
    expect((await send(asked + `/?a=${CODE}`, { headers: pageLoad() })).setCookie).toEqual([]);
    expect((await send(asked + `/?a=${CODE}`, { headers: pageLoad('www.shop.example', { cookie: 'cmp=yes' }) })).setCookie).toHaveLength(1);
  });

  it('a failure inside the middleware never stops the page', async () => {
    const errors: unknown[] = [];
    const origin = await producerServer({}, { consent: () => { throw new Error('consent tool down'); }, onError: (e: unknown) => errors.push(e) });
    const answer = await send(origin + `/?a=${CODE}`, { headers: pageLoad() });
    expect([answer.status, answer.body, answer.setCookie]).toEqual([200, `<a id="buy" href="${BUY}">Comprar</a>`, []]);
    expect(errors).toHaveLength(1);
  });
});

describe('a server-set attribution when the script cannot write cookies', () => {
  usePage(ORIGIN + '/', `<a id="buy" href="${BUY}">Comprar</a>`);

  it('survives: the script reads it, does not rewrite it, and carries it to checkout weeks later', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    const origin = await producerServer({ cookieDays: 90 });
    const landingUrl = `/curso?a=${CODE}&utm_campaign=launch`;
    const landing = await send(origin + landingUrl, { headers: pageLoad() });
    store(landing.setCookie);

    // From now on every write by script is refused (Safari's tracking prevention, a blocker, a privacy setting).
    const real = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie') ?? Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Document.prototype), 'cookie')!;
    const refused: string[] = [];
    stubCookie(() => real.get!.call(document), (value) => refused.push(value));

    // The landing page itself runs the script a moment after the response set the cookie.
    vi.setSystemTime(NOW + 800);
    const events: unknown[] = [];
    document.addEventListener('hotlinks-attribution', (e) => events.push((e as CustomEvent).detail), { once: true });
    const onLanding = reload(ORIGIN + landingUrl, { cookieDays: 90 });
    const expected = { affiliate: CODE, capturedAt: NOW, expiresAt: NOW + 90 * DAY, params: { utm_campaign: 'launch' }, visit: decodeSetCookie(landing.setCookie[0]).visit, storage: 'cookie' };
    expect(onLanding.getAttribution()).toEqual(expected);
    expect(events).toEqual([expected]);
    // Never written again (only copies a sibling might have planted on this deeper path are expired).
    expect(refused.filter((write) => write.startsWith('hotlinks=') && !write.startsWith('hotlinks=; Path=/curso;'))).toEqual([]);

    vi.setSystemTime(NOW + 45 * DAY);
    const later = reload(ORIGIN + '/', { cookieDays: 90 });
    expect(later.getAttribution()).toEqual(expected);
    expect(click(document.getElementById('buy')!)).toBe(`${BUY}&af=${CODE}&utm_campaign=launch`);
  });
});

describe('attributionCookie() and its options', () => {
  const options = resolveServerOptions({ cookieDomain: 'shop.example' });

  it('is a plain function of the URL and the Cookie header, for any server', () => {
    expect(withoutVisit(attributionCookie({ url: `https://www.shop.example/?a=${CODE}` }, options, NOW)!)).toBe(
      `hotlinks=2|${CODE}|${NOW.toString(36)}|${(NOW + 60 * DAY).toString(36)}||<visit>; Path=/; Max-Age=${60 * 86_400}; Domain=shop.example; SameSite=Lax; Secure`,
    );
    expect(attributionCookie({ url: 'https://www.shop.example/', cookie: 'a=b' }, options, NOW)).toBeNull();
    expect(attributionCookie({ url: `https://www.shop.example/?a=${CODE}`, consent: false }, options, NOW)).toBeNull();
  });

  it.each([
    [{}, 'nodeMiddleware(): cookieDomain must be your registrable domain in lowercase, such as "shop.example" (a server cannot probe for it), got undefined'],
    [{ cookieDomain: 'auto' }, 'nodeMiddleware(): cookieDomain must be your registrable domain in lowercase, such as "shop.example" (a server cannot probe for it), got "auto"'],
    [{ cookieDomain: 'Shop.Example' }, 'nodeMiddleware(): cookieDomain must be your registrable domain in lowercase, such as "shop.example" (a server cannot probe for it), got "Shop.Example"'],
    [{ cookieDomain: 'shop.example', cookieDays: 0 }, 'nodeMiddleware(): cookieDays must be a whole number of days from 1 to 400, or "forever", got 0'],
    [{ cookieDomain: 'shop.example', cookieDay: 30 }, 'nodeMiddleware(): cookieDay is not an option'],
  ])('refuses %j at creation, naming the option', (input, message) => {
    expect(() => nodeMiddleware(input as ServerOptions)).toThrow(message);
  });
});

/** The attribution a `Set-Cookie` header carries, in the browser's own reading of it. */
function decodeSetCookie(header: string) {
  const [version, affiliate, captured, expires, params, visit] = header.split(';')[0].split('=').slice(1).join('=').split('|').map(decodeURIComponent);
  expect(version).toBe('2');
  expect(visit).toMatch(/^[\w-]{16}$/);
  return {
    affiliate: affiliate || null,
    capturedAt: parseInt(captured, 36),
    expiresAt: parseInt(expires, 36),
    params: Object.fromEntries(new URLSearchParams(params)),
    visit,
    storage: undefined,
  };
}

/** A `Set-Cookie` header with its random visit id (the last field of the value) written as `<visit>`. */
const withoutVisit = (header: string) => header.replace(/\|[\w-]{16};/, '|<visit>;');
