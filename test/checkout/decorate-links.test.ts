/**
 * Decoration as the visitor meets it: the href a checkout link or area carries once the visitor
 * presses it, the URL a click or a submission goes to, the `hotlinks-checkout` event, and the links on other hosts that
 * stay exactly as the page wrote them.
 */
import { describe, expect, it, vi } from 'vitest';
import type { CheckoutDetail } from '../../src/page/events';
import { otherLinks } from '../fixtures/corpus';
import { CODE, ORIGIN, click, press, settle, setUrl, start, submit, unload, usePage } from '../support/page';

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

  it('a form whose action the page removes: it goes to the page itself, without the fields it had for checkout', async () => {
    document.body.innerHTML = '<form id="f" action="https://pay.hotmart.com/A72242240H"><input name="q"></form>';
    start();
    expect(submit($('#f'))).toBe(`https://pay.hotmart.com/A72242240H?q=&${ADDED}`);
    $('#f').removeAttribute('action');
    await settle();
    expect(submit($('#f'))).toBe(`${ORIGIN}${LANDING.split('?')[0]}?q=`);
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

describe('the moments a link is decorated, and what else it gets', () => {
  const BUY = 'https://pay.hotmart.com/A72242240H?off=abc';
  usePage(ORIGIN + LANDING, `<a id="buy" href="${BUY}"><span id="label">Buy</span></a>`);
  const DECORATED = `${BUY}&${ADDED}`;

  it("Hotmart's widget links are decorated at start on a page without a landing, before anyone acts", () => {
    start();
    setUrl('/outra-pagina');
    document.body.innerHTML = `<a id="w" class="hotmart-fb" href="${WIDGET}">Comprar</a>`;
    unload();
    start();
    expect(href('#w')).toBe(`${WIDGET}&${ADDED}`);
  });

  it('a script in the head, the page still loading: the widget links the parser adds are decorated once the document is parsed', () => {
    start();
    setUrl('/outra-pagina');
    document.body.innerHTML = '';
    unload();
    const readyState = vi.spyOn(Document.prototype, 'readyState', 'get').mockReturnValue('loading');
    start();
    document.body.innerHTML = `<a id="w" class="hotmart-fb" href="${WIDGET}">Comprar</a>`;
    expect(href('#w')).toBe(WIDGET);
    readyState.mockReturnValue('interactive');
    document.dispatchEvent(new Event('DOMContentLoaded'));
    expect(href('#w')).toBe(`${WIDGET}&${ADDED}`);
  });

  it('focus (Tab onto the link, then "copy link" from the keyboard) decorates it', () => {
    start();
    $('#buy').dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
    expect(href('#buy')).toBe(DECORATED);
  });

  it("a page's own listener that stops the press from bubbling cannot keep the link undecorated", () => {
    $('#buy').addEventListener('pointerdown', (e) => e.stopPropagation());
    start();
    expect(press($('#label'))).toBe(DECORATED);
  });

  it('a decorated link gets its new href and nothing else; pressing it again changes nothing', async () => {
    start();
    const changes: MutationRecord[] = [];
    new MutationObserver((records) => changes.push(...records)).observe(document.body, { subtree: true, childList: true, attributes: true });
    press($('#buy'));
    press($('#buy'), 'keydown');
    click($('#label'));
    await settle();
    expect(changes.map((c) => [c.type, c.attributeName])).toEqual([['attributes', 'href']]);
    expect(document.body.innerHTML).toBe(`<a id="buy" href="${DECORATED.replace(/&/g, '&amp;')}"><span id="label">Buy</span></a>`);
  });

  it('decorate(root): the root itself when it is a link, and the forms under it', () => {
    document.body.innerHTML = `<a id="a" href="${BUY}">Buy</a><div id="d"><form id="f" method="post" action="https://pay.hotmart.com/J84635582W"></form></div>`;
    const hotlinks = start();
    hotlinks.decorate($('#a'));
    expect([href('#a'), $('#f').getAttribute('action')]).toEqual([DECORATED, 'https://pay.hotmart.com/J84635582W']);
    hotlinks.decorate($('#d'));
    expect($('#f').getAttribute('action')).toBe(`https://pay.hotmart.com/J84635582W?${ADDED}`);
    // A new code: the decorated link and form carry it at once.
    history.pushState(null, '', `/curso?a=Q100328287K`);
    expect([href('#a'), $('#f').getAttribute('action')]).toEqual([`${BUY}&af=Q100328287K`, 'https://pay.hotmart.com/J84635582W?af=Q100328287K']);
  });

  it('an element named querySelectorAll (markup shadowing document.querySelectorAll) cannot stop decorate()', () => {
    const hotlinks = start();
    Object.defineProperty(document, 'querySelectorAll', { configurable: true, value: document.createElement('img') });
    try {
      expect(() => hotlinks.decorate()).not.toThrow();
      expect(href('#buy')).toBe(DECORATED);
    } finally {
      delete (document as { querySelectorAll?: unknown }).querySelectorAll;
    }
  });

  it("a checkout link inside another component's open shadow root is decorated when pressed, and its click is a departure", () => {
    document.body.innerHTML = '<shop-card id="card"></shop-card>';
    $('#card').attachShadow({ mode: 'open' }).innerHTML = `<a id="inner" href="${BUY}">Buy</a>`;
    const inner = $('#card').shadowRoot!.querySelector('a')!;
    const events = checkoutEvents();
    start();
    inner.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true, button: 0 }));
    expect(inner.getAttribute('href')).toBe(DECORATED);
    expect(click(inner)).toBe(DECORATED);
    expect(events.map((e) => e.detail.url)).toEqual([DECORATED]);
  });

  it.each([
    { button: 1, what: 'a middle-click (a new tab) is a departure', departed: true },
    { button: 2, what: "a right-click's auxclick (the context menu) is none", departed: false },
  ])('$what', ({ button, departed }) => {
    const events = checkoutEvents();
    start();
    $('#label').dispatchEvent(new MouseEvent('auxclick', { bubbles: true, cancelable: true, composed: true, button }));
    expect(events.map((e) => e.detail.url)).toEqual(departed ? [DECORATED] : []);
    expect(href('#buy')).toBe(departed ? DECORATED : BUY);
  });
});

describe("a form's submit button with a destination of its own (formaction)", () => {
  usePage(ORIGIN + LANDING);
  const CHECKOUT = 'https://pay.hotmart.com/J84635582W';

  /** Submits `form` with `button` as the browser does: to the button's formaction and formmethod when it has them. */
  function submitWith(form: HTMLFormElement, button: HTMLButtonElement) {
    let url: string | undefined;
    const last = (event: Event) => {
      if (!event.defaultPrevented) {
        const target = new URL(button.getAttribute('formaction') ?? form.getAttribute('action')!, ORIGIN);
        const method = button.getAttribute('formmethod') ?? form.method;
        if (method == 'get') target.search = new URLSearchParams(new FormData(form) as never).toString();
        url = target.href;
      }
      event.preventDefault();
    };
    document.addEventListener('submit', last);
    form.dispatchEvent(new SubmitEvent('submit', { bubbles: true, cancelable: true, submitter: button }));
    document.removeEventListener('submit', last);
    return url;
  }

  it.each([
    { case: 'a lead form with a button to checkout (GET): checkout gets the code, as hidden fields too', action: '/lead', formaction: CHECKOUT, formmethod: null, reached: `${CHECKOUT}?email=a%40b.example&${ADDED}`, departed: true },
    { case: 'the same button posting (formmethod="post"): the code in its formaction, no hidden fields', action: '/lead', formaction: CHECKOUT, formmethod: 'post', reached: `${CHECKOUT}?${ADDED}`, departed: true },
    { case: 'a checkout form with a button to the lead page: the lead page gets none of it', action: CHECKOUT, formaction: '/lead', formmethod: null, reached: `${ORIGIN}/lead?email=a%40b.example`, departed: false },
  ])('$case', ({ action, formaction, formmethod, reached, departed }) => {
    document.body.innerHTML = `<form id="f" action="${action}"><input name="email" value="a@b.example"><button id="go" formaction="${formaction}"${formmethod ? ` formmethod="${formmethod}"` : ''}>Go</button></form>`;
    const events = checkoutEvents();
    start();
    const form = $<HTMLFormElement>('#f');
    // The form itself pressed first (its own action decorated, with hidden fields, when it goes to checkout).
    form.dispatchEvent(new Event('focusin', { bubbles: true }));
    expect(submitWith(form, $<HTMLButtonElement>('#go'))).toBe(reached);
    expect(events.map((e) => e.detail.url)).toEqual(departed ? [reached.replace('email=a%40b.example&', '')] : []);
    expect([...form.querySelectorAll<HTMLInputElement>('input[type=hidden]')].map((i) => i.name)).toEqual(formmethod == 'post' || !departed ? [] : ['af', 'utm_source']);
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
