/**
 * A producer's existing checkout links, forms and Hotmart widget markup gain attribution by adding
 * the script, as the visitor acts on them (a link when pressed, a form when submitted, the widget's
 * links at once); links added later too; loading the scripts twice is harmless; with JavaScript off
 * the links still reach checkout.
 */
import { expect, it } from 'vitest';
import { checkoutLinks, otherLinks } from '../fixtures/corpus';
import { describeInBrowser, useBrowser } from './harness/suite';
import { dropin, html } from './harness/site';
import { describeCookies } from './harness/visitor';

const CODE = 'O95340038V';
const LANDING = `?a=${CODE}&sck=bio&utm_source=ig`;
const anchor = (href: string, i: number) => `<a id="l${i}" href="${href.replace(/&/g, '&amp;')}">link ${i}</a>`;

/** The query of a link as a producer wrote it, a stray second `?` read as `&` (as the HotLink rules do). */
const ownParams = (href: string) => {
  const query = href.includes('?') ? href.slice(href.indexOf('?') + 1).split('#')[0] : '';
  return [...new URLSearchParams(query.replace(/\?/g, '&'))];
};

describeInBrowser('existing checkout links and forms', () => {
  const t = useBrowser();

  it('every real checkout link of the corpus keeps its own parameters and gains the code once; other links are untouched', async () => {
    const lookalikes = [
      'https://pay.hotmart.com.evil.test/A72242240H',
      'http://pay.hotmart.com/A72242240H',
      'https://pay.hotmart.com@evil.test/A72242240H',
      'https://evil.test/?next=https://pay.hotmart.com/A72242240H',
    ];
    const untouched = [...otherLinks, ...lookalikes];
    t.site.page('/vendas', html([...checkoutLinks, ...untouched].map(anchor).join('\n'), dropin('hotlinks-capture.js')));
    const v = await t.visitor();
    await v.page.goto(t.site.url('www.shop.test', '/vendas' + LANDING));
    // Nothing changes until the visitor acts.
    expect(await v.page.$$eval('a', (as) => as.map((a) => a.getAttribute('href')!))).toEqual([...checkoutLinks, ...untouched]);
    // A right click on each link (as for "copy link address"), with the mouse.
    for (let i = 0; i < checkoutLinks.length + untouched.length; i++) await v.page.click(`#l${i}`, { button: 'right' });
    const hrefs = await v.page.$$eval('a', (as) => as.map((a) => a.getAttribute('href')!));
    const visit = await v.visit();

    checkoutLinks.forEach((original, i) => {
      const decorated = new URL(hrefs[i]);
      expect(decorated.origin + decorated.pathname, original).toBe(new URL(original).origin + new URL(original).pathname);
      const own = ownParams(original);
      // The link's own parameters come first, in order, unchanged (its values win).
      expect([...decorated.searchParams].slice(0, own.length), original).toEqual(own);
      expect(decorated.searchParams.getAll('af'), original).toEqual([own.find(([k]) => k == 'af')?.[1] ?? CODE]);
      expect(decorated.searchParams.getAll('sck'), original).toEqual([own.find(([k]) => k == 'sck')?.[1] ?? 'bio']);
      expect(decorated.searchParams.getAll('utm_source'), original).toEqual(['ig']);
      expect(decorated.searchParams.getAll('xcod'), original).toEqual([own.find(([k]) => k == 'xcod')?.[1] ?? visit]);
      expect(hrefs[i].split('?').length, original).toBeLessThanOrEqual(2);
    });
    expect(hrefs.slice(checkoutLinks.length)).toEqual(untouched);

    // And the browser goes where the link now points.
    const i = checkoutLinks.indexOf('https://payment.hotmart.com/next/T83787812B?checkoutMode=10&bid=1699999999999');
    await v.page.click(`#l${i}`);
    expect(await v.reachCheckout()).toBe(
      `https://payment.hotmart.com/next/T83787812B?checkoutMode=10&bid=1699999999999&af=${CODE}&sck=bio&utm_source=ig&xcod=${visit}`,
    );
    expect(v.refused).toEqual([]);
  });

  it.each([
    { method: 'get', expected: (visit: string) => `https://pay.hotmart.com/A72242240H?email=ana%40example.com&off=abc&af=${CODE}&sck=bio&utm_source=ig&xcod=${visit}` },
    { method: 'post', expected: (visit: string) => `https://pay.hotmart.com/A72242240H?off=abc&af=${CODE}&sck=bio&utm_source=ig&xcod=${visit}` },
  ])('a $method form to checkout submits with the code', async ({ method, expected }) => {
    const form = `<form id="f" method="${method}" action="https://pay.hotmart.com/A72242240H?off=abc">
      <input name="email" value="ana@example.com"><button id="send">Comprar</button></form>`;
    t.site.page('/form', html(form, dropin('hotlinks-capture.js')));
    const v = await t.visitor();
    await v.page.goto(t.site.url('www.shop.test', '/form' + LANDING));
    // The code goes in as the form is submitted (a GET form's as hidden fields).
    await v.page.click('#send');
    const visit = await v.visit();
    expect(await v.reachCheckout()).toBe(expected(visit));
    expect(v.events.filter((e) => e.type == 'hotlinks-checkout').map((e) => e.detail.url)).toEqual([
      `https://pay.hotmart.com/A72242240H?off=abc&af=${CODE}&sck=bio&utm_source=ig&xcod=${visit}`,
    ]);
  });

  it("Hotmart's widget markup keeps working and its checkout opens with the code", async () => {
    // The widget snippet as Hotmart gives it to producers (its script and CSS are answered by a
    // local stand-in below: like the real widget, it opens the clicked link's href in a frame).
    const widget = `<script src="/widget-loader.js"></script>
      <a onclick="return false;" href="https://pay.hotmart.com/O95340038V?checkoutMode=2" id="w"
         class="hotmart-fb hotmart__button-checkout"><img alt="Comprar" src="/btn.png"></a>`;
    t.site.page('/widget-loader.js', {
      type: 'text/javascript',
      body: `(function importHotmart(){ var imported = document.createElement('script');
        imported.src = 'https://static.hotmart.com/checkout/widget.min.js'; document.head.appendChild(imported);
        var link = document.createElement('link'); link.rel = 'stylesheet'; link.type = 'text/css';
        link.href = 'https://static.hotmart.com/css/hotmart-fb.min.css'; document.head.appendChild(link); })();`,
    });
    t.site.page('/vendas', html(widget, dropin('hotlinks-capture.js')));
    const v = await t.visitor();
    await v.page.route('https://static.hotmart.com/**', (route) =>
      route.fulfill({
        contentType: route.request().url().endsWith('.css') ? 'text/css' : 'text/javascript',
        body: route.request().url().endsWith('.css')
          ? '.hotmart-fb{display:inline-block}'
          : `document.querySelectorAll('.hotmart-fb').forEach(function (a) {
               a.addEventListener('click', function () {
                 var frame = document.createElement('iframe'); frame.id = 'hotmart-checkout'; frame.src = a.href;
                 document.body.appendChild(frame);
               });
             });`,
      }),
    );
    await v.page.goto(t.site.url('www.shop.test', '/vendas' + LANDING));
    const expected = `https://pay.hotmart.com/O95340038V?checkoutMode=2&af=${CODE}&sck=bio&utm_source=ig&xcod=${await v.visit()}`;
    expect(await v.page.getAttribute('#w', 'href')).toBe(expected);
    expect(await v.page.getAttribute('#w', 'class')).toBe('hotmart-fb hotmart__button-checkout');
    await v.page.click('#w');
    // The widget's frame loads checkout; the page itself stays (the snippet's onclick returns false).
    await expect.poll(() => v.checkouts).toEqual([expected]);
    expect(v.page.url()).toContain('/vendas');
    expect(await v.page.frameLocator('#hotmart-checkout').locator('h1').textContent()).toBe('Checkout');
    expect(v.events.filter((e) => e.type == 'hotlinks-checkout').map((e) => e.detail.url)).toEqual([expected]);
    expect(v.refused).toEqual([]);
  });

  it('links added or changed after load are decorated too, when pressed', async () => {
    const body = `<div id="list"><a id="changed" href="https://example.com/">later a checkout link</a></div>
      <script src="/later.js"></script>`;
    t.site.page('/later.js', {
      type: 'text/javascript',
      body: `setTimeout(function () {
          var a = document.createElement('a'); a.id = 'added'; a.textContent = 'Comprar';
          a.href = 'https://pay.hotmart.com/Y70033327T?off=7hted3u5';
          document.getElementById('list').appendChild(a);
          document.getElementById('changed').setAttribute('href', 'https://payment.hotmart.com/W49486235R?checkoutMode=10');
        }, 300);`,
    });
    t.site.page('/later', html(body, dropin('hotlinks-capture.js')));
    const v = await t.visitor();
    await v.page.goto(t.site.url('www.shop.test', '/later' + LANDING));
    await v.page.waitForSelector('#added');
    await expect.poll(() => v.page.getAttribute('#changed', 'href')).toBe('https://payment.hotmart.com/W49486235R?checkoutMode=10');
    expect(await v.page.getAttribute('#added', 'href')).toBe('https://pay.hotmart.com/Y70033327T?off=7hted3u5');
    const visit = await v.visit();
    await v.page.click('#changed', { button: 'right' });
    expect(await v.page.getAttribute('#changed', 'href')).toBe(
      `https://payment.hotmart.com/W49486235R?checkoutMode=10&af=${CODE}&sck=bio&utm_source=ig&xcod=${visit}`,
    );
    // The mouse button goes down on the link: decorated before it comes up and the browser leaves.
    const added = `https://pay.hotmart.com/Y70033327T?off=7hted3u5&af=${CODE}&sck=bio&utm_source=ig&xcod=${visit}`;
    await v.page.hover('#added');
    await v.page.mouse.down();
    expect(await v.page.getAttribute('#added', 'href')).toBe(added);
    await v.page.mouse.up();
    expect(await v.reachCheckout()).toBe(added);
  });

  it('the scripts loaded twice (and both drop-ins together) act once', async () => {
    const head = dropin('hotlinks-capture.js') + dropin('hotlinks.js') + dropin('hotlinks.js', { attribution: 'first-click' });
    const buyButton = '<hotlink-buy-button id="buy" lang="en" hotlink="https://pay.hotmart.com/Y70033327T"></hotlink-buy-button>';
    t.site.page('/twice', html(anchor('https://pay.hotmart.com/A72242240H?off=abc', 0) + buyButton, head));
    const v = await t.visitor();
    await v.page.goto(t.site.url('www.shop.test', '/twice' + LANDING));
    const visit = await v.visit();
    const expected = `https://pay.hotmart.com/A72242240H?off=abc&af=${CODE}&sck=bio&utm_source=ig&xcod=${visit}`;
    expect(v.events.map((e) => e.type)).toEqual(['hotlinks-attribution']);
    expect(await v.page.evaluate(() => (window as any).HotLinks.getAttribution().affiliate)).toBe(CODE);
    expect(describeCookies(await v.cookies())).toEqual(['hotlinks@.shop.test secure']);
    await v.page.hover('#l0');
    await v.page.mouse.down();
    expect(await v.page.getAttribute('#l0', 'href')).toBe(expected);
    await v.page.mouse.up();
    expect(await v.reachCheckout()).toBe(expected);
    expect(v.events.map((e) => e.type)).toEqual(['hotlinks-attribution', 'hotlinks-checkout']);
    // The button, defined once, works too (on the same page without the landing query).
    await v.page.goto(t.site.url('www.shop.test', '/twice'));
    await v.page.locator('#buy').getByRole('link', { name: 'Buy now' }).click();
    expect(await v.reachCheckout()).toBe(`https://pay.hotmart.com/Y70033327T?af=${CODE}&sck=bio&utm_source=ig&xcod=${visit}`);
    expect(v.events.map((e) => e.type)).toEqual(['hotlinks-attribution', 'hotlinks-checkout', 'hotlinks-checkout']);
    expect(v.errors).toEqual([]);
    expect(v.console.filter((line) => line.startsWith('error'))).toEqual([]);
  });

  it('with JavaScript disabled, checkout links and forms still reach checkout as written', async () => {
    const body = `${anchor('https://pay.hotmart.com/A72242240H?off=abc', 0)}
      <form method="get" action="https://pay.hotmart.com/Y70033327T"><input type="hidden" name="off" value="7hted3u5"><button id="send">Comprar</button></form>`;
    t.site.page('/nojs', html(body, dropin('hotlinks.js')));
    const v = await t.visitor({ javaScriptEnabled: false });
    await v.page.goto(t.site.url('www.shop.test', '/nojs' + LANDING));
    await v.page.click('#l0');
    expect(await v.reachCheckout()).toBe('https://pay.hotmart.com/A72242240H?off=abc');
    await v.page.goBack();
    await v.page.click('#send');
    expect(await v.reachCheckout()).toBe('https://pay.hotmart.com/Y70033327T?off=7hted3u5');
    expect(await v.cookies()).toEqual([]);
  });
});
