/**
 * The server `hotlinks-embed serve` runs: one route table, one authorization check. The dashboard
 * (and a login form with a session cookie) plugs in here: replace the `GET /` route, and pass an
 * `authorize` that also accepts the session cookie.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { nodeCollectHandler, nodeWebhookHandler } from '../server/node.js';
import type { Loop } from './loop.js';
import { parseRange } from './summary.js';

export interface Route {
  method: 'GET' | 'POST' | 'OPTIONS';
  path: string;
  /** Only for requests `authorize` accepts (401 otherwise). */
  private?: boolean;
  handle(request: IncomingMessage, response: ServerResponse, url: URL): void | Promise<void>;
}

export interface AppOptions {
  loop: Loop;
  /** Hotmart's hottok (`HOTMART_HOTTOK`); without it the webhook answers 503, saying so. */
  hottok?: string;
  /** Who may see the summary and the dashboard. See `bearerToken`. */
  authorize(request: IncomingMessage): boolean;
  /** The server's clock, in ms (the default range ends today). */
  now?: () => number;
  onError?(error: unknown): void;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Accepts `Authorization: Bearer <token>`, compared in constant time (hashed first: lengths never show). */
export function bearerToken(token: string): (request: IncomingMessage) => boolean {
  const expected = digest(token);
  return (request) => {
    const match = /^Bearer +(\S+) *$/i.exec(request.headers.authorization ?? '');
    return timingSafeEqual(digest(match?.[1] ?? ''), expected) && match != null;
  };
}

function send(response: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8', headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
  response.end(body);
}

/** A producer's site is another origin: it may post reports here. They carry no credentials, and answer nothing readable. */
const CORS = { 'access-control-allow-origin': '*' };

const PLACEHOLDER = `<!doctype html>
<html lang="en"><meta charset="utf-8"><title>hotlinks-embed</title>
<body style="font: 16px/1.5 system-ui, sans-serif; max-width: 40em; margin: 3em auto">
<h1>hotlinks-embed is running</h1>
<p>The dashboard comes with a later version. Until then, your sales are in
<code>npx hotlinks-embed report</code>, and as JSON at <code>/api/summary?from=YYYY-MM-DD&amp;to=YYYY-MM-DD</code>
(with <code>Authorization: Bearer &lt;your dashboard token&gt;</code>).</p>
</body></html>
`;

/** The routes of `serve`. */
export function loopRoutes({ loop, hottok, now = Date.now, onError }: AppOptions): Route[] {
  const collect = nodeCollectHandler({ onReport: (report) => loop.onReport(report), onError });
  const webhook = hottok ? nodeWebhookHandler({ hottok, onDelivery: (delivery) => loop.onDelivery(delivery), onError }) : undefined;
  return [
    {
      method: 'OPTIONS',
      path: '/collect',
      // A beacon (text/plain) needs no preflight; fetch with application/json does.
      handle: (_, response) => {
        response.writeHead(204, { ...CORS, 'access-control-allow-methods': 'POST', 'access-control-allow-headers': 'content-type', 'access-control-max-age': '86400' });
        response.end();
      },
    },
    {
      method: 'POST',
      path: '/collect',
      handle: (request, response) => {
        response.setHeader('access-control-allow-origin', '*');
        return collect(request, response);
      },
    },
    {
      method: 'POST',
      path: '/hotmart/webhook',
      handle: (request, response) =>
        webhook ? webhook(request, response) : send(response, 503, 'this server has no hottok: start it with HOTMART_HOTTOK set to the one in Hotmart\'s webhook settings'),
    },
    {
      method: 'GET',
      path: '/api/summary',
      private: true,
      async handle(_, response, url) {
        let range;
        try {
          range = parseRange({ from: url.searchParams.get('from'), to: url.searchParams.get('to') }, now());
        } catch (error) {
          return send(response, 400, (error as Error).message);
        }
        send(response, 200, JSON.stringify(await loop.summary(range)), 'application/json');
      },
    },
    { method: 'GET', path: '/', private: true, handle: (_, response) => send(response, 200, PLACEHOLDER, 'text/html; charset=utf-8') },
  ];
}

/** The request handler: the route for the method and path, 404 or 405 otherwise, 401 where private. */
export function createApp(options: AppOptions, routes: Route[] = loopRoutes(options)) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    try {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const here = routes.filter((route) => route.path == url.pathname);
      const route = here.find((r) => r.method == request.method || (r.method == 'GET' && request.method == 'HEAD'));
      if (!route) {
        if (!here.length) return send(response, 404, `nothing at ${url.pathname}`);
        return send(response, 405, `${url.pathname} takes ${here.map((r) => r.method).join(', ')}`, undefined, { allow: here.map((r) => r.method).join(', ') });
      }
      if (route.private && !options.authorize(request)) {
        return send(response, 401, 'this needs the dashboard token: Authorization: Bearer <token>', undefined, { 'www-authenticate': 'Bearer realm="hotlinks-embed"' });
      }
      await route.handle(request, response, url);
    } catch (error) {
      (options.onError ?? console.error)(error);
      if (!response.headersSent) send(response, 500, 'unexpected error');
      else response.destroy();
    }
  };
}

export interface Listening {
  server: Server;
  port: number;
  /** Stops taking requests, lets those under way finish (at most `graceMs`), then resolves. */
  close(graceMs?: number): Promise<void>;
}

export async function listen(handler: ReturnType<typeof createApp>, port: number, host: string): Promise<Listening> {
  const server = createServer((request, response) => void handler(request, response));
  // A client that sends its headers or body one byte at a time holds a connection at most this long.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => (server.off('error', reject), resolve()));
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: (graceMs = 10_000) =>
      new Promise<void>((resolve) => {
        const force = setTimeout(() => server.closeAllConnections(), graceMs);
        server.close(() => (clearTimeout(force), resolve()));
        server.closeIdleConnections();
      }),
  };
}
