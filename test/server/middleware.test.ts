// @vitest-environment node
/**
 * The fetch-style wrapper, as an edge runtime or a framework's middleware calls it: in process
 * with the platform's own Request and Response, and served over real HTTP on 127.0.0.1.
 */
import { describe, expect, it } from 'vitest';
import { fetchMiddleware } from '../../src/server/index';
import { pageLoad, send, serveFetch } from './http';

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
