// @vitest-environment node
/**
 * The files `npm publish` would put in the tarball, pinned: a file that appears or goes away (a new
 * entry point, a stray declaration file, a forgotten asset) fails here until this list says so.
 * Chunk names carry a content hash, written here as `[hash]`. Needs the build (`npm test` builds first).
 */
import { expect, it } from 'vitest';
import { packedFiles } from './pack.js';

/** Sorted; edit it with the change that adds or removes a file. */
const PACKED = [
  'ARCHITECTURE.md',
  'LICENSE',
  'README.md',
  'README.pt-BR.md',
  'SECURITY.md',
  'bench/RESULTS.md',
  'custom-elements.json',
  'dist/esm/attribution/attribution.d.ts',
  'dist/esm/button/hotlink-buy-button.d.ts',
  'dist/esm/button/hotlink-problem.d.ts',
  'dist/esm/checkout/checkout-url.d.ts',
  'dist/esm/chunks/dashboard-assets-[hash].js',
  'dist/esm/chunks/dashboard-assets-[hash].js.map',
  'dist/esm/chunks/hotlink-buy-button-[hash].js',
  'dist/esm/chunks/hotlink-buy-button-[hash].js.map',
  'dist/esm/chunks/hotlink-problem-[hash].js',
  'dist/esm/chunks/hotlink-problem-[hash].js.map',
  'dist/esm/chunks/personal-data-[hash].js',
  'dist/esm/chunks/personal-data-[hash].js.map',
  'dist/esm/config/options.d.ts',
  'dist/esm/config/validate.d.ts',
  'dist/esm/consent/consent.d.ts',
  'dist/esm/dashboard/index.d.ts',
  'dist/esm/dashboard/routes.d.ts',
  'dist/esm/define.d.ts',
  'dist/esm/define.js',
  'dist/esm/define.js.map',
  'dist/esm/dropin/global.d.ts',
  'dist/esm/element.d.ts',
  'dist/esm/element.js',
  'dist/esm/element.js.map',
  'dist/esm/hotlinks.d.ts',
  'dist/esm/index.d.ts',
  'dist/esm/index.js',
  'dist/esm/index.js.map',
  'dist/esm/instance.d.ts',
  'dist/esm/jsx.d.ts',
  'dist/esm/loop/summary-types.d.ts',
  'dist/esm/page/events.d.ts',
  'dist/esm/report/report-schema.d.ts',
  'dist/esm/report/reports.d.ts',
  'dist/esm/server.js',
  'dist/esm/server.js.map',
  'dist/esm/server/attribution-cookie.d.ts',
  'dist/esm/server/collect.d.ts',
  'dist/esm/server/fetch.d.ts',
  'dist/esm/server/hotmart-delivery.d.ts',
  'dist/esm/server/index.d.ts',
  'dist/esm/server/node.d.ts',
  'dist/esm/server/page-request.d.ts',
  'dist/esm/server/receive.d.ts',
  'dist/esm/server/webhook.d.ts',
  'dist/hotlinks-capture.js',
  'dist/hotlinks-capture.js.map',
  'dist/hotlinks-consent.js',
  'dist/hotlinks-consent.js.map',
  'dist/hotlinks-debug.js',
  'dist/hotlinks-debug.js.map',
  'dist/hotlinks-report.js',
  'dist/hotlinks-report.js.map',
  'dist/hotlinks.css',
  'dist/hotlinks.js',
  'dist/hotlinks.js.map',
  'dist/loop/cli.js',
  'dist/loop/cli.js.map',
  'dist/loop/dashboard-assets-[hash].js',
  'dist/loop/dashboard-assets-[hash].js.map',
  'dist/sri.json',
  'docs/CONTRACT.md',
  'package.json',
  'types/dropin.d.ts',
];

it('the tarball holds exactly the listed files', { timeout: 60_000 }, () => {
  const packed = packedFiles().map((file) => file.replace(/^(dist\/(esm\/chunks|loop)\/.+)-[\w-]{8}(\.js(\.map)?)$/, '$1-[hash]$3'));
  expect(packed).toEqual(PACKED);
  expect([...PACKED].sort(), 'PACKED is kept sorted').toEqual(PACKED);
});
