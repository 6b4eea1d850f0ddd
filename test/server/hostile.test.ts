// @vitest-environment node
/**
 * `hotlinks-embed/server` against requests nobody should send: oversized, malformed and hostile
 * bodies and headers, over real HTTP on 127.0.0.1. The report receiver answers 4xx (or, for what
 * Node's own HTTP parser refuses, Node answers and the handler never runs): never a crash, never a
 * report that is not valid, never a polluted prototype. The cookie middleware serves the page and
 * sets either nothing or a cookie whose every byte passed validation.
 * (Ordinary malformed reports, size limits, methods and types: test/server/collect.test.ts.)
 */
import { connect } from 'node:net';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeAttribution, encodeAttribution } from '../../src/attribution/cookie-codec';
import { type Report, attributionCookie, fetchCollectHandler, fetchMiddleware, nodeCollectHandler, nodeMiddleware, resolveServerOptions } from '../../src/server/index';
import { VISIT } from '../fixtures/visit';
import { anyText, hash, landingQuery } from '../support/arbitraries';
import { type Answer, BEACON, collectReceivers, listen, pageLoad, postReport, send, REPORT } from './http';

const CODE = 'O95340038V';
const DAY = 86_400_000;
const json = (value: unknown) => JSON.stringify(value);

const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort();
const before = prototypeKeys();
afterEach(() => {
  // No request may add anything to every object of the server process.
  expect(prototypeKeys()).toEqual(before);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

/** Sends `text` as it is over a raw TCP connection and returns all the server wrote back. */
function raw(origin: string, text: string | Buffer, wait = 150): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(origin).port), '127.0.0.1', () => {
      socket.write(text);
      setTimeout(() => socket.end(), wait);
    });
    let out = '';
    socket.on('data', (chunk) => (out += chunk.toString('latin1')));
    socket.on('close', () => resolve(out));
    socket.on('error', reject);
  });
}

const nested = (depth: number, open: string, close: string) => open.repeat(depth) + close.repeat(depth);

describe.each(Object.entries(collectReceivers))('the collect handler, %s', (_, receiver) => {
  it.each([
    ['NaN, which JSON does not have', json(REPORT).replace('1795483786239', 'NaN'), 'the body is not JSON (UTF-8)'],
    ['text after the JSON', json(REPORT) + '{}', 'the body is not JSON (UTF-8)'],
    ['UTF-16', Buffer.from(json(REPORT), 'utf16le'), 'the body is not JSON (UTF-8)'],
    ['a number past any time', json(REPORT).replace('1795483786239', '1e400'), 'timestamp: Invalid input: expected number, received Infinity'],
    ['null', 'null', 'report: Invalid input: expected object, received null'],
    ['a string', '"report"', 'report: Invalid input: expected object, received string'],
    ['4,000 nested arrays', nested(4000, '[', ']'), 'report: Invalid input: expected object, received array'],
    ['params nested 1,000 deep', json({ ...REPORT, params: 'X' }).replace('"X"', nested(1000, '{"a":', '}').replace(/\{"a":\}+$/, '{"a":"x"' + '}'.repeat(1000))), 'params.a: Invalid input: expected string, received object'],
    ['an affiliate with a lone surrogate', json(REPORT).replace(`"${CODE}"`, '"O9534\\ud8000038V"'), 'affiliate: must be well-formed Unicode'],
    ['a page URL with a lone surrogate', json(REPORT).replace('/curso/', '/curso/\\ud800'), 'page: must be well-formed Unicode'],
    ['a parameter with a lone surrogate', json({ ...REPORT, params: { utm_source: 'X' } }).replace('"X"', '"fb\\udc00"'), 'params.utm_source: must be well-formed Unicode'],
  ])('answers 400 to %s, and hands nothing over', async (_, body, message) => {
    const { origin, received, errors } = await receiver();
    const answer = await postReport(origin, body);
    expect([answer.status, answer.body]).toEqual([400, message]);
    expect(received).toEqual([]);
    expect(errors).toEqual([]);
  });

  it.each([
    ['"__proto__" at the top', `{"__proto__":{"polluted":"yes"},${json(REPORT).slice(1)}`, REPORT],
    ['"constructor.prototype" at the top', `{"constructor":{"prototype":{"polluted":"yes"}},${json(REPORT).slice(1)}`, REPORT],
    ['"__proto__" among the parameters', json({ ...REPORT, params: 'X' }).replace('"X"', '{"__proto__":{"polluted":"yes"},"utm_source":"fb"}'), REPORT],
  ])('%s: ignored, the report accepted as it otherwise is, nothing polluted', async (_, body, expected) => {
    const { origin, received } = await receiver();
    const answer = await postReport(origin, body);
    expect(answer.status).toBe(204);
    expect(received).toEqual([expected]);
    expect(Object.getPrototypeOf(received[0])).toBe(Object.prototype);
    expect(Object.getPrototypeOf(received[0].params)).toBe(Object.prototype);
  });

  it('parameters named "constructor" and "prototype" are only names', async () => {
    const { origin, received } = await receiver();
    const params = { constructor: 'x', prototype: 'y', toString: 'z' };
    expect((await postReport(origin, json({ ...REPORT, params }))).status).toBe(204);
    expect(Object.entries(received[0].params)).toEqual(Object.entries(params));
  });

  it.each([
    ['no content type', {}],
    ['multipart/form-data', { 'content-type': 'multipart/form-data; boundary=x' }],
    ['text/html', { 'content-type': 'text/html' }],
    ['JSON in UTF-16', { 'content-type': 'application/json; charset=utf-16' }],
    ['a content type of 4,000 characters', { 'content-type': 'text/plain; x=' + 'a'.repeat(4000) + '; charset=latin1' }],
  ])('answers 415 to %s', async (_, headers) => {
    const { origin, received } = await receiver();
    const answer = await postReport(origin, json(REPORT), headers);
    expect(answer.status).toBe(415);
    expect(received).toEqual([]);
  });

  it('takes the type and charset in any case, the charset quoted or not', async () => {
    const { origin, received } = await receiver();
    for (const type of ['TEXT/PLAIN;CHARSET=UTF-8', 'application/json; charset="utf-8"', 'Application/Json']) {
      expect((await postReport(origin, json(REPORT), { 'content-type': type })).status, type).toBe(204);
    }
    expect(received).toHaveLength(3);
  });

  it('a 12 KB cookie and other headers of no interest change nothing', async () => {
    const { origin, received } = await receiver();
    const answer = await postReport(origin, json(REPORT), { ...BEACON, cookie: 'x=' + 'y'.repeat(12_000), 'x-forwarded-for': '1.2.3.4, '.repeat(200) });
    expect(answer.status).toBe(204);
    expect(received).toEqual([REPORT]);
  });
});

describe('the Node collect handler, below HTTP', () => {
  const start = async () => {
    const received: Report[] = [];
    const errors: unknown[] = [];
    let settled = 0;
    const handler = nodeCollectHandler({ onReport: (report) => void received.push(report), onError: (e) => void errors.push(e) });
    const origin = await listen(async (req, res) => {
      await handler(req, res);
      settled++;
    });
    const stillUp = async () => expect((await postReport(origin, json(REPORT))).status).toBe(204);
    return { origin, received, errors, settled: () => settled, stillUp };
  };

  it('headers of 20 KB: Node itself answers 431, the handler never runs, the server stays up', async () => {
    const { origin, received, stillUp } = await start();
    const answer = await postReport(origin, json(REPORT), { ...BEACON, 'x-padding': 'a'.repeat(20_000) });
    expect(answer.status).toBe(431);
    expect(received).toEqual([]);
    await stillUp();
  });

  it.each([
    ['a bare CR in a header', 'POST /api/hotlinks HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\rX-Evil: 1\r\nContent-Length: 2\r\n\r\n{}'],
    ['a body longer than its Content-Length (request smuggling)', `POST /api/hotlinks HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\n${json(REPORT)}`],
    ['both Content-Length and Transfer-Encoding', `POST /api/hotlinks HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`],
  ])('%s: a 400, nothing handed over, the server stays up', async (_, request) => {
    const { origin, received, stillUp } = await start();
    expect(await raw(origin, request)).toMatch(/^HTTP\/1\.1 400 /);
    expect(received).toEqual([]);
    await stillUp();
  });

  it('a client that announces 100 bytes, sends 5 and hangs up: the handler finishes, nothing handed over, the server stays up', async () => {
    const { origin, received, settled, stillUp } = await start();
    await raw(origin, 'POST /api/hotlinks HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\n{"ev', 50);
    await expect.poll(settled).toBe(1);
    expect(received).toEqual([]);
    await stillUp();
  });

  it('behind a body parser (Express), a parsed body of any depth or shape is checked the same way', async () => {
    const received: Report[] = [];
    const handler = nodeCollectHandler({ onReport: (report) => void received.push(report) });
    let deep: unknown = 'x';
    for (let i = 0; i < 10_000; i++) deep = { a: deep };
    const answers: number[] = [];
    for (const body of [deep, { ...REPORT, params: deep }, JSON.parse(`{"__proto__":{"polluted":"yes"},${json(REPORT).slice(1)}`), [REPORT], 'text']) {
      let status = 0;
      const response = { headersSent: false, getHeader: () => undefined, setHeader: () => {}, writeHead: (s: number) => void (status = s), end: () => {} };
      const request = { method: 'POST', headers: { 'content-type': 'application/json' }, body, readableEnded: true, on: () => {}, removeListener: () => {}, resume: () => {} };
      await handler(request, response);
      answers.push(status);
    }
    expect(answers).toEqual([400, 400, 204, 400, 400]);
    expect(received).toEqual([REPORT]);
  });
});

describe('the fetch collect handler, in process', () => {
  it('a body stream that fails midway: a 400, nothing handed over', async () => {
    const received: Report[] = [];
    const handler = fetchCollectHandler({ onReport: (report) => void received.push(report) });
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"event":'));
        controller.error(new Error('connection reset'));
      },
    });
    const response = await handler(new Request('https://www.shop.example/api/hotlinks', { method: 'POST', body, headers: BEACON, duplex: 'half' } as RequestInit));
    expect([response.status, await response.text()]).toEqual([400, 'the body could not be read']);
    expect(received).toEqual([]);
  });
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
