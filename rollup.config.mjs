// Builds the ESM package (dist/esm, with .d.ts) and the two drop-in scripts (dist/*.js, minified IIFE).
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { relative, resolve as resolvePath } from 'node:path';
import hotlinksOptions from './build/options-plugin.mjs';
import pruneDeclarations from './build/prune-declarations.mjs';

const esm = {
  input: { index: 'src/index.ts', define: 'src/define.ts', server: 'src/server/index.ts' },
  output: { dir: 'dist/esm', format: 'es', sourcemap: true, chunkFileNames: 'chunks/[name]-[hash].js' },
  // Dependencies stay imports: the developer's bundler dedupes them.
  external: (id) => /^(lit|zod)(\/|$)/.test(id) || id.startsWith('node:'),
  plugins: [
    hotlinksOptions(),
    typescript({ declaration: true, declarationDir: 'dist/esm', outDir: 'dist/esm' }),
    pruneDeclarations({ outDir: 'dist/esm', rootDir: 'src' }),
  ],
};

/**
 * In the drop-ins, a few rarely needed parts are companion files loaded from beside the script only
 * on pages that need them: these modules stand in for theirs (see each `*-lazy.ts`).
 */
const LAZY = { 'src/reports.ts': 'src/reports-lazy.ts', 'src/checkout/form-fields.ts': 'src/checkout/form-fields-lazy.ts' };
const lazyCompanions = {
  name: 'lazy-companions',
  async resolveId(source, importer, options) {
    if (!importer || importer.endsWith('-lazy.ts')) return null;
    const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
    const lazy = resolved && LAZY[relative(process.cwd(), resolved.id)];
    return lazy ? resolvePath(lazy) : null;
  },
};

const dropin = (input, file, format = 'iife') => ({
  input,
  // Maps are written but not linked: the link comment alone is 1% of the capture script's budget.
  output: { file, format, sourcemap: 'hidden' },
  plugins: [
    lazyCompanions,
    hotlinksOptions({ descriptions: false }),
    resolve({ browser: true }),
    typescript({ declaration: false, outDir: 'dist', compilerOptions: { rootDir: 'src' } }),
    // The "unsafe" compressions assume what this code keeps to: no `this` in arrow-able functions,
    // no property read kept only for a getter's side effect, no comparisons of objects. The browser
    // suite and the Buy button's browser check run against these builds.
    terser({
      ecma: 2020,
      module: false,
      compress: { passes: 4, unsafe_arrows: true, unsafe_methods: true, pure_getters: true, unsafe_comps: true },
      format: { comments: false },
    }),
  ],
});

export default [
  esm,
  dropin('src/dropin.ts', 'dist/hotlinks.js'),
  dropin('src/dropin-capture.ts', 'dist/hotlinks-capture.js'),
  // ES modules the drop-ins import() from beside themselves, only on pages that need them.
  dropin('src/debug-panel.ts', 'dist/hotlinks-debug.js', 'es'),
  dropin('src/reports.ts', 'dist/hotlinks-report.js', 'es'),
  dropin('src/checkout/form-fields.ts', 'dist/hotlinks-forms.js', 'es'),
];
