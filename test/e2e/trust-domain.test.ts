/**
 * The second attacker's review, the parts that are about where things live: a page builder's other
 * tenants on the same domain, the producer's other site, the companion files' integrity and URL,
 * reloads of a landing, and the address bar. In a real browser, observed as the visitor's browser
 * saw it: the cookie jar and its lifetimes, the requests made, the reports sent, the URL.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { cdnBase } from '../../scripts/sri.mjs';
import { useBrowserWithMoreHosts, validLooking } from './harness/more-hosts';
import { dropin, html } from './harness/site';
import { describeInBrowser } from './harness/suite';
import type { Visitor } from './harness/visitor';

const CODE = 'O95340038V';
const DAY = 86_400_000;
const HOTLINK = 'https://pay.hotmart.com/A72242240H?off=abc';
const BUY = `<a id="buy" href="${HOTLINK}">Comprar</a>`;
const DIST = join(process.cwd(), 'dist');
const JS = 'text/javascript; charset=utf-8';

const reportsOf = (v: Visitor) =>
  v.posts.filter((post) => new URL(post.url).pathname == '/collect').map((post) => JSON.parse(post.body ?? 'null'));
const ours = (v: Visitor) => v.console.filter((line) => line.includes('[hotlinks]'));
const cookiesOf = async (v: Visitor) => (await v.cookies()).filter((c) => c.name == 'hotlinks');

describeInBrowser('where the attribution lives, and what loads beside it', () => {
  const t = useBrowserWithMoreHosts();

  it("on a page builder's shared domain (kpages.online) the cookie stays on the tenant's own host, with a warning; another tenant cannot read it", async () => {
    t.site.page('/curso', html(BUY, dropin('hotlinks-capture.js')));
    const v = await t.visitor();
    await v.page.goto(t.site.url('meusite.kpages.online', `/curso?a=${CODE}`));
    await expect.poll(async () => (await cookiesOf(v)).map((c) => c.domain)).toEqual(['meusite.kpages.online']);
    expect(ours(v)).toEqual([
      'warning: [hotlinks] meusite.kpages.online is a shared platform: the cookie stays on this host; name your domain in data-cookie-domain to share it with your other pages',
    ]);
    await v.page.goto(t.site.url('outro.kpages.online', '/curso'));
    expect(await v.page.evaluate(() => document.cookie)).toBe('');
  });

  it("the producer's other site: an attribution 59 days old arrives there with its age, so it lapses there when it lapses here", async () => {
    const capturedAt = Date.now() - 59 * DAY;
    const other = t.site.url('curso.other.test', '/aula');
    t.site.page('/vendas', html(`<a id="curso" href="${other}">Aula</a>`, dropin('hotlinks-capture.js', { crossDomain: 'curso.other.test' })));
    t.site.page('/aula', html(BUY, dropin('hotlinks-capture.js')));
    const v = await t.visitor();
    await v.context.addCookies([{ name: 'hotlinks', value: validLooking(CODE, capturedAt), domain: '.shop.test', path: '/', secure: true, sameSite: 'Lax', expires: (capturedAt + 60 * DAY) / 1000 }]);
    await v.page.goto(t.site.url('www.shop.test', '/vendas'));
    await v.page.click('#curso');
    await v.page.waitForURL(/curso\.other\.test/);
    await expect.poll(async () => (await cookiesOf(v)).map((c) => c.domain).sort()).toEqual(['.other.test', '.shop.test']);
    const there = (await cookiesOf(v)).find((c) => c.domain == '.other.test')!;
    const fields = there.value.split('|');
    expect(parseInt(fields[2], 36)).toBe(capturedAt);
    expect(parseInt(fields[3], 36)).toBe(capturedAt + 60 * DAY);
    // The browser keeps it about a day, not 60.
    expect(there.expires * 1000 - Date.now()).toBeGreaterThan(DAY - 60_000);
    expect(there.expires * 1000 - Date.now()).toBeLessThan(DAY + 60_000);
    // The same visit on both sites.
    expect(fields[5]).toBe('mJIDFq3bN0xk-_7Z');
  });

  it('a companion file that is not the one built with the drop-in is never run: the page says so, and checkout works', async () => {
    t.site.page('/collect', { body: '', type: 'text/plain' });
    // The drop-in itself passed (the real file); its companion beside it was tampered with.
    t.site.page('/tampered/hotlinks-capture.js', { body: readFileSync(join(DIST, 'hotlinks-capture.js'), 'utf8'), type: JS });
    t.site.page('/tampered/hotlinks-report.js', {
      body: 'window.__pwned = true; navigator.sendBeacon("/collect", "pwned"); export const reportEvent = () => {};',
      type: JS,
    });
    t.site.page('/curso', html(BUY, '<script src="/tampered/hotlinks-capture.js" data-collect="/collect"></script>'));
    const v = await t.visitor();
    await v.page.goto(t.site.url('www.shop.test', `/curso?a=${CODE}`));
    await expect.poll(() => ours(v)).toEqual([
      `warning: [hotlinks] hotlinks-report.js could not load from ${t.site.url('www.shop.test', '/tampered/hotlinks-report.js')}: reports are not sent from this page`,
    ]);
    expect(await v.page.evaluate(() => (window as { __pwned?: boolean }).__pwned)).toBeUndefined();
    expect(v.posts).toEqual([]);
    await v.page.click('#buy');
    expect(await v.reachCheckout()).toMatch(new RegExp(`^${HOTLINK.replace(/[?]/g, '\\?')}&af=${CODE}&xcod=`));
  });

  it("WordPress's ?ver= stays on the companions' URLs; a drop-in joined with others (a CDN's combine URL) loads them from this version on jsDelivr", async () => {
    t.site.page('/collect', { body: '', type: 'text/plain' });
    const combined = '/combine/npm/hotlinks-embed@0.1.0/dist/hotlinks-capture.js,npm/other@1/x.js';
    t.site.page(combined, { body: readFileSync(join(DIST, 'hotlinks-capture.js'), 'utf8'), type: JS, headers: { 'access-control-allow-origin': '*' } });
    t.site.page('/wp', html(BUY, '<script src="/dist/hotlinks-capture.js?ver=6.4.2" data-collect="/collect"></script>'));
    t.site.page('/combined', html(BUY, `<script src="${combined}" data-collect="/collect"></script>`));
    const v = await t.visitor();
    // jsDelivr, answered here with the built files.
    const cdn: string[] = [];
    await v.context.route(cdnBase() + '*', (route) => {
      cdn.push(route.request().url());
      const file = new URL(route.request().url()).pathname.split('/').pop()!;
      return route.fulfill({ body: readFileSync(join(DIST, file)), contentType: JS, headers: { 'access-control-allow-origin': '*' } });
    });
    const since = t.site.requests.length;
    await v.page.goto(t.site.url('www.shop.test', `/wp?a=${CODE}`));
    await expect.poll(() => reportsOf(v).map((r) => r.event)).toEqual(['attribution']);
    expect(t.site.requests.slice(since).filter((r) => r.url.includes('hotlinks-report')).map((r) => r.url)).toEqual(['/dist/hotlinks-report.js?ver=6.4.2']);

    await v.page.goto(t.site.url('www.shop.test', `/combined?a=${CODE}&utm_source=x`));
    await expect.poll(() => reportsOf(v).map((r) => r.event)).toEqual(['attribution', 'attribution']);
    expect(cdn).toEqual([cdnBase() + 'hotlinks-report.js']);
    expect(ours(v)).toEqual([]);
  });

  it('a reload, a back navigation and a second tab on the landing are one visit: one attribution report, the capture time unchanged', async () => {
    t.site.page('/collect', { body: '', type: 'text/plain' });
    t.site.page('/curso', html(BUY + '<a id="next" href="/outra">Outra</a>', dropin('hotlinks-capture.js', { collect: '/collect' })));
    t.site.page('/outra', html(BUY, dropin('hotlinks-capture.js', { collect: '/collect' })));
    const v = await t.visitor();
    const landing = t.site.url('www.shop.test', `/curso?a=${CODE}&utm_source=fb`);
    await v.page.goto(landing);
    await expect.poll(() => reportsOf(v).length).toBe(1);
    const first = (await cookiesOf(v))[0].value;
    await v.page.reload();
    await v.page.click('#next');
    await v.page.waitForURL(/\/outra/);
    await v.page.goBack();
    await v.page.waitForURL(/\/curso/);
    const tab = await v.context.newPage();
    await tab.goto(landing);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(reportsOf(v).map((r) => [r.event, r.affiliate])).toEqual([['attribution', CODE]]);
    expect((await cookiesOf(v))[0].value).toBe(first);
    expect(v.events.filter((e) => e.type == 'hotlinks-attribution').map((e) => e.detail.capturedAt)).toEqual(
      Array(4).fill(parseInt(first.split('|')[2], 36)),
    );
  });

  it('clean-url takes out the code and our tags, and leaves every other byte, utm_* and the ad click ids for the page\'s other tags', async () => {
    t.site.page('/curso', html(BUY, dropin('hotlinks-capture.js', { cleanUrl: 'true' })));
    const v = await t.visitor();
    await v.page.goto(t.site.url('www.shop.test', `/curso?x=1&a=${CODE}&q=a%20b&debug&sck=bio&gclid=G1&utm_source=fb#preco`));
    await expect.poll(() => v.page.url()).toBe(t.site.url('www.shop.test', '/curso?x=1&q=a%20b&debug&gclid=G1&utm_source=fb#preco'));
  });
});
