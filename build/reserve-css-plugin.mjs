// Writes dist/hotlinks.css, the reserve rule of <hotlink-buy-button> (no layout shift while the
// script loads), from the element's own styles: `reserveCss()` of src/button/hotlink-buy-button.styles.ts,
// which builds it from the very declarations the element uses. Used by rollup.config.mjs.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const STYLES = join(root, 'src/button/hotlink-buy-button.styles.ts');

/** The stylesheet's text. The styles module imports only `lit`, found in node_modules from the cache folder. */
export async function buildReserveCss() {
  const outDir = join(root, 'node_modules/.cache/hotlinks-embed', `css-${process.pid}-${Date.now()}`);
  mkdirSync(outDir, { recursive: true });
  const js = ts.transpileModule(readFileSync(STYLES, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const file = join(outDir, 'styles.mjs');
  writeFileSync(file, js);
  try {
    const { reserveCss } = await import(pathToFileURL(file).href);
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    return (
      `/* hotlinks-embed ${version}: <hotlink-buy-button> takes, before its script has run, the box it has after ` +
      `(no layout shift), and looks like the button. */\n` +
      reserveCss()
    );
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

export default function reserveCssPlugin({ fileName = 'hotlinks.css' } = {}) {
  return {
    name: 'hotlinks-reserve-css',
    async generateBundle() {
      this.addWatchFile?.(STYLES);
      this.emitFile({ type: 'asset', fileName, source: await buildReserveCss() });
    },
  };
}
