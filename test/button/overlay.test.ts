/** `mode="overlay"`: checkout in a modal dialog that the keyboard can leave. */
import { describe, expect, it } from 'vitest';
import type { HotlinkBuyButton } from '../../src/define';
import { CODE, usePage } from '../support/page';
import { button, clickAndFollow, mount, part, recordFrames, startCore } from './button';

const HOTLINK = 'https://pay.hotmart.com/A72242240H';
const URL_2 = `${HOTLINK}?af=${CODE}&off=abc&checkoutMode=2`;

const dialog = (el: HotlinkBuyButton) => part(el, 'dialog') as HTMLDialogElement;
const focused = (el: HotlinkBuyButton) => el.shadowRoot!.activeElement;
const escape = (target: Element) =>
  target.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true, cancelable: true }));

async function openOverlay(lang = 'pt-BR') {
  startCore({ decorate: false });
  const el = await mount(`<hotlink-buy-button hotlink="${HOTLINK}" offer="abc" mode="overlay" lang="${lang}"></hotlink-buy-button>`);
  button(el).focus();
  const frames = recordFrames();
  // The click stays on the page: the checkout opens in the dialog, its frame asks for it.
  expect(clickAndFollow(el)).toBeUndefined();
  expect(frames).toEqual([URL_2]);
  return { el, frames };
}

describe('the overlay', () => {
  usePage(`https://www.shop.example/curso?a=${CODE}`);

  it('opens the checkout (checkoutMode=2) in a modal dialog, focus on its visible close button', async () => {
    const { el } = await openOverlay();
    expect(button(el).getAttribute('aria-haspopup')).toBe('dialog');
    expect(dialog(el).open).toBe(true);
    expect(dialog(el).getAttribute('aria-label')).toBe('Pagamento');
    expect(dialog(el).querySelector('iframe')!.getAttribute('src')).toBe(URL_2);
    expect(focused(el)).toBe(part(el, 'close'));
    expect(part(el, 'close')!.textContent).toBe('Fechar');
  });

  it('Escape right after opening closes it and gives focus back to the Buy button', async () => {
    const { el } = await openOverlay();
    escape(focused(el)!);
    expect(dialog(el).open).toBe(false);
    expect(focused(el)).toBe(button(el));
  });

  it('the close button closes it and gives focus back', async () => {
    const { el } = await openOverlay();
    part(el, 'close')!.click();
    expect(dialog(el).open).toBe(false);
    expect(focused(el)).toBe(button(el));
  });

  it('the browser closing it (its own Escape handling) gives focus back too', async () => {
    const { el } = await openOverlay();
    dialog(el).close();
    expect(focused(el)).toBe(button(el));
  });

  it('"open in a new tab" goes to the same checkout in a new tab and closes the overlay', async () => {
    const { el } = await openOverlay('en');
    const newTab = part(el, 'new-tab')!;
    expect(newTab.textContent).toBe('Open in a new tab');
    expect(clickAndFollow(newTab)).toEqual({ url: URL_2, target: '_blank' });
    expect(newTab.getAttribute('rel')).toBe('noopener');
    expect(dialog(el).open).toBe(false);
  });

  it('reopening the same checkout keeps the frame (what the buyer typed)', async () => {
    const { el, frames } = await openOverlay();
    const frame = dialog(el).querySelector('iframe')!;
    escape(dialog(el));
    clickAndFollow(el);
    expect(dialog(el).open).toBe(true);
    expect(dialog(el).querySelector('iframe')).toBe(frame);
    expect(frame.getAttribute('src')).toBe(URL_2);
    expect(frames).toEqual([URL_2]);
  });

  it.each([
    ['ctrlKey', { ctrlKey: true }],
    ['metaKey', { metaKey: true }],
    ['shiftKey', { shiftKey: true }],
  ])('a %s click is left to the browser (new tab or window), with checkoutMode=2', async (_, modifiers) => {
    startCore({ decorate: false });
    const el = await mount(`<hotlink-buy-button hotlink="${HOTLINK}" offer="abc" mode="overlay"></hotlink-buy-button>`);
    const frames = recordFrames();
    expect(clickAndFollow(el, modifiers)?.url).toBe(URL_2);
    expect(dialog(el).open).toBe(false);
    expect(frames).toEqual([]);
  });

  it.each([
    ['pt-BR', 'Fechar', 'Abrir em nova aba'],
    ['en', 'Close', 'Open in a new tab'],
    ['es', 'Cerrar', 'Abrir en una pestaña nueva'],
  ])('speaks %s', async (lang, close, newTab) => {
    const { el } = await openOverlay(lang);
    expect([part(el, 'close')!.textContent, part(el, 'new-tab')!.textContent]).toEqual([close, newTab]);
  });

  it('is not there in the other modes', async () => {
    startCore({ decorate: false });
    const el = await mount(`<hotlink-buy-button hotlink="${HOTLINK}"></hotlink-buy-button>`);
    expect(dialog(el)).toBeNull();
  });
});
