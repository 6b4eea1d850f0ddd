import express from 'express';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeCollectHandler, nodeMiddleware } from 'hotlinks-embed/server';

const app = express();

// Page loads with an affiliate code get the attribution cookie from the server (Safari keeps it as
// long as you say, not 7 days). The same settings as the script tag's data-* attributes.
app.use(nodeMiddleware({ cookieDomain: 'your-site.example', cookieDays: 90 }));

// The reports the script sends (data-collect="/api/hotlinks" on the script tag).
app.post(
  '/api/hotlinks',
  nodeCollectHandler({
    async onReport(report) {
      // Yours: a table, a log, a queue.
      console.log(`hotlinks ${report.event}: affiliate ${report.affiliate ?? '-'} on ${report.page}`);
    },
  }),
);

// The drop-in scripts and the button's CSS, served from your own site (or use jsDelivr: see the README).
app.use('/hotlinks', express.static(dirname(fileURLToPath(import.meta.resolve('hotlinks-embed/hotlinks.js')))));
app.use(express.static(fileURLToPath(new URL('../public', import.meta.url))));

const server = app.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening on http://127.0.0.1:${typeof address == 'object' && address ? address.port : ''}/`);
});
