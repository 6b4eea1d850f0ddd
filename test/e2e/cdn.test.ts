/**
 * The drop-in from a public npm CDN, as the README's snippet loads it: `dist/` served from another
 * origin (`cdn.shop.test`, at jsDelivr's path, with `Access-Control-Allow-Origin: *`), the script
 * tag with `integrity` and `crossorigin`. Its companion files load from beside it and work. Where a
 * companion cannot load (an inline copy of the script, a host without CORS), the console says which
 * file, from where, and what the page goes without.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Request } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { integrityOf } from '../../scripts/sri.mjs';
import { html } from './harness/site';
import { describeInBrowser, useBrowser } from './harness/suite';
import { describeCookies } from './harness/visitor';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const DIST = join(process.cwd(), 'dist');
/** jsDelivr's path for the package's dist/ at this version. */
const CDN_DIR = `/npm/hotlinks-embed@${version}/dist/`;
const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };
const CODE = 'O95340038V';
const body = `<h1>Curso</h1>
  <a id="buy" href="https://pay.hotmart.com/A72242240H?off=abc">Comprar</a>
  <form id="form" method="get" action="https://pay.hotmart.com/A72242240H"><input name="email"><button>Continuar</button></form>
  <form id="form2" method="get" action="https://pay.hotmart.com/B81121241J"><button>Outro</button></form>`;

/** Console warnings of ours. */
const ours = (lines: string[]) => lines.filter((line) => line.startsWith('warning: [hotlinks]'));

describeInBrowser('the drop-in from a CDN (another origin)', () => {
  const t = useBrowser();
  const cdn = (path: string) => t.site.url('cdn.shop.test', path);
  const tag = (file: string, attributes: string) => `<script src="${cdn(CDN_DIR + file)}" ${attributes}></script>`;
  const sri = (file: string) => `integrity="${integrityOf(readFileSync(join(DIST, file)))}" crossorigin="anonymous"`;

  beforeAll(() => {
    for (const file of readdirSync(DIST).filter((name) => TYPES[extname(name)])) {
      const text = readFileSync(join(DIST, file), 'utf8');
      // As jsDelivr serves it: anyone may load it, from any origin.
      t.site.page(CDN_DIR + file, { body: text, type: TYPES[extname(file)], headers: { 'access-control-allow-origin': '*' } });
      // A host of your own that sends no CORS headers.
      t.site.page('/nocors' + CDN_DIR + file, { body: text, type: TYPES[extname(file)] });
    }
    t.site.page('/api/hotlinks', { body: '', type: 'text/plain' });
  });

  it('with integrity and crossorigin: capture runs, and hotlinks-report.js loads from the CDN and sends the report', async () => {
    t.site.page('/report', html(body, tag('hotlinks.js', `${sri('hotlinks.js')} data-collect="/api/hotlinks"`)));
    const v = await t.visitor();
    const report = v.context.waitForEvent('request', (request: Request) => request.url().endsWith('/api/hotlinks'));
    const before = t.site.requests.length;
    await v.page.goto(t.site.url('www.shop.test', `/report?a=${CODE}&utm_source=ig`));
    const sent = JSON.parse((await report).postData()!);
    const visit = await v.visit();
    expect([sent.event, sent.affiliate, sent.params, sent.visit]).toEqual(['attribution', CODE, { utm_source: 'ig' }, visit]);
    // The reporter came from beside the script, on the CDN.
    const fetched = t.site.requests.slice(before).map((r) => `${r.host.split(':')[0]} ${r.url}`);
    expect(fetched).toContain(`cdn.shop.test ${CDN_DIR}hotlinks-report.js`);
    expect(describeCookies(await v.cookies())).toEqual(['hotlinks@.shop.test secure']);
    // The link carries the code once the visitor acts on it (a right click, as for "copy link address").
    await v.page.click('#buy', { button: 'right' });
    expect(await v.page.getAttribute('#buy', 'href')).toBe(`https://pay.hotmart.com/A72242240H?off=abc&af=${CODE}&utm_source=ig&xcod=${visit}`);
    expect(ours(v.console)).toEqual([]);
    expect(v.errors).toEqual([]);
  });

  it('?hotlinks_debug=1: hotlinks-debug.js loads from the CDN and the panel shows', async () => {
    t.site.page('/debug', html(body, tag('hotlinks.js', sri('hotlinks.js'))));
    const v = await t.visitor();
    await v.page.goto(t.site.url('www.shop.test', `/debug?a=${CODE}&hotlinks_debug=1`));
    const panel = v.page.getByRole('region', { name: 'HotLinks debug' });
    await expect.poll(() => panel.locator('dd[data-fact="affiliate"]').textContent()).toBe(CODE);
    expect(ours(v.console)).toEqual([]);
  });

  it('a GET form to checkout carries the code (its fields are added on submission, no companion file)', async () => {
    t.site.page('/form', html(body, tag('hotlinks-capture.js', sri('hotlinks-capture.js'))));
    const v = await t.visitor();
    await v.page.goto(t.site.url('www.shop.test', `/form?a=${CODE}`));
    await v.page.getByRole('button', { name: 'Continuar' }).click();
    expect(await v.reachCheckout()).toBe(`https://pay.hotmart.com/A72242240H?email=&af=${CODE}&xcod=${await v.visit()}`);
  });

  it('integrity is enforced: with a wrong hash the script does not run', async () => {
    const wrong = sri('hotlinks.js').replace(/sha384-[^"]+/, integrityOf('something else'));
    t.site.page('/tampered', html(body, tag('hotlinks.js', wrong)));
    const v = await t.visitor();
    await v.page.goto(t.site.url('www.shop.test', `/tampered?a=${CODE}`));
    await v.page.waitForLoadState('load');
    expect(await v.page.evaluate(() => 'HotLinks' in window)).toBe(false);
    expect(v.console.some((line) => /integrity/i.test(line))).toBe(true);
    expect(await v.cookies()).toEqual([]);
  });

  it('an inline copy of the script (no src): capture runs, and the console names each companion that cannot load and what is lost', async () => {
    const script = readFileSync(join(DIST, 'hotlinks-capture.js'), 'utf8');
    t.site.page('/inline', html(body, `<script data-collect="/api/hotlinks">${script}</script>`));
    const v = await t.visitor();
    await v.page.goto(t.site.url('www.shop.test', `/inline?a=${CODE}&hotlinks_debug=1`));
    expect(describeCookies(await v.cookies())).toEqual(['hotlinks@.shop.test secure']);
    await expect.poll(() => ours(v.console).length).toBe(2);
    expect(ours(v.console).sort()).toEqual([
      'warning: [hotlinks] hotlinks-debug.js could not load (the script has no src): the debug panel is not shown',
      'warning: [hotlinks] hotlinks-report.js could not load (the script has no src): reports are not sent from this page',
    ]);
    expect(v.errors).toEqual([]);
  });

  it('a host without CORS headers: the console names each companion, its URL, and what is lost; once each', async () => {
    const src = cdn('/nocors' + CDN_DIR + 'hotlinks.js');
    t.site.page('/nocors', html(body, `<script src="${src}" data-collect="/api/hotlinks"></script>`));
    const v = await t.visitor();
    await v.page.goto(t.site.url('www.shop.test', `/nocors?a=${CODE}&hotlinks_debug=1`));
    // The script itself runs (a classic script needs no CORS): capture and links work.
    expect(describeCookies(await v.cookies())).toEqual(['hotlinks@.shop.test secure']);
    await v.page.click('#buy', { button: 'right' });
    expect(await v.page.getAttribute('#buy', 'href')).toBe(`https://pay.hotmart.com/A72242240H?off=abc&af=${CODE}&xcod=${await v.visit()}`);
    await expect.poll(() => ours(v.console).length).toBe(2);
    const beside = (file: string) => cdn('/nocors' + CDN_DIR + file);
    expect(ours(v.console).sort()).toEqual([
      `warning: [hotlinks] hotlinks-debug.js could not load from ${beside('hotlinks-debug.js')}: the debug panel is not shown`,
      `warning: [hotlinks] hotlinks-report.js could not load from ${beside('hotlinks-report.js')}: reports are not sent from this page`,
    ]);
    expect(v.errors).toEqual([]);
  });
});
