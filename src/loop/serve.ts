/**
 * The server `hotlinks-embed serve` runs: the drop-in's reports and Hotmart's webhook by one route
 * table, and everything else by the dashboard (its page, login and logout, assets, and the summary
 * at `/api/summary`, behind the dashboard token or a session).
 */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dashboardRoutes } from '../dashboard/routes.js';
import { nodeCollectHandler, nodeWebhookHandler } from '../server/node.js';
import type { Loop } from './loop.js';

export interface Route {
  method: 'POST' | 'OPTIONS';
  path: string;
  handle(request: IncomingMessage, response: ServerResponse): void | Promise<void>;
}

export interface AppOptions {
  loop: Loop;
  /** Hotmart's hottok (`HOTMART_HOTTOK`); without it the webhook answers 503, saying so. */
  hottok?: string;
  /** The dashboard token: `Authorization: Bearer <token>` for the API, or typed into the login form. */
  token: string;
  onError?(error: unknown): void;
}

function send(response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers });
  response.end(body);
}

/** A producer's site is another origin: it may post reports here. They carry no credentials, and answer nothing readable. */
const CORS = { 'access-control-allow-origin': '*' };

/** The paths where the drop-in's reports and Hotmart's webhook arrive (the dashboard's empty state shows them). */
export const PATHS = { collect: '/collect', webhook: '/hotmart/webhook' };

/** The routes of `serve` besides the dashboard's: the two receivers. */
export function loopRoutes({ loop, hottok, onError }: AppOptions): Route[] {
  const collect = nodeCollectHandler({ onReport: (report) => loop.onReport(report), onError });
  const webhook = hottok ? nodeWebhookHandler({ hottok, onDelivery: (delivery) => loop.onDelivery(delivery), onError }) : undefined;
  return [
    {
      method: 'OPTIONS',
      path: PATHS.collect,
      // A beacon (text/plain) needs no preflight; fetch with application/json does.
      handle: (_, response) => {
        response.writeHead(204, { ...CORS, 'access-control-allow-methods': 'POST', 'access-control-allow-headers': 'content-type', 'access-control-max-age': '86400' });
        response.end();
      },
    },
    {
      method: 'POST',
      path: PATHS.collect,
      handle: (request, response) => {
        response.setHeader('access-control-allow-origin', '*');
        return collect(request, response);
      },
    },
    {
      method: 'POST',
      path: PATHS.webhook,
      handle: (request, response) =>
        webhook ? webhook(request, response) : send(response, 503, "this server has no hottok: start it with HOTMART_HOTTOK set to the one in Hotmart's webhook settings"),
    },
  ];
}

/** The request handler: a receiver's route, else the dashboard's, else 404 (405 for a receiver asked with another method). */
export function createApp(options: AppOptions, routes: Route[] = loopRoutes(options)) {
  const dashboard = dashboardRoutes({
    token: options.token,
    summary: (range) => options.loop.summary(range),
    urls: PATHS,
    hottokConfigured: !!options.hottok,
    onError: options.onError,
  });
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    try {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const here = routes.filter((route) => route.path == url.pathname);
      const route = here.find((r) => r.method == request.method);
      if (route) return await route.handle(request, response);
      if (here.length) {
        const allowed = here.map((r) => r.method).join(', ');
        return send(response, 405, `${url.pathname} takes ${allowed}`, { allow: allowed });
      }
      if (!(await dashboard.handle(request, response))) send(response, 404, `nothing at ${url.pathname}`);
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
