// @vitest-environment node
/**
 * Several cookies of our name in one `Cookie` header, on the producer's server: the same rule as
 * the browser's. The last value that decodes is the attribution; it is never sent back (the server
 * writes only on a real landing: a value in the header may be a sibling's copy from a deeper path);
 * a value that does not decode (a sibling subdomain's garbage on a deeper path, listed first) never
 * gets the valid one deleted; only when nothing decodes is the cookie deleted.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { encodeAttribution } from '../../src/attribution/cookie-codec';
import { attributionCookie, nodeMiddleware, resolveServerOptions } from '../../src/server/index';
import { VISIT } from '../fixtures/visit';
import { listen, send } from '../server/http';

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
