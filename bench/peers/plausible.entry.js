// Plausible's tracker as its README tells a site to use it (`@plausible-analytics/tracker`, an npm
// module: `import { init }` and call it once), with every automatic capture its README offers turned
// on: page views (the default), outbound-link clicks, file downloads and form submissions. The
// endpoint is a path on the benchmark's own server (loopback), never plausible.io.
import { init } from '@plausible-analytics/tracker';

init({
  domain: 'www.shop.test',
  endpoint: '/api/event',
  outboundLinks: true,
  fileDownloads: true,
  formSubmissions: true,
});
