// Minifies the stylesheets the drop-ins carry as text, with esbuild (as dashboard.css is): the
// template literal that ends each `*.styles.ts` module (the Buy button's, given to Lit's
// `unsafeCSS(...)`; the debug panel's). The source keeps them readable; the scripts do not carry
// their indentation and comments. Used by rollup.config.mjs.
import { transformSync } from 'esbuild';

/** The module's last template literal, then only `)`, `;` and TypeScript's source map comment: the stylesheet. */
const STYLESHEET = /`([^`]*)`(\)?;?\s*(\/\/# sourceMappingURL=\S+\s*)?)$/;

export default function minifyCss() {
  return {
    name: 'hotlinks:minify-css',
    transform(code, id) {
      if (!id.endsWith('.styles.ts')) return null;
      const [literal, css, end] = code.match(STYLESHEET) ?? [];
      // Expressions or escapes would need a JavaScript parser: not what a stylesheet here needs.
      if (css == null || /\$\{|\\/.test(css)) this.error(`${id}: no stylesheet literal without \${...} or \\ at the end of the module`);
      const minified = transformSync(css, { loader: 'css', minify: true }).code.trim();
      // Nothing follows the literal, so the module's source map (TypeScript's) holds as it is.
      return { code: code.slice(0, code.length - literal.length) + '`' + minified + '`' + end, map: null };
    },
  };
}
