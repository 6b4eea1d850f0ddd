// Builds the ESM package (dist/esm, with .d.ts) and the two drop-in scripts (dist/*.js, minified IIFE).
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import hotlinksOptions from './build/options-plugin.mjs';

const esm = {
  input: { index: 'src/index.ts', define: 'src/define.ts', server: 'src/server/index.ts' },
  output: { dir: 'dist/esm', format: 'es', sourcemap: true, chunkFileNames: 'chunks/[name]-[hash].js' },
  // Dependencies stay imports: the developer's bundler dedupes them.
  external: (id) => /^(lit|js-cookie|zod)(\/|$)/.test(id) || id.startsWith('node:'),
  plugins: [hotlinksOptions(), typescript({ declaration: true, declarationDir: 'dist/esm', outDir: 'dist/esm' })],
};

const dropin = (input, file) => ({
  input,
  output: { file, format: 'iife', sourcemap: true },
  plugins: [
    hotlinksOptions({ descriptions: false }),
    resolve({ browser: true }),
    typescript({ declaration: false, outDir: 'dist', compilerOptions: { rootDir: 'src' } }),
    terser({ ecma: 2020, module: false, compress: { passes: 2 }, format: { comments: false } }),
  ],
});

export default [
  esm,
  dropin('src/dropin.ts', 'dist/hotlinks.js'),
  dropin('src/dropin-capture.ts', 'dist/hotlinks-capture.js'),
];
