// @vitest-environment node
/**
 * The producer's server on the journeys: a landing with `?a=CODE` (what a link from the producer's
 * other site carries, the hash-free hand-off of cross-domain) gets the attribution cookie in the
 * page's response, with the ad click ids forwarded by default; the script on that page then finds
 * the same value and leaves it alone. Both adapters, over real HTTP on 127.0.0.1.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { decodeAttribution } from '../../src/attribution/cookie-codec';
import { fetchMiddleware, nodeMiddleware, resolveServerOptions } from '../../src/server/index';
import { listen, send, serveFetch } from '../server/http';

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
