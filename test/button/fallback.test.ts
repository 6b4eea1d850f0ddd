/** The light-DOM `<a href>` child: the no-JavaScript fallback, a source for `hotlink`, and the label. */
import { describe, expect, it } from 'vitest';
import { CODE, press, usePage } from '../support/page';
import { button, clickAndFollow, mount, recordCheckouts, recordConsole, rendered, startCore, text } from './button';

const HOTLINK = 'https://pay.hotmart.com/A72242240H?off=tkgky0li';

describe('a fallback link inside the button', () => {
  usePage(`https://www.shop.example/curso?a=${CODE}`);

  it('provides the HotLink and the label when there is no hotlink attribute', async () => {
    startCore();
    const el = await mount(`<hotlink-buy-button sck="blog"><a href="${HOTLINK}">Quero <b>me inscrever</b></a></hotlink-buy-button>`);
    expect(button(el).getAttribute('href')).toBe(`${HOTLINK}&af=${CODE}&sck=blog`);
    expect(text(el)).toBe('Quero me inscrever');
    expect(clickAndFollow(el)?.url).toBe(`${HOTLINK}&af=${CODE}&sck=blog`);
  });

  it("starts from the link as the producer wrote it, not as the core decorated it: the button's own sck wins over the landing's", async () => {
    history.replaceState(null, '', `/curso?a=${CODE}&sck=facebook&utm_source=fb`);
    startCore();
    const el = await mount(`<hotlink-buy-button sck="blog"><a href="${HOTLINK}">Comprar</a></hotlink-buy-button>`);
    // The fallback link itself, pressed, carries what a plain link should (for a browser where the button never runs)...
    expect(press(el.querySelector('a')!)).toBe(`${HOTLINK}&af=${CODE}&sck=facebook&utm_source=fb`);
    // ...and the button, rendered again after that, adds to the producer's HotLink, its own attributes over forwarded values.
    el.requestUpdate();
    await rendered(el);
    expect(button(el).getAttribute('href')).toBe(`${HOTLINK}&af=${CODE}&sck=blog&utm_source=fb`);
    expect(clickAndFollow(el)?.url).toBe(`${HOTLINK}&af=${CODE}&sck=blog&utm_source=fb`);
  });

  it('is not rendered inside the button: one link, one tab stop, one checkout event', async () => {
    // happy-dom does not retarget events leaving a shadow root, so the core's own click listener
    // would see the shadow link as a decorated link too; a browser shows it the host (test/e2e/button.test.ts).
    startCore({ decorate: false });
    const checkouts = recordCheckouts();
    const el = await mount(`<hotlink-buy-button><a href="${HOTLINK}">Comprar</a></hotlink-buy-button>`);
    expect(el.shadowRoot!.querySelector('slot')).toBeNull();
    clickAndFollow(el);
    expect(checkouts).toHaveLength(1);
  });

  it('the hotlink attribute wins over the fallback link', async () => {
    startCore();
    const el = await mount(
      `<hotlink-buy-button hotlink="https://pay.hotmart.com/J84635582W"><a href="${HOTLINK}">Comprar</a></hotlink-buy-button>`,
    );
    expect(button(el).getAttribute('href')).toBe(`https://pay.hotmart.com/J84635582W?af=${CODE}`);
  });

  it('a fallback link with no text (an image) gets the default label', async () => {
    startCore();
    const el = await mount(`<hotlink-buy-button><a href="${HOTLINK}"><img src="/buy.png" alt=""></a></hotlink-buy-button>`);
    expect(text(el)).toBe('Comprar agora');
  });

  it('children added after the element upgraded (the parser is still at work) are seen', async () => {
    startCore();
    const errors = recordConsole('error');
    Object.defineProperty(document, 'readyState', { configurable: true, get: () => 'loading' });
    const el = document.createElement('hotlink-buy-button');
    document.body.append(el);
    await rendered(el);
    expect(button(el).hasAttribute('href')).toBe(false);
    const link = document.createElement('a');
    link.href = HOTLINK;
    el.append(link);
    link.append('Garantir minha vaga');
    await rendered(el);
    expect(button(el).getAttribute('href')).toBe(`${HOTLINK}&af=${CODE}`);
    expect(text(el)).toBe('Garantir minha vaga');
    delete (document as { readyState?: string }).readyState;
    expect(errors).toEqual([]);
  });

  it('follows the page changing the fallback link', async () => {
    startCore();
    const el = await mount(`<hotlink-buy-button><a href="${HOTLINK}">Comprar</a></hotlink-buy-button>`);
    el.querySelector('a')!.setAttribute('href', 'https://pay.hotmart.com/J84635582W');
    el.querySelector('a')!.textContent = 'Comprar com desconto';
    await rendered(el);
    expect(button(el).getAttribute('href')).toBe(`https://pay.hotmart.com/J84635582W?af=${CODE}`);
    expect(text(el)).toBe('Comprar com desconto');
  });

  it('without JavaScript (the element never defined), it is a plain link the core still decorates when pressed', async () => {
    startCore();
    document.body.innerHTML = `<hotlink-buy-later><a href="${HOTLINK}">Comprar</a></hotlink-buy-later>`;
    await rendered({ updateComplete: Promise.resolve() } as never);
    const link = document.querySelector('hotlink-buy-later a')!;
    expect(press(link)).toBe(`${HOTLINK}&af=${CODE}`);
  });
});
