/**
 * What the script costs a page beyond its own evaluation: on load it makes no request (none for a
 * checkout form either: GET-form fields are added on submit, by the script itself), and afterwards
 * it sets no timer and runs no script while the visitor does nothing. Checkout links are left as
 * the page wrote them until the visitor acts on one; the one pressed carries the code.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { checkoutLinks } from '../fixtures/corpus';
import { describeInBrowser, useBrowser } from './harness/suite';
import { dropin, html } from './harness/site';
import type { Visitor } from './harness/visitor';

const CODE = 'O95340038V';
const LANDING = `?a=${CODE}&sck=bio&utm_source=ig`;
/** What a checkout link gains from the landing: the code, the tags, and the visitor's visit id. */
const decorated = async (v: Visitor) => `af=${CODE}&sck=bio&utm_source=ig&xcod=${await v.visit()}`;
const IDLE_MS = 2000;
/** No favicon request: every request a page makes here is one the test expects or reports. */
const NO_ICON = '<link rel="icon" href="data:,">';
const links = checkoutLinks.map((href, i) => `<p><a id="l${i}" href="${href.replace(/&/g, '&amp;')}">Oferta ${i + 1}</a></p>`).join('\n');
const GET_FORM = `<form id="f" method="get" action="https://pay.hotmart.com/Y70033327T">
  <input type="hidden" name="off" value="7hted3u5"><button id="send">Comprar</button></form>`;
const BUTTON = '<hotlink-buy-button id="buy" hotlink="https://pay.hotmart.com/A72242240H" price="197"></hotlink-buy-button>';

/** In the page, before its scripts: records each timer call with its stack. */
function recordTimers() {
  const calls: { name: string; stack: string }[] = ((window as any).__timers = []);
  for (const name of ['setTimeout', 'setInterval', 'requestAnimationFrame', 'requestIdleCallback'] as const) {
    const original = (window as any)[name];
    if (!original) continue;
    (window as any)[name] = function (this: unknown, ...args: unknown[]) {
      calls.push({ name, stack: new Error().stack ?? '' });
      return original.apply(this, args);
    };
  }
}

/** Every request the page's browser context makes (any host), as `METHOD url`. */
function recordRequests(page: Page) {
  const requests: string[] = [];
  page.context().on('request', (request) => {
    if (!request.url().startsWith('data:')) requests.push(`${request.method()} ${request.url()}`);
  });
  return requests;
}

/** Script time (CDP `ScriptDuration`, every script of the page) in `ms` milliseconds of doing nothing. */
async function idleScriptMs(page: Page, ms: number) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const scriptSeconds = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name == 'ScriptDuration')!.value;
  const before = await scriptSeconds();
  await page.waitForTimeout(ms);
  return ((await scriptSeconds()) - before) * 1000;
}

/** The timers (`recordTimers`) set from the script at `path`. */
const timersOf = (page: Page, path: string): Promise<string[]> =>
  page.evaluate(
    (path) => (window as any).__timers.filter((call: { stack: string }) => call.stack.includes(path)).map((call: { name: string }) => call.name),
    path,
  );

describeInBrowser('a quiet script', () => {
  const t = useBrowser();

  it.each([
    { file: 'hotlinks.js' as const, form: false },
    { file: 'hotlinks.js' as const, form: true },
    { file: 'hotlinks-capture.js' as const, form: false },
    { file: 'hotlinks-capture.js' as const, form: true },
  ])('$file, checkout form $form: no request on page load but the page and the script', async ({ file, form }) => {
    t.site.page('/vendas', html(links + (form ? GET_FORM : ''), NO_ICON + dropin(file)));
    const v = await t.visitor();
    const requests = recordRequests(v.page);
    const url = t.site.url('www.shop.test', '/vendas' + LANDING);
    await v.page.goto(url);
    await v.page.waitForTimeout(1000);
    expect(requests).toEqual([`GET ${url}`, `GET ${t.site.url('www.shop.test', `/dist/${file}`)}`]);
    // It did run: the code is in the cookie.
    expect((await v.cookies()).find((c) => c.name == 'hotlinks')?.value).toContain(CODE);
  });

  it('the control: with data-collect the attribution report is sent, and the recorder sees it', async () => {
    t.site.page('/collect', { body: '', type: 'text/plain' });
    t.site.page('/vendas', html(links, NO_ICON + dropin('hotlinks.js', { collect: '/collect' })));
    const v = await t.visitor();
    const requests = recordRequests(v.page);
    await v.page.goto(t.site.url('www.shop.test', '/vendas' + LANDING));
    await expect.poll(() => requests).toContain(`POST ${t.site.url('www.shop.test', '/collect')}`);
  });

  it.each(['hotlinks.js', 'hotlinks-capture.js'] as const)(
    '%s: no timer set, and no script runs in 2 s of idle after load',
    async (file) => {
      t.site.page('/vendas', html(BUTTON + links + GET_FORM, NO_ICON + dropin(file)));
      const v = await t.visitor();
      await v.page.addInitScript(recordTimers);
      await v.page.goto(t.site.url('www.shop.test', '/vendas' + LANDING));
      // The Buy button has rendered (hotlinks.js): what runs after this is idle time.
      if (file == 'hotlinks.js') await v.page.locator('#buy').getByRole('link').waitFor();
      await v.page.waitForTimeout(500);
      expect(await idleScriptMs(v.page, IDLE_MS)).toBe(0);
      expect(await timersOf(v.page, `/dist/${file}`)).toEqual([]);
    },
  );

  it('the control: a page script on a timer shows as both', async () => {
    t.site.page('/ticker.js', { type: 'text/javascript', body: 'setInterval(function () { for (var i = 0; i < 1e5; i++); }, 50);' });
    t.site.page('/ticker', html('<p>tick</p>', NO_ICON + '<script src="/ticker.js"></script>'));
    const v = await t.visitor();
    await v.page.addInitScript(recordTimers);
    await v.page.goto(t.site.url('www.shop.test', '/ticker'));
    expect(await idleScriptMs(v.page, 1000)).toBeGreaterThan(0);
    expect(await timersOf(v.page, '/ticker.js')).toEqual(['setInterval']);
  });

  it('checkout links stay as written until pressed; the pressed one carries the code, and so does checkout', async () => {
    t.site.page('/vendas', html(links, NO_ICON + dropin('hotlinks-capture.js')));
    const v = await t.visitor();
    await v.page.goto(t.site.url('www.shop.test', '/vendas' + LANDING));
    expect(await v.page.$$eval('p > a', (as) => as.map((a) => a.getAttribute('href')))).toEqual(checkoutLinks);

    const written = 'https://pay.hotmart.com/Y70033327T?off=7hted3u5';
    const link = v.page.locator(`#l${checkoutLinks.indexOf(written)}`);
    const DECORATED = await decorated(v);
    await link.hover();
    await v.page.mouse.down();
    expect(await link.getAttribute('href')).toBe(`${written}&${DECORATED}`);
    // The others are still as the page wrote them.
    expect(await v.page.getAttribute('#l0', 'href')).toBe(checkoutLinks[0]);
    await v.page.mouse.up();
    expect(await v.reachCheckout()).toBe(`${written}&${DECORATED}`);
    expect(v.refused).toEqual([]);
  });

  it('of 10,000 checkout links appended at once, the one pressed carries the code', async () => {
    t.site.page('/vendas', html('<div id="root"></div>', NO_ICON + dropin('hotlinks.js')));
    const v = await t.visitor();
    await v.page.goto(t.site.url('www.shop.test', '/vendas' + LANDING));
    await v.page.evaluate((hrefs) => {
      const fragment = document.createDocumentFragment();
      for (let i = 0; i < 10_000; i++) {
        const a = document.createElement('a');
        a.href = hrefs[i % hrefs.length];
        a.textContent = `Comprar ${i} `;
        fragment.append(a);
      }
      document.getElementById('root')!.append(fragment);
    }, checkoutLinks);
    const pressed = v.page.locator('#root > a').nth(4); // https://pay.hotmart.com/A72242240H
    const DECORATED = await decorated(v);
    await pressed.hover();
    await v.page.mouse.down();
    expect(await pressed.getAttribute('href')).toBe(`${checkoutLinks[4]}?${DECORATED}`);
    await v.page.mouse.up();
    expect(await v.reachCheckout()).toBe(`${checkoutLinks[4]}?${DECORATED}`);
  });

  it('a GET checkout form gets its fields on submit, with no request of ours before', async () => {
    t.site.page('/form', html(GET_FORM, NO_ICON + dropin('hotlinks-capture.js')));
    const v = await t.visitor();
    const requests = recordRequests(v.page);
    await v.page.goto(t.site.url('www.shop.test', '/form' + LANDING));
    expect(await v.page.locator('#f input[type=hidden]').count()).toBe(1);
    const DECORATED = await decorated(v);
    await v.page.click('#send');
    expect(await v.reachCheckout()).toBe(`https://pay.hotmart.com/Y70033327T?off=7hted3u5&${DECORATED}`);
    expect(requests.filter((r) => r.includes('/dist/') && !r.endsWith('/dist/hotlinks-capture.js'))).toEqual([]);
  });
});
