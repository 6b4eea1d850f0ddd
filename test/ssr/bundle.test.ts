// @vitest-environment node
/**
 * What a developer's bundler takes from the package: `import { init, checkoutUrl } from
 * 'hotlinks-embed'` bundled with esbuild (through package.json's `exports`, from `dist/esm`) must
 * carry no Lit; the element comes from `hotlinks-embed/element` or `/define`, which do. Needs the
 * build (`npm test` builds first).
 */
import { build } from 'esbuild';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';

const ROOT = process.cwd();
// A consumer project whose node_modules holds this package, as `npm install hotlinks-embed` would.
const project = mkdtempSync(join(tmpdir(), 'hotlinks-consumer-'));
mkdirSync(join(project, 'node_modules'));
symlinkSync(ROOT, join(project, 'node_modules/hotlinks-embed'), 'dir');
afterAll(() => rmSync(project, { recursive: true, force: true }));

async function bundle(source: string): Promise<string> {
  if (!existsSync(join(ROOT, 'dist/esm/index.js'))) throw new Error('dist/esm is missing: run `npm run build` first (npm test does)');
  const result = await build({
    stdin: { contents: source, resolveDir: project, loader: 'js' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    minify: true,
    // Lit and zod as the package's own dependencies would be installed beside it.
    nodePaths: [join(ROOT, 'node_modules')],
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

/** Marks of Lit in a bundle: its template engine, its element base class, its version global. */
const LIT = /litElementVersions|lit-html|reactiveElementVersions/;

it.each([
  ['init and checkoutUrl', "import { init, checkoutUrl } from 'hotlinks-embed'; init(); checkoutUrl('https://pay.hotmart.com/A72242240H');"],
  ['every function of the SDK', "import * as sdk from 'hotlinks-embed'; console.log(sdk);"],
])('%s from hotlinks-embed: no Lit in the bundle', async (_, source) => {
  const code = await bundle(source);
  expect(code).toContain('pay.hotmart.com');
  expect(code).not.toMatch(LIT);
});

it.each([['hotlinks-embed/element'], ['hotlinks-embed/define']])('%s brings the element, and Lit with it', async (entry) => {
  const code = await bundle(`import { HotlinkBuyButton } from '${entry}'; console.log(HotlinkBuyButton);`);
  expect(code).toMatch(LIT);
});
