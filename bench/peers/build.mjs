/**
 * Builds the peers the benchmark runs beside ours, at bench time, from what npm installed: each is
 * bundled by Rollup (node-resolve, then terser) into one small IIFE, as a site bundling the npm module
 * would ship it. Nothing is written to disk: the server serves the code from memory.
 */
import { readFileSync } from 'node:fs';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { rollup } from 'rollup';

/** `[server path, entry file, npm package]` of each peer. */
export const PEERS = {
  plausible: { src: '/bench/peers/plausible.js', entry: 'plausible.entry.js', pkg: '@plausible-analytics/tracker' },
};

const version = (pkg) =>
  JSON.parse(readFileSync(new URL(`../../node_modules/${pkg}/package.json`, import.meta.url), 'utf8')).version;

/** Bundles every peer; returns `{ [name]: { src, code (Buffer), pkg, version } }`. */
export async function buildPeers() {
  const built = {};
  for (const [name, { src, entry, pkg }] of Object.entries(PEERS)) {
    const bundle = await rollup({
      input: new URL(entry, import.meta.url).pathname,
      plugins: [resolve({ browser: true }), terser({ format: { comments: false } })],
      onwarn: (warning) => {
        throw new Error(`bench: bundling ${pkg}: ${warning.message}`);
      },
    });
    const { output } = await bundle.generate({ format: 'iife' });
    await bundle.close();
    built[name] = { src, code: Buffer.from(output[0].code), pkg, version: version(pkg) };
  }
  return built;
}
