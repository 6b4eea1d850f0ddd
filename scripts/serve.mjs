#!/usr/bin/env node
/**
 * `npm start`: serves the examples (examples/) and the built scripts (dist/) on 127.0.0.1, port
 * `PORT` (default 8787). Installs and fetches nothing. `/checkout-preview` stands in for Hotmart's
 * checkout, so the whole journey can be clicked through without an account. Beside the pages it runs
 * the demo's loop server (scripts/demo-loop.mjs): `hotlinks-embed serve` on port `LOOP_PORT` (default:
 * any free one), storing in node_modules/.cache/hotlinks-embed/demo-loop, which receives the pages'
 * reports and the checkout preview's simulated Hotmart sale, and shows them on its dashboard.
 *
 * The browser suite imports `startDemoServer` and drives the same pages (and takes the README's
 * screenshots from them). `node scripts/serve.mjs --site [folder]` serves the public site as
 * `npm run site` wrote it (`site-dist/`), as a plain static host would (`startStaticServer`).
 */
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemoLoop } from './demo-loop.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * URL prefix → folder. Only these are served; `/node_modules/` only for the ESM example's import map,
 * `/site/` for the public site's snippet builder and styles, which the demo's pages use.
 */
const MOUNTS = [
  ['/dist/', join(ROOT, 'dist')],
  ['/site/', join(ROOT, 'site')],
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

/** The file a request path maps to under `mounts`, or `null` (outside every mount, or not a file). A folder's file is its index.html. */
async function fileFor(pathname, mounts, aliases = {}) {
  let path = aliases[pathname] ?? pathname;
  if (path.endsWith('/')) path += 'index.html';
  for (const [prefix, dir] of mounts) {
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

/** A request handler serving files from `mounts` (URL prefix → folder), GET and HEAD only. */
export const staticHandler = (mounts, aliases) =>
  async function handleStatic(req, res) {
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
    const file = await fileFor(pathname, mounts, aliases);
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
  };

/** Serves one request from the demo's mounts above. Also used by examples/server/server.mjs. */
export const handle = staticHandler(MOUNTS, ALIASES);

/** Starts a server for `handler` on 127.0.0.1; `port: 0` picks a free one. Resolves to its address and a `close()`. */
function listen(handler, { port, host = '127.0.0.1' }) {
  const server = createServer((req, res) =>
    handler(req, res).catch((error) => {
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

/**
 * A plain static file server of one folder (the public site, `npm run site`), as any static host serves it.
 * @param {{ root: string, port?: number, host?: string }} options
 */
export const startStaticServer = ({ root, port = 0, host = '127.0.0.1' }) => listen(staticHandler([['/', root]]), { port, host });

/** Where `npm start`'s loop server keeps its store, its journal and its dashboard token, from one run to the next. */
export const DEMO_LOOP_DATA = join(ROOT, 'node_modules/.cache/hotlinks-embed/demo-loop');

/**
 * Starts the demo server, and with `loop` its loop server (`npm start` keeps its store in
 * `DEMO_LOOP_DATA`); `port: 0` picks a free one. Resolves to its address, the loop server's facts
 * (`null` without one: `loopProblem` says why, and the pages work without it, with no simulated
 * sale) and a `close()` that stops both.
 * @param {{ port?: number, host?: string, loop?: false | { dataDir: string, port?: number, token?: string, echo?: boolean } }} [options]
 */
export async function startDemoServer({ port = 8787, host = '127.0.0.1', loop = false } = {}) {
  let demoLoop = null;
  let loopProblem = loop ? 'starting' : 'not started';
  const handler = async (req, res) => {
    if (await demoLoop?.handle(req, res)) return;
    // The checkout preview asks whether a loop server runs; without one it offers no simulated sale.
    if (req.url == '/demo/loop') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify({ running: false, problem: loopProblem }));
    } else if (req.url == '/collect' && req.method == 'POST') {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end(`the demo's loop server is not running (${loopProblem}): reports are not kept`);
    } else await handle(req, res);
  };
  // Both at once: a first start makes the loop's store (an initdb, seconds), the pages need not wait.
  const [server, started] = await Promise.all([
    listen(handler, { port, host }).catch((error) => ({ error })),
    loop ? startDemoLoop(loop).catch((error) => ({ error })) : { error: new Error(loopProblem) },
  ]);
  if ('error' in server) {
    if (!('error' in started)) await started.stop();
    throw server.error;
  }
  if ('error' in started) loopProblem = started.error.message;
  else demoLoop = started;
  return {
    url: server.url,
    loop: demoLoop,
    loopProblem: demoLoop ? undefined : loopProblem,
    async close() {
      await server.close();
      await demoLoop?.stop();
    },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) == normalize(process.argv[1])) {
  const port = Number(process.env.PORT ?? 8787);
  // `node scripts/serve.mjs --site [folder]`: the public site as `npm run site` wrote it (site-dist/).
  const site = process.argv[2] == '--site' ? resolve(process.argv[3] ?? 'site-dist') : undefined;
  const needed = site ? join(site, 'index.html') : join(ROOT, 'dist/hotlinks.js');
  if (!existsSync(needed)) {
    console.error(`${needed} is missing: run ${site ? '`npm run site`' : '`npm run build` first (`npm start` does both)'}.`);
    process.exit(1);
  }
  const loopPort = Number(process.env.LOOP_PORT ?? 0);
  (site ? startStaticServer({ root: site, port }) : startDemoServer({ port, loop: { dataDir: DEMO_LOOP_DATA, port: loopPort } })).then(
    ({ url, loop, loopProblem, close }) => {
      // Ctrl+C reaches the loop server too (one process group): wait for it to finish writing. A
      // SIGTERM is for this process alone: pass it on.
      process.once('SIGINT', () => void (loop?.exited ?? Promise.resolve()).finally(() => process.exit()));
      process.once('SIGTERM', () => void close().finally(() => process.exit()));
      if (site) console.log(`hotlinks-embed site (${site}): ${url}`);
      else {
        console.log(`hotlinks-embed demo: ${url}`);
        console.log(`  simulate an affiliate visit: ${url}?a=O95340038V&utm_source=instagram&sck=bio`);
        if (loop) {
          console.log(`  the demo's loop server (hotlinks-embed serve, storing in ${DEMO_LOOP_DATA}):`);
          console.log(`    dashboard: ${loop.dashboard}   token: ${loop.token}`);
          console.log(`    it receives the pages' reports (data-collect="/collect", passed on to ${loop.collect})`);
          console.log(`    and the checkout preview's simulated sales (${loop.webhook}, demo hottok ${loop.hottok}); nothing goes to Hotmart`);
        } else console.log(`  no loop server (the simulated sale and the dashboard are off): ${loopProblem}`);
      }
      console.log('  (Ctrl+C to stop)');
    },
    (error) => {
      console.error(error.code == 'EADDRINUSE' ? `port ${port} is in use: try PORT=8788 npm start` : error);
      process.exit(1);
    },
  );
}
