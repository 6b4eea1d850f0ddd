/**
 * The test web site: one handler served over https (self-signed certificate, accepted by the test
 * browser) and over http, on 127.0.0.1 with ephemeral ports. Pages are registered by the tests;
 * `/dist/` serves the built scripts. Every host name in `TEST_HOSTS` reaches it.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const ROOT = process.cwd();
const DIST = join(ROOT, 'dist');
const TLS = join(ROOT, 'test/e2e/fixtures/tls');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
};

export interface Page {
  body: string;
  type?: string;
  headers?: Record<string, string>;
}

export interface Site {
  /** Serves `page` at `path` (any host, any query). */
  page(path: string, page: string | Page): void;
  /** `https://<host>:<port><path>` (or http with `{ http: true }`). */
  url(host: string, path: string, opts?: { http?: boolean }): string;
  /** Requests received, newest last: method, host and path with query. */
  requests: { method: string; host: string; url: string }[];
  close(): Promise<void>;
}

export async function startSite(): Promise<Site> {
  const pages = new Map<string, Page>();
  const requests: Site['requests'] = [];

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    requests.push({ method: req.method ?? 'GET', host: req.headers.host ?? '', url: req.url ?? '/' });
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const page = pages.get(path);
    if (page) {
      res.writeHead(200, { 'content-type': page.type ?? TYPES['.html'], 'cache-control': 'no-store', ...page.headers });
      res.end(page.body);
      return;
    }
    if (path.startsWith('/dist/')) {
      const file = normalize(join(DIST, path.slice('/dist/'.length)));
      if (file.startsWith(DIST + sep)) {
        try {
          const body = await readFile(file);
          res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
          res.end(body);
          return;
        } catch {
          /* 404 below */
        }
      }
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found: ' + path);
  };
  const listener = (req: IncomingMessage, res: ServerResponse) => void handle(req, res);

  // Hostile-URL tests send 20,000-character queries: more than Node's default 16 KB of headers.
  const limits = { maxHeaderSize: 64 * 1024 };
  const https = createHttpsServer({ ...limits, key: readFileSync(join(TLS, 'key.pem')), cert: readFileSync(join(TLS, 'cert.pem')) }, listener);
  const http = createHttpServer(limits, listener);
  const listen = (server: Server) =>
    new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
  const [httpsPort, httpPort] = [await listen(https), await listen(http)];

  return {
    page(path, page) {
      pages.set(path, typeof page == 'string' ? { body: page } : page);
    },
    url(host, path, opts = {}) {
      return opts.http ? `http://${host}:${httpPort}${path}` : `https://${host}:${httpsPort}${path}`;
    },
    requests,
    async close() {
      for (const server of [https, http]) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    },
  };
}

/**
 * A strict Content-Security-Policy as a careful producer writes it for the Buy button: scripts,
 * styles and images from the page's own origin only, the overlay's checkout frame, and Trusted
 * Types enforced with Lit's policy (`lit-html`) the only one allowed.
 */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; frame-src https://pay.hotmart.com; " +
  "require-trusted-types-for 'script'; trusted-types lit-html";

/** A minimal HTML page: `head` and `body` markup as given. */
export const html = (body: string, head = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>test page</title>${head}</head><body>${body}</body></html>`;

/** A drop-in script tag with `data-*` settings (`{ attribution: 'first-click' }` → `data-attribution`). */
export function dropin(file: 'hotlinks.js' | 'hotlinks-capture.js', settings: Record<string, string> = {}): string {
  const attrs = Object.entries(settings)
    .map(([key, value]) => ` data-${key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}="${value.replace(/"/g, '&quot;')}"`)
    .join('');
  return `<script src="/dist/${file}"${attrs}></script>`;
}
