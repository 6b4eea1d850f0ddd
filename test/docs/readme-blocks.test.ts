/**
 * Every README's code blocks (README.md, README.pt-BR.md and any other README*.md at the root)
 * type-check strictly against this package's types as a reader pastes them, or are word for word
 * the recipe files `npm run recipes` type-checks and builds (test/docs/readme-blocks.ts). And the
 * checker fails where a reader's compiler would: the blocks the README had before (the Workers
 * handler's `env` untyped, names never declared), a wrong option, a stale copy of a recipe.
 * Needs the build (`npm test` builds first): `hotlinks-embed` resolves to dist/esm.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { blocksOf, checkReadmes } from './readme-blocks';

const READMES = readdirSync('.').filter((name) => /^README.*\.md$/.test(name));
/** The 1-based line of `markdown` where `text` first appears. */
const lineOf = (markdown: string) => (text: string) => markdown.slice(0, markdown.indexOf(text)).split('\n').length;
const fence = (language: string, code: string, marker = '') => `${marker}\n\`\`\`${language}\n${code}\n\`\`\`\n`;

describe('README code blocks', () => {
  it(`${READMES.join(', ')}: every block type-checks, or is a recipe's file word for word`, () => {
    expect(READMES).toContain('README.md');
    const readmes = Object.fromEntries(READMES.map((name) => [name, readFileSync(name, 'utf8')]));
    expect(checkReadmes(readmes)).toEqual([]);
    // Checked, not skipped: most blocks are compiled, and the few skips say why.
    const blocks = READMES.flatMap((name) => blocksOf(readmes[name]).blocks);
    expect(blocks.filter((block) => block.check == 'skip').length).toBeLessThan(blocks.filter((block) => typeof block.check == 'string' && block.check != 'skip').length);
  }, 60_000);

  it('fails, by README line, on the blocks as they were: an untyped Worker env, undeclared names, a bad option', () => {
    const markdown = [
      '# a README',
      fence('js', `import { fetchMiddleware } from 'hotlinks-embed/server';\n\nconst withHotLinks = fetchMiddleware({ cookieDomain: 'your-site.example' });\nexport default { fetch: withHotLinks((request, env, ctx) => env.ASSETS.fetch(request)) };`, '<!-- readme-check: workers -->'),
      fence('js', `import { nodeCollectHandler } from 'hotlinks-embed/server';\n\napp.post('/api/hotlinks', nodeCollectHandler({ async onReport(report) {} }));`),
      fence('ts', `import { init } from 'hotlinks-embed';\n\ninit({ cookieDays: 'ninety' });`),
      fence('html', `<p>text</p>\n<script type="module">\n  import { checkoutUrl } from 'hotlinks-embed';\n  checkoutUrl(42);\n</script>`),
      fence('json', `{ "event": "checkout", }`),
    ].join('\n');
    const at = lineOf(markdown);
    expect(checkReadmes({ 'README.test.md': markdown })).toEqual([
      { at: `README.test.md:${at('env.ASSETS')}`, message: "TS18046 (workers): 'env' is of type 'unknown'." },
      { at: `README.test.md:${at('app.post')}`, message: "TS2304 (node): Cannot find name 'app'." },
      { at: `README.test.md:${at("'ninety'")}`, message: expect.stringMatching(/^TS2322 \(browser\): Type '"ninety"' is not assignable to type 'number \| "forever" \| undefined'/) },
      { at: `README.test.md:${at('checkoutUrl(42)')}`, message: expect.stringMatching(/^TS2345 \(browser\): Argument of type 'number' is not assignable to parameter of type 'string'/) },
      { at: `README.test.md:${at('```json')}`, message: expect.stringMatching(/^the json block does not parse/) },
    ]);
  }, 60_000);

  it('a block that names a recipe file must be that file word for word; a skip must say why', () => {
    const markdown = [
      fence('ts', `export const proxy = withHotLinks(() => NextResponse.next());`, '<!-- readme-check: examples/recipes/nextjs/proxy.ts -->'),
      fence('ts', `export const proxy = withHotLinks(() => NextResponse.rewrite('/'));`, '<!-- readme-check: examples/recipes/nextjs/proxy.ts -->'),
      fence('ts', `nothing;`, '<!-- readme-check: examples/recipes/nowhere.ts -->'),
      fence('ts', `undeclared;`, '<!-- readme-check: skip -->'),
    ].join('\n');
    const at = lineOf(markdown);
    expect(checkReadmes({ 'R.md': markdown })).toEqual([
      { at: `R.md:${at('rewrite')}`, message: 'the block is not word for word in examples/recipes/nextjs/proxy.ts: copy it again from there' },
      { at: `R.md:${at('nothing')}`, message: 'the block names examples/recipes/nowhere.ts, which does not exist' },
      { at: `R.md:${at('skip')}`, message: 'readme-check marker "skip": say skip (why), browser, node, workers or a file\'s path' },
      { at: `R.md:${at('undeclared')}`, message: "TS2304 (browser): Cannot find name 'undeclared'." },
    ]);
  }, 60_000);
});
