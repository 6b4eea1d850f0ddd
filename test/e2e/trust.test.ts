/**
 * What another party on the page or on a sibling subdomain could do to the attribution, in a real
 * browser: an element that names itself `currentScript`, a cookie of our name planted on a deeper
 * path, a planted probe cookie; and two things a visitor does: a double-click on Buy, and opening a
 * `?hotlinks_debug=1` link on a phone. Observed as the visitor's browser saw it: the URL reached,
 * the cookie jar, the requests made, the console.
 */
import { expect, it } from 'vitest';
import { validLooking, useBrowserWithMoreHosts } from './harness/more-hosts';
import { dropin, html } from './harness/site';
import { describeInBrowser } from './harness/suite';
import { CHECKOUT, type Visitor } from './harness/visitor';

const CODE = 'O95340038V';
const FORGED = 'Q100328287K';
const HOTLINK = 'https://pay.hotmart.com/A72242240H?off=abc';
const BUY = `<a id="buy" href="${HOTLINK}">Comprar</a>`;
const PHONE = '<meta name="viewport" content="width=device-width, initial-scale=1">';

/** A page on a sibling subdomain whose script writes `cookie` (name=value; attributes). */
const planter = (cookie: string) => html('<p>sibling</p>', `<script>document.cookie = ${JSON.stringify(cookie)};</script>`);

/** Our cookies as `name@domain path value-start`, sorted. */
const jar = async (v: Visitor) =>
  (await v.cookies()).map((c) => `${c.name}@${c.domain}${c.path} ${c.value.split('|').slice(0, 2).join('|')}`).sort();

/** Bodies of the reports the visitor's pages POSTed to `/collect`, so far. */
const reportsOf = (v: Visitor): { event: string; checkoutUrl?: string }[] =>
  v.posts.filter((post) => new URL(post.url).pathname == '/collect').map((post) => JSON.parse(post.body ?? 'null'));

describeInBrowser('trust: what others on the page or the domain can no longer do', () => {
  const t = useBrowserWithMoreHosts();

  const FOREIGN = 'https://elsewhere.test/x/';
  it.each([
    { element: 'img', markup: `<img name="currentScript" src="${FOREIGN}" alt="" data-collect="https://elsewhere.test/collect" data-checkout-param="hacked">` },
    { element: 'form', markup: `<form name="currentScript" action="${FOREIGN}" data-collect="https://elsewhere.test/collect" data-checkout-param="hacked"></form>` },
    { element: 'embed', markup: `<embed name="currentScript" type="text/plain" data-collect="https://elsewhere.test/collect" data-checkout-param="hacked">` },
  ])('an <$element name="currentScript"> on the page: the deferred script keeps its own settings and loads companions from beside itself', async ({ markup }) => {
    t.site.page('/curso', html(BUY + markup, `<script src="/dist/hotlinks-capture.js" defer data-collect="/collect"></script>`));
    t.site.page('/collect', { body: '', type: 'text/plain' });
    const v = await t.visitor();
    const since = t.site.requests.length;
    // The element does shadow the property the old core read.
    await v.page.goto(t.site.url('www.shop.test', `/curso?a=${CODE}&hotlinks_debug=1`));
    expect(await v.page.evaluate(() => String((document as any).currentScript))).not.toBe('null');

    await v.page.waitForSelector('hotlinks-debug', { timeout: 10_000 });
    const ours = (file: string) => t.site.requests.slice(since).filter((r) => r.url == '/dist/' + file && r.host.startsWith('www.shop.test:'));
    expect(ours('hotlinks-debug.js')).toHaveLength(1);
    expect(ours('hotlinks-report.js')).toHaveLength(1);
    await expect.poll(() => reportsOf(v).map((r) => r.event)).toEqual(['attribution']);

    await v.page.click('#buy');
    expect(await v.reachCheckout()).toBe(`${HOTLINK}&af=${CODE}&xcod=${await v.visit()}`);
    await expect.poll(() => reportsOf(v).map((r) => r.event)).toEqual(['attribution', 'checkout']);
    // Nothing asked of the foreign host but the image itself (the browser's own doing).
    expect(v.refused.filter((url) => url != FOREIGN)).toEqual([]);
    expect(t.site.requests.slice(since).filter((r) => r.url.includes('elsewhere'))).toEqual([]);
    expect(v.console.filter((m) => m.includes('[hotlinks]'))).toEqual([]);
  });

  it('loaded as a module beside a clobbering <img>: default settings, no companion, a console warning', async () => {
    t.site.page(
      '/curso',
      html(
        BUY + `<img name="currentScript" src="${FOREIGN}" alt="" data-collect="https://elsewhere.test/collect" data-checkout-param="hacked">`,
        `<script type="module" src="/dist/hotlinks-capture.js" data-collect="/collect"></script>`,
      ),
    );
    const v = await t.visitor();
    const since = t.site.requests.length;
    await v.page.goto(t.site.url('www.shop.test', `/curso?a=${CODE}&hotlinks_debug=1`));
    await expect.poll(() => v.console.filter((m) => m.includes('[hotlinks]'))).toEqual([
      expect.stringMatching(/^warning: \[hotlinks\] no <script> element of its own .*: default settings, no companion files$/),
    ]);
    await v.page.click('#buy');
    // The defaults: `af` and `xcod`, no reports; no companion asked for, from anywhere.
    expect(await v.reachCheckout()).toBe(`${HOTLINK}&af=${CODE}&xcod=${await v.visit()}`);
    expect(t.site.requests.slice(since).filter((r) => /hotlinks-(debug|report)\.js/.test(r.url))).toEqual([]);
    expect(v.refused.filter((url) => url != FOREIGN)).toEqual([]);
    expect(reportsOf(v)).toEqual([]);
  });

  it('a sibling subdomain plants a valid-looking code on Path=/curso: a real click on /curso still wins, there and on later pages', async () => {
    t.site.page('/plant', planter(`hotlinks=${validLooking(FORGED)}; Domain=shop.test; Path=/curso; Secure; SameSite=Lax; Max-Age=86400`));
    t.site.page('/curso', html(BUY, dropin('hotlinks-capture.js')));
    t.site.page('/curso/aula', html(BUY, dropin('hotlinks-capture.js')));
    const v = await t.visitor();
    await v.page.goto(t.site.url('evil.shop.test', '/plant'));
    expect(await jar(v)).toEqual([`hotlinks@.shop.test/curso 2|${FORGED}`]);
    const planted = (await v.cookies())[0].value.split('|')[5];

    await v.page.goto(t.site.url('www.shop.test', `/curso?a=${CODE}`));
    expect(v.events.map((e) => [e.detail.affiliate, e.detail.storage])).toEqual([[CODE, 'cookie']]);
    expect(await jar(v)).toEqual([`hotlinks@.shop.test/ 2|${CODE}`]);
    // Nor does the planted visit id carry over.
    const visit = await v.visit();
    expect(visit).not.toBe(planted);

    // The next pages, on the shadowed path: the real code goes to checkout.
    for (const path of ['/curso', '/curso/aula']) {
      await v.page.goto(t.site.url('www.shop.test', path));
      await v.page.click('#buy');
      expect(await v.reachCheckout()).toBe(`${HOTLINK}&af=${CODE}&xcod=${visit}`);
    }
    expect(await jar(v)).toEqual([`hotlinks@.shop.test/ 2|${CODE}`]);
  });

  it('a sibling subdomain plants garbage on Path=/curso after a real click: the real cookie survives /curso and reaches checkout', async () => {
    t.site.page('/plant', planter('hotlinks=%E0%A4%A|junk; Domain=shop.test; Path=/curso; Secure; SameSite=Lax; Max-Age=86400'));
    t.site.page('/', html(BUY, dropin('hotlinks-capture.js')));
    t.site.page('/curso', html(BUY, dropin('hotlinks-capture.js')));
    const v = await t.visitor();
    await v.page.goto(t.site.url('www.shop.test', `/?a=${CODE}`));
    await v.page.goto(t.site.url('evil.shop.test', '/plant'));
    expect(await jar(v)).toEqual([`hotlinks@.shop.test/ 2|${CODE}`, 'hotlinks@.shop.test/curso %E0%A4%A|junk']);
    const visit = await v.visit();

    await v.page.goto(t.site.url('www.shop.test', '/curso'));
    await v.page.click('#buy');
    expect(await v.reachCheckout()).toBe(`${HOTLINK}&af=${CODE}&xcod=${visit}`);
    // The garbage copy went (this page could reach its path); ours stayed.
    expect(await jar(v)).toEqual([`hotlinks@.shop.test/ 2|${CODE}`]);
    await v.page.goto(t.site.url('www.shop.test', '/'));
    await v.page.click('#buy');
    expect(await v.reachCheckout()).toBe(`${HOTLINK}&af=${CODE}&xcod=${visit}`);
  });

  it('a planted hotlinks_probe=1 on produtor.com.br: the code is still stored on .produtor.com.br and the next page has it', async () => {
    t.site.page('/plant', planter('hotlinks_probe=1; Domain=produtor.com.br; Path=/; Secure; SameSite=Lax; Max-Age=86400'));
    t.site.page('/curso', html(BUY, dropin('hotlinks-capture.js')));
    t.site.page('/outra', html(BUY, dropin('hotlinks-capture.js')));
    const v = await t.visitor();
    await v.page.goto(t.site.url('evil.produtor.com.br', '/plant'));
    await v.page.goto(t.site.url('www.produtor.com.br', `/curso?a=${CODE}`));
    expect(v.events.map((e) => [e.detail.affiliate, e.detail.storage])).toEqual([[CODE, 'cookie']]);
    expect((await jar(v)).filter((c) => c.startsWith('hotlinks@'))).toEqual([`hotlinks@.produtor.com.br/ 2|${CODE}`]);

    await v.page.goto(t.site.url('www.produtor.com.br', '/outra'));
    expect(await v.page.evaluate(() => (window as any).HotLinks.getAttribution())).toMatchObject({ affiliate: CODE, storage: 'cookie' });
    await v.page.click('#buy');
    expect(await v.reachCheckout()).toBe(`${HOTLINK}&af=${CODE}&xcod=${await v.visit()}`);
  });

  it.each([
    { what: 'a Buy button', body: `<hotlink-buy-button id="buy" hotlink="${HOTLINK}"></hotlink-buy-button>` },
    { what: 'a checkout link', body: BUY },
  ])('a double-click on $what sends one checkout report', async ({ body }) => {
    t.site.page('/curso', html(body, dropin('hotlinks.js', { collect: '/collect' })));
    t.site.page('/collect', { body: '', type: 'text/plain' });
    const v = await t.visitor();
    await v.page.goto(t.site.url('www.shop.test', `/curso?a=${CODE}`));
    await expect.poll(() => reportsOf(v).map((r) => r.event), { timeout: 10_000 }).toEqual(['attribution']);
    // Checkout answers after a second, as over a real network: the page is still there for the second
    // click. (Answered at once, a loaded machine can leave the page before the second click lands.)
    await v.page.route(CHECKOUT, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await route.fallback();
    });
    const expected = `${HOTLINK}&af=${CODE}&xcod=${await v.visit()}`;
    await v.page.dblclick('#buy');
    expect(await v.reachCheckout()).toBe(expected);
    // Both clicks were seen by the page; the producer hears of one departure.
    await expect.poll(() => v.events.filter((e) => e.type == 'hotlinks-checkout').length, { timeout: 10_000 }).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(reportsOf(v).map((r) => [r.event, r.checkoutUrl])).toEqual([
      ['attribution', undefined],
      ['checkout', expected],
    ]);
  });

  type Box = { x: number; y: number; width: number; height: number };
  const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  it.each([
    { placement: 'centered, floating above the bottom edge', style: 'position:fixed;bottom:16px;left:50%;transform:translateX(-50%);width:200px' },
    { placement: 'a full-width bar along the bottom edge', style: 'position:fixed;bottom:0;left:0;right:0' },
    { placement: 'at the bottom right', style: 'position:fixed;bottom:16px;right:16px;width:200px' },
  ])('?hotlinks_debug=1 on a phone (390x844), Buy button $placement: a small collapsed tab that covers none of it, opened by a tap', async ({ style }) => {
    const button = `<a id="buy" href="${HOTLINK}" style="${style};display:block;box-sizing:border-box;padding:14px;text-align:center;background:#0a7d3b;color:#fff;font:700 16px sans-serif">Comprar agora</a>`;
    t.site.page('/curso', html('<h1>Curso</h1><p>Texto da página de vendas.</p>' + button, PHONE + dropin('hotlinks-capture.js')));
    const v = await t.visitor({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await v.page.goto(t.site.url('www.shop.test', `/curso?a=${CODE}&hotlinks_debug=1`));
    const toggle = v.page.getByRole('button', { name: 'HotLinks debug', exact: true });
    await toggle.waitFor({ timeout: 10_000 });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    const panel = v.page.getByRole('region', { name: 'HotLinks debug', exact: true });
    const tab = (await panel.boundingBox())!;
    const buy = (await v.page.locator('#buy').boundingBox())!;
    // Small, inside the viewport, and off the Buy button.
    expect(tab.width * tab.height).toBeLessThan(0.03 * 390 * 844);
    expect(tab.y + tab.height).toBeLessThanOrEqual(844);
    expect(overlap(tab, buy), `tab ${JSON.stringify(tab)} / Buy ${JSON.stringify(buy)}`).toBe(false);
    // The Buy button takes a tap anywhere on it.
    for (const [fx, fy] of [[0.1, 0.5], [0.5, 0.5], [0.9, 0.5], [0.05, 0.9]]) {
      const hit = await v.page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.id, [buy.x + fx * buy.width, buy.y + fy * buy.height]);
      expect(hit).toBe('buy');
    }

    await toggle.tap();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => panel.locator('dd[data-fact="affiliate"]').textContent()).toBe(CODE);
    expect(await panel.locator('dl').isVisible()).toBe(true);
  });

  const PHONE_SCREEN = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
  it.each([
    { where: 'on a phone, the Buy button in the text, halfway down', screen: PHONE_SCREEN, style: 'margin:260px 16px 1400px', scroll: 0 },
    { where: 'on a phone, then the page scrolled until the Buy button is under it', screen: PHONE_SCREEN, style: 'margin:900px 16px 1400px', scroll: 560 },
    { where: 'on a phone, a bar along the bottom edge', screen: PHONE_SCREEN, style: 'position:fixed;bottom:0;left:0;right:0', scroll: 0 },
    { where: 'on a desktop, at the left, halfway down', screen: { viewport: { width: 1280, height: 800 } }, style: 'position:fixed;left:24px;top:380px;width:260px', scroll: 0 },
  ])('?hotlinks_debug=1, the panel opened $where: it covers none of the Buy button, and speaks the page\'s language', async ({ screen, style, scroll }) => {
    const button = `<a id="buy" href="${HOTLINK}" style="${style};display:block;box-sizing:border-box;padding:14px;text-align:center;background:#0a7d3b;color:#fff;font:700 16px sans-serif">Comprar agora</a>`;
    const page = html('<h1>Curso</h1><p>Texto da página de vendas.</p>' + button, PHONE + dropin('hotlinks-capture.js')).replace('lang="en"', 'lang="pt-BR"');
    t.site.page('/curso', page);
    const v = await t.visitor(screen);
    await v.page.goto(t.site.url('www.shop.test', `/curso?a=${CODE}&parceiro=${FORGED}&hotlinks_debug=1`));
    const toggle = v.page.getByRole('button', { name: 'HotLinks: diagnóstico', exact: true });
    await toggle.waitFor({ timeout: 10_000 });
    await (screen.viewport.width < 500 ? toggle.tap() : toggle.click());
    const panel = v.page.getByRole('region', { name: 'HotLinks: diagnóstico', exact: true });
    await expect.poll(() => panel.locator('dd[data-fact="affiliate"]').textContent()).toBe(CODE);
    // The page moves under the open panel: the panel moves off the button.
    if (scroll) await v.page.evaluate((y) => scrollTo(0, y), scroll);
    // What arrived, and the code under a name the script does not read, with the attribute to add.
    expect(await panel.locator('dd[data-fact="landing"]').textContent()).toBe(`a=${CODE} & parceiro=${FORGED}`);
    expect(await panel.locator('dd[data-fact="unread"]').textContent()).toBe(
      `parceiro=${FORGED} parece um código de afiliado, num nome que o script não lê: acrescente data-params="a,af,aff,affiliate,ref,parceiro" à tag <script>`,
    );
    const { width, height } = screen.viewport;
    const buy = (await v.page.locator('#buy').boundingBox())!;
    await expect.poll(async () => overlap((await panel.boundingBox())!, buy), { timeout: 5_000 }).toBe(false);
    const box = (await panel.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(height);
    expect(box.x + box.width).toBeLessThanOrEqual(width);
    // Still readable: the facts show, scrolling inside the panel where the room is short.
    expect(box.height).toBeGreaterThan(100);
    const centre = await v.page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.id, [buy.x + buy.width / 2, buy.y + buy.height / 2]);
    expect(centre).toBe('buy');
    expect(v.errors).toEqual([]);
  });
});
