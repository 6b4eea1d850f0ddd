// @vitest-environment node
/**
 * The published entry points, as a server-rendering app imports them: `hotlinks-embed`,
 * `hotlinks-embed/element`, `hotlinks-embed/define` and `hotlinks-embed/server` from `dist/esm` (through package.json's
 * `exports`), in a plain `node` process with no DOM and no test runner in between. Importing does
 * not throw, and the SDK answers as it can without a page. Needs the build (`npm test` builds first).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

/** Runs in the child: the imports, then what each entry answers, as JSON on stdout. */
const SCRIPT = `
const hadDom = typeof document != 'undefined' || typeof window != 'undefined';
const sdk = await import('hotlinks-embed');
const element = await import('hotlinks-embed/element');
const define = await import('hotlinks-embed/define');
const server = await import('hotlinks-embed/server');
const refused = (() => { try { sdk.checkoutUrl('https://pay.hotmart.com.evil.example/A72242240H'); } catch (error) { return error.message; } })();
console.log(JSON.stringify({
  hadDom,
  hasDom: typeof document != 'undefined' || typeof window != 'undefined',
  exports: { sdk: Object.keys(sdk), element: Object.keys(element), define: Object.keys(define), server: Object.keys(server) },
  sameClass: element.HotlinkBuyButton === define.HotlinkBuyButton,
  attribution: sdk.getAttribution(),
  checkout: sdk.checkoutUrl('https://pay.hotmart.com/A72242240H', { off: 'abc' }),
  refused,
  quiet: [sdk.consent(true), sdk.clear(), sdk.decorate()],
  kept: Object.getOwnPropertySymbols(globalThis).map(String).filter((s) => s.includes('hotlinks')),
  cookie: server.attributionCookie({ url: 'https://www.shop.example/?a=O95340038V' }, server.resolveServerOptions({ cookieDomain: 'shop.example' }), 0),
}));
`;

it('node imports hotlinks-embed, /element, /define and /server from dist/esm without a DOM, and they work', () => {
  for (const entry of ['index.js', 'element.js', 'define.js', 'server.js']) {
    const file = join(process.cwd(), 'dist/esm', entry);
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first (npm test does)`);
  }
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', SCRIPT], { cwd: process.cwd(), encoding: 'utf8', timeout: 30_000 });
  expect(child.stderr).toBe('');
  expect(child.status).toBe(0);
  const out = JSON.parse(child.stdout);
  expect(out).toMatchObject({
    hadDom: false,
    hasDom: false,
    sameClass: true,
    attribution: null,
    checkout: 'https://pay.hotmart.com/A72242240H?off=abc',
    refused: expect.stringMatching(/^HotLinks\.checkoutUrl\(\): "https:\/\/pay\.hotmart\.com\.evil\.example\/A72242240H" is not an https: link on a checkout host/),
    quiet: [null, null, null],
    // On a server every request is someone else's: no instance is kept between them.
    kept: [],
    cookie: expect.stringMatching(/^hotlinks=2\|O95340038V\|0\|[0-9a-z]+\|\|[\w-]{16}; Path=\/; Max-Age=\d+; Domain=shop\.example; SameSite=Lax; Secure$/),
  });
  expect(out.exports.sdk).toEqual(expect.arrayContaining(['init', 'getAttribution', 'checkoutUrl', 'consent', 'clear', 'decorate']));
  expect(out.exports.element).toEqual(expect.arrayContaining(['HotlinkBuyButton']));
  expect(out.exports.define).toEqual(expect.arrayContaining(['defineBuyButton', 'HotlinkBuyButton']));
  expect(out.exports.server).toEqual(
    expect.arrayContaining(['attributionCookie', 'resolveServerOptions', 'nodeMiddleware', 'fetchMiddleware', 'nodeCollectHandler', 'fetchCollectHandler', 'reportSchema']),
  );
});
