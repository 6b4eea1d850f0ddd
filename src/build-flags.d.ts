/**
 * Set at build time: `true` in the drop-in scripts (`dist/*.js`), where rarely needed parts are
 * companion files loaded from beside the script; `false` in the ESM package and in tests, which
 * import those parts directly. `rollup.config.mjs` and `vitest.config.ts` define it.
 */
declare const DROPIN: boolean;
