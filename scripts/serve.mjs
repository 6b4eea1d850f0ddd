#!/usr/bin/env node
/**
 * `npm start`: serves the examples (examples/) and the built scripts (dist/) on 127.0.0.1, port
 * `PORT` (default 8787). Installs and fetches nothing. `/checkout-preview` stands in for Hotmart's
 * checkout, so the whole journey can be clicked through without an account.
 *
 * The browser suite imports `startDemoServer` and drives the same pages (and takes the README's
 * screenshots from them).
 */
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** URL prefix → folder. Only these are served; `/node_modules/` only for the ESM example's import map. */
const MOUNTS = [
  ['/dist/', join(ROOT, 'dist')],
  ...['lit', 'lit-html', 'lit-element', '@lit/reactive-element'].map((pkg) => [`/node_modules/${pkg}/`, join(ROOT, 'node_modules', pkg)]),
  ['/', join(ROOT, 'examples')],
];
const ALIASES = { '/': '/index.html', '/checkout-preview': '/checkout-preview.html' };
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** The file a request path maps to, or `null` (outside every mount, or not a file). */
async function fileFor(pathname) {
  const path = ALIASES[pathname] ?? pathname;
  for (const [prefix, dir] of MOUNTS) {
    if (!path.startsWith(prefix)) continue;
    const file = normalize(join(dir, path.slice(prefix.length)));
    if (!file.startsWith(dir + sep)) return null;
    try {
      if ((await stat(file)).isFile()) return file;
    } catch {
      /* try the next mount */
    }
  }
  return null;
}

/** Serves one request from the mounts above (GET and HEAD only). Also used by examples/server/server.mjs. */
export async function handle(req, res) {
  if (req.method != 'GET' && req.method != 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
  } catch {
    res.writeHead(400).end();
    return;
  }
  const file = await fileFor(pathname);
  if (!file) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`Not found: ${pathname}\n`);
    return;
  }
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    // Always the latest build: the demo is for trying changes.
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(req.method == 'HEAD' ? undefined : await readFile(file));
}

/** Starts the demo server; `port: 0` picks a free one. Resolves to its address and a `close()`. */
export function startDemoServer({ port = 8787, host = '127.0.0.1' } = {}) {
  const server = createServer((req, res) =>
    handle(req, res).catch((error) => {
      console.error(error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }),
  );
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: bound } = server.address();
      resolve({
        url: `http://${host}:${bound}/`,
        close: () => new Promise((done) => (server.closeAllConnections(), server.close(done))),
      });
    });
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) == normalize(process.argv[1])) {
  if (!existsSync(join(ROOT, 'dist/hotlinks.js'))) {
    console.error('dist/hotlinks.js is missing: run `npm run build` first (`npm start` does both).');
    process.exit(1);
  }
  const port = Number(process.env.PORT ?? 8787);
  startDemoServer({ port }).then(
    ({ url }) => {
      console.log(`hotlinks-embed demo: ${url}`);
      console.log(`  simulate an affiliate visit: ${url}?a=O95340038V&utm_source=instagram&sck=bio`);
      console.log('  (Ctrl+C to stop)');
    },
    (error) => {
      console.error(error.code == 'EADDRINUSE' ? `port ${port} is in use: try PORT=8788 npm start` : error);
      process.exit(1);
    },
  );
}
