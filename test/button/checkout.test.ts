/** Leaving for checkout: the `hotlinks-checkout` event, cancelling it, and a URL that is always current. */
import { describe, expect, it } from 'vitest';
import { encodeAttribution } from '../../src/attribution/cookie-codec';
import { CODE, OTHER_CODE, setUrl, unload, usePage, VISIT } from '../support/page';
import { button, clickAndFollow, mount, recordCheckouts, rendered, startCore } from './button';

const HOTLINK = 'https://pay.hotmart.com/A72242240H';

// `decorate: false` where events are counted: happy-dom does not retarget an event leaving a shadow
// root, so the core's document listener would take the button's inner link for a page link.
describe('the hotlinks-checkout event', () => {
  usePage(`https://www.shop.example/curso?a=${CODE}`);

  it('fires once, from the button, bubbling and composed, with the URL and the attribution', async () => {
    startCore({ decorate: false });
    const checkouts = recordCheckouts();
    const el = await mount(`<hotlink-buy-button hotlink="${HOTLINK}" offer="abc"></hotlink-buy-button>`);
    const departure = clickAndFollow(el);
    expect(departure?.url).toBe(`${HOTLINK}?af=${CODE}&off=abc`);
    expect(checkouts).toHaveLength(1);
    const [event] = checkouts;
    expect([event.bubbles, event.composed, event.cancelable]).toEqual([true, true, true]);
    expect(event.detail).toMatchObject({ url: departure!.url, attribution: { affiliate: CODE } });
    expect(event.composedPath()[0]).toBe(el);
  });

  it("with the page's links decorated too: one click on the button is one departure (its own link inside is no page link)", async () => {
    startCore();
    const checkouts = recordCheckouts();
    const el = await mount(`<hotlink-buy-button hotlink="${HOTLINK}" offer="abc"></hotlink-buy-button>`);
    button(el).dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true, button: 0 }));
    expect(clickAndFollow(el)?.url).toBe(`${HOTLINK}?af=${CODE}&off=abc`);
    expect(checkouts.map((event) => event.composedPath()[0])).toEqual([el]);
  });

  it.each(['redirect', 'new-tab', 'overlay'])('cancelled in %s mode: the visitor stays', async (mode) => {
    startCore({ decorate: false });
    recordCheckouts(true);
    const el = await mount(`<hotlink-buy-button hotlink="${HOTLINK}" mode="${mode}"></hotlink-buy-button>`);
    expect(clickAndFollow(el)).toBeUndefined();
    expect(el.shadowRoot!.querySelector('dialog[open]')).toBeNull();
  });

  it('is reported to the producer like any checkout', async () => {
    const beacons: unknown[] = [];
    navigator.sendBeacon = (_url: string | URL, body?: BodyInit | null) => {
      beacons.push(body);
      return true;
    };
    startCore({ decorate: false, collect: '/api/hotlinks' });
    const el = await mount(`<hotlink-buy-button hotlink="${HOTLINK}"></hotlink-buy-button>`);
    const before = beacons.length;
    clickAndFollow(el);
    expect(beacons.length).toBe(before + 1);
    delete (navigator as { sendBeacon?: unknown }).sendBeacon;
  });
});

describe('an attribution that arrives after the button rendered', () => {
  usePage('https://www.shop.example/curso');

  it('a single-page navigation with a code: the button re-renders with it', async () => {
    startCore();
    const el = await mount(`<hotlink-buy-button hotlink="${HOTLINK}"></hotlink-buy-button>`);
    expect(button(el).getAttribute('href')).toBe(HOTLINK);
    history.pushState(null, '', `/curso/aula-1?a=${CODE}&utm_source=ig`);
    await rendered(el);
    expect(button(el).getAttribute('href')).toBe(`${HOTLINK}?af=${CODE}&utm_source=ig`);
  });

  it('tracking tags arriving by navigation, with no event here: the click still carries them', async () => {
    startCore();
    const el = await mount(`<hotlink-buy-button hotlink="${HOTLINK}"></hotlink-buy-button>`);
    // No code: no hotlinks-attribution event, but the tags reach checkout all the same.
    history.pushState(null, '', '/curso/aula-1?utm_source=ig');
    expect(button(el).getAttribute('href')).toBe(HOTLINK);
    expect(clickAndFollow(el)?.url).toBe(`${HOTLINK}?utm_source=ig`);
    // ...and the link itself now shows it, for copy-link and the status bar.
    expect(button(el).getAttribute('href')).toBe(`${HOTLINK}?utm_source=ig`);
  });

  it('a code stored by another tab is not seen on this page (its cookie was read once), and is carried from the next page on', async () => {
    const core = startCore();
    const el = await mount(`<hotlink-buy-button hotlink="${HOTLINK}"></hotlink-buy-button>`);
    const now = Date.now();
    document.cookie = `hotlinks=${encodeAttribution({ affiliate: OTHER_CODE, capturedAt: now, expiresAt: now + 86_400_000, params: {}, visit: VISIT })}; path=/`;
    expect(core.getAttribution()).toBeNull();
    expect(clickAndFollow(el)?.url).toBe(HOTLINK);
    // The next page.
    unload();
    setUrl('/curso/aula-2');
    startCore();
    const next = await mount(`<hotlink-buy-button hotlink="${HOTLINK}"></hotlink-buy-button>`);
    expect(button(next).getAttribute('href')).toBe(`${HOTLINK}?af=${OTHER_CODE}`);
    expect(clickAndFollow(next)?.url).toBe(`${HOTLINK}?af=${OTHER_CODE}`);
  });

  it('a middle click (no click event) gets a link refreshed on pointerdown', async () => {
    startCore();
    const el = await mount(`<hotlink-buy-button hotlink="${HOTLINK}"></hotlink-buy-button>`);
    history.pushState(null, '', '/curso/aula-1?utm_source=ig');
    expect(button(el).getAttribute('href')).toBe(HOTLINK);
    button(el).dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true, button: 1 }));
    await rendered(el);
    expect(button(el).getAttribute('href')).toBe(`${HOTLINK}?utm_source=ig`);
  });
});
