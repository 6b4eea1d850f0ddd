import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fetchCollectHandler, fetchMiddleware } from 'hotlinks-embed/server';

// The same settings as the script tag's data-* attributes, plus your registrable domain.
const withHotLinks = fetchMiddleware({ cookieDomain: 'your-site.example', cookieDays: 90 });
const collect = fetchCollectHandler({
  async onReport(report) {
    // Yours: a table, a log, a queue.
    console.log(`hotlinks ${report.event}: affiliate ${report.affiliate ?? '-'} on ${report.page}`);
  },
});

const app = new Hono();

// The reports the script sends (data-collect="/api/hotlinks" on the script tag).
app.post('/api/hotlinks', (c) => collect(c.req.raw));

// The drop-in scripts and the button's CSS, served from your own site (or use jsDelivr: see the README).
const dist = dirname(fileURLToPath(import.meta.resolve('hotlinks-embed/hotlinks.js')));
app.use('/hotlinks/*', serveStatic({ root: relative(process.cwd(), dist), rewriteRequestPath: (path) => path.slice('/hotlinks'.length) }));

app.get('/', (c) =>
  c.html(`<!doctype html>
<html lang="pt-BR">
  <head>
    <meta charset="utf-8">
    <title>Curso (hotlinks-embed on Hono)</title>
    <link rel="stylesheet" href="/hotlinks/hotlinks.css">
    <script src="/hotlinks/hotlinks.js" data-collect="/api/hotlinks" data-cookie-days="90" defer></script>
  </head>
  <body>
    <h1>Curso de fotografia</h1>
    <hotlink-buy-button hotlink="https://pay.hotmart.com/A72242240H" offer="wlvonm69" price="197">
      <a href="https://pay.hotmart.com/A72242240H?off=wlvonm69">Quero me inscrever</a>
    </hotlink-buy-button>
  </body>
</html>`),
);

// Every response goes through the middleware: page loads with an affiliate code get the
// attribution cookie from the server (Safari keeps it as long as you say, not 7 days).
serve({ fetch: withHotLinks(app.fetch), port: Number(process.env.PORT ?? 3000), hostname: process.env.HOST ?? '127.0.0.1' }, (info) =>
  console.log(`listening on http://127.0.0.1:${info.port}/`),
);
