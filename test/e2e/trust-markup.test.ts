/**
 * The second attacker's review, in a real browser: what one line of markup (a blog comment, a page
 * builder's other tenant) or a stray string could do to the script. Each case is the attack as the
 * review ran it; observed as the visitor's browser saw it: the requests made, the cookie jar, the
 * URL checkout received, the reports sent, the console.
 */
import { expect, it } from 'vitest';
import { useBrowserWithMoreHosts, validLooking } from './harness/more-hosts';
import { dropin, html } from './harness/site';
import { describeInBrowser } from './harness/suite';
import { CHECKOUT, type Visitor } from './harness/visitor';

const CODE = 'O95340038V';
const FORGED = 'Q100328287K';
const HOTLINK = 'https://pay.hotmart.com/A72242240H?off=abc';
const BUY = `<a id="buy" href="${HOTLINK}">Comprar</a>`;
/** The README's self-hosting snippet, from this test site's `/dist/`. */
const selfHosted = (file: string, attributes = '') => `<script src="/dist/${file}" defer ${attributes}></script>`;

/** Bodies of the reports the visitor's pages POSTed, with the URL they went to. */
const reportsOf = (v: Visitor) =>
  v.posts.filter((post) => /\/collect$/.test(new URL(post.url).pathname)).map((post) => ({ url: post.url, ...JSON.parse(post.body ?? 'null') }));
/** Our cookies as `domain path affiliate`, sorted. */
const jar = async (v: Visitor) =>
  (await v.cookies())
    .filter((c) => c.name == 'hotlinks')
    .map((c) => `${c.domain}${c.path} ${c.value.split('|')[1]}`)
    .sort();
/** The visit id in the visitor's cookie. */
const visitOf = async (v: Visitor) => decodeURIComponent((await v.cookies()).find((c) => c.name == 'hotlinks' && c.path == '/')!.value.split('|')[5]);
const ours = (v: Visitor) => v.console.filter((line) => line.includes('[hotlinks]'));
/** `gtag()` as Google's snippet defines it, with consent granted by default. */
const GTAG_GRANTED = `<script>window.dataLayer = window.dataLayer || []; function gtag(){ dataLayer.push(arguments); } gtag('consent', 'default', { ad_storage: 'granted' });</script>`;

describeInBrowser('markup in a blog comment cannot take the script over', () => {
  const t = useBrowserWithMoreHosts();

  it('a <base href> in a comment moves neither where the companion files come from nor where reports go', async () => {
    t.site.page('/collect', { body: '', type: 'text/plain' });
    const comment = '<div class="comment"><p>Ótimo curso!</p><base href="https://evil.example/"></div>';
    t.site.page('/curso', html(BUY + comment, GTAG_GRANTED + selfHosted('hotlinks.js', 'data-collect="/collect" data-consent="google"')));
    const v = await t.visitor();
    const since = t.site.requests.length;
    await v.page.goto(t.site.url('www.shop.test', `/curso?a=${CODE}&hotlinks_debug=1`));
    // The comment's base is the page's: a relative URL there points at the attacker.
    expect(await v.page.evaluate(() => document.baseURI)).toBe('https://evil.example/');

    await v.page.waitForSelector('hotlinks-debug', { timeout: 10_000 });
    await expect.poll(() => reportsOf(v).map((r) => [r.url, r.event])).toEqual([[t.site.url('www.shop.test', '/collect'), 'attribution']]);
    const companions = t.site.requests
      .slice(since)
      .filter((r) => /hotlinks-(debug|report|consent)\.js/.test(r.url))
      .map((r) => `${r.host.split(':')[0]} ${r.url}`)
      .sort();
    expect(companions).toEqual(['www.shop.test /dist/hotlinks-consent.js', 'www.shop.test /dist/hotlinks-debug.js', 'www.shop.test /dist/hotlinks-report.js']);
    // Nothing was asked of the attacker's host.
    expect(v.refused).toEqual([]);
    expect(await jar(v)).toEqual([`.shop.test/ ${CODE}`]);
  });

  it.each(['cookie', 'addEventListener', 'dispatchEvent', 'querySelectorAll', 'createElement', 'head', 'readyState'])(
    '<img name="%s"> in a comment: the code is still stored, events still fire, and checkout still gets it',
    async (name) => {
      t.site.page('/curso', html(BUY + `<div class="comment"><img name="${name}" alt=""></div>`, selfHosted('hotlinks-capture.js')));
      t.site.page('/outra', html(BUY, selfHosted('hotlinks-capture.js')));
      const v = await t.visitor();
      await v.page.goto(t.site.url('www.shop.test', `/curso?a=${CODE}`));
      // The element does shadow the document's own member of that name.
      expect(await v.page.evaluate((n) => (document as unknown as Record<string, unknown>)[n] instanceof HTMLImageElement, name)).toBe(true);
      await expect.poll(() => v.events.filter((e) => e.type == 'hotlinks-attribution').map((e) => e.detail.affiliate)).toEqual([CODE]);
      expect(await jar(v)).toEqual([`.shop.test/ ${CODE}`]);
      await v.page.click('#buy');
      expect(await v.reachCheckout()).toBe(`${HOTLINK}&af=${CODE}&xcod=${await visitOf(v)}`);
      // And on a later page of the site.
      await v.page.goto(t.site.url('www.shop.test', '/outra'));
      await v.page.click('#buy');
      expect(await v.reachCheckout()).toBe(`${HOTLINK}&af=${CODE}&xcod=${await visitOf(v)}`);
      expect(v.errors).toEqual([]);
    },
  );

  it('<div id="HotLinks"> before the deferred script, no queue stub: HotLinks is the API, and the visitor can withdraw consent', async () => {
    const banner = '<button id="decline" onclick="HotLinks.consent(false)">Recusar</button>';
    t.site.page('/curso', html(`<div id="HotLinks"></div>${banner}${BUY}`, selfHosted('hotlinks-capture.js')));
    const v = await t.visitor();
    await v.page.goto(t.site.url('www.shop.test', `/curso?a=${CODE}`));
    await expect.poll(() => jar(v)).toEqual([`.shop.test/ ${CODE}`]);
    expect(await v.page.evaluate(() => typeof (window as unknown as { HotLinks: { consent?: unknown } }).HotLinks.consent)).toBe('function');
    await v.page.click('#decline');
    // The withdrawal took: the cookie is gone (LGPD), nothing was thrown.
    await expect.poll(() => jar(v)).toEqual([]);
    expect(v.errors).toEqual([]);
  });

  it("data-consent=\"pending\": 'false', 'denied' and {} grant nothing and say so; only true stores the code", async () => {
    t.site.page('/curso', html(BUY, selfHosted('hotlinks-capture.js', 'data-consent="pending"')));
    const v = await t.visitor();
    await v.page.goto(t.site.url('www.shop.test', `/curso?a=${CODE}`));
    await v.page.waitForFunction(() => typeof (window as unknown as { HotLinks: { push?: unknown } }).HotLinks?.push == 'function');
    await v.page.evaluate(() => {
      const api = (window as unknown as { HotLinks: { push(...c: unknown[]): void; consent(v: unknown): void } }).HotLinks;
      // A Tag Manager variable and localStorage both hand over strings.
      api.push(['consent', 'false'], ['consent', 'denied'], ['consent', {}]);
      api.consent('true');
    });
    expect(await jar(v)).toEqual([]);
    expect(ours(v)).toEqual([
      'warning: [hotlinks] HotLinks.consent() takes true or false, got "false": nothing changed',
      'warning: [hotlinks] HotLinks.consent() takes true or false, got "denied": nothing changed',
      'warning: [hotlinks] HotLinks.consent() takes true or false, got {}: nothing changed',
      'warning: [hotlinks] HotLinks.consent() takes true or false, got "true": nothing changed',
    ]);
    await v.page.evaluate(() => (window as unknown as { HotLinks: { push(...c: unknown[]): void } }).HotLinks.push(['consent', true]));
    expect(await jar(v)).toEqual([`.shop.test/ ${CODE}`]);
  });

  it("Consent Mode: a plain object bridged onto dataLayer (a frame's message) grants nothing; gtag()'s own command does", async () => {
    const bridge = `<script>window.dataLayer = window.dataLayer || [];
      function gtag(){ dataLayer.push(arguments); }
      gtag('consent', 'default', { ad_storage: 'denied' });
      // What a page does with another origin's postMessage: it copies the data onto dataLayer.
      dataLayer.push({ 0: 'consent', 1: 'update', 2: { ad_storage: 'granted' }, length: 3 });
      dataLayer.push(['consent', 'update', { ad_storage: 'granted' }]);</script>`;
    t.site.page('/curso', html(BUY + `<button id="accept" onclick="gtag('consent', 'update', { ad_storage: 'granted' })">Aceitar</button>`, bridge + selfHosted('hotlinks-capture.js', 'data-consent="google"')));
    const v = await t.visitor();
    await v.page.goto(t.site.url('www.shop.test', `/curso?a=${CODE}`));
    await v.page.waitForLoadState('load');
    await expect.poll(() => t.site.requests.some((r) => r.url == '/dist/hotlinks-consent.js')).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await jar(v)).toEqual([]);
    await v.page.click('#accept');
    await expect.poll(() => jar(v)).toEqual([`.shop.test/ ${CODE}`]);
  });

  it('the command queue runs only the page API: a queued beginCheckout forges no checkout report', async () => {
    t.site.page('/collect', { body: '', type: 'text/plain' });
    const forge = `<script>(window.HotLinks = window.HotLinks || []).push(['beginCheckout', 'https://pay.hotmart.com/FORGED?af=${FORGED}', document]);</script>`;
    t.site.page('/curso', html(BUY, forge + selfHosted('hotlinks-capture.js', 'data-collect="/collect"')));
    const v = await t.visitor();
    await v.page.goto(t.site.url('www.shop.test', `/curso?a=${CODE}`));
    await expect.poll(() => reportsOf(v).map((r) => r.event)).toEqual(['attribution']);
    await v.page.evaluate(() =>
      (window as unknown as { HotLinks: { push(...c: unknown[]): void } }).HotLinks.push(['beginCheckout', 'https://pay.hotmart.com/FORGED', document]),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(reportsOf(v).map((r) => r.event)).toEqual(['attribution']);
    expect(v.events.filter((e) => e.type == 'hotlinks-checkout')).toEqual([]);
    expect(ours(v)).toEqual([
      'warning: [hotlinks] HotLinks.push(): unknown command "beginCheckout" (the commands are consent, clear, decorate, init)',
      'warning: [hotlinks] HotLinks.push(): unknown command "beginCheckout" (the commands are consent, clear, decorate, init)',
    ]);
  });

  it("a listener that rewrites an event's detail changes nothing that reaches checkout", async () => {
    const meddler = `<script>document.addEventListener('hotlinks-attribution', (e) => { e.detail.params.utm_source = 'evil'; e.detail.affiliate = '${FORGED}'; });
      document.addEventListener('hotlinks-checkout', (e) => { if (e.detail.attribution) e.detail.attribution.params.utm_source = 'evil2'; });</script>`;
    t.site.page('/curso', html(BUY + '<a id="buy2" href="https://pay.hotmart.com/B81121241J">Outro</a>', meddler + selfHosted('hotlinks-capture.js')));
    const v = await t.visitor();
    await v.page.goto(t.site.url('www.shop.test', `/curso?a=${CODE}&utm_source=fb`));
    await expect.poll(() => jar(v)).toEqual([`.shop.test/ ${CODE}`]);
    await v.page.click('#buy');
    expect(await v.reachCheckout()).toBe(`${HOTLINK}&af=${CODE}&utm_source=fb&xcod=${await visitOf(v)}`);
    await v.page.goBack();
    await v.page.click('#buy2');
    expect(await v.reachCheckout()).toBe(`https://pay.hotmart.com/B81121241J?af=${CODE}&utm_source=fb&xcod=${await visitOf(v)}`);
  });

  it.each([
    {
      case: 'a checkout form, its "lead" button sending it to /lead',
      form: `<form method="get" action="https://pay.hotmart.com/A72242240H"><input name="email" value=""><button id="press" formaction="/lead">Receber o e-book</button><button>Comprar</button></form>`,
      reaches: (t: string) => `${t}/lead?email=`,
    },
    {
      case: 'a lead form, its "buy" button sending it to checkout',
      form: `<form method="get" action="/lead"><input name="email" value=""><button>Receber o e-book</button><button id="press" formaction="https://pay.hotmart.com/A72242240H">Comprar</button></form>`,
      reaches: () => `https://pay.hotmart.com/A72242240H?email=&af=${CODE}&gclid=G1&xcod={visit}`,
    },
  ])('$case: the code and the ad click id go where the button sends the form, and only there', async ({ form, reaches }) => {
    t.site.page('/curso', html(form, selfHosted('hotlinks-capture.js')));
    t.site.page('/lead', html('<h1>Obrigado</h1>'));
    const v = await t.visitor();
    await v.page.goto(t.site.url('www.shop.test', `/curso?a=${CODE}&gclid=G1`));
    await expect.poll(() => jar(v)).toEqual([`.shop.test/ ${CODE}`]);
    await v.page.click('#press');
    const origin = new URL(t.site.url('www.shop.test', '/')).origin;
    const expected = reaches(origin).replace('{visit}', await visitOf(v));
    if (CHECKOUT.test(expected)) expect(await v.reachCheckout()).toBe(expected);
    else {
      await v.page.waitForURL(/\/lead/);
      expect(v.page.url()).toBe(expected);
      expect(v.checkouts).toEqual([]);
    }
  });

  it("a checkout link inside another component's shadow root carries the code; a middle-click on a checkout link is a departure, reported", async () => {
    t.site.page('/collect', { body: '', type: 'text/plain' });
    const component = `<product-card id="card"></product-card><script>
      customElements.define('product-card', class extends HTMLElement {
        constructor() { super(); this.attachShadow({ mode: 'open' }).innerHTML = '<a id="inner" href="${HOTLINK}"><span>Comprar agora</span></a>'; }
      });</script>`;
    t.site.page('/curso', html(component + BUY, selfHosted('hotlinks-capture.js', 'data-collect="/collect"')));
    const v = await t.visitor();
    await v.page.goto(t.site.url('www.shop.test', `/curso?a=${CODE}`));
    await expect.poll(() => reportsOf(v).map((r) => r.event)).toEqual(['attribution']);
    const visit = await visitOf(v);

    const [tab] = await Promise.all([v.context.waitForEvent('page'), v.page.click('#buy', { button: 'middle' })]);
    expect(await v.reachCheckout(tab)).toBe(`${HOTLINK}&af=${CODE}&xcod=${visit}`);
    await expect.poll(() => reportsOf(v).map((r) => [r.event, r.checkoutUrl])).toEqual([
      ['attribution', undefined],
      ['checkout', `${HOTLINK}&af=${CODE}&xcod=${visit}`],
    ]);
    await tab.close();

    await v.page.locator('#card').locator('#inner span').click();
    expect(await v.reachCheckout()).toBe(`${HOTLINK}&af=${CODE}&xcod=${visit}`);
  });

  it('a sibling plants a valid-looking code on Path=/curso; under first-click a real click on /curso still wins', async () => {
    const planter = html('<p>sibling</p>', `<script>document.cookie = ${JSON.stringify(`hotlinks=${validLooking(FORGED)}; Domain=shop.test; Path=/curso; Secure; SameSite=Lax; Max-Age=86400`)};</script>`);
    t.site.page('/plant', planter);
    t.site.page('/curso', html(BUY, dropin('hotlinks-capture.js', { attribution: 'first-click' })));
    t.site.page('/', html(BUY, dropin('hotlinks-capture.js', { attribution: 'first-click' })));
    const v = await t.visitor();
    await v.page.goto(t.site.url('evil.shop.test', '/plant'));
    expect(await jar(v)).toEqual([`.shop.test/curso ${FORGED}`]);

    await v.page.goto(t.site.url('www.shop.test', `/curso?a=${CODE}`));
    await expect.poll(() => jar(v)).toEqual([`.shop.test/ ${CODE}`]);
    await v.page.click('#buy');
    expect(await v.reachCheckout()).toBe(`${HOTLINK}&af=${CODE}&xcod=${await visitOf(v)}`);
    // And the real click stays first: a later one does not replace it.
    await v.page.goto(t.site.url('www.shop.test', `/?a=${FORGED}`));
    await v.page.click('#buy');
    expect(await v.reachCheckout()).toBe(`${HOTLINK}&af=${CODE}&xcod=${await visitOf(v)}`);
  });
});
