/** Whatever fails, the Buy button stays a working link to checkout: never a dead button. */
import { describe, expect, it, vi } from 'vitest';
import { CODE, usePage } from '../support/page';
import { button, clickAndFollow, mount, recordConsole, recordFrames, rendered, startCore, text } from './button';

const HOTLINK = 'https://pay.hotmart.com/A72242240H';
const KEY = Symbol.for('hotlinks-embed');

describe('when the core fails', () => {
  usePage(`https://www.shop.example/curso?a=${CODE}`);

  it('checkoutUrl throws: a plain link to the HotLink with the button\'s own parameters', async () => {
    const core = startCore();
    vi.spyOn(core, 'checkoutUrl').mockImplementation(() => {
      throw new TypeError('boom');
    });
    const errors = recordConsole('error');
    const el = await mount(`<hotlink-buy-button hotlink="${HOTLINK}" offer="abc" sck="blog"></hotlink-buy-button>`);
    expect(clickAndFollow(el)?.url).toBe(`${HOTLINK}?off=abc&sck=blog`);
    expect(errors[0]).toMatch(/^\[hotlinks\] <hotlink-buy-button>: could not add the affiliate; the button links to the HotLink itself/);
  });

  it('the core cannot start at all (here: a getter that throws): still a link to the HotLink', async () => {
    Object.defineProperty(globalThis, KEY, {
      configurable: true,
      get() {
        throw new Error('no core');
      },
    });
    const errors = recordConsole('error');
    try {
      const el = await mount(`<hotlink-buy-button hotlink="${HOTLINK}" mode="new-tab"></hotlink-buy-button>`);
      expect(clickAndFollow(el)).toEqual({ url: HOTLINK, target: '_blank' });
      expect(errors).toContain('[hotlinks] <hotlink-buy-button>: could not add the affiliate; the button links to the HotLink itself Error: no core');
    } finally {
      delete (globalThis as Record<symbol, unknown>)[KEY];
    }
  });

  it('...but a refused hotlink stays refused', async () => {
    Object.defineProperty(globalThis, KEY, {
      configurable: true,
      get() {
        throw new Error('no core');
      },
    });
    const errors = recordConsole('error');
    try {
      const el = await mount(`<hotlink-buy-button hotlink="https://pay.hotmart.com.evil.example/A72242240H"></hotlink-buy-button>`);
      expect(button(el).hasAttribute('href')).toBe(false);
      expect(clickAndFollow(el)).toBeUndefined();
      expect(errors).toEqual([
        '[hotlinks] <hotlink-buy-button>: hotlink "https://pay.hotmart.com.evil.example/A72242240H" is not an https: link on a checkout host (pay.hotmart.com, payment.hotmart.com); the button is disabled',
      ]);
    } finally {
      delete (globalThis as Record<symbol, unknown>)[KEY];
    }
  });

  it('beginCheckout throws: the click still goes to checkout', async () => {
    const core = startCore({ decorate: false });
    vi.spyOn(core, 'beginCheckout').mockImplementation(() => {
      throw new Error('boom');
    });
    const errors = recordConsole('error');
    const el = await mount(`<hotlink-buy-button hotlink="${HOTLINK}"></hotlink-buy-button>`);
    expect(clickAndFollow(el)?.url).toBe(`${HOTLINK}?af=${CODE}`);
    expect(errors).toEqual([expect.stringMatching(/^\[hotlinks\] <hotlink-buy-button>: could not announce the checkout Error: boom/)]);
  });

  it('the overlay cannot open: the click goes to checkout in this tab', async () => {
    startCore({ decorate: false });
    const errors = recordConsole('error');
    const el = await mount(`<hotlink-buy-button hotlink="${HOTLINK}" mode="overlay"></hotlink-buy-button>`);
    vi.spyOn(HTMLDialogElement.prototype, 'showModal').mockImplementation(() => {
      throw new DOMException('no', 'InvalidStateError');
    });
    const frames = recordFrames();
    expect(clickAndFollow(el)?.url).toBe(`${HOTLINK}?af=${CODE}&checkoutMode=2`);
    expect(errors).toEqual(['[hotlinks] <hotlink-buy-button>: the click failed; following the link InvalidStateError: no']);
    // Whatever frame was made before the dialog failed asked for that checkout, nothing else.
    expect(frames.filter((url) => url != `${HOTLINK}?af=${CODE}&checkoutMode=2`)).toEqual([]);
  });

  it('rendering fails: a plain link to the HotLink, the light DOM as its label', async () => {
    startCore({ decorate: false });
    const errors = recordConsole('error');
    document.body.innerHTML = `<hotlink-buy-button hotlink="${HOTLINK}">Quero comprar</hotlink-buy-button>`;
    const el = document.querySelector('hotlink-buy-button')!;
    vi.spyOn(el, 'closest').mockImplementation(() => {
      throw new Error('boom');
    });
    await rendered(el);
    expect(button(el).getAttribute('href')).toBe(HOTLINK);
    expect(text(el)).toBe('Quero comprar');
    // The click computes the URL on its own, so the affiliate is not even lost.
    expect(clickAndFollow(el)?.url).toBe(`${HOTLINK}?af=${CODE}`);
    expect(errors[0]).toMatch(/^\[hotlinks\] <hotlink-buy-button>: could not render; showing a plain link/);
  });
});

describe('when rendering fails with a fallback link', () => {
  usePage(`https://www.shop.example/curso?a=${CODE}`);

  it('the fallback link itself is shown, decorated by the core, and works', async () => {
    startCore();
    const errors = recordConsole('error');
    document.body.innerHTML = `<hotlink-buy-button><a href="${HOTLINK}">Comprar</a></hotlink-buy-button>`;
    const el = document.querySelector('hotlink-buy-button')!;
    vi.spyOn(el, 'closest').mockImplementation(() => {
      throw new Error('boom');
    });
    await rendered(el);
    expect(el.shadowRoot!.querySelector('[part=button]')).toBeNull();
    expect(el.shadowRoot!.querySelector('slot')!.assignedElements()).toEqual([el.querySelector('a')]);
    expect(clickAndFollow(el.querySelector('a')!)?.url).toBe(`${HOTLINK}?af=${CODE}`);
    expect(errors).toEqual(['[hotlinks] <hotlink-buy-button>: could not render; showing a plain link Error: boom']);
  });
});
