// @vitest-environment node
/**
 * The report receiver against what a log or a JavaScript string would mistake for structure (C1
 * controls such as U+0085 NEL and U+009B CSI, and U+2028/U+2029, the line separators of JavaScript),
 * against invisible format characters (U+200B, U+202E) that make one code pass for another,
 * and against a client that trickles its body to hold a connection open. Over real HTTP on 127.0.0.1.
 */
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/server/index';
import { collectReceivers, postReport, REPORT } from '../server/http';

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
