// The dashboard's page (src/dashboard/page/) is built by rollup.config.mjs into dist/dashboard/:
// `dashboardStyles()` adds its stylesheet (its own rules and uPlot's, minified by esbuild) and icon
// there. `dashboardAssets()` then makes those files the module `virtual:hotlinks-dashboard-assets`,
// embedded in the server build (and resolved the same way in tests), so the routes serve them from
// memory: no file system, no path to find wherever the package is installed or bundled.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PAGE = join(root, 'src/dashboard/page');
const OUT = join(root, 'dist/dashboard');
const VIRTUAL = 'virtual:hotlinks-dashboard-assets';
const RESOLVED = '\0' + VIRTUAL;
/** What the routes serve: everything built but the source maps. */
const SERVED = /\.(js|css|svg)$/;

/** Emits dashboard.css (the page's rules after uPlot's, which they refine) and icon.svg beside the page's script. */
export function dashboardStyles() {
  const sources = [join(root, 'node_modules/uplot/dist/uPlot.min.css'), join(PAGE, 'dashboard.css')];
  return {
    name: 'hotlinks:dashboard-styles',
    buildStart() {
      for (const file of [...sources, join(PAGE, 'icon.svg')]) this.addWatchFile(file);
    },
    generateBundle() {
      const css = sources.map((file) => readFileSync(file, 'utf8')).join('\n');
      this.emitFile({ type: 'asset', fileName: 'dashboard.css', source: transformSync(css, { loader: 'css', minify: true }).code });
      this.emitFile({ type: 'asset', fileName: 'icon.svg', source: readFileSync(join(PAGE, 'icon.svg'), 'utf8').trim() });
    },
  };
}

/** `virtual:hotlinks-dashboard-assets`: `{ [file]: { body, etag } }` from dist/dashboard/. */
export function dashboardAssets() {
  return {
    name: 'hotlinks:dashboard-assets',
    resolveId: (id) => (id == VIRTUAL ? RESOLVED : null),
    load(id) {
      if (id != RESOLVED) return null;
      const names = existsSync(OUT) ? readdirSync(OUT).filter((name) => SERVED.test(name)).sort() : [];
      if (!names.includes('dashboard.js')) throw new Error(`${OUT} has no dashboard.js: build the page first (npm run build)`);
      const files = {};
      for (const name of names) {
        const file = join(OUT, name);
        this.addWatchFile?.(file);
        const body = readFileSync(file, 'utf8');
        files[name] = { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` };
      }
      // An empty map: the embedded text is the built files themselves, whose own maps are beside them.
      return { code: `export default ${JSON.stringify(files)};`, map: { mappings: '' } };
    },
  };
}
