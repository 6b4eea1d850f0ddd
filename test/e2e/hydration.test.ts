/**
 * Server-rendered apps: a page rendered on the server with `<hotlink-buy-button>` in it, then
 * hydrated in Chromium by React 19, Preact 11 and Preact 10, with the element registered before
 * hydration (as a client component importing `hotlinks-embed/define` does). Hydration finds the
 * markup it rendered: no warning or error on the console, no attribute the author did not write on
 * the element; and the button, once hydrated, reaches checkout with the visitor's affiliate code.
 * The bundles are built here with esbuild, in development mode (where React and preact/debug report
 * mismatches), from test/e2e/fixtures/hydration/ and the built package (dist/esm).
 */
import { join } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, expect, it } from 'vitest';
import { BUTTON, FALLBACK } from './fixtures/hydration/page';
import { html } from './harness/site';
import { describeInBrowser, useBrowser } from './harness/suite';

const FIXTURES = join(process.cwd(), 'test/e2e/fixtures/hydration');
const CODE = 'O95340038V';

const FRAMEWORKS = {
  'React 19': { app: 'react', alias: {} },
  'Preact 11': { app: 'preact', alias: {} },
  'Preact 10': { app: 'preact', alias: { preact: 'preact-10' } },
} as const;
type Framework = keyof typeof FRAMEWORKS;

/** One bundle of the fixture `entry`; `hotlinks-embed` resolves through package.json's exports to dist/esm, as in an app. */
async function bundle(entry: string, alias: Record<string, string>): Promise<string> {
  const { outputFiles } = await build({
    entryPoints: [join(FIXTURES, entry)],
    bundle: true,
    write: false,
    format: 'esm',
    // The server bundle too: React's browser build of react-dom/server runs in Node 20 as it is.
    platform: 'browser',
    alias,
    define: { 'process.env.NODE_ENV': '"development"' },
    logLevel: 'silent',
  });
  return outputFiles[0].text;
}

/** What the server sends, and the client script that hydrates it. */
const built = {} as Record<Framework, { markup: string; client: string }>;

describeInBrowser('server-rendered pages hydrate the Buy button without a mismatch', () => {
  const t = useBrowser();

  beforeAll(async () => {
    await Promise.all(
      Object.entries(FRAMEWORKS).map(async ([name, { app, alias }]) => {
        const [server, client] = await Promise.all([bundle(`${app}-server.ts`, alias), bundle(`${app}-client.ts`, alias)]);
        const { html: markup } = (await import(`data:text/javascript;base64,${Buffer.from(server).toString('base64')}`)) as { html: string };
        built[name as Framework] = { markup, client };
      }),
    );
  }, 60_000);

  it('each server renders the tag with the author\'s attributes only, and the fallback link', () => {
    for (const { markup } of Object.values(built)) {
      expect(markup).toContain(`<hotlink-buy-button hotlink="${BUTTON.hotlink}" offer="${BUTTON.offer}" price="${BUTTON.price}"><a href="${FALLBACK}">`);
    }
  });

  for (const name of Object.keys(FRAMEWORKS) as Framework[]) {
    it(`${name}: no hydration warning, the element keeps its attributes, the button reaches checkout with the code`, async () => {
      const { markup, client } = built[name];
      const path = `/${name.replace(/\W/g, '').toLowerCase()}`;
      t.site.page(`${path}.js`, { type: 'text/javascript; charset=utf-8', body: client });
      t.site.page(path, html(`<div id="root">${markup}</div>`, `<script type="module" src="${path}.js"></script>`).replace('lang="en"', 'lang="pt-BR"'));
      const v = await t.visitor();
      await v.page.goto(t.site.url('www.shop.test', `${path}?a=${CODE}`));
      await v.page.waitForFunction(() => (window as { hydrated?: boolean }).hydrated);

      expect(v.errors).toEqual([]);
      expect(v.console.filter((line) => /^(error|warning)/.test(line))).toEqual([]);
      const button = v.page.locator('hotlink-buy-button');
      expect(await button.evaluate((el) => el.getAttributeNames().map((name) => `${name}=${el.getAttribute(name)}`))).toEqual(
        Object.entries(BUTTON).map(([name, value]) => `${name}=${value}`),
      );
      // Rendered by the element, with its default look (green, md) though no attribute says so.
      const link = button.getByRole('link', { name: /Quero me inscrever/ });
      expect(await link.evaluate((a) => [getComputedStyle(a).backgroundColor, getComputedStyle(a).fontSize])).toEqual(['rgb(10, 125, 59)', '16px']);
      await link.click();
      expect(await v.reachCheckout()).toBe(`${BUTTON.hotlink}?af=${CODE}&xcod=${await v.visit()}&off=${BUTTON.offer}`);
    });
  }
});
