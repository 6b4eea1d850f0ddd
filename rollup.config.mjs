// Builds the ESM package (dist/esm, with .d.ts), the two drop-in scripts (dist/*.js, minified IIFE)
// and the Buy button's reserve stylesheet (dist/hotlinks.css); first the dashboard's page
// (dist/dashboard/), which the ESM package's server part embeds.
import resolve from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { dashboardAssets, dashboardStyles } from './build/dashboard-plugin.mjs';
import pruneDeclarations from './build/prune-declarations.mjs';
import minifyCss from './build/minify-css-plugin.mjs';
import reserveCss from './build/reserve-css-plugin.mjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cdnBase, integrityOf } from './scripts/sri.mjs';

/**
 * `DROPIN` (see src/build-flags.d.ts): true in the drop-in scripts, whose rarely needed parts are
 * companion files loaded from beside them; false in the ESM package, which imports those parts.
 */
const flag = (/** @type {false | 'script' | 'companion'} */ dropin) =>
  replace({
    preventAssignment: true,
    values: {
      DROPIN: String(!!dropin),
      // Read when the drop-ins are built: the companions are built before them (see the list below).
      // The ESM package and the companions load no companion.
      COMPANIONS: () =>
        dropin == 'script' ? JSON.stringify(Object.fromEntries(COMPANION_FILES.map((file) => [file, integrityOf(readFileSync(join('dist', file)), 'sha256')]))) : '{}',
      CDN: JSON.stringify(cdnBase()),
    },
  });

/**
 * The build emits; it does not type-check (`noCheck`): `npm run typecheck` checks src/ and test/
 * once, before the tests (npm test) and before publishing, instead of once per bundle below.
 */
const emitOnly = { noCheck: true };

const esm = {
  input: { index: 'src/index.ts', element: 'src/element.ts', define: 'src/define.ts', server: 'src/server/index.ts' },
  output: { dir: 'dist/esm', format: 'es', sourcemap: true, chunkFileNames: 'chunks/[name]-[hash].js' },
  // Dependencies stay imports: the developer's bundler dedupes them.
  external: (id) => /^(lit|zod)(\/|$)/.test(id) || id.startsWith('node:'),
  plugins: [
    flag(false),
    dashboardAssets(),
    typescript({ declaration: true, declarationDir: 'dist/esm', outDir: 'dist/esm', compilerOptions: emitOnly }),
    pruneDeclarations({ outDir: 'dist/esm', rootDir: 'src' }),
  ],
};

/**
 * V8's explicit compile hint: the drop-ins call nearly every function they hold as the page loads,
 * so compiling them all at once, off the main thread where V8 can, beats compiling each lazily at
 * its first call (https://v8.dev/blog/explicit-compile-hints). Companion files are left lazy.
 */
const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

const dropin = (input, file, format = 'iife') => ({
  input,
  // Maps are written but not linked: the link comment alone is 1% of the capture script's budget.
  output: { file, format, sourcemap: 'hidden' },
  plugins: [
    flag(format == 'iife' ? 'script' : 'companion'),
    resolve({ browser: true }),
    typescript({ declaration: false, outDir: 'dist', compilerOptions: { rootDir: 'src', ...emitOnly } }),
    minifyCss(),
    // The "unsafe" compressions assume what this code keeps to: no `this` in arrow-able functions,
    // no property read kept only for a getter's side effect, no comparisons of objects. The browser
    // suite and the Buy button's browser check run against these builds.
    terser({
      ecma: 2020,
      // A companion is an ES module: its top-level names are its own, to shorten (its exports keep theirs).
      module: format == 'es',
      // `inline: 1`: a function called once keeps its parameters, rather than being unrolled into its
      // caller with `var` temporaries (`(s = x, ...), var s`), which gzip finds longer (25 B a drop-in).
      compress: { passes: 4, inline: 1, unsafe_arrows: true, unsafe_methods: true, pure_getters: true, unsafe_comps: true },
      format: { comments: false, preamble: format == 'iife' ? COMPILE_HINT : undefined },
    }),
  ],
});

/**
 * The dashboard's page (src/dashboard/page/main.ts) as ES modules for the browser: its own script,
 * and uPlot as `chart.js` beside it, loaded in parallel (the page preloads it). Built before the
 * ESM package, which embeds these files (build/dashboard-plugin.mjs).
 */
const dashboardPage = {
  input: { dashboard: 'src/dashboard/page/main.ts' },
  output: {
    dir: 'dist/dashboard',
    format: 'es',
    sourcemap: 'hidden',
    entryFileNames: '[name].js',
    chunkFileNames: '[name].js',
    manualChunks: (id) => (id.includes('/node_modules/uplot/') ? 'chart' : undefined),
  },
  plugins: [
    resolve({ browser: true }),
    typescript({ declaration: false, outDir: 'dist/dashboard', compilerOptions: { rootDir: 'src', ...emitOnly } }),
    // uPlot's copyright line stays (its MIT licence asks for it).
    terser({ ecma: 2020, module: true, compress: { passes: 2 }, format: { comments: /Copyright/ } }),
    dashboardStyles(),
  ],
};


/**
 * The `hotlinks-embed` command (package.json `bin`): Node only, its store's drivers left as imports
 * (the embedded one is loaded only when used). Checked with Node's typings (src/loop/tsconfig.json).
 */
const cli = {
  input: { cli: 'src/loop/cli.ts' },
  output: { dir: 'dist/loop', format: 'es', sourcemap: true, banner: '#!/usr/bin/env node', chunkFileNames: '[name]-[hash].js' },
  external: (id) => /^(zod|pg|@electric-sql\/pglite)(\/|$)/.test(id) || id.startsWith('node:'),
  plugins: [
    flag(false),
    // `serve` shows the dashboard: its built page, embedded as in the ESM package.
    dashboardAssets(),
    typescript({ tsconfig: 'src/loop/tsconfig.json', filterRoot: '.', include: ['src/**/*.ts'], outDir: 'dist/loop', compilerOptions: emitOnly }),
  ],
};

/** ES modules the drop-ins import() from beside themselves, only on pages that need them. */
const COMPANION_FILES = ['hotlinks-debug.js', 'hotlinks-report.js', 'hotlinks-consent.js'];

// Rollup builds these in order: the companions before the drop-ins that carry their hashes.
export default [
  dashboardPage,
  esm,
  cli,
  dropin('src/debug/panel.ts', 'dist/hotlinks-debug.js', 'es'),
  dropin('src/report/reports.ts', 'dist/hotlinks-report.js', 'es'),
  dropin('src/consent/consent-tools.ts', 'dist/hotlinks-consent.js', 'es'),
  // hotlinks.css is written beside the script with the button.
  (({ plugins, ...config }) => ({ ...config, plugins: [...plugins, reserveCss()] }))(dropin('src/dropin/hotlinks.ts', 'dist/hotlinks.js')),
  dropin('src/dropin/capture.ts', 'dist/hotlinks-capture.js'),
];
