// @vitest-environment node
/**
 * The report receiver over real HTTP on 127.0.0.1, both adapters: the Node `(req, res)` handler
 * and the fetch-style `(Request) => Response` one. What the browser sends must be accepted;
 * anything else gets a 4xx naming the problem, and the server stays up.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { type Report, nodeCollectHandler } from '../../src/server/index';
import { BEACON, collectReceivers, listen, postReport, send, REPORT } from './http';

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
