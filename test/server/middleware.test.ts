// @vitest-environment node
/**
 * The cookie middleware on the producer's server (`nodeMiddleware`, `fetchMiddleware`) and
 * `attributionCookie()`, as Node sees them: the fetch-style wrapper in process with the platform's
 * own Request and Response, and both adapters over real HTTP on 127.0.0.1. (The cookie as the
 * script on the page then reads it: attribution-cookie.test.ts.)
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeAttribution, encodeAttribution } from '../../src/attribution/cookie-codec';
import { attributionCookie, fetchMiddleware, nodeMiddleware, resolveServerOptions } from '../../src/server/index';
import { VISIT } from '../fixtures/visit';
import { anyText, hash, landingQuery } from '../support/arbitraries';
import { type Answer, listen, pageLoad, raw, send, serveFetch } from './http';

const CODE = 'O95340038V';
const page = (request: Request) =>
  new Response(`<h1>${new URL(request.url).pathname}</h1>`, { status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'x-app': '1' } });
const visit = (url: string, headers: Record<string, string> = {}) =>
  new Request(url, { headers: { 'sec-fetch-mode': 'navigate', accept: 'text/html', ...headers } });

describe('fetchMiddleware()(handler)', () => {
  const withHotLinks = fetchMiddleware({ cookieDomain: 'shop.example', cookieDays: 90 });

  it('adds the cookie to a landing response and keeps everything else of it', async () => {
    const before = Date.now();
    const response = await withHotLinks(page)(visit(`https://www.shop.example/curso?a=${CODE}&utm_medium=email`));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('x-app')).toBe('1');
    expect(await response.text()).toBe('<h1>/curso</h1>');
    const [cookie] = response.headers.getSetCookie();
    expect(cookie).toMatch(new RegExp(`^hotlinks=2\\|${CODE}\\|[0-9a-z]+\\|[0-9a-z]+\\|utm_medium%3Demail\\|[\\w-]{16}; Path=/; Max-Age=\\d+; Domain=shop.example; SameSite=Lax; Secure$`));
    // 90 days from the response, counted by the visitor's browser.
    const maxAge = Number(cookie.match(/Max-Age=(\d+)/)![1]);
    expect(maxAge * 1000).toBeGreaterThan(90 * 86_400_000 - (Date.now() - before) - 1000);
    expect(maxAge).toBeLessThanOrEqual(90 * 86_400);
  });

  it('copies a response whose headers cannot be changed (a redirect, a fetched response)', async () => {
    const canonical = (request: Request) => Response.redirect(new URL('/curso', request.url), 301);
    const response = await withHotLinks(canonical)(visit(`https://shop.example/c?a=${CODE}`));
    expect([response.status, response.headers.get('location')]).toEqual([301, 'https://shop.example/curso']);
    expect(response.headers.getSetCookie()).toHaveLength(1);
  });

  it("keeps the handler's own cookies", async () => {
    const handler = () => {
      const response = new Response('ok', { headers: { 'content-type': 'text/html' } });
      response.headers.append('set-cookie', 'session=abc; HttpOnly');
      return response;
    };
    const response = await withHotLinks(handler)(visit(`https://shop.example/?a=${CODE}`));
    expect(response.headers.getSetCookie().map((c) => c.split('=')[0])).toEqual(['session', 'hotlinks']);
  });

  it('passes extra arguments through (a Worker gets env and ctx)', async () => {
    const seen: unknown[] = [];
    const worker = withHotLinks((request: Request, env: { NAME: string }, ctx: { id: number }) => {
      seen.push(env.NAME, ctx.id);
      return page(request);
    });
    await worker(visit('https://shop.example/'), { NAME: 'prod' }, { id: 7 });
    expect(seen).toEqual(['prod', 7]);
  });

  it.each([
    ['a script', new Request(`https://shop.example/app.js?a=${CODE}`, { headers: { 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'script' } })],
    ['an API call', new Request(`https://shop.example/api?a=${CODE}`, { headers: { accept: 'application/json' } })],
    ['a POST', new Request(`https://shop.example/?a=${CODE}`, { method: 'POST', body: 'x', headers: { accept: 'text/html' } })],
    ['a page with nothing to set', visit('https://shop.example/')],
    ['a host outside cookieDomain', visit(`https://shop.example.evil.example/?a=${CODE}`)],
  ])('hands back the very same response for %s', async (_, request) => {
    const original = new Response('x');
    expect(await withHotLinks(() => original)(request)).toBe(original);
  });

  it("lets the handler's own errors through unchanged", async () => {
    const error = new Error('page failed');
    await expect(
      withHotLinks(() => {
        throw error;
      })(visit(`https://shop.example/?a=${CODE}`)),
    ).rejects.toBe(error);
  });

  it('refuses a bad option at creation, naming it', () => {
    expect(() => fetchMiddleware({ cookieDomain: 'shop.example', attribution: 'first' as 'first-click' })).toThrow(
      'fetchMiddleware(): attribution must be "last-click" or "first-click", got "first"',
    );
  });

  it('works served over HTTP behind a proxy that terminates TLS', async () => {
    const origin = await serveFetch(withHotLinks(page));
    const answer = await send(origin + `/curso?af=${CODE}`, { headers: pageLoad('www.shop.example') });
    expect(answer.status).toBe(200);
    expect(answer.body).toBe('<h1>/curso</h1>');
    expect(answer.setCookie).toEqual([expect.stringMatching(new RegExp(`^hotlinks=2\\|${CODE}\\|.*; Domain=shop.example; SameSite=Lax; Secure$`))]);
  });
});

/**
 * The producer's server on the journeys: a landing with `?a=CODE` (what a link from the producer's
 * other site carries, the hash-free hand-off of cross-domain) gets the attribution cookie in the
 * page's response, with the ad click ids forwarded by default; the script on that page then finds
 * the same value and leaves it alone. Both adapters, over real HTTP on 127.0.0.1.
 */
describe('a landing at either adapter', () => {
  const CODE = 'O95340038V';
  const PAGE = '<h1>Aula</h1>';
  const NAVIGATE = { accept: 'text/html', 'sec-fetch-mode': 'navigate' };

  const servers: Record<string, (cookieDomain: string) => Promise<string>> = {
    'nodeMiddleware (req, res, next)': (cookieDomain) => {
      const middleware = nodeMiddleware({ cookieDomain });
      return listen((req: IncomingMessage, res: ServerResponse) =>
        middleware(req, res, () => {
          res.writeHead(200, { 'content-type': 'text/html' });
          res.end(PAGE);
        }),
      );
    },
    'fetchMiddleware (Request) => Response': (cookieDomain) =>
      serveFetch(fetchMiddleware({ cookieDomain })(() => new Response(PAGE, { headers: { 'content-type': 'text/html' } }))),
  };

  /** The attribution a Set-Cookie header carries, decoded as the browser script will decode it. */
  const carried = (setCookie: string, cookieDomain: string) => {
    const value = setCookie.split(';')[0].slice('hotlinks='.length);
    return decodeAttribution(value, resolveServerOptions({ cookieDomain }), Date.now());
  };

  describe.each(Object.entries(servers))('%s', (_, serve) => {
    it.each([
      {
        case: 'the hand-off from the other site',
        host: 'curso.other.example',
        domain: 'other.example',
        path: `/aula?x=1&a=${CODE}&utm_source=fb`,
        params: { utm_source: 'fb' },
      },
      {
        case: 'ad click ids, forwarded by default',
        host: 'www.shop.example',
        domain: 'shop.example',
        path: `/curso?a=${CODE}&fbclid=IwAR0abc&gclid=Cj0KCQ&gbraid=0AAAAA&wbraid=CkQK&ttclid=E.C.P.x&msclkid=5a1b2c&other=1`,
        params: { fbclid: 'IwAR0abc', gclid: 'Cj0KCQ', gbraid: '0AAAAA', wbraid: 'CkQK', ttclid: 'E.C.P.x', msclkid: '5a1b2c' },
      },
    ])('$case: the page comes with the cookie on its domain', async ({ host, domain, path, params }) => {
      const origin = await serve(domain);
      const answer = await send(origin + path, { headers: { ...NAVIGATE, host, 'x-forwarded-proto': 'https' } });
      expect(answer.status).toBe(200);
      expect(answer.body).toBe(PAGE);
      expect(answer.setCookie).toHaveLength(1);
      expect(answer.setCookie[0]).toMatch(new RegExp(`^hotlinks=2\\|${CODE}\\|.*; Path=/; Max-Age=\\d+; Domain=${domain}; SameSite=Lax; Secure$`));
      expect(carried(answer.setCookie[0], domain)).toMatchObject({ affiliate: CODE, params });
    });

    it('not a page load (an image, a POST): no cookie', async () => {
      const origin = await serve('other.example');
      const image = await send(origin + `/logo.png?a=${CODE}`, { headers: { host: 'curso.other.example', accept: 'image/avif,image/webp', 'sec-fetch-mode': 'no-cors' } });
      const post = await send(origin + `/aula?a=${CODE}`, { method: 'POST', headers: { ...NAVIGATE, host: 'curso.other.example' }, body: 'x' });
      expect([image.setCookie, post.setCookie]).toEqual([[], []]);
    });
  });
});

/**
 * Several cookies of our name in one `Cookie` header, on the producer's server: the same rule as
 * the browser's. The last value that decodes is the attribution; it is never sent back (the server
 * writes only on a real landing: a value in the header may be a sibling's copy from a deeper path);
 * a value that does not decode (a sibling subdomain's garbage on a deeper path, listed first) never
 * gets the valid one deleted; only when nothing decodes is the cookie deleted.
 */
describe('trust: several values of our cookie', () => {
  const DAY = 86_400_000;
  const NOW = Date.now();
  const CODE = 'O95340038V';
  const OTHER = 'Q100328287K';
  const value = (affiliate: string, capturedAt = NOW - DAY) =>
    encodeAttribution({ affiliate, capturedAt, expiresAt: capturedAt + 60 * DAY, params: {}, visit: VISIT });
  const REAL = value(CODE);
  const FORGED = value(OTHER, NOW - 60_000);
  const GARBAGE = '1|%E0%A4%A|x|y|z';
  const options = resolveServerOptions({ cookieDomain: 'shop.example' });

  /** `name=value` of a Set-Cookie header, and whether it deletes (expires in the past). */
  const outcome = (setCookie: string | null | undefined) => {
    if (!setCookie) return 'nothing';
    const [pair] = setCookie.split('; ');
    const expires = /Expires=([^;]+)/.exec(setCookie)?.[1];
    return expires && new Date(expires).getTime() <= NOW ? 'deleted' : pair;
  };

  describe('attributionCookie() with several values of our cookie', () => {
    it.each([
      { case: 'garbage first, the valid value after', cookie: `hotlinks=${GARBAGE}; hotlinks=${REAL}`, result: 'nothing' },
      { case: 'the valid value first, garbage after', cookie: `hotlinks=${REAL}; hotlinks=${GARBAGE}`, result: 'nothing' },
      { case: 'a valid-looking shadow first, ours after', cookie: `hotlinks=${FORGED}; hotlinks=${REAL}`, result: 'nothing' },
      { case: 'among other cookies', cookie: `a=1; hotlinks=${GARBAGE}; b=2; hotlinks=${REAL}; c=3`, result: 'nothing' },
      { case: 'an empty value first', cookie: `hotlinks=; hotlinks=${REAL}`, result: 'nothing' },
      // The shadow alone (a page under its path): still never promoted to the whole domain.
      { case: 'only a valid-looking shadow', cookie: `hotlinks=${FORGED}`, result: 'nothing' },
      { case: 'only garbage, twice', cookie: `hotlinks=${GARBAGE}; hotlinks=x`, result: 'deleted' },
      { case: 'one garbage value', cookie: `hotlinks=${GARBAGE}`, result: 'deleted' },
      { case: 'none of ours', cookie: 'hotlinks_x=1; other=2', result: 'nothing' },
    ])('$case: $result', ({ cookie, result }) => {
      expect(outcome(attributionCookie({ url: 'https://www.shop.example/curso', cookie }, options, NOW))).toBe(result);
    });

    it.each([
      // The stored code stands: nothing to write (the browser keeps it).
      { attribution: 'first-click' as const, written: 'nothing' },
      { attribution: 'last-click' as const, written: new RegExp(`^hotlinks=2\\|${OTHER}\\|`) },
    ])('$attribution, a landing with another code, garbage listed first: written $written', ({ attribution, written }) => {
      const cookie = attributionCookie(
        { url: `https://www.shop.example/curso?a=${OTHER}`, cookie: `hotlinks=${GARBAGE}; hotlinks=${REAL}` },
        resolveServerOptions({ cookieDomain: 'shop.example', attribution }),
        NOW,
      );
      expect(outcome(cookie)).toMatch(written);
    });
  });

  describe("nodeMiddleware() over HTTP with only a sibling's copy from a deeper path", () => {
    it('GET /curso/ with only the Path=/curso copy sent: nothing is re-issued on Path=/ (it would make the forgery the whole domain\'s)', async () => {
      const middleware = nodeMiddleware({ cookieDomain: 'shop.example' });
      const origin = await listen((req: IncomingMessage, res: ServerResponse) => middleware(req, res, () => res.end('<h1>Curso</h1>')));
      const answer = await send(origin + '/curso/', {
        headers: { host: 'www.shop.example', accept: 'text/html', 'sec-fetch-mode': 'navigate', cookie: `hotlinks=${FORGED}` },
      });
      expect([answer.status, answer.body]).toEqual([200, '<h1>Curso</h1>']);
      expect(answer.setCookie).toEqual([]);
    });
  });

  describe('nodeMiddleware() over HTTP with a garbage shadow', () => {
    it.each([
      { order: 'garbage first', cookie: `hotlinks=${GARBAGE}; hotlinks=${REAL}` },
      { order: 'garbage last', cookie: `hotlinks=${REAL}; hotlinks=${GARBAGE}` },
    ])('$order: the page is not sent a deletion of our valid cookie (nor the cookie again)', async ({ cookie }) => {
      const middleware = nodeMiddleware({ cookieDomain: 'shop.example' });
      const origin = await listen((req: IncomingMessage, res: ServerResponse) =>
        middleware(req, res, () => {
          res.writeHead(200, { 'content-type': 'text/html' });
          res.end('<h1>Curso</h1>');
        }),
      );
      const answer = await send(origin + '/curso', {
        headers: { host: 'www.shop.example', accept: 'text/html', 'sec-fetch-mode': 'navigate', cookie },
      });
      expect(answer.status).toBe(200);
      expect(answer.body).toBe('<h1>Curso</h1>');
      expect(answer.setCookie).toEqual([]);
    });
  });
});

/**
 * The cookie middleware and `attributionCookie()` against requests nobody should send: the page
 * is served, and the cookie set is either nothing or ours, every byte of it validated; never a
 * polluted prototype.
 */
describe('hostile input', () => {
  const CODE = 'O95340038V';
  const DAY = 86_400_000;

  const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort();
  const before = prototypeKeys();
  afterEach(() => {
    // No request may add anything to every object of the server process.
    expect(prototypeKeys()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  // The cookie: whatever the request, nothing but a validated attribution, on our domain, with our attributes.

  const options = resolveServerOptions({ cookieDomain: 'shop.example' });
  const NOW = Date.UTC(2026, 10, 24, 12);
  /** A `Set-Cookie` as we write it; the value is checked apart. */
  const SET_COOKIE = /^hotlinks=([^;]*); Path=\/; (Max-Age=\d+|Expires=Thu, 01 Jan 1970 00:00:00 GMT)(; Domain=shop\.example)?; SameSite=Lax(; Secure)?$/;
  const COOKIE_VALUE = /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*$/;

  /** Checks one `Set-Cookie` for a request: its shape, its domain and scheme, and that its value is valid or a deletion. */
  function expectOurCookie(header: string, url: URL, now: number) {
    const match = header.match(SET_COOKIE);
    expect(match, header).not.toBeNull();
    const [, value, lifetime, domain, secure] = match!;
    expect(value).toMatch(COOKIE_VALUE);
    expect(!!secure).toBe(url.protocol == 'https:');
    const takesDomain = url.hostname.includes('.') && !/^[\d.]+$|^\[/.test(url.hostname);
    expect(!!domain).toBe(takesDomain);
    if (takesDomain) expect(url.hostname == 'shop.example' || url.hostname.endsWith('.shop.example')).toBe(true);
    if (value == '') {
      expect(lifetime).toMatch(/^Expires=/);
      return null;
    }
    const attribution = decodeAttribution(value, options, now);
    expect(attribution, value).not.toBeNull();
    expect(lifetime).toBe(`Max-Age=${Math.ceil((attribution!.expiresAt - now) / 1000)}`);
    return attribution;
  }

  describe('attributionCookie(): any URL, any Cookie header', () => {
    const valid = (at: number) => encodeAttribution({ affiliate: 'Q100328287K', capturedAt: at - DAY, expiresAt: at + 59 * DAY, params: { utm_source: 'old' }, visit: VISIT });
    const cookieHeader = fc.oneof(
      anyText(200),
      fc.constant(`hotlinks=${valid(NOW)}`),
      fc.tuple(anyText(40), anyText(40)).map(([a, b]) => `${a}; hotlinks=${valid(NOW)}; ${b}`),
      fc.tuple(fc.nat(100), anyText(3)).map(([at, junk]) => `hotlinks=${valid(NOW).slice(0, at)}${junk}${valid(NOW).slice(at)}`),
      fc.constantFrom('hotlinks=', 'hotlinks', '=hotlinks', 'hotlinks=%', 'hotlinks=1|O95340038V|0|zzzzzzzzzzzzz|', `hotlinks=${valid(NOW)}; Domain=evil.example`),
    );
    const requestUrl = fc
      .tuple(
        fc.constantFrom(
          'https://www.shop.example', 'http://shop.example', 'https://blog.shop.example:8443', 'http://localhost:3000', 'http://127.0.0.1:8080',
          'http://[::1]:3000', 'https://evil.example', 'https://shop.example.evil.example', 'https://notshop.example', 'https://SHOP.EXAMPLE',
        ),
        fc.constantFrom('/', '/curso', '//evil.example/'),
        landingQuery,
        hash,
      )
      .map((parts) => new URL(parts.join('')));

    it('returns nothing, or our cookie holding a validated attribution (from the URL or the stored cookie), or its deletion', () => {
      let set = 0;
      fc.assert(
        fc.property(requestUrl, fc.option(cookieHeader, { nil: undefined }), fc.option(fc.boolean(), { nil: undefined }), (url, cookie, consent) => {
          const header = attributionCookie({ url, cookie, consent }, options, NOW);
          if (header == null) return;
          set++;
          const attribution = expectOurCookie(header, url, NOW);
          if (!attribution) return;
          // Its code is one the request really carried: on the URL under a code parameter, or in the stored cookie.
          const onUrl = ['a', 'af', 'aff', 'affiliate', 'ref'].map((key) => url.searchParams.get(key));
          expect([...onUrl, 'Q100328287K']).toContain(attribution.affiliate);
          expect(consent).not.toBe(false);
        }),
        { numRuns: 400 },
      );
      expect(set).toBeGreaterThan(50);
    });
  });

  describe('the cookie middleware over HTTP, hostile requests', () => {
    const serve = async () => {
      const errors: unknown[] = [];
      const hotlinks = nodeMiddleware({ cookieDomain: 'shop.example' }, { onError: (e) => void errors.push(e) });
      const origin = await listen((req, res) => hotlinks(req, res, () => res.end('page')));
      return { origin, errors };
    };
    /** The page was served, and every cookie set is ours and valid. */
    const expectPage = (answer: Answer | string, url: URL) => {
      const text = typeof answer == 'string' ? answer : '';
      const status = typeof answer == 'string' ? Number(text.slice(9, 12)) : answer.status;
      const body = typeof answer == 'string' ? text.split('\r\n\r\n')[1] : answer.body;
      const setCookie = typeof answer == 'string' ? [...text.matchAll(/^set-cookie: (.*)$/gim)].map((m) => m[1].replace(/\r$/, '')) : answer.setCookie;
      expect([status, body]).toEqual([200, 'page']);
      for (const header of setCookie) expectOurCookie(header, url, Date.now());
      return setCookie;
    };
    const landing = `/?a=${CODE}`;
    const www = new URL('https://www.shop.example' + landing);

    /** A page load as a client sends it straight to the server (no proxy): Host is what it claims. */
    const direct = (headers: Record<string, string>) => ({ 'sec-fetch-mode': 'navigate', ...headers });
    const viaProxy = (headers: Record<string, string>) => pageLoad('www.shop.example', headers);
    it.each([
      ['a Host outside cookieDomain', direct({ host: 'evil.example' }), 0, 'http://evil.example'],
      ['a Host with an impossible port', direct({ host: 'www.shop.example:99999' }), 0, ''],
      ['a Host with credentials in it', direct({ host: 'www.shop.example@evil.example' }), 0, ''],
      ['a Host that is a look-alike', direct({ host: 'www.shop.example.evil.example' }), 0, ''],
      ['X-Forwarded-Host naming another site first', viaProxy({ 'x-forwarded-host': 'evil.example, www.shop.example' }), 0, ''],
      ['X-Forwarded-Host with a path', viaProxy({ 'x-forwarded-host': 'www.shop.example/../evil.example' }), 1, 'https://www.shop.example'],
      ['X-Forwarded-Proto of another scheme', viaProxy({ 'x-forwarded-proto': 'javascript' }), 1, 'http://www.shop.example'],
      ['a 12 KB Cookie header of junk', viaProxy({ cookie: 'a=b; '.repeat(2400) + 'hotlinks=%00%0D%0A' }), 1, 'https://www.shop.example'],
      ['the stored cookie twice, a forged one first', viaProxy({ cookie: `hotlinks=${encodeURIComponent('<x>')}; hotlinks=1|${CODE}|0|zz|` }), 1, 'https://www.shop.example'],
      ['a stored cookie with attribute-like text', viaProxy({ cookie: `hotlinks=1|${CODE}|1|2|; Domain=evil.example; Max-Age=9999999` }), 1, 'https://www.shop.example'],
    ])('%s: the page is served; the cookie is ours or nothing', async (_, headers, cookies, seen) => {
      const { origin } = await serve();
      const answer = await send(origin + landing, { headers });
      const setCookie = expectPage(answer, new URL(seen ? seen + landing : www));
      expect(setCookie).toHaveLength(cookies);
    });

    it.each([
      ['a Host header no URL can hold', 'GET / HTTP/1.1\r\nHost: www.shop.example:80:80\r\nSec-Fetch-Mode: navigate\r\n\r\n'],
      ['a Host with a space in it', 'GET / HTTP/1.1\r\nHost: www shop example\r\nSec-Fetch-Mode: navigate\r\n\r\n'],
      ['a Host of brackets', 'GET / HTTP/1.1\r\nHost: [not-an-ip]\r\nSec-Fetch-Mode: navigate\r\n\r\n'],
    ])('%s: the page is served, no cookie, and nothing logged (a scanner would fill the log with one stack trace per request)', async (_, request) => {
      const { origin, errors } = await serve();
      const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
      const answer = await raw(origin, request);
      logged.mockRestore();
      expect(answer).toMatch(/^HTTP\/1\.1 200 /);
      expect(answer).not.toMatch(/set-cookie/i);
      expect(errors).toEqual([]);
      expect(logged).not.toHaveBeenCalled();
    });

    it.each([
      ['an absolute-form request target naming another host', `GET http://evil.example${landing} HTTP/1.1\r\nHost: www.shop.example\r\nSec-Fetch-Mode: navigate\r\n\r\n`, 0],
      ['a path that looks like another host', `GET //evil.example${landing} HTTP/1.1\r\nHost: www.shop.example\r\nSec-Fetch-Mode: navigate\r\n\r\n`, 1],
      ['bytes that are not UTF-8 in the Cookie header, sent twice', Buffer.from(`GET ${landing} HTTP/1.1\r\nHost: www.shop.example\r\nSec-Fetch-Mode: navigate\r\nCookie: hotlinks=\xff\xfe|\x80\r\nCookie: hotlinks=x\r\n\r\n`, 'latin1'), 1],
      ['prototype keys in the query', `GET /?__proto__[polluted]=1&constructor[prototype][polluted]=1&a=${CODE} HTTP/1.1\r\nHost: www.shop.example\r\nSec-Fetch-Mode: navigate\r\n\r\n`, 1],
      ['a query of 8 KB', `GET ${landing}&utm_source=${'%3B'.repeat(2700)} HTTP/1.1\r\nHost: www.shop.example\r\nSec-Fetch-Mode: navigate\r\n\r\n`, 1],
    ])('%s: the page is served; the cookie is ours or nothing', async (_, request, cookies) => {
      const { origin } = await serve();
      const answer = await raw(origin, request);
      expect(expectPage(answer, new URL('http://www.shop.example' + landing))).toHaveLength(cookies);
    });

    it('the fetch middleware, with a 100 KB Cookie header and a hostile forwarded host: the page, and our cookie or nothing', async () => {
      const withHotLinks = fetchMiddleware({ cookieDomain: 'shop.example' }, { onError: () => {} })(() => new Response('page'));
      const visit = (headers: Record<string, string>) =>
        withHotLinks(new Request(`https://www.shop.example${landing}`, { headers: { 'sec-fetch-mode': 'navigate', ...headers } }));
      for (const [headers, cookies] of [
        [{ cookie: 'x=' + 'y'.repeat(100_000) + '; hotlinks=' + 'z'.repeat(5000) }, 1],
        [{ 'x-forwarded-host': 'a b' }, 1],
        [{ 'x-forwarded-host': 'shop.example.evil.example' }, 0],
        [{ 'x-forwarded-host': '[::1]' }, 1],
      ] as const) {
        const response = await visit(headers);
        expect(await response.text()).toBe('page');
        const setCookie = response.headers.getSetCookie();
        expect(setCookie, JSON.stringify(headers).slice(0, 80)).toHaveLength(cookies);
        const host = headers['x-forwarded-host' as keyof typeof headers];
        const url = new URL(www);
        if (host == '[::1]') url.host = host;
        for (const header of setCookie) expectOurCookie(header, url, Date.now());
      }
    });
  });
});

describe('which requests get the cookie, and for which URL', () => {
  const withHotLinks = fetchMiddleware({ cookieDomain: 'shop.example' });
  const page = () => new Response('page', { headers: { 'content-type': 'text/html' } });
  /** The cookie a page load gets: its Domain and Secure, or nothing. */
  const cookieFor = async (url: string, headers: Record<string, string> = {}, method = 'GET') => {
    const [cookie] = (await withHotLinks(page)(new Request(url, { method, headers: { 'sec-fetch-mode': 'navigate', ...headers } }))).headers.getSetCookie();
    return cookie?.replace(/^hotlinks=[^;]*; Path=\/; Max-Age=\d+/, '');
  };

  it.each([
    { case: 'a HEAD page load (a link preview, a crawler checking the page)', method: 'HEAD', headers: {}, cookie: '; Domain=shop.example; SameSite=Lax; Secure' },
    { case: 'X-Forwarded-Proto: http (the visitor came over http)', method: 'GET', headers: { 'x-forwarded-proto': 'http' }, cookie: '; Domain=shop.example; SameSite=Lax' },
    { case: 'X-Forwarded-Proto that is neither (ignored: the request\'s own scheme)', method: 'GET', headers: { 'x-forwarded-proto': 'ftp' }, cookie: '; Domain=shop.example; SameSite=Lax; Secure' },
    { case: 'forwarded lists with spaces before the comma', method: 'GET', headers: { 'x-forwarded-proto': 'http , https', 'x-forwarded-host': 'www.shop.example , app.internal' }, cookie: '; Domain=shop.example; SameSite=Lax' },
  ])('$case: "$cookie"', async ({ method, headers, cookie }) => {
    expect(await cookieFor(`https://app.shop.example/curso?a=${CODE}`, headers as Record<string, string>, method)).toBe(cookie);
  });

  it('a failure inside it never stops the page, and is reported', async () => {
    const errors: unknown[] = [];
    const failing = fetchMiddleware({ cookieDomain: 'shop.example' }, {
      consent: () => {
        throw new Error('consent cookie unreadable');
      },
      onError: (error) => void errors.push(error),
    });
    const original = page();
    expect(await failing(() => original)(new Request(`https://shop.example/?a=${CODE}`, { headers: { 'sec-fetch-mode': 'navigate' } }))).toBe(original);
    expect(errors).toEqual([new Error('consent cookie unreadable')]);
  });

  it('the server options name hotlinks-embed/server when no caller is given', () => {
    expect(() => resolveServerOptions({ cookieDomain: 'auto' })).toThrow(
      'hotlinks-embed/server: cookieDomain must be your registrable domain in lowercase, such as "shop.example" (a server cannot probe for it), got "auto"',
    );
  });
});

describe('nodeMiddleware() with the request objects other frameworks hand it', () => {
  const middleware = nodeMiddleware({ cookieDomain: 'shop.example' });
  /** Calls the middleware with a request object as a framework might build it; returns the cookie it set. */
  const run = (request: Record<string, unknown>, next?: () => void) => {
    const headers: Record<string, unknown> = {};
    const response = { getHeader: (name: string) => headers[name], setHeader: (name: string, value: unknown) => void (headers[name] = value) };
    middleware({ method: 'GET', on() {}, removeListener() {}, resume() {}, ...request } as never, response as never, next);
    return (headers['set-cookie'] as string[] | undefined)?.map((cookie) => cookie.replace(/^hotlinks=[^;]*; Path=\/; Max-Age=\d+/, ''));
  };
  const navigate = { host: 'www.shop.example', 'sec-fetch-mode': 'navigate' };

  it('repeated headers given as a list: the first value of X-Forwarded-Host counts', () => {
    expect(run({ url: `/?a=${CODE}`, headers: { ...navigate, 'x-forwarded-host': ['www.shop.example', 'evil.example'] } })).toEqual(['; Domain=shop.example; SameSite=Lax']);
  });

  it('no socket (a serverless adapter): an http page', () => {
    expect(run({ url: `/?a=${CODE}`, headers: navigate })).toEqual(['; Domain=shop.example; SameSite=Lax']);
  });

  it('no next (called as a plain function): nothing thrown', () => {
    expect(() => run({ url: `/?a=${CODE}`, headers: navigate })).not.toThrow();
  });
});
