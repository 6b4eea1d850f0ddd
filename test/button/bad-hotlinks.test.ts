/** Hostile, broken or missing HotLinks: never navigated to, disabled, and said on the console. */
import { describe, expect, it } from 'vitest';
import { checkoutLinks } from '../fixtures/corpus';
import { hotlinkProblem, hotlinkProblemIn, readHotLink } from '../../src/index';
import { CODE, usePage } from '../support/page';
import { anchor, button, clickAndFollow, mount, mountWith, recordCheckouts, recordConsole, rendered, startCore } from './button';

const HOSTS = 'pay.hotmart.com, payment.hotmart.com';

const refused = [
  ['javascript:', 'javascript:alert(document.cookie)'],
  ['javascript: in disguise', ' JaVaScRiPt:alert(1)'],
  ['data:', 'data:text/html,<script>alert(1)</script>'],
  ['http:', 'http://pay.hotmart.com/A72242240H'],
  ['another domain', 'https://evil.example/A72242240H'],
  ['a look-alike host', 'https://pay.hotmart.com.evil.example/A72242240H'],
  ['credentials before another host', 'https://pay.hotmart.com@evil.example/A72242240H'],
  ['a relative path', '/checkout/A72242240H'],
  ['another domain, without https://', 'evil.example/A72242240H'],
  ['a look-alike host, without https://', 'pay.hotmart.com.evil.example/A72242240H'],
  ['not a URL', 'comprar'],
];

describe('a hotlink that is not https: on a checkout host', () => {
  usePage(`https://www.shop.example/?a=${CODE}`);

  it.each(refused)('%s: disabled, explained, goes nowhere', async (_, hotlink) => {
    startCore();
    const errors = recordConsole('error');
    const checkouts = recordCheckouts();
    const el = await mountWith({ hotlink });
    expect(button(el).hasAttribute('href')).toBe(false);
    expect(button(el).getAttribute('aria-disabled')).toBe('true');
    expect(clickAndFollow(el)).toBeUndefined();
    expect(checkouts).toHaveLength(0);
    expect(errors).toEqual([
      `[hotlinks] <hotlink-buy-button>: hotlink ${JSON.stringify(hotlink)} is not an https: link on a checkout host (${HOSTS}); the button is disabled`,
    ]);
  });

  it.each(refused)('%s: hotlinkProblem() (the snippet builder\'s check) says what the button says', async (_, hotlink) => {
    startCore();
    const errors = recordConsole('error');
    await mountWith({ hotlink });
    expect(errors).toEqual([`[hotlinks] <hotlink-buy-button>: ${hotlinkProblem(hotlink)}`]);
  });

  it('hotlinkProblem() passes Direct Payment HotLinks, and takes other checkout hosts', () => {
    expect(hotlinkProblem('https://pay.hotmart.com/A72242240H?off=abc')).toBeUndefined();
    expect(hotlinkProblem(' https://payment.hotmart.com/next/A72242240H ')).toBeUndefined();
    expect(hotlinkProblem('https://checkout.shop.example/A1', ['checkout.shop.example'])).toBeUndefined();
    expect(hotlinkProblem('https://pay.hotmart.com/A1', ['checkout.shop.example'])).toMatch(/on a checkout host \(checkout\.shop\.example\)/);
  });

  it.each(refused)('%s as the fallback link: the same', async (_, hotlink) => {
    startCore();
    const errors = recordConsole('error');
    const el = await mountWith({}, anchor(hotlink));
    expect(button(el).hasAttribute('href')).toBe(false);
    expect(clickAndFollow(el)).toBeUndefined();
    expect(errors).toEqual([
      `[hotlinks] <hotlink-buy-button>: the <a href> child ${JSON.stringify(hotlink)} is not an https: link on a checkout host (${HOSTS}); the button is disabled`,
    ]);
  });

  it('says each problem once, not on every render', async () => {
    startCore();
    const errors = recordConsole('error');
    const warnings = recordConsole('warn');
    const el = await mount(`<hotlink-buy-button hotlink="http://pay.hotmart.com/A72242240H" variant="pink"></hotlink-buy-button>`);
    el.offer = 'x';
    await rendered(el);
    document.dispatchEvent(new CustomEvent('hotlinks-attribution'));
    await rendered(el);
    clickAndFollow(el);
    expect([errors.length, warnings.length]).toEqual([1, 1]);
  });

  it('checkout hosts configured by the producer are the ones that count', async () => {
    startCore({ checkoutHosts: ['checkout.shop.example'] });
    recordConsole('error');
    const el = await mount(`<hotlink-buy-button hotlink="https://pay.hotmart.com/A72242240H"></hotlink-buy-button>`);
    expect(button(el).hasAttribute('href')).toBe(false);
    el.hotlink = 'https://checkout.shop.example/A72242240H';
    await rendered(el);
    expect(button(el).getAttribute('href')).toBe(`https://checkout.shop.example/A72242240H?af=${CODE}`);
  });
});

/** What a button says of an affiliate's Sales Page HotLink (the same words as the snippet builder's). */
const salesPage = (subject: string) =>
  `${subject} is a Sales Page HotLink, the link affiliates share: it opens a sales page, not checkout. ` +
  'Use your Direct Payment HotLink (https://pay.hotmart.com/…), in Hotmart under Products › My products; the button is disabled';

describe('what producers paste', () => {
  usePage(`https://www.shop.example/?a=${CODE}`);

  it.each([
    ['no scheme', 'pay.hotmart.com/A72242240H?off=wlvonm69'],
    ['no scheme, with spaces around', '  payment.hotmart.com/next/A72242240H?off=wlvonm69 '],
    ['a protocol-relative link', '//pay.hotmart.com/A72242240H?off=wlvonm69'],
  ])('a checkout link with %s: read as https://, the button reaches checkout, nothing said', async (_, hotlink) => {
    startCore();
    const errors = recordConsole('error');
    const el = await mountWith({ hotlink });
    const expected = `https://${hotlink.trim().replace(/^\/\//, '')}&af=${CODE}`;
    expect(button(el).getAttribute('href')).toBe(expected);
    expect(clickAndFollow(el)?.url).toBe(expected);
    expect(errors).toEqual([]);
    expect(readHotLink(hotlink)).toMatchObject({ hotlink: `https://${hotlink.trim().replace(/^\/\//, '')}`, completed: true });
  });

  it.each([
    'https://go.hotmart.com/H55891139F?ap=13e0',
    'http://go.hotmart.com/H55891139F',
    'go.hotmart.com/H55891139F',
    'https://www.go.hotmart.com/H55891139F',
  ])('an affiliate\'s Sales Page HotLink, %s: disabled, and the message says what it is and where the Direct Payment HotLink is', async (hotlink) => {
    startCore();
    const errors = recordConsole('error');
    const el = await mountWith({ hotlink });
    expect(button(el).hasAttribute('href')).toBe(false);
    expect(clickAndFollow(el)).toBeUndefined();
    expect(errors).toEqual([`[hotlinks] <hotlink-buy-button>: ${salesPage(`hotlink ${JSON.stringify(hotlink)}`)}`]);
    expect(readHotLink(hotlink)).toEqual({ problem: 'sales-page' });
  });

  it('the snippet builder\'s words: English is the button\'s, Portuguese says the same', () => {
    const link = 'https://go.hotmart.com/H55891139F';
    expect(hotlinkProblemIn('en', link)).toBe(hotlinkProblem(link));
    expect(hotlinkProblemIn('pt-BR', link)).toBe(
      `O link "${link}" é um HotLink da página de vendas, aquele que os afiliados divulgam: ele abre uma página de vendas, não o pagamento. ` +
        'Use o seu HotLink de pagamento direto (https://pay.hotmart.com/…), que fica na Hotmart em Produtos › Meus produtos; o botão fica desativado',
    );
    expect(hotlinkProblemIn('pt-BR', 'http://pay.hotmart.com/A72242240H')).toBe(
      `O link "http://pay.hotmart.com/A72242240H" não é um link https: de uma página de pagamento (${HOSTS}); o botão fica desativado`,
    );
    expect(hotlinkProblemIn('pt-BR', 'pay.hotmart.com/A72242240H')).toBeUndefined();
  });
});

describe('real HotLinks', () => {
  usePage(`https://www.shop.example/?a=${CODE}`);

  it('the malformed one with a second "?" still reaches checkout', async () => {
    startCore();
    const el = await mount(`<hotlink-buy-button hotlink="https://pay.hotmart.com/N51854403W?off=wlvonm69?sck=fb"></hotlink-buy-button>`);
    expect(clickAndFollow(el)?.url).toBe(`https://pay.hotmart.com/N51854403W?off=wlvonm69&sck=fb&af=${CODE}`);
  });

  it.each(checkoutLinks)('%s reaches checkout with the affiliate', async (hotlink) => {
    startCore();
    const el = await mountWith({ hotlink });
    const url = new URL(clickAndFollow(el)!.url);
    expect(url.origin + url.pathname).toBe(new URL(hotlink).origin + new URL(hotlink).pathname);
    // The HotLink's own affiliate (one corpus link has one) is the producer's choice and stays.
    expect(url.searchParams.getAll('af')).toEqual([new URL(hotlink.replace(/\?(?=[^?]*\?)/, '?')).searchParams.get('af') ?? CODE]);
  });
});

describe('no hotlink at all', () => {
  usePage('https://www.shop.example/');

  it('disabled, with a clear message', async () => {
    startCore();
    const errors = recordConsole('error');
    const el = await mount(`<hotlink-buy-button>Comprar</hotlink-buy-button>`);
    expect(button(el).hasAttribute('href')).toBe(false);
    expect(button(el).getAttribute('aria-disabled')).toBe('true');
    expect(clickAndFollow(el)).toBeUndefined();
    expect(errors).toEqual(['[hotlinks] <hotlink-buy-button>: no hotlink attribute and no <a href> child; the button is disabled']);
  });

  it('while the page is still loading, waits for the parser before saying so', async () => {
    startCore();
    const errors = recordConsole('error');
    Object.defineProperty(document, 'readyState', { configurable: true, get: () => 'loading' });
    const el = await mount(`<hotlink-buy-button></hotlink-buy-button>`);
    expect(errors).toEqual([]);
    delete (document as { readyState?: string }).readyState;
    document.dispatchEvent(new Event('DOMContentLoaded'));
    await rendered(el);
    expect(errors).toEqual(['[hotlinks] <hotlink-buy-button>: no hotlink attribute and no <a href> child; the button is disabled']);
  });
});
