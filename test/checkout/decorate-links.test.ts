/**
 * Decoration as the visitor meets it: the href a checkout link, area or form ends with, the URL a
 * click or a submission goes to, the `hotlink-checkout` event, and the links on other hosts that
 * stay exactly as the page wrote them.
 */
import { describe, expect, it } from 'vitest';
import type { CheckoutDetail } from '../../src/events';
import { otherLinks } from '../fixtures/corpus';
import { CODE, ORIGIN, click, settle, setUrl, start, usePage } from '../core/page';

const LANDING = `/curso?a=${CODE}&utm_source=fb`;
const ADDED = `af=${CODE}&utm_source=fb`;
const WIDGET = 'https://pay.hotmart.com/O95340038V?checkoutMode=2';

const $ = <T extends Element = HTMLAnchorElement>(selector: string) => document.querySelector<T>(selector)!;
const href = (selector: string) => $(selector).getAttribute('href');

/** The `hotlink-checkout` events from now on. */
function checkoutEvents(cancel = false) {
  const events: CustomEvent<CheckoutDetail>[] = [];
  document.addEventListener('hotlink-checkout', (e) => {
    events.push(e);
    if (cancel) e.preventDefault();
  });
  return events;
}

/**
 * Submits `form` and returns the URL the browser would go to (a GET form's fields replace the
 * action's query), or `undefined` when a listener cancelled the submission.
 */
function submit(form: HTMLFormElement): string | undefined {
  let url: string | undefined;
  const last = (event: Event) => {
    if (!event.defaultPrevented) {
      const target = new URL(form.action);
      if (form.method == 'get') target.search = new URLSearchParams(new FormData(form) as never).toString();
      url = target.href;
    }
    event.preventDefault();
  };
  document.addEventListener('submit', last);
  form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  document.removeEventListener('submit', last);
  return url;
}

describe('decoration of checkout links and forms', () => {
  usePage(ORIGIN + LANDING);

  it('<a href>, <area href> and <form action> on a checkout host', () => {
    document.body.innerHTML = `
      <a id="a" href="https://pay.hotmart.com/A72242240H?off=abc">Buy</a>
      <map name="m"><area id="area" shape="rect" coords="0,0,10,10" href="https://payment.hotmart.com/W49486235R?checkoutMode=10"></map>
      <form id="post" method="post" action="https://pay.hotmart.com/J84635582W"><button>Buy</button></form>`;
    start();
    expect(href('#a')).toBe(`https://pay.hotmart.com/A72242240H?off=abc&${ADDED}`);
    expect(href('#area')).toBe(`https://payment.hotmart.com/W49486235R?checkoutMode=10&${ADDED}`);
    expect($('#post').getAttribute('action')).toBe(`https://pay.hotmart.com/J84635582W?${ADDED}`);
    // A POST form keeps its query string: no hidden fields needed.
    expect($('#post').querySelectorAll('input')).toHaveLength(0);
    expect(submit($('#post'))).toBe(`https://pay.hotmart.com/J84635582W?${ADDED}`);
  });

  it('a GET form gets hidden fields (its submission replaces the query), never over its own', () => {
    document.body.innerHTML = `
      <form id="get" action="https://pay.hotmart.com/N51854403W?checkoutMode=10">
        <input name="off" value="sx48f02w"><input name="email" value="ana@example.com"><button>Buy</button>
      </form>`;
    start();
    const form = $<HTMLFormElement>('#get');
    expect(form.getAttribute('action')).toBe(`https://pay.hotmart.com/N51854403W?checkoutMode=10&${ADDED}`);
    const hidden = [...form.querySelectorAll<HTMLInputElement>('input[type=hidden]')].map((i) => [i.name, i.value]);
    expect(hidden).toEqual([
      ['checkoutMode', '10'],
      ['af', CODE],
      ['utm_source', 'fb'],
    ]);
    const url = new URL(submit(form)!);
    expect(url.origin + url.pathname).toBe('https://pay.hotmart.com/N51854403W');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      off: 'sx48f02w',
      email: 'ana@example.com',
      checkoutMode: '10',
      af: CODE,
      utm_source: 'fb',
    });
    // Decorating again does not pile up fields.
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

  it('links and forms added later, one by one or as a whole subtree', async () => {
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
    expect(one.getAttribute('href')).toBe(`https://pay.hotmart.com/J84635582W?${ADDED}`);
    expect(href('#deep')).toBe(`https://pay.hotmart.com/Y70033327T?off=7hted3u5&${ADDED}`);
    expect($('#late').getAttribute('action')).toBe(`https://pay.hotmart.com/G93146509W?${ADDED}`);
    expect($('#late').querySelectorAll('input[type=hidden]')).toHaveLength(2);
    expect(href('#html')).toBe(`https://pay.hotmart.com/B84078433G?checkoutMode=10&${ADDED}`);
  });

  it('a link whose href the page changes later is decorated again from its new URL', async () => {
    document.body.innerHTML = '<a id="a" href="https://pay.hotmart.com/A72242240H">Buy</a>';
    start();
    $('#a').setAttribute('href', 'https://pay.hotmart.com/J103688261V?off=sxnbohaq');
    await settle();
    expect(href('#a')).toBe(`https://pay.hotmart.com/J103688261V?off=sxnbohaq&${ADDED}`);
    // Set through the property, to an already-decorated URL: left as it is, nothing doubled.
    $('#a').href = `https://pay.hotmart.com/J103688261V?off=sxnbohaq&${ADDED}`;
    await settle();
    expect(href('#a')).toBe(`https://pay.hotmart.com/J103688261V?off=sxnbohaq&${ADDED}`);
    // Pointed elsewhere: no longer ours, left exactly as written.
    $('#a').setAttribute('href', '/obrigado?x=1');
    await settle();
    expect(href('#a')).toBe('/obrigado?x=1');
    // And back.
    $('#a').setAttribute('href', 'https://pay.hotmart.com/A72242240H');
    await settle();
    expect(href('#a')).toBe(`https://pay.hotmart.com/A72242240H?${ADDED}`);
  });

  it('a form whose action changes later', async () => {
    document.body.innerHTML = '<form id="f" action="/search"><input name="q"></form>';
    start();
    expect($('#f').getAttribute('action')).toBe('/search');
    $('#f').setAttribute('action', 'https://pay.hotmart.com/A72242240H');
    await settle();
    expect($('#f').getAttribute('action')).toBe(`https://pay.hotmart.com/A72242240H?${ADDED}`);
    $('#f').setAttribute('action', '/search');
    await settle();
    // Ours only while it points at checkout: the hidden fields go with it.
    expect($('#f').getAttribute('action')).toBe('/search');
    expect([...$('#f').querySelectorAll('input')].map((i) => i.name)).toEqual(['q']);
    expect(submit($('#f'))).toBe(`${ORIGIN}/search?q=`);
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

  it.each(others)('%s is never touched, now or when added later, and announces nothing', async (link) => {
    document.body.innerHTML = `<a id="now" href="${link}">x</a><form id="form" action="${link}"><input name="q"></form>`;
    const events = checkoutEvents();
    start();
    const later = document.createElement('a');
    later.setAttribute('href', link);
    document.body.append(later);
    await settle();
    expect(href('#now')).toBe(link);
    expect($('#form').getAttribute('action')).toBe(link);
    expect($('#form').querySelectorAll('input')).toHaveLength(1);
    expect(later.getAttribute('href')).toBe(link);
    if (!link.startsWith('javascript:')) click($('#now'));
    expect(events).toHaveLength(0);
  });

  it('a configured host is decorated and pay.hotmart.com then is not', () => {
    document.body.innerHTML = `<a id="own" href="https://checkout.shop.example/p/1">x</a><a id="hm" href="https://pay.hotmart.com/A72242240H">x</a>`;
    start({ checkoutHosts: ['checkout.shop.example'] });
    expect(href('#own')).toBe(`https://checkout.shop.example/p/1?${ADDED}`);
    expect(href('#hm')).toBe('https://pay.hotmart.com/A72242240H');
  });

  it('decorate: false leaves every link alone and announces no departure', async () => {
    document.body.innerHTML = '<a id="a" href="https://pay.hotmart.com/A72242240H">Buy</a>';
    const events = checkoutEvents();
    const hotlinks = start({ decorate: false });
    document.body.insertAdjacentHTML('beforeend', '<a id="b" href="https://pay.hotmart.com/A72242240H">Buy</a>');
    await settle();
    expect(href('#a')).toBe('https://pay.hotmart.com/A72242240H');
    expect(href('#b')).toBe('https://pay.hotmart.com/A72242240H');
    expect(click($('#a'))).toBe('https://pay.hotmart.com/A72242240H');
    expect(events).toHaveLength(0);
    // checkoutUrl() still works for the page's own code.
    expect(hotlinks.checkoutUrl('https://pay.hotmart.com/A72242240H')).toBe(`https://pay.hotmart.com/A72242240H?${ADDED}`);
  });
});

describe('leaving for checkout', () => {
  usePage(ORIGIN + LANDING, '<a id="buy" href="https://pay.hotmart.com/A72242240H?off=abc"><span id="label">Buy</span></a>');
  const DECORATED = `https://pay.hotmart.com/A72242240H?off=abc&${ADDED}`;

  it('a click fires hotlink-checkout with the URL and the attribution, then goes there', () => {
    const events = checkoutEvents();
    const hotlinks = start();
    expect(click($('#label'))).toBe(DECORATED);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ bubbles: true, composed: true, cancelable: true });
    expect(events[0].target).toBe($('#buy'));
    expect(events[0].detail).toEqual({ url: DECORATED, attribution: hotlinks.getAttribution() });
  });

  it('cancelling hotlink-checkout keeps the visitor on the page', () => {
    const events = checkoutEvents(true);
    start();
    expect(click($('#buy'))).toBeUndefined();
    expect(events).toHaveLength(1);
  });

  it('a link whose decoration the page overwrote is put right before the visitor leaves', () => {
    start();
    // Changed and clicked in the same task: the observer has not run yet.
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
      expect(() => hotlinks.checkoutUrl(bad)).toThrow(/^HotLinks\.checkoutUrl\(\): ".*" is not an https: URL on a checkout host/);
    }
    expect(hotlinks.checkoutUrl('https://pay.hotmart.com/A72242240H#x', { off: 'o1', sck: 'btn' })).toBe(
      `https://pay.hotmart.com/A72242240H?${ADDED}&off=o1&sck=btn#x`,
    );
  });
});

describe('10,000 links at once', () => {
  usePage(ORIGIN + LANDING);

  /** CPU time of this test process in ms: unlike the wall clock, other processes on the machine do not add to it. */
  const cpu = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };

  /**
   * Adds `n` checkout links (distinct URLs: no help from the cache) and returns the CPU and wall
   * time until the observer has decorated them all. The append itself is the page's work and not
   * timed (happy-dom moves a fragment's children one `splice` at a time, quadratic on its own).
   */
  async function decorateMany(n: number, oneByOne: boolean) {
    document.body.innerHTML = '';
    const links = Array.from({ length: n }, (_, i) => {
      const a = document.createElement('a');
      a.setAttribute('href', `https://pay.hotmart.com/P${i}X?off=o${i}`);
      return a;
    });
    if (oneByOne) links.forEach((a) => document.body.append(a));
    else {
      const fragment = document.createDocumentFragment();
      fragment.append(...links);
      document.body.append(fragment);
    }
    const [cpu0, wall0] = [cpu(), performance.now()];
    await settle();
    const [cpuMs, wallMs] = [cpu() - cpu0, performance.now() - wall0];
    expect(links.every((a, i) => a.getAttribute('href') == `https://pay.hotmart.com/P${i}X?off=o${i}&${ADDED}`)).toBe(true);
    return { cpuMs, wallMs };
  }

  it.each([
    ['in one fragment', false],
    ['one by one in the same task', true],
  ])('%s: roughly linear time', async (_, oneByOne) => {
    start();
    await decorateMany(1000, oneByOne); // warm-up
    // Ten batches of 1,000 against one of 10,000, interleaved, the best of three rounds.
    let tenSmall = Infinity;
    let large = Infinity;
    let largeWall = Infinity;
    for (let round = 0; round < 3; round++) {
      let total = 0;
      for (let i = 0; i < 10; i++) total += (await decorateMany(1000, oneByOne)).cpuMs;
      tenSmall = Math.min(tenSmall, total);
      const { cpuMs, wallMs } = await decorateMany(10_000, oneByOne);
      large = Math.min(large, cpuMs);
      largeWall = Math.min(largeWall, wallMs);
    }
    const small = tenSmall / 10;
    // The numbers go with a failure, not into the output of a passing run.
    const measured = `10,000 links: ${large.toFixed(0)} ms CPU (${largeWall.toFixed(0)} ms wall); 1,000: ${small.toFixed(1)} ms CPU`;
    // Linear is 10x; quadratic would be 100x.
    expect(large, measured).toBeLessThan(20 * Math.max(small, 5));
    expect(large, measured).toBeLessThan(10_000);
    expect(largeWall, measured).toBeLessThan(30_000);
  }, 120_000);
});
