// @vitest-environment node
/**
 * The report receiver over real HTTP on 127.0.0.1, both adapters: the Node `(req, res)` handler
 * and the fetch-style `(Request) => Response` one. What the browser sends must be accepted;
 * anything else gets a 4xx naming the problem, and the server stays up.
 */
import { Agent, type IncomingMessage, type ServerResponse, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Report, fetchCollectHandler, nodeCollectHandler } from '../../src/server/index';
import { BEACON, REPORT, collectReceivers, listen, postReport, raw, send } from './http';

describe.each(Object.entries(collectReceivers))('the collect handler, %s', (_, receiver) => {
  it.each([
    ['a beacon (text/plain;charset=UTF-8)', BEACON],
    ['application/json', { 'content-type': 'application/json' }],
    ['application/json; charset=utf-8', { 'content-type': 'application/json; charset=utf-8' }],
  ])('accepts a report sent as %s and hands it over', async (_, headers) => {
    const { origin, received } = await receiver();
    const answer = await postReport(origin, JSON.stringify(REPORT), headers);
    expect([answer.status, answer.body]).toEqual([204, '']);
    expect(received).toEqual([REPORT]);
  });

  it('a report answered in time leaves the connection open for the next one (keep-alive, as browsers send beacons)', async () => {
    const { origin, received } = await receiver();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const post = () =>
      new Promise<{ status: number; reused: boolean }>((resolve, reject) => {
        const req = httpRequest(origin + '/api/hotlinks', { method: 'POST', agent, headers: BEACON }, (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode!, reused: req.reusedSocket }));
        });
        req.on('error', reject);
        req.end(JSON.stringify(REPORT));
      });
    try {
      const first = await post();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect([first, await post()]).toEqual([
        { status: 204, reused: false },
        { status: 204, reused: true },
      ]);
      expect(received).toEqual([REPORT, REPORT]);
    } finally {
      agent.destroy();
    }
  });

  it('accepts an attribution report, and drops fields it does not know (a newer script)', async () => {
    const { origin, received } = await receiver();
    const { checkoutUrl, ...attribution } = REPORT;
    const answer = await postReport(origin, JSON.stringify({ ...attribution, event: 'attribution', extra: 1 }));
    expect(answer.status).toBe(204);
    expect(received).toEqual([{ ...attribution, event: 'attribution' }]);
  });

  it.each([
    ['not JSON', '{"event":', 'the body is not JSON (UTF-8)'],
    ['invalid UTF-8', new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), 'the body is not JSON (UTF-8)'],
    ['empty', '', 'the body is not JSON (UTF-8)'],
    ['JSON but not an object', '[1,2]', 'report: Invalid input: expected object, received array'],
    ['an unknown event', JSON.stringify({ ...REPORT, event: 'purchase' }), 'event: Invalid option: expected one of "attribution"|"checkout"'],
    ['a javascript: page', JSON.stringify({ ...REPORT, page: 'javascript:alert(1)' }), 'page: must be an absolute http: or https: URL'],
    ['a relative checkout URL', JSON.stringify({ ...REPORT, checkoutUrl: '/A72242240H' }), 'checkoutUrl: must be an absolute http: or https: URL'],
    ['a checkout without its URL', JSON.stringify({ ...REPORT, checkoutUrl: undefined }), 'checkoutUrl: is required for checkout reports, and only for them'],
    ['an affiliate with a line break', JSON.stringify({ ...REPORT, affiliate: 'O95340038V\r\nX-Evil: 1' }), 'affiliate: must not contain control characters'],
    ['a parameter named with markup', JSON.stringify({ ...REPORT, params: { '<script>': 'x' } }), 'params.<script>: Invalid key in record'],
    ['33 parameters', JSON.stringify({ ...REPORT, params: Object.fromEntries(Array.from({ length: 33 }, (_, i) => ['p' + i, 'v'])) }), 'params: must have at most 32 parameters'],
    ['a timestamp as text', JSON.stringify({ ...REPORT, timestamp: '2026-11-24' }), 'timestamp: Invalid input: expected number, received string'],
  ])('answers 400 to a body that is %s, naming what is wrong', async (_, body, message) => {
    const { origin, received } = await receiver();
    const answer = await postReport(origin, body);
    expect([answer.status, answer.body]).toEqual([400, message]);
    expect(received).toEqual([]);
  });

  it.each([
    ['announced by Content-Length', (body: string) => ({ body, headers: { ...BEACON, 'content-length': Buffer.byteLength(body) } })],
    ['sent in chunks without a length', (body: string) => ({ body, headers: { ...BEACON, 'transfer-encoding': 'chunked' } })],
  ])('answers 400 to a body over 8 KB %s', async (_, request) => {
    const { origin, received } = await receiver();
    const big = JSON.stringify({ ...REPORT, params: { utm_content: 'x'.repeat(200) }, padding: 'y'.repeat(9000) });
    const { body, headers } = request(big);
    const answer = await postReport(origin, body, headers);
    expect([answer.status, answer.body]).toEqual([400, 'the body is larger than 8192 bytes']);
    expect(received).toEqual([]);
    // And it is still up.
    expect((await postReport(origin, JSON.stringify(REPORT))).status).toBe(204);
  });

  it('takes its byte limit from maxBytes', async () => {
    const { origin } = await receiver({ maxBytes: 100 });
    expect((await postReport(origin, JSON.stringify(REPORT))).status).toBe(400);
  });

  it.each([
    ['GET', undefined, BEACON, 405, 'reports are sent with POST'],
    ['PUT', JSON.stringify(REPORT), BEACON, 405, 'reports are sent with POST'],
    ['POST', JSON.stringify(REPORT), { 'content-type': 'application/x-www-form-urlencoded' }, 415, 'content-type must be text/plain or application/json, got "application/x-www-form-urlencoded"'],
    ['POST', JSON.stringify(REPORT), { 'content-type': 'text/plain; charset=iso-8859-1' }, 415, 'charset must be utf-8, got "iso-8859-1"'],
  ])('answers a %s with %s to %d', async (method, body, headers, status, message) => {
    const { origin, received } = await receiver();
    const answer = await send(origin + '/api/hotlinks', { method, headers, body });
    expect([answer.status, answer.body]).toEqual([status, message]);
    if (status == 405) expect(answer.headers.allow).toBe('POST');
    expect(received).toEqual([]);
  });

  it.each([
    ['throws', () => {
      throw new Error('database down');
    }],
    ['rejects', () => Promise.reject(new Error('database down'))],
  ])('answers 500 when onReport %s, reports the error, and keeps serving', async (_, onReport) => {
    let calls = 0;
    const { origin, errors } = await receiver({ onReport: () => (calls++ ? undefined : onReport()) });
    expect((await postReport(origin, JSON.stringify(REPORT))).status).toBe(500);
    expect(errors).toEqual([new Error('database down')]);
    expect((await postReport(origin, JSON.stringify(REPORT))).status).toBe(204);
  });

  it('answers with no-store, so no cache keeps an answer', async () => {
    const { origin } = await receiver();
    expect((await postReport(origin, JSON.stringify(REPORT))).headers['cache-control']).toBe('no-store');
  });
});

describe('the Node collect handler behind a body parser (Express)', () => {
  it('uses the body the parser already read', async () => {
    const received: Report[] = [];
    const handler = nodeCollectHandler({ onReport: (report) => void received.push(report) });
    const origin = await listen(async (req: IncomingMessage & { body?: unknown }, res: ServerResponse) => {
      // What express.json() leaves behind: the stream read to its end, the parsed object on req.body.
      let text = '';
      for await (const chunk of req) text += chunk;
      req.body = JSON.parse(text);
      await handler(req, res);
    });
    const answer = await postReport(origin, JSON.stringify(REPORT), { 'content-type': 'application/json' });
    expect(answer.status).toBe(204);
    expect(received).toEqual([REPORT]);
  });
});

/**
 * The report receiver against requests nobody should send: oversized, malformed and hostile
 * bodies and headers, over real HTTP on 127.0.0.1. It answers 4xx (or, for what Node's own HTTP
 * parser refuses, Node answers and the handler never runs): never a crash, never a report that is
 * not valid, never a polluted prototype.
 */
describe('hostile input', () => {
  const CODE = 'O95340038V';
  const json = (value: unknown) => JSON.stringify(value);

  const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort();
  const before = prototypeKeys();
  afterEach(() => {
    // No request may add anything to every object of the server process.
    expect(prototypeKeys()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

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
});

/**
 * The report receiver against what a log or a JavaScript string would mistake for structure (C1
 * controls such as U+0085 NEL and U+009B CSI, and U+2028/U+2029, the line separators of JavaScript),
 * against invisible format characters (U+200B, U+202E) that make one code pass for another,
 * and against a client that trickles its body to hold a connection open. Over real HTTP on 127.0.0.1.
 */
describe('trust: characters that pass for structure, and a body that trickles', () => {
  const CHARACTERS = {
    'U+0085 (NEL)': '\u0085',
    'U+009B (CSI)': '\u009b',
    'U+2028': '\u2028',
    'U+2029': '\u2029',
    // Invisible: one code that looks like another on the producer's dashboard.
    'U+200B (zero width space)': '\u200b',
    'U+202E (right-to-left override)': '\u202e',
    'U+FEFF (byte order mark)': '\ufeff',
  };
  /** Where a character can hide in a report, and the field the 400 must name. */
  const PLACES: { field: string; put: (c: string) => Report }[] = [
    { field: 'affiliate', put: (c) => ({ ...REPORT, affiliate: `O9534${c}0038V` }) },
    { field: 'params.utm_source', put: (c) => ({ ...REPORT, params: { utm_source: `fb${c}alert(1)` } }) },
    { field: 'page', put: (c) => ({ ...REPORT, page: `https://www.shop.example/curso/${c}` }) },
    { field: 'checkoutUrl', put: (c) => ({ ...REPORT, checkoutUrl: `${REPORT.checkoutUrl}&x=${c}` }) },
  ];
  const cases = Object.entries(CHARACTERS).flatMap(([name, c]) => PLACES.map(({ field, put }) => ({ name, field, report: put(c) })));

  describe.each(Object.entries(collectReceivers))('%s', (_, receiver) => {
    it.each(cases)('$name in $field: 400 naming $field, nothing handed over', async ({ field, report }) => {
      const { origin, received } = await receiver();
      const answer = await postReport(origin, JSON.stringify(report));
      expect(answer.status).toBe(400);
      expect(answer.body.startsWith(field + ':'), answer.body).toBe(true);
      expect(received).toEqual([]);
      // And the same receiver still takes a clean report.
      const clean = await postReport(origin, JSON.stringify(REPORT));
      expect(clean.status).toBe(204);
      expect(received).toEqual([REPORT]);
    });
  });

  /**
   * A raw client: sends the request head and the first bytes of the body, then one byte every
   * `every` ms, and never finishes. Resolves with what the server answered and when the server
   * closed the connection, or `undefined` fields if it had not within `patience` ms.
   */
  function trickle(origin: string, every: number, patience: number) {
    const { hostname, port } = new URL(origin);
    const body = JSON.stringify(REPORT);
    return new Promise<{ answer: string; answeredAfter?: number; closedAfter?: number; sent: number }>((resolve) => {
      const started = Date.now();
      const socket = connect(Number(port), hostname);
      let answer = '';
      let answeredAfter: number | undefined;
      let sent = 0;
      let timer: ReturnType<typeof setInterval> | undefined;
      const finish = (closedAfter?: number) => {
        clearInterval(timer);
        clearTimeout(giveUp);
        socket.destroy();
        resolve({ answer, answeredAfter, closedAfter, sent });
      };
      const giveUp = setTimeout(() => finish(undefined), patience);
      socket.on('connect', () => {
        socket.write(
          `POST /collect HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain;charset=UTF-8\r\nContent-Length: ${body.length}\r\n\r\n` + body.slice(0, 5),
        );
        sent = 5;
        timer = setInterval(() => {
          if (sent < body.length - 1 && !socket.destroyed) socket.write(body[sent++]);
        }, every);
      });
      socket.on('data', (chunk) => {
        answer += chunk.toString();
        answeredAfter ??= Date.now() - started;
      });
      socket.on('error', () => {});
      socket.on('close', () => finish(Date.now() - started));
    });
  }

  describe('the Node handler and a body that trickles in', () => {
    const nodeReceiver = collectReceivers['Node (req, res)'];
    it('bodyTimeoutMs: 400 ms: answered 408 with connection: close, and the connection closed, within the deadline', async () => {
      const { origin, received } = await nodeReceiver({ bodyTimeoutMs: 400 });
      const result = await trickle(origin, 50, 3000);
      expect(result.answer).toMatch(/^HTTP\/1\.1 408 /);
      expect(result.answer.toLowerCase()).toContain('connection: close');
      expect(result.answer).toContain('the body did not arrive within 400 ms');
      expect(result.answeredAfter).toBeGreaterThanOrEqual(350);
      expect(result.answeredAfter).toBeLessThan(1500);
      // The server closed it, long before the body could have been finished at this pace.
      expect(result.closedAfter).toBeDefined();
      expect(result.closedAfter).toBeLessThan(1500);
      expect(received).toEqual([]);
      // And it serves the next report.
      expect((await postReport(origin, JSON.stringify(REPORT))).status).toBe(204);
    });

    it('a body that arrives in time, byte by byte, is accepted', async () => {
      const { origin, received } = await nodeReceiver({ bodyTimeoutMs: 2000 });
      const { hostname, port } = new URL(origin);
      const body = JSON.stringify(REPORT);
      const answer = await new Promise<string>((resolve) => {
        const socket = connect(Number(port), hostname, async () => {
          socket.write(`POST /collect HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain;charset=UTF-8\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`);
          for (let i = 0; i < body.length; i += 40) {
            socket.write(body.slice(i, i + 40));
            await new Promise((r) => setTimeout(r, 5));
          }
        });
        let text = '';
        socket.on('data', (chunk) => (text += chunk));
        socket.on('close', () => resolve(text));
      });
      expect(answer).toMatch(/^HTTP\/1\.1 204 /);
      expect(received).toEqual([REPORT]);
    });

    it('without bodyTimeoutMs the deadline is 5000 ms', async () => {
      const { origin } = await nodeReceiver();
      const result = await trickle(origin, 200, 7000);
      expect(result.answer).toMatch(/^HTTP\/1\.1 408 /);
      expect(result.answer).toContain('within 5000 ms');
      expect(result.answeredAfter).toBeGreaterThanOrEqual(4900);
      expect(result.closedAfter).toBeLessThan(6500);
    }, 10_000);
  });
});

describe.each(Object.entries(collectReceivers))('the report schema at its edges, %s', (_, receiver) => {
  const params = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => ['p' + i, 'v']));

  it.each([
    ['from an http: page (a site without TLS, a local one)', { ...REPORT, page: 'http://shop.example/curso/' }],
    ['with 32 parameters', { ...REPORT, params: params(32) }],
    ['with a parameter name of 64 characters', { ...REPORT, params: { ['k'.repeat(64)]: 'v' } }],
    ['with a visit id of 11 characters', { ...REPORT, visit: 'abcdefghijk' }],
  ])('accepts a report %s', async (_, report) => {
    const { origin, received } = await receiver();
    expect((await postReport(origin, JSON.stringify(report))).status).toBe(204);
    expect(received).toEqual([report]);
  });

  it.each([
    ['a page with a space in it', { ...REPORT, page: 'https://www.shop.example/a b' }, 'page: must not contain spaces, control or invisible characters'],
    ['a page of another scheme ending in https', { ...REPORT, page: 'web+https://www.shop.example/' }, 'page: must be an absolute http: or https: URL'],
    ['a visit id of 10 characters', { ...REPORT, visit: 'abcdefghij' }, 'visit: must be 11 to 64 characters of A-Z a-z 0-9 _ -'],
    ['a parameter name starting with "$"', { ...REPORT, params: { $utm: 'v' } }, 'params.$utm: Invalid key in record'],
    ['a parameter name ending with "$"', { ...REPORT, params: { utm$: 'v' } }, 'params.utm$: Invalid key in record'],
    ['a parameter name of 65 characters', { ...REPORT, params: { ['k'.repeat(65)]: 'v' } }, `params.${'k'.repeat(65)}: Invalid key in record`],
  ])('answers 400 to %s, naming it', async (_, report, message) => {
    const { origin, received } = await receiver();
    const answer = await postReport(origin, JSON.stringify(report));
    expect([answer.status, answer.body]).toEqual([400, message]);
    expect(received).toEqual([]);
  });
});

describe.each(Object.entries(collectReceivers))('receiving at its edges, %s', (_, receiver) => {
  const body = JSON.stringify(REPORT);

  it('a body of exactly maxBytes is taken, announced or in chunks; one byte more is refused', async () => {
    const { origin, received } = await receiver({ maxBytes: Buffer.byteLength(body) });
    expect((await postReport(origin, body, { ...BEACON, 'content-length': Buffer.byteLength(body) })).status).toBe(204);
    expect((await postReport(origin, body, { ...BEACON, 'transfer-encoding': 'chunked' })).status).toBe(204);
    expect((await postReport(origin, body + ' ', { ...BEACON, 'content-length': Buffer.byteLength(body) + 1 })).status).toBe(400);
    expect((await postReport(origin, body + ' ', { ...BEACON, 'transfer-encoding': 'chunked' })).status).toBe(400);
    expect(received).toEqual([REPORT, REPORT]);
  });

  it.each([
    ['no content-type at all', {}, 415, 'content-type must be text/plain or application/json, got ""'],
    ['text/plain with a parameter other than charset', { 'content-type': 'text/plain; format=flowed' }, 204, ''],
    ['a quoted charset in capitals', { 'content-type': 'text/plain; charset="UTF-8"' }, 204, ''],
  ])('a report with %s: %d', async (_, headers, status, message) => {
    const { origin } = await receiver();
    const answer = await postReport(origin, body, headers);
    expect([answer.status, answer.body]).toEqual([status, message]);
  });

  it('a byte that is no UTF-8 inside a JSON string: 400, the body is not JSON (UTF-8)', async () => {
    const { origin, received } = await receiver();
    const [before, after] = JSON.stringify({ ...REPORT, params: { utm_source: 'fb~' } }).split('~');
    const answer = await postReport(origin, Buffer.concat([Buffer.from(before), Buffer.from([0xff]), Buffer.from(after)]));
    expect([answer.status, answer.body]).toEqual([400, 'the body is not JSON (UTF-8)']);
    expect(received).toEqual([]);
  });

  it('the answers\' headers: Allow only on a 405, a text type only with a message', async () => {
    const { origin } = await receiver();
    const accepted = await postReport(origin, body);
    const refused = await postReport(origin, '{');
    const wrongMethod = await send(origin + '/api/hotlinks', { method: 'GET' });
    expect([accepted.status, accepted.headers.allow, accepted.headers['content-type']]).toEqual([204, undefined, undefined]);
    expect([refused.status, refused.headers.allow, refused.headers['content-type']]).toEqual([400, undefined, 'text/plain; charset=utf-8']);
    expect([wrongMethod.status, wrongMethod.headers.allow, wrongMethod.headers['content-type']]).toEqual([405, 'POST', 'text/plain; charset=utf-8']);
  });

  it('answers 500 to a report onReport could not keep, saying so', async () => {
    const { origin } = await receiver({ onReport: () => Promise.reject(new Error('database down')) });
    const answer = await postReport(origin, body);
    expect([answer.status, answer.body]).toEqual([500, 'the report could not be stored']);
  });
});

describe('the Node collect handler, as frameworks and clients hand it requests', () => {
  const body = JSON.stringify(REPORT);
  const handlerOn = async (prepare: (req: IncomingMessage & { body?: unknown }) => Promise<void> | void, options: { maxBytes?: number; bodyTimeoutMs?: number } = {}) => {
    const received: Report[] = [];
    const errors: unknown[] = [];
    const handler = nodeCollectHandler({ onReport: (report) => void received.push(report), onError: (e) => void errors.push(e), ...options });
    const origin = await listen(async (req: IncomingMessage & { body?: unknown }, res: ServerResponse) => {
      await prepare(req);
      await handler(req, res);
    });
    return { origin, received, errors };
  };

  it('behind a text body parser (express.text()): the string it read is the report', async () => {
    const { origin, received } = await handlerOn(async (req) => {
      let text = '';
      for await (const chunk of req) text += chunk;
      req.body = text;
    });
    expect((await postReport(origin, body)).status).toBe(204);
    expect(received).toEqual([REPORT]);
  });

  it('a request a framework set to text (setEncoding): read all the same', async () => {
    const { origin, received } = await handlerOn((req) => void req.setEncoding('utf8'));
    expect((await postReport(origin, body)).status).toBe(204);
    expect(received).toEqual([REPORT]);
  });

  it('a framework that gives every request an empty body object before reading it: the body is read', async () => {
    const { origin, received } = await handlerOn((req) => void (req.body = {}));
    expect((await postReport(origin, body)).status).toBe(204);
    expect(received).toEqual([REPORT]);
  });

  it('a middleware that read the body and kept nothing: 400 at once, not a 408 after the deadline', async () => {
    const { origin, received } = await handlerOn(
      async (req) => {
        for await (const _ of req);
      },
      { bodyTimeoutMs: 3000 },
    );
    const started = Date.now();
    const answer = await postReport(origin, body);
    expect([answer.status, answer.body]).toEqual([400, 'the body could not be read']);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(received).toEqual([]);
  });

  it('a body announced over the limit is refused at once, without waiting for it', async () => {
    const { origin } = await handlerOn(() => {}, { maxBytes: 100, bodyTimeoutMs: 3000 });
    const answer = await raw(origin, 'POST /api/hotlinks HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 9000\r\n\r\n{', 1000);
    expect(answer).toMatch(/^HTTP\/1\.1 400 [^]*\r\nconnection: close\r\n[^]*the body is larger than 100 bytes/i);
  });

  it('the connection stays open after an accepted report, and closes after a refused one', async () => {
    const { origin } = await handlerOn(() => {});
    const request = (text: string) => `POST /api/hotlinks HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`;
    expect(await raw(origin, request(body), 300)).toMatch(/^HTTP\/1\.1 204 [^]*\r\nconnection: keep-alive\r\n/i);
    expect(await raw(origin, request('{"event":'), 300)).toMatch(/^HTTP\/1\.1 400 [^]*\r\nconnection: close\r\n/i);
  });

  it('a request a framework already answered: the report is taken, nothing more is written, nothing thrown', async () => {
    const received: Report[] = [];
    const handler = nodeCollectHandler({ onReport: (report) => void received.push(report) });
    let outcome: Promise<void> | undefined;
    const origin = await listen((req: IncomingMessage, res: ServerResponse) => {
      res.writeHead(202).end('taken elsewhere');
      outcome = handler(req, res);
    });
    const answer = await postReport(origin, body);
    expect([answer.status, answer.body]).toEqual([202, 'taken elsewhere']);
    await expect(outcome).resolves.toBeUndefined();
    expect(received).toEqual([REPORT]);
  });

  it('a request it cannot even look at (no headers): 500, and the error reported', async () => {
    const errors: unknown[] = [];
    const written: unknown[] = [];
    const handler = nodeCollectHandler({ onReport: () => {}, onError: (e) => void errors.push(e) });
    const request = { method: 'POST', on() {}, removeListener() {}, resume() {} } as unknown as IncomingMessage;
    const response = { getHeader() {}, setHeader() {}, writeHead: (...args: unknown[]) => written.push(args), end: (text: string) => written.push(text) } as unknown as ServerResponse;
    await handler(request, response);
    expect(written).toEqual([[500, { 'cache-control': 'no-store', 'content-type': 'text/plain; charset=utf-8' }], 'unexpected error']);
    expect(errors).toEqual([expect.any(TypeError)]);
  });
});

describe('the fetch collect handler, in process, at its edges', () => {
  const url = 'https://www.shop.example/api/hotlinks';

  it('a POST without a body: 400, the body is not JSON (UTF-8)', async () => {
    const response = await fetchCollectHandler({ onReport: () => {} })(new Request(url, { method: 'POST', headers: BEACON }));
    expect([response.status, await response.text()]).toEqual([400, 'the body is not JSON (UTF-8)']);
  });

  it('a body that never ends: 408 after bodyTimeoutMs, and the stream cancelled', async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => controller.enqueue(new TextEncoder().encode('{"event":')),
      cancel: () => void (cancelled = true),
    });
    const response = await fetchCollectHandler({ onReport: () => {}, bodyTimeoutMs: 100 })(new Request(url, { method: 'POST', body, headers: BEACON, duplex: 'half' } as RequestInit));
    expect([response.status, await response.text()]).toEqual([408, 'the body did not arrive within 100 ms']);
    expect(cancelled).toBe(true);
  });

  it('a body announced over the limit is refused at once (400), without waiting for it', async () => {
    const body = new ReadableStream<Uint8Array>({ start: (controller) => controller.enqueue(new TextEncoder().encode('{')) });
    const headers = { ...BEACON, 'content-length': '9000' };
    const response = await fetchCollectHandler({ onReport: () => {}, maxBytes: 100, bodyTimeoutMs: 3000 })(new Request(url, { method: 'POST', body, headers, duplex: 'half' } as RequestInit));
    expect([response.status, await response.text()]).toEqual([400, 'the body is larger than 100 bytes']);
  });

  it('a request it cannot even look at (headers that throw): 500, and the error reported', async () => {
    const errors: unknown[] = [];
    const broken = { method: 'POST', headers: { get: () => { throw new Error('no headers'); } } } as unknown as Request;
    const response = await fetchCollectHandler({ onReport: () => {}, onError: (e) => void errors.push(e) })(broken);
    expect([response.status, await response.text()]).toEqual([500, 'unexpected error']);
    expect(errors).toEqual([new Error('no headers')]);
  });

  it('a report received leaves no timer behind (a busy server would pile them up for bodyTimeoutMs)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const response = await fetchCollectHandler({ onReport: () => {} })(new Request(url, { method: 'POST', body: JSON.stringify(REPORT), headers: BEACON }));
      expect(response.status).toBe(204);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
