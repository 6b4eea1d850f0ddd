/** Each attribute of `<hotlink-buy-button>`, observed as the visitor would: the URL, the label, the look. */
import { describe, expect, it } from 'vitest';
import { CODE, usePage } from '../support/page';
import { button, clickAndFollow, mount, part, recordConsole, recordFrames, rendered, startCore, text } from './button';

const HOTLINK = 'https://pay.hotmart.com/A72242240H';
const AFFILIATE = `af=${CODE}&utm_source=fb`;

describe('the URL the button leads to', () => {
  usePage(`https://www.shop.example/curso?a=${CODE}&utm_source=fb`);

  it.each([
    ['hotlink alone', `hotlink="${HOTLINK}"`, `${HOTLINK}?${AFFILIATE}`],
    ['offer, as off', `hotlink="${HOTLINK}" offer="wlvonm69"`, `${HOTLINK}?${AFFILIATE}&off=wlvonm69`],
    ['sck and src', `hotlink="${HOTLINK}" sck="blog" src="post-1"`, `${HOTLINK}?${AFFILIATE}&sck=blog&src=post-1`],
    ['the HotLink keeps its own parameters, which win', `hotlink="${HOTLINK}?off=tkgky0li&checkoutMode=10" offer="other" mode="overlay"`, `${HOTLINK}?off=tkgky0li&checkoutMode=10&${AFFILIATE}`],
    ['redirect mode', `hotlink="${HOTLINK}" mode="redirect"`, `${HOTLINK}?${AFFILIATE}`],
    ['new-tab mode', `hotlink="${HOTLINK}" mode="new-tab"`, `${HOTLINK}?${AFFILIATE}`],
    ['overlay mode adds checkoutMode=2', `hotlink="${HOTLINK}" mode="overlay"`, `${HOTLINK}?${AFFILIATE}&checkoutMode=2`],
    ['payment.hotmart.com /next/ links', `hotlink="https://payment.hotmart.com/next/T83787812B?checkoutMode=10"`, `https://payment.hotmart.com/next/T83787812B?checkoutMode=10&${AFFILIATE}`],
  ])('%s', async (_, attributes, url) => {
    startCore();
    const el = await mount(`<hotlink-buy-button ${attributes}></hotlink-buy-button>`);
    expect(button(el).getAttribute('href')).toBe(url);
    // Where a click takes the visitor: another page, or the overlay's checkout frame.
    const frames = recordFrames();
    const departure = clickAndFollow(el);
    expect(departure?.url ?? el.shadowRoot!.querySelector('dialog[open] iframe')?.getAttribute('src')).toBe(url);
    expect(frames).toEqual(departure ? [] : [url]);
  });

  it.each([
    ['redirect', '_self', null],
    ['new-tab', '_blank', 'noopener'],
  ])('mode="%s" opens in %s', async (mode, target, rel) => {
    startCore();
    const el = await mount(`<hotlink-buy-button hotlink="${HOTLINK}" mode="${mode}"></hotlink-buy-button>`);
    expect(clickAndFollow(el)?.target).toBe(target);
    expect(button(el).getAttribute('rel')).toBe(rel);
  });

  it('says "opens in a new tab" to screen readers in new-tab mode', async () => {
    startCore();
    const el = await mount(`<hotlink-buy-button hotlink="${HOTLINK}" mode="new-tab" lang="en"></hotlink-buy-button>`);
    expect(button(el).textContent!.replace(/\s+/g, ' ').trim()).toBe('Buy now (opens in a new tab)');
  });

  it('follows attribute changes', async () => {
    startCore();
    const el = await mount(`<hotlink-buy-button hotlink="${HOTLINK}"></hotlink-buy-button>`);
    el.setAttribute('hotlink', 'https://pay.hotmart.com/J84635582W');
    el.offer = 'abc';
    await rendered(el);
    expect(button(el).getAttribute('href')).toBe(`https://pay.hotmart.com/J84635582W?${AFFILIATE}&off=abc`);
  });

  it('an unknown mode is reported and redirect is used', async () => {
    startCore();
    const warnings = recordConsole('warn');
    const el = await mount(`<hotlink-buy-button hotlink="${HOTLINK}" mode="popup"></hotlink-buy-button>`);
    expect(clickAndFollow(el)).toEqual({ url: `${HOTLINK}?${AFFILIATE}`, target: '_self' });
    expect(warnings).toEqual(['[hotlinks] <hotlink-buy-button>: mode "popup" is not one of redirect, new-tab, overlay; redirect is used']);
  });
});

describe('label, price and language', () => {
  usePage('https://www.shop.example/');

  it.each([
    ['the document language, pt-BR', 'pt-BR', '', 'Comprar agora'],
    ['the document language, en', 'en-US', '', 'Buy now'],
    ['the document language, es', 'es-MX', '', 'Comprar ahora'],
    ['the element lang wins', 'pt-BR', 'lang="es"', 'Comprar ahora'],
    ['a language without labels gets English', 'fr', '', 'Buy now'],
    ['no language at all: Portuguese', '', '', 'Comprar agora'],
  ])('%s', async (_, documentLang, attributes, label) => {
    document.documentElement.lang = documentLang;
    startCore();
    const el = await mount(`<hotlink-buy-button hotlink="${HOTLINK}" ${attributes}></hotlink-buy-button>`);
    expect(text(el)).toBe(label);
    document.documentElement.removeAttribute('lang');
  });

  it('the label follows a lang change', async () => {
    startCore();
    const el = await mount(`<hotlink-buy-button hotlink="${HOTLINK}" lang="en"></hotlink-buy-button>`);
    el.lang = 'es';
    await rendered(el);
    expect(text(el)).toBe('Comprar ahora');
  });

  it('light-DOM children are the label', async () => {
    startCore();
    const el = await mount(`<hotlink-buy-button hotlink="${HOTLINK}"> Quero <strong>me inscrever</strong> </hotlink-buy-button>`);
    expect(text(el)).toBe('Quero me inscrever');
  });

  it('whitespace alone is no label', async () => {
    startCore();
    const el = await mount(`<hotlink-buy-button hotlink="${HOTLINK}">\n  \n</hotlink-buy-button>`);
    expect(text(el)).toBe('Comprar agora');
  });

  it.each([
    ['197', '', 'pt-BR', 'R$ 197,00'],
    ['197.9', '', 'pt-BR', 'R$ 197,90'],
    ['197,90', '', 'pt-BR', 'R$ 197,90'],
    ['1997', '', 'pt-BR', 'R$ 1.997,00'],
    ['49', 'USD', 'en', '$49.00'],
    ['49', 'EUR', 'es', '49,00 €'],
  ])('price="%s" currency="%s" in %s shows %s', async (price, currency, lang, shown) => {
    startCore();
    const el = await mount(
      `<hotlink-buy-button hotlink="${HOTLINK}" price="${price}" ${currency ? `currency="${currency}"` : ''} lang="${lang}"></hotlink-buy-button>`,
    );
    expect(part(el, 'price')!.textContent!.replace(/\s/g, ' ')).toBe(shown);
  });

  it.each([
    ['abc', 'BRL'],
    ['197', 'REAIS'],
  ])('price="%s" currency="%s" is left out, with a warning', async (price, currency) => {
    startCore();
    const warnings = recordConsole('warn');
    const el = await mount(`<hotlink-buy-button hotlink="${HOTLINK}" price="${price}" currency="${currency}"></hotlink-buy-button>`);
    expect(part(el, 'price')).toBeNull();
    expect(text(el)).toBe('Comprar agora');
    expect(warnings).toEqual([`[hotlinks] <hotlink-buy-button>: price "${price}" with currency "${currency}" cannot be shown; it is left out`]);
  });
});

describe('look', () => {
  usePage('https://www.shop.example/');

  it.each([
    ['', '#0a7d3b', '#fff'],
    ['green', '#0a7d3b', '#fff'],
    ['orange', '#d7401a', '#fff'],
    ['black', '#161616', '#fff'],
    ['outline', 'transparent', '#0a7d3b'],
  ])('variant="%s"', async (variant, background, color) => {
    startCore();
    const el = await mount(`<hotlink-buy-button hotlink="${HOTLINK}" variant="${variant}"></hotlink-buy-button>`);
    const style = getComputedStyle(button(el));
    expect([style.backgroundColor, style.color]).toEqual([background, color]);
  });

  it.each([
    ['sm', '14px'],
    ['md', '16px'],
    ['', '16px'],
    // What the warning for an unknown size says is used.
    ['xl', '16px'],
    ['lg', '20px'],
  ])('size="%s"', async (size, fontSize) => {
    startCore();
    const el = await mount(`<hotlink-buy-button hotlink="${HOTLINK}" size="${size}"></hotlink-buy-button>`);
    expect(getComputedStyle(el).fontSize).toBe(fontSize);
  });

  it('variant and size set as properties reach the attributes the styles read', async () => {
    startCore();
    const el = await mount(`<hotlink-buy-button hotlink="${HOTLINK}"></hotlink-buy-button>`);
    el.variant = 'orange';
    el.size = 'lg';
    await rendered(el);
    expect([el.getAttribute('variant'), el.getAttribute('size')]).toEqual(['orange', 'lg']);
    expect(getComputedStyle(button(el)).backgroundColor).toBe('#d7401a');
  });

  it('adds no attribute to its own tag: the defaults stay in the properties (a server-rendered tag hydrates as written)', async () => {
    startCore();
    const el = await mount(`<hotlink-buy-button hotlink="${HOTLINK}"></hotlink-buy-button>`);
    expect(el.getAttributeNames()).toEqual(['hotlink']);
    expect([el.variant, el.size, el.mode, el.disabled]).toEqual(['green', 'md', 'redirect', false]);
    expect(getComputedStyle(button(el)).backgroundColor).toBe('#0a7d3b');
  });

  it('--hotlink-* custom properties theme it', async () => {
    startCore();
    const el = await mount(
      `<hotlink-buy-button hotlink="${HOTLINK}" style="--hotlink-background: rebeccapurple; --hotlink-color: #ff0"></hotlink-buy-button>`,
    );
    const style = getComputedStyle(button(el));
    expect([style.backgroundColor, style.color]).toEqual(['rebeccapurple', '#ff0']);
  });

  it.each([
    ['an unknown variant', 'variant="pink"', 'variant "pink" is not one of green, orange, black, outline; green is used'],
    ['an unknown size', 'size="xl"', 'size "xl" is not one of md, sm, lg; md is used'],
  ])('%s is reported', async (_, attributes, message) => {
    startCore();
    const warnings = recordConsole('warn');
    await mount(`<hotlink-buy-button hotlink="${HOTLINK}" ${attributes}></hotlink-buy-button>`);
    expect(warnings).toEqual([`[hotlinks] <hotlink-buy-button>: ${message}`]);
  });
});

describe('disabled', () => {
  usePage(`https://www.shop.example/?a=${CODE}`);

  it('is no link, says so to assistive technology, and goes nowhere', async () => {
    startCore();
    const events: Event[] = [];
    document.addEventListener('hotlinks-checkout', (e) => events.push(e));
    const el = await mount(`<hotlink-buy-button hotlink="${HOTLINK}" disabled></hotlink-buy-button>`);
    expect(button(el).hasAttribute('href')).toBe(false);
    expect(button(el).getAttribute('aria-disabled')).toBe('true');
    expect(clickAndFollow(el)).toBeUndefined();
    expect(events).toHaveLength(0);
    el.disabled = false;
    await rendered(el);
    expect(button(el).getAttribute('href')).toBe(`${HOTLINK}?af=${CODE}`);
    expect(button(el).hasAttribute('aria-disabled')).toBe(false);
  });
});

describe('price set as a number', () => {
  usePage('https://www.shop.example/');

  it('is shown like the attribute', async () => {
    startCore();
    const el = await mount(`<hotlink-buy-button hotlink="${HOTLINK}"></hotlink-buy-button>`);
    (el as unknown as { price: number }).price = 49.9;
    await rendered(el);
    expect(part(el, 'price')!.textContent!.replace(/\s/g, ' ')).toBe('R$ 49,90');
  });
});
