/**
 * Set at build time: `true` in the drop-in scripts (`dist/*.js`), where rarely needed parts are
 * companion files loaded from beside the script; `false` in the ESM package and in tests, which
 * import those parts directly. `rollup.config.mjs` and `vitest.config.ts` define it.
 */
declare const DROPIN: boolean;

/**
 * Set at build time in the drop-ins: each companion file's Subresource Integrity hash (`sha256-…`,
 * of the file as built beside it), so a drop-in that passed its own integrity check runs only the
 * companions built with it. SHA-256: as strong as SRI needs, and the shortest hash it takes (each
 * drop-in carries three). `rollup.config.mjs` builds the companions first, then the drop-ins.
 */
declare const COMPANIONS: Record<'hotlinks-debug.js' | 'hotlinks-report.js' | 'hotlinks-consent.js', string>;

/** Set at build time: this version's folder on jsDelivr (`https://cdn.jsdelivr.net/npm/hotlinks-embed@<version>/dist/`). */
declare const CDN: string;
