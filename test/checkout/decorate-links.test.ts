/**
 * Decoration as the visitor meets it: the href a checkout link or area carries once the visitor
 * presses it, the URL a click or a submission goes to, the `hotlinks-checkout` event, and the links on other hosts that
 * stay exactly as the page wrote them.
 */
import { describe, expect, it } from 'vitest';
import type { CheckoutDetail } from '../../src/page/events';
import { otherLinks } from '../fixtures/corpus';
import { CODE, ORIGIN, click, press, settle, setUrl, start, submit, usePage } from '../support/page';

const LANDING = `/curso?a=${CODE}&utm_source=fb`;
const ADDED = `af=${CODE}&utm_source=fb`;
const WIDGET = 'https://pay.hotmart.com/O95340038V?checkoutMode=2';

const $ = <T extends Element = HTMLAnchorElement>(selector: string) => document.querySelector<T>(selector)!;
const href = (selector: string) => $(selector).getAttribute('href');

/** The `hotlinks-checkout` events from now on. */
function checkoutEvents(cancel = false) {
  const events: CustomEvent<CheckoutDetail>[] = [];
  document.addEventListener('hotlinks-checkout', (e) => {
    events.push(e);
    if (cancel) e.preventDefault();
  });
  return events;
}


describe('decoration of checkout links and forms', () => {
  usePage(ORIGIN + LANDING);

  it('<a href>, <area href> and <form action> on a checkout host', () => {
    document.body.innerHTML = `
      <a id="a" href="https://pay.hotmart.com/A72242240H?off=abc">Buy</a>
      <map name="m"><area id="area" shape="rect" coords="0,0,10,10" href="https://payment.hotmart.com/W49486235R?checkoutMode=10"></map>
      <form id="post" method="post" action="https://pay.hotmart.com/J84635582W"><button>Buy</button></form>`;
    start();
    // Nothing changes until the visitor acts.
    expect(href('#a')).toBe('https://pay.hotmart.com/A72242240H?off=abc');
    expect(press($('#a'))).toBe(`https://pay.hotmart.com/A72242240H?off=abc&${ADDED}`);
    expect(press($('#area'))).toBe(`https://payment.hotmart.com/W49486235R?checkoutMode=10&${ADDED}`);
    expect(submit($('#post'))).toBe(`https://pay.hotmart.com/J84635582W?${ADDED}`);
    expect($('#post').getAttribute('action')).toBe(`https://pay.hotmart.com/J84635582W?${ADDED}`);
    // A POST form keeps its query string: no hidden fields needed.
    expect($('#post').querySelectorAll('input')).toHaveLength(0);
  });

  it('a GET form gets hidden fields (its submission replaces the query), never over its own', () => {
    document.body.innerHTML = `
      <form id="get" action="https://pay.hotmart.com/N51854403W?checkoutMode=10">
        <input name="off" value="sx48f02w"><input name="email" value="ana@example.com"><button>Buy</button>
      </form>`;
    start();
    const form = $<HTMLFormElement>('#get');
    const url = new URL(submit(form)!);
    expect(form.getAttribute('action')).toBe(`https://pay.hotmart.com/N51854403W?checkoutMode=10&${ADDED}`);
    const hidden = [...form.querySelectorAll<HTMLInputElement>('input[type=hidden]')].map((i) => [i.name, i.value]);
    expect(hidden).toEqual([
      ['checkoutMode', '10'],
      ['af', CODE],
      ['utm_source', 'fb'],
    ]);
    expect(url.origin + url.pathname).toBe('https://pay.hotmart.com/N51854403W');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      off: 'sx48f02w',
      email: 'ana@example.com',
      checkoutMode: '10',
      af: CODE,
      utm_source: 'fb',
    });
    // Decorating again (a second submission, decorate()) does not pile up fields.
    submit(form);
    start().decorate();
    expect(form.querySelectorAll('input[type=hidden]')).toHaveLength(3);
  });

  it("Hotmart's own widget links are decorated, and a click on the image inside announces checkout", () => {
    document.body.innerHTML = `
      <a onclick="return false;" href="${WIDGET}" class="hotmart-fb hotmart__button-checkout"><img id="img" src="data:," alt="Comprar"></a>`;
    const events = checkoutEvents();
    start();
    expect(href('a.hotmart__button-checkout')).toBe(`${WIDGET}&${ADDED}`);
    click($('#img'));
    expect(events).toHaveLength(1);
    expect(events[0].detail.url).toBe(`${WIDGET}&${ADDED}`);
  });

  it('links and forms added later, one by one or as a whole subtree: untouched until the visitor acts', async () => {
    start();
    const one = document.createElement('a');
    one.href = 'https://pay.hotmart.com/J84635582W';
    document.body.append(one);
    const section = document.createElement('section');
    section.innerHTML = `<div><a id="deep" href="https://pay.hotmart.com/Y70033327T?off=7hted3u5">Buy</a>
      <form id="late" action="https://pay.hotmart.com/G93146509W"></form></div>`;
    document.body.append(section);
    document.body.insertAdjacentHTML('beforeend', '<a id="html" href="https://pay.hotmart.com/B84078433G?checkoutMode=10">x</a>');
    await settle();
    expect(one.getAttribute('href')).toBe('https://pay.hotmart.com/J84635582W');
    expect(href('#deep')).toBe('https://pay.hotmart.com/Y70033327T?off=7hted3u5');
    expect(press(one)).toBe(`https://pay.hotmart.com/J84635582W?${ADDED}`);
    expect(press($('#deep'), 'keydown')).toBe(`https://pay.hotmart.com/Y70033327T?off=7hted3u5&${ADDED}`);
    expect(submit($('#late'))).toBe(`https://pay.hotmart.com/G93146509W?${ADDED}`);
    expect($('#late').getAttribute('action')).toBe(`https://pay.hotmart.com/G93146509W?${ADDED}`);
    expect($('#late').querySelectorAll('input[type=hidden]')).toHaveLength(2);
    expect(press($('#html'), 'contextmenu')).toBe(`https://pay.hotmart.com/B84078433G?checkoutMode=10&${ADDED}`);
  });

  it('a link whose href the page changes later is decorated again from its new URL', async () => {
    document.body.innerHTML = '<a id="a" href="https://pay.hotmart.com/A72242240H">Buy</a>';
    start();
    expect(press($('#a'))).toBe(`https://pay.hotmart.com/A72242240H?${ADDED}`);
    $('#a').setAttribute('href', 'https://pay.hotmart.com/J103688261V?off=sxnbohaq');
    await settle();
    expect(press($('#a'))).toBe(`https://pay.hotmart.com/J103688261V?off=sxnbohaq&${ADDED}`);
    // Set through the property, to an already-decorated URL: left as it is, nothing doubled.
    $('#a').href = `https://pay.hotmart.com/J103688261V?off=sxnbohaq&${ADDED}`;
    await settle();
    expect(press($('#a'))).toBe(`https://pay.hotmart.com/J103688261V?off=sxnbohaq&${ADDED}`);
    // Pointed elsewhere: no longer ours, left exactly as written.
    $('#a').setAttribute('href', '/obrigado?x=1');
    await settle();
    expect(press($('#a'))).toBe('/obrigado?x=1');
    // And back.
    $('#a').setAttribute('href', 'https://pay.hotmart.com/A72242240H');
    await settle();
    expect(press($('#a'))).toBe(`https://pay.hotmart.com/A72242240H?${ADDED}`);
  });

  it('a form whose action changes later', async () => {
    document.body.innerHTML = '<form id="f" action="/search"><input name="q"></form>';
    start();
    expect(submit($('#f'))).toBe(`${ORIGIN}/search?q=`);
    expect($('#f').getAttribute('action')).toBe('/search');
    $('#f').setAttribute('action', 'https://pay.hotmart.com/A72242240H');
    await settle();
    expect(submit($('#f'))).toBe(`https://pay.hotmart.com/A72242240H?q=&${ADDED}`);
    expect($('#f').getAttribute('action')).toBe(`https://pay.hotmart.com/A72242240H?${ADDED}`);
    $('#f').setAttribute('action', '/search');
    await settle();
    // Ours only while it points at checkout: the hidden fields go with it.
    expect(submit($('#f'))).toBe(`${ORIGIN}/search?q=`);
    expect($('#f').getAttribute('action')).toBe('/search');
    expect([...$('#f').querySelectorAll('input')].map((i) => i.name)).toEqual(['q']);
  });

  const others = [
    ...otherLinks,
    'https://pay.hotmart.com.evil.example/A72242240H',
    'https://pay.hotmart.com@evil.example/A72242240H',
    'http://pay.hotmart.com/A72242240H',
    'https://evil.example/?next=https://pay.hotmart.com/A72242240H',
    '/produto?a=1',
    '#comprar',
    '?off=abc',
    'mailto:vendas@shop.example?subject=pay.hotmart.com',
    'javascript:void(0)',
    'https://www.shop.example/checkout',
  ];

  it.each(others)('%s is never touched, pressed now or when added later, and announces nothing', async (link) => {
    document.body.innerHTML = `<a id="now" href="${link}">x</a><form id="form" action="${link}"><input name="q"></form>`;
    const events = checkoutEvents();
    start();
    const later = document.createElement('a');
    later.setAttribute('href', link);
    document.body.append(later);
    await settle();
    expect(press($('#now'))).toBe(link);
    expect(press($('#now'), 'keydown')).toBe(link);
    expect(press($('#now'), 'contextmenu')).toBe(link);
    submit($('#form'));
    expect($('#form').getAttribute('action')).toBe(link);
    expect($('#form').querySelectorAll('input')).toHaveLength(1);
    expect(press(later)).toBe(link);
    if (!link.startsWith('javascript:')) click($('#now'));
    expect(events).toHaveLength(0);
  });

  it('a configured host is decorated and pay.hotmart.com then is not', () => {
    document.body.innerHTML = `<a id="own" href="https://checkout.shop.example/p/1">x</a><a id="hm" href="https://pay.hotmart.com/A72242240H">x</a>`;
    start({ checkoutHosts: ['checkout.shop.example'] });
    expect(press($('#own'))).toBe(`https://checkout.shop.example/p/1?${ADDED}`);
    expect(press($('#hm'))).toBe('https://pay.hotmart.com/A72242240H');
  });

  it('decorate: false leaves every link alone and announces no departure', async () => {
    document.body.innerHTML = '<a id="a" href="https://pay.hotmart.com/A72242240H">Buy</a>';
    const events = checkoutEvents();
    const hotlinks = start({ decorate: false });
    document.body.insertAdjacentHTML('beforeend', '<a id="b" href="https://pay.hotmart.com/A72242240H">Buy</a>');
    await settle();
    expect(press($('#a'))).toBe('https://pay.hotmart.com/A72242240H');
    expect(press($('#b'), 'contextmenu')).toBe('https://pay.hotmart.com/A72242240H');
    expect(click($('#a'))).toBe('https://pay.hotmart.com/A72242240H');
    expect(events).toHaveLength(0);
    // checkoutUrl() still works for the page's own code.
    expect(hotlinks.checkoutUrl('https://pay.hotmart.com/A72242240H')).toBe(`https://pay.hotmart.com/A72242240H?${ADDED}`);
  });
});

describe('leaving for checkout', () => {
  usePage(ORIGIN + LANDING, '<a id="buy" href="https://pay.hotmart.com/A72242240H?off=abc"><span id="label">Buy</span></a>');
  const DECORATED = `https://pay.hotmart.com/A72242240H?off=abc&${ADDED}`;

  it('a click fires hotlinks-checkout with the URL and the attribution, then goes there', () => {
    const events = checkoutEvents();
    const hotlinks = start();
    expect(click($('#label'))).toBe(DECORATED);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ bubbles: true, composed: true, cancelable: true });
    expect(events[0].target).toBe($('#buy'));
    expect(events[0].detail).toEqual({ url: DECORATED, attribution: hotlinks.getAttribution() });
  });

  it('cancelling hotlinks-checkout keeps the visitor on the page', () => {
    const events = checkoutEvents(true);
    start();
    expect(click($('#buy'))).toBeUndefined();
    expect(events).toHaveLength(1);
  });

  it('a link whose decoration the page overwrote is put right before the visitor leaves', () => {
    start();
    // Pressed (decorated), then changed by the page before the click lands.
    press($('#buy'));
    $('#buy').setAttribute('href', 'https://pay.hotmart.com/J84635582W');
    expect(click($('#buy'))).toBe(`https://pay.hotmart.com/J84635582W?${ADDED}`);
  });

  it('without any attribution the link goes where the page said', () => {
    setUrl('/');
    const events = checkoutEvents();
    start();
    expect(click($('#buy'))).toBe('https://pay.hotmart.com/A72242240H?off=abc');
    expect(events[0].detail).toEqual({ url: 'https://pay.hotmart.com/A72242240H?off=abc', attribution: null });
  });

  it('checkoutUrl() refuses what is not https: on a checkout host, naming the URL', () => {
    const hotlinks = start();
    for (const bad of ['http://pay.hotmart.com/A72242240H', 'https://evil.example/A72242240H', 'javascript:alert(1)', '']) {
      expect(() => hotlinks.checkoutUrl(bad)).toThrow(/^HotLinks\.checkoutUrl\(\): ".*" is not an https: link on a checkout host/);
    }
    expect(hotlinks.checkoutUrl('https://pay.hotmart.com/A72242240H#x', { off: 'o1', sck: 'btn' })).toBe(
      `https://pay.hotmart.com/A72242240H?${ADDED}&off=o1&sck=btn#x`,
    );
  });
});

describe('10,000 links at once', () => {
  usePage(ORIGIN + LANDING);

  it('appending them changes none; pressing any one of them decorates it', async () => {
    start();
    const links = Array.from({ length: 10_000 }, (_, i) => {
      const a = document.createElement('a');
      a.setAttribute('href', `https://pay.hotmart.com/P${i}X?off=o${i}`);
      return a;
    });
    const fragment = document.createDocumentFragment();
    fragment.append(...links);
    document.body.append(fragment);
    await settle();
    expect(links.filter((a, i) => a.getAttribute('href') != `https://pay.hotmart.com/P${i}X?off=o${i}`)).toEqual([]);
    for (const i of [0, 4_321, 9_999]) expect(press(links[i])).toBe(`https://pay.hotmart.com/P${i}X?off=o${i}&${ADDED}`);
    // Only the pressed ones.
    expect(links.filter((a, i) => a.getAttribute('href') != `https://pay.hotmart.com/P${i}X?off=o${i}`)).toHaveLength(3);
  }, 60_000);
});
