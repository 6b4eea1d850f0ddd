#!/usr/bin/env node
/**
 * A producer's own server, in plain Node (no framework): every page load goes through the
 * HotLinks middleware, which sets the attribution cookie from the HTTP response (Safari does not
 * cap that one at 7 days), and `/api/hotlinks` receives the reports the script sends.
 *
 *   npm run build && node examples/server/server.mjs      (PORT=8788 by default, on 127.0.0.1)
 *
 * It serves the same pages as `npm start`; open /server/index.html for the page about this server.
 * In your project, import from 'hotlinks-embed/server' instead of the build output.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { handle as serveExamples } from '../../scripts/serve.mjs';

const DIST = new URL('../../dist/esm/server.js', import.meta.url);

/** Starts the server; `port: 0` picks a free one. Resolves to its address and a `close()`. */
export async function startProducerServer({ port = 8788, host = '127.0.0.1', cookieDomain = 'shop.test', log = console.log } = {}) {
  const { nodeMiddleware, nodeCollectHandler } = await import(DIST.href);

  // The same settings as the script tags on your pages (here: the defaults), plus your registrable
  // domain: on www.shop.test and blog.shop.test the cookie is shared; on 127.0.0.1 it is host-only.
  const hotlinks = nodeMiddleware({ cookieDomain });

  /** Demo only: the last reports, so the page can show what arrived. Store yours where you like. */
  const received = [];
  const collect = nodeCollectHandler({
    onReport(report) {
      received.unshift(report);
      received.length = Math.min(received.length, 50);
      log(`report: ${report.event} affiliate=${report.affiliate ?? '-'} ${report.checkoutUrl ?? report.page}`);
    },
  });

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path == '/api/hotlinks' && req.method == 'GET') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      return res.end(JSON.stringify(received));
    }
    // The demo's own pages (served below) send theirs to /collect, where npm start's loop server takes them.
    if (path == '/api/hotlinks' || path == '/collect') return collect(req, res);
    hotlinks(req, res, () =>
      serveExamples(req, res).catch((error) => {
        console.error(error);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      }),
    );
  });

  // A client that trickles its headers or body must not hold a connection for minutes: Node's own
  // limits for the headers and the whole request (the collect handler gives the body 5 s of its own).
  server.headersTimeout = 10_000;
  server.requestTimeout = 15_000;

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return {
    url: `http://${host}:${server.address().port}/`,
    close: () => new Promise((done) => (server.closeAllConnections(), server.close(done))),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) == resolve(process.argv[1])) {
  if (!existsSync(fileURLToPath(DIST))) {
    console.error('dist/esm/server.js is missing: run `npm run build` first.');
    process.exit(1);
  }
  const port = Number(process.env.PORT ?? 8788);
  startProducerServer({ port }).then(
    ({ url }) => {
      console.log(`hotlinks-embed producer server: ${url}`);
      console.log(`  an affiliate visit (the cookie comes in the response): ${url}server/index.html?a=O95340038V&utm_source=instagram`);
      console.log(`  reports received: ${url}api/hotlinks`);
      console.log('  (Ctrl+C to stop)');
    },
    (error) => {
      console.error(error.code == 'EADDRINUSE' ? `port ${port} is in use: try PORT=8789 node examples/server/server.mjs` : error);
      process.exit(1);
    },
  );
}
