/**
 * The journeys the redesigned core supports, in a real browser: an affiliate's visitor crossing to
 * the producer's other site, a hash-routed app, consent from Google Consent Mode or a TCF consent
 * tool, and a page that calls the API before the script has loaded. Observed as the visitor's
 * browser saw them: the URLs reached, the cookie jar, the reports sent, the console.
 */
import { expect, it } from 'vitest';
import { installStandInCmp } from '../support/stand-in-cmp';
import { useBrowserWithMoreHosts } from './harness/more-hosts';
import { dropin, html } from './harness/site';
import { describeInBrowser } from './harness/suite';
import { describeCookies, type Visitor } from './harness/visitor';

const CODE = 'O95340038V';
const OTHER = 'Q100328287K';
const HOTLINK = 'https://pay.hotmart.com/A72242240H?off=abc';
const BUY = `<a id="buy" href="${HOTLINK}">Comprar</a>`;

/** Bodies of the reports the visitor's pages POSTed to `/collect`, so far. */
const reportsOf = (v: Visitor): { event: string; affiliate: string | null }[] =>
  v.posts.filter((post) => new URL(post.url).pathname == '/collect').map((post) => JSON.parse(post.body ?? 'null'));
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const storedCode = async (v: Visitor) => (await v.cookies()).filter((c) => c.name == 'hotlinks').map((c) => `${c.domain} ${c.value.split('|')[1]}`);

describeInBrowser('journeys', () => {
  const t = useBrowserWithMoreHosts();

  it('cross-domain: from www.shop.test to curso.other.test, the second site captures the code and its checkout carries it', async () => {
    const aula = t.site.url('curso.other.test', '/aula?x=1#modulo-2');
    const blog = t.site.url('www.other.test', '/post?y=2');
    const form = `<form id="form" method="get" action="${t.site.url('curso.other.test', '/inscricao')}">
      <input name="nome" value="Ana"><button id="send">Inscrever</button></form>`;
    const links = `<a id="curso" href="${aula}">Aula</a><a id="blog" href="${blog}">Blog</a><a id="same" href="/outra?z=3">Outra</a>`;
    t.site.page('/vendas', html(links + form + BUY, dropin('hotlinks-capture.js', { crossDomain: 'curso.other.test' })));
    t.site.page('/aula', html('<h1>Aula</h1>' + BUY, dropin('hotlinks-capture.js', { crossDomain: '*.shop.test' })));
    t.site.page('/inscricao', html('<h1>Inscrição</h1>' + BUY, dropin('hotlinks-capture.js')));
    const v = await t.visitor();

    await v.page.goto(t.site.url('www.shop.test', `/vendas?a=${CODE}&utm_source=fb`));
    // Nothing decorated until the visitor acts; other hosts and this site never.
    expect(await v.page.getAttribute('#curso', 'href')).toBe(aula);
    for (const id of ['#blog', '#same']) {
      await v.page.focus(id);
      await v.page.hover(id);
    }
    expect([await v.page.getAttribute('#blog', 'href'), await v.page.getAttribute('#same', 'href')]).toEqual([blog, '/outra?z=3']);

    // The link carries the code, the tags, and the hand-off: when it was captured here, and the visit.
    const [here] = (await v.cookies()).filter((c) => c.domain == '.shop.test').map((c) => c.value.split('|'));
    const visit = await v.visit();
    const handoff = `hotlinks=${here[2]}.${visit}`;
    await v.page.click('#curso');
    await v.page.waitForURL(/curso\.other\.test/);
    expect(v.page.url()).toBe(t.site.url('curso.other.test', `/aula?x=1&a=${CODE}&utm_source=fb&${handoff}#modulo-2`));
    await expect.poll(() => v.events.filter((e) => e.type == 'hotlinks-attribution').map((e) => [new URL(e.page).hostname, e.detail.affiliate])).toEqual([
      ['www.shop.test', CODE],
      ['curso.other.test', CODE],
    ]);
    // Each site its own cookie jar, the same credit, captured at the same time, in the same visit.
    expect((await storedCode(v)).sort()).toEqual([`.other.test ${CODE}`, `.shop.test ${CODE}`]);
    const [there] = (await v.cookies()).filter((c) => c.domain == '.other.test').map((c) => c.value.split('|'));
    expect([there[2], there[5]]).toEqual([here[2], visit]);
    expect(v.events.filter((e) => e.type == 'hotlinks-checkout')).toEqual([]);

    await v.page.click('#buy');
    expect(await v.reachCheckout()).toBe(`${HOTLINK}&af=${CODE}&utm_source=fb&xcod=${visit}`);

    // A GET form to the other site carries it too.
    await v.page.goto(t.site.url('www.shop.test', '/vendas'));
    await v.page.click('#send');
    await v.page.waitForURL(/inscricao/);
    expect(v.page.url()).toBe(t.site.url('curso.other.test', `/inscricao?nome=Ana&a=${CODE}&utm_source=fb&${handoff}`));
    expect(v.refused).toEqual([]);
    expect(v.errors).toEqual([]);
  });

  it('hash routes: a landing in the hash, a hashchange navigation, clean-url keeping the route', async () => {
    const nav = `<nav><a id="route" href="#/oferta?a=${OTHER}&utm_campaign=lanc">Oferta</a></nav>`;
    t.site.page('/app', html(nav + BUY, dropin('hotlinks-capture.js', { cleanUrl: 'true' })));
    const v = await t.visitor();
    await v.page.goto(t.site.url('www.shop.test', `/app?lang=pt#/curso?a=${CODE}&utm_source=fb&t=30`));
    // clean-url="true" leaves utm_* for the page's other tags.
    expect(v.page.url()).toBe(t.site.url('www.shop.test', '/app?lang=pt#/curso?utm_source=fb&t=30'));
    expect(v.events.map((e) => [e.type, e.detail.affiliate, e.detail.params])).toEqual([['hotlinks-attribution', CODE, { utm_source: 'fb' }]]);
    expect(await storedCode(v)).toEqual([`.shop.test ${CODE}`]);

    await v.page.click('#route');
    await expect.poll(() => v.events.map((e) => e.detail.affiliate)).toEqual([CODE, OTHER]);
    expect(v.page.url()).toBe(t.site.url('www.shop.test', '/app?lang=pt#/oferta?utm_campaign=lanc'));
    expect(await storedCode(v)).toEqual([`.shop.test ${OTHER}`]);
    await v.page.click('#buy');
    expect(await v.reachCheckout()).toBe(`${HOTLINK}&af=${OTHER}&utm_campaign=lanc&xcod=${await v.visit()}`);
  });

  it('ad click ids reach checkout by default', async () => {
    t.site.page('/curso', html(BUY, dropin('hotlinks-capture.js')));
    const v = await t.visitor();
    await v.page.goto(t.site.url('www.shop.test', `/curso?gclid=Cj0KCQ&a=${CODE}&fbclid=IwAR0abc&msclkid=5a1b2c`));
    await v.page.click('#buy');
    expect(await v.reachCheckout()).toBe(`${HOTLINK}&af=${CODE}&fbclid=IwAR0abc&gclid=Cj0KCQ&msclkid=5a1b2c&xcod=${await v.visit()}`);
  });

  const GTAG = `<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}
    gtag('consent', 'default', { ad_storage: 'DEFAULT', ad_user_data: 'DEFAULT', ad_personalization: 'DEFAULT', analytics_storage: 'DEFAULT' });
    gtag('js', new Date()); gtag('config', 'G-TEST');</script>`;
  const GOOGLE_BANNER = `<div id="banner"><button id="accept" onclick="gtag('consent', 'update', { ad_storage: 'granted', ad_user_data: 'granted', ad_personalization: 'granted', analytics_storage: 'granted' })">Aceitar</button>
    <button id="reject" onclick="gtag('consent', 'update', { ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied', analytics_storage: 'denied' })">Recusar</button></div>`;

  it('Consent Mode v2, default denied before the script: nothing stored, then accepted: the cookie and one report; then rejected: the cookie goes', async () => {
    t.site.page('/curso', html(BUY + GOOGLE_BANNER, GTAG.replace(/DEFAULT/g, 'denied') + dropin('hotlinks-capture.js', { consent: 'google', collect: '/collect' })));
    t.site.page('/collect', { body: '', type: 'text/plain' });
    const v = await t.visitor();
    await v.page.goto(t.site.url('www.shop.test', `/curso?a=${CODE}`));
    await pause(300);
    expect(await v.cookies()).toEqual([]);
    expect(reportsOf(v)).toEqual([]);
    await v.page.focus('#buy');
    const visit = await v.visit();
    expect(await v.page.getAttribute('#buy', 'href')).toBe(`${HOTLINK}&af=${CODE}&xcod=${visit}`);

    await v.page.click('#accept');
    expect(await storedCode(v)).toEqual([`.shop.test ${CODE}`]);
    await expect.poll(() => reportsOf(v).map((r) => [r.event, r.affiliate])).toEqual([['attribution', CODE]]);
    await v.page.click('#accept');
    await pause(300);
    expect(reportsOf(v)).toHaveLength(1);

    await v.page.click('#reject');
    expect(await v.cookies()).toEqual([]);
    await v.page.click('#buy');
    expect(await v.reachCheckout()).toBe(`${HOTLINK}&af=${CODE}&xcod=${visit}`);
  });

  it('Consent Mode v2, default granted: stored at once', async () => {
    t.site.page('/curso', html(BUY, GTAG.replace(/DEFAULT/g, 'granted') + dropin('hotlinks-capture.js', { consent: 'google' })));
    const v = await t.visitor();
    await v.page.goto(t.site.url('www.shop.test', `/curso?a=${CODE}`));
    // As soon as the consent file (hotlinks-consent.js) has read the dataLayer: no visitor action.
    await expect.poll(() => v.cookies().then(describeCookies)).toEqual(['hotlinks@.shop.test secure']);
    expect(await v.page.evaluate(() => (window as any).HotLinks.getAttribution().storage)).toBe('cookie');
    // data-consent="google" is a setting it knows: no warning.
    expect(v.console.filter((m) => m.includes('[hotlinks]'))).toEqual([]);
  });

  const cmp = (setup: Parameters<typeof installStandInCmp>[0]) => `<script>window.__cmp = (${installStandInCmp})(${JSON.stringify(setup)});</script>`;
  const TCF_BANNER = `<div id="banner"><button id="accept" onclick="__cmp.userAction({ 1: true, 2: true })">Aceitar</button>
    <button id="reject" onclick="__cmp.userAction({ 1: false })">Recusar</button></div>`;

  it('TCF v2.2: the banner is up, nothing stored; the visitor accepts: stored, one report', async () => {
    t.site.page('/curso', html(BUY + TCF_BANNER, cmp({ gdprApplies: true }) + dropin('hotlinks-capture.js', { consent: 'tcf', collect: '/collect' })));
    t.site.page('/collect', { body: '', type: 'text/plain' });
    const v = await t.visitor();
    await v.page.goto(t.site.url('www.shop.test', `/curso?a=${CODE}`));
    await pause(300);
    expect(await v.cookies()).toEqual([]);
    expect(reportsOf(v)).toEqual([]);

    await v.page.click('#accept');
    expect(await storedCode(v)).toEqual([`.shop.test ${CODE}`]);
    await expect.poll(() => reportsOf(v).map((r) => r.event)).toEqual(['attribution']);
    // The next page: the CMP knows the visitor (tcloaded), the stored code goes to checkout.
    t.site.page('/outra', html(BUY, cmp({ gdprApplies: true, known: { 1: true } }) + dropin('hotlinks-capture.js', { consent: 'tcf' })));
    await v.page.goto(t.site.url('blog.shop.test', '/outra'));
    await v.page.click('#buy');
    expect(await v.reachCheckout()).toBe(`${HOTLINK}&af=${CODE}&xcod=${await v.visit()}`);
    expect(v.errors).toEqual([]);
  });

  it('TCF v2.2 with the debug panel: while the tool has not answered, it says so (not "granted"); once the visitor accepts, granted', async () => {
    t.site.page('/curso', html(BUY + TCF_BANNER, cmp({ gdprApplies: true }) + dropin('hotlinks-capture.js', { consent: 'tcf' })));
    const v = await t.visitor();
    await v.page.goto(t.site.url('www.shop.test', `/curso?a=${CODE}&hotlinks_debug=1`));
    const fact = (name: string) => v.page.getByRole('region', { name: 'HotLinks debug' }).locator(`dd[data-fact="${name}"]`);
    await expect.poll(() => fact('consent').textContent()).toBe('waiting for the TCF consent tool (purpose 1)');
    expect(await fact('storage').textContent()).toBe('this page only (memory): no consent, or cookies refused');
    expect(await v.cookies()).toEqual([]);

    await v.page.click('#accept');
    await expect.poll(() => fact('consent').textContent()).toBe('granted');
    expect(await storedCode(v)).toEqual([`.shop.test ${CODE}`]);
    expect(v.errors).toEqual([]);
  });

  it.each([
    { case: 'GDPR does not apply', head: cmp({ gdprApplies: false }), stored: [`.shop.test ${CODE}`] },
    { case: 'the visitor refuses', head: cmp({ gdprApplies: true }), refuse: true, stored: [] },
    { case: 'no CMP on the page at all', head: '', stored: [] },
  ])('TCF v2.2, $case: stored $stored, and checkout carries the code', async ({ head, refuse, stored }) => {
    t.site.page('/curso', html(BUY + (head ? TCF_BANNER : ''), head + dropin('hotlinks-capture.js', { consent: 'tcf' })));
    const v = await t.visitor();
    const since = t.site.requests.length;
    await v.page.goto(t.site.url('www.shop.test', `/curso?a=${CODE}`));
    await v.page.waitForLoadState('load');
    if (refuse) await v.page.click('#reject');
    // The consent file has arrived and heard the CMP (or found none) before anything is judged.
    await expect.poll(() => t.site.requests.slice(since).some((r) => r.url == '/dist/hotlinks-consent.js')).toBe(true);
    await expect.poll(() => storedCode(v)).toEqual(stored);
    await pause(300);
    expect(await storedCode(v)).toEqual(stored);
    await v.page.click('#buy');
    expect(await v.reachCheckout()).toBe(`${HOTLINK}&af=${CODE}&xcod=${await v.visit()}`);
    expect(v.errors).toEqual([]);
    expect(v.console.filter((m) => m.includes('[hotlinks]'))).toEqual([]);
  });

  it('the command queue: commands pushed before the deferred script run when it loads; push() works after; an unknown one is warned', async () => {
    const queue = `<script>(window.HotLinks = window.HotLinks || []).push(['consent', true], ['nope', 1]);</script>`;
    const later = `<button id="forget" onclick="HotLinks.push(['clear'], ['decorate'])">Esquecer</button>`;
    t.site.page('/curso', html(BUY + later, queue + `<script src="/dist/hotlinks-capture.js" defer data-consent="pending"></script>`));
    const v = await t.visitor();
    await v.page.goto(t.site.url('www.shop.test', `/curso?a=${CODE}`));
    expect(await storedCode(v)).toEqual([`.shop.test ${CODE}`]);
    expect(v.console.filter((m) => m.includes('[hotlinks]'))).toEqual([
      'warning: [hotlinks] HotLinks.push(): unknown command "nope" (the commands are consent, clear, decorate, init)',
    ]);

    await v.page.click('#forget');
    expect(await v.cookies()).toEqual([]);
    expect(await v.page.getAttribute('#buy', 'href')).toBe(HOTLINK);
    await v.page.click('#buy');
    expect(await v.reachCheckout()).toBe(HOTLINK);
    expect(v.errors).toEqual([]);
  });
});
