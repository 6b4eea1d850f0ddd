// Writes dist/hotlinks.css, the reserve rule of <hotlink-buy-button> (no layout shift while the
// script loads), from the element's own styles (src/button/hotlink-buy-button.styles.ts), so the two
// cannot drift apart, and the script carries nothing for it. Used by rollup.config.mjs.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const STYLES = join(root, 'src/button/hotlink-buy-button.styles.ts');

/** Properties of the link inside that describe the link, not the box it draws. */
const LINK_ONLY = new Set(['display', 'position', 'box-sizing', 'text-decoration', 'cursor', '-webkit-tap-highlight-color', 'outline']);

/** The flat rules of a stylesheet (rules inside `@media` included, at-rules themselves skipped): selector and declarations. */
export function rulesOf(cssText) {
  const text = cssText.replace(/\/\*[\s\S]*?\*\//g, '');
  return [...text.matchAll(/([^{}]+)\{([^{}]*)\}/g)].map(([, selector, body]) => ({
    selector: selector.trim().replace(/\s+/g, ' '),
    declarations: body
      .split(';')
      .map((declaration) => declaration.trim())
      .filter(Boolean)
      .map((declaration) => [declaration.slice(0, declaration.indexOf(':')).trim(), declaration.slice(declaration.indexOf(':') + 1).trim()]),
  }));
}

/**
 * The reserve stylesheet for the element's styles `cssText`: `tag`, before it is defined, gets the
 * `:host` rules, the box and look of the link inside (`[part='button']`, per attribute too), a line
 * for the label and one for the price, so it takes the box it has after and looks like the button.
 * Throws when the styles lack a rule this depends on.
 */
export function reserveCssFrom(cssText, tag = 'hotlink-buy-button') {
  const rules = rulesOf(cssText);
  const at = (attribute = '') => `${tag}${attribute}:not(:defined)`;
  const block = (selector, declarations) => `${selector} {\n${declarations.map(([property, value]) => `  ${property}: ${value};\n`).join('')}}`;
  const box = (declarations) => declarations.filter(([property]) => !LINK_ONLY.has(property));
  const find = (selector) => {
    const rule = rules.find((r) => r.selector == selector);
    if (!rule) throw new Error(`reserve CSS: the element's styles have no "${selector}" rule`);
    return rule.declarations;
  };
  const out = [block(at(), [...find(':host'), ...box(find("[part='button']"))])];
  for (const { selector, declarations } of rules) {
    // `:host([size='sm'])`, `:host([variant='outline'])`, `:host([hidden])`, and the link's box per attribute.
    const host = selector.match(/^:host\((\[[^\]]+\])\)$/);
    const link = selector.match(/^:host\((\[[^\]]+\])\) \[part='button'\]$/);
    if (host) out.push(block(at(host[1]), declarations));
    if (link && box(declarations).length) out.push(block(at(link[1]), box(declarations)));
  }
  // The label's line, even for an empty element; the price's line, as the price's own box.
  out.push(block(`${at()}::before`, [['content', "'\\200b'"]]));
  out.push(block(`${at('[price]')}::after`, [['content', "'\\200b'"], ...find("[part='price']")]));
  // The no-JavaScript fallback link is the label.
  out.push(block(`${at()} a`, [['color', 'inherit'], ['font', 'inherit'], ['text-decoration', 'none']]));
  return out.join('\n') + '\n';
}

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
    const { styles } = await import(pathToFileURL(file).href);
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    return (
      `/* hotlinks-embed ${version}: <hotlink-buy-button> takes, before its script has run, the box it has after ` +
      `(no layout shift), and looks like the button. Written by the build from the element's styles. */\n` +
      reserveCssFrom(styles.cssText)
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
