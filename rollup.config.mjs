// Builds the ESM package (dist/esm, with .d.ts), the two drop-in scripts (dist/*.js, minified IIFE)
// and the Buy button's reserve stylesheet (dist/hotlinks.css); first the dashboard's page
// (dist/dashboard/), which the ESM package's server part embeds.
import resolve from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { dashboardAssets, dashboardStyles } from './build/dashboard-plugin.mjs';
import hotlinksOptions from './build/options-plugin.mjs';
import pruneDeclarations from './build/prune-declarations.mjs';
import reserveCss from './build/reserve-css-plugin.mjs';

/**
 * `DROPIN` (see src/build-flags.d.ts): true in the drop-in scripts, whose rarely needed parts are
 * companion files loaded from beside them; false in the ESM package, which imports those parts.
 */
const flag = (dropin) => replace({ preventAssignment: true, values: { DROPIN: String(dropin) } });

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
    hotlinksOptions(),
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
    flag(true),
    hotlinksOptions({ descriptions: false }),
    resolve({ browser: true }),
    typescript({ declaration: false, outDir: 'dist', compilerOptions: { rootDir: 'src', ...emitOnly } }),
    // The "unsafe" compressions assume what this code keeps to: no `this` in arrow-able functions,
    // no property read kept only for a getter's side effect, no comparisons of objects. The browser
    // suite and the Buy button's browser check run against these builds.
    terser({
      ecma: 2020,
      module: false,
      compress: { passes: 4, unsafe_arrows: true, unsafe_methods: true, pure_getters: true, unsafe_comps: true },
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

export default [
  dashboardPage,
  esm,
  // hotlinks.css is written beside the script with the button.
  (({ plugins, ...config }) => ({ ...config, plugins: [...plugins, reserveCss()] }))(dropin('src/dropin.ts', 'dist/hotlinks.js')),
  dropin('src/dropin-capture.ts', 'dist/hotlinks-capture.js'),
  // ES modules the drop-ins import() from beside themselves, only on pages that need them.
  dropin('src/debug-panel.ts', 'dist/hotlinks-debug.js', 'es'),
  dropin('src/report/reports.ts', 'dist/hotlinks-report.js', 'es'),
  dropin('src/consent/consent-tools.ts', 'dist/hotlinks-consent.js', 'es'),
];
