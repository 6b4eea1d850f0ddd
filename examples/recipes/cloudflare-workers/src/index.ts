import { fetchCollectHandler, fetchMiddleware } from 'hotlinks-embed/server';

/** This Worker's bindings (wrangler.jsonc): the site's static files. */
interface Env {
  ASSETS: Fetcher;
}

// The same settings as the script tag's data-* attributes, plus your registrable domain.
const withHotLinks = fetchMiddleware({ cookieDomain: 'your-site.example', cookieDays: 90 });

// The reports the script sends (data-collect="/api/hotlinks" on the script tag).
const collect = fetchCollectHandler({
  async onReport(report) {
    // Yours: D1, KV, a queue, Analytics Engine.
    console.log(`hotlinks ${report.event}: affiliate ${report.affiliate ?? '-'} on ${report.page}`);
  },
});

export default {
  // Page loads with an affiliate code get the attribution cookie from the server (Safari keeps it
  // as long as you say, not 7 days); everything else is the site's static files.
  fetch: withHotLinks((request: Request, env: Env, ctx: ExecutionContext) =>
    new URL(request.url).pathname == '/api/hotlinks' ? collect(request) : env.ASSETS.fetch(request),
  ),
} satisfies ExportedHandler<Env>;
