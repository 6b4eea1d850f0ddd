/** Registration: `hotlinks-embed/define`, harmless when repeated or when the tag is taken. */
import { describe, expect, it, vi } from 'vitest';
import { defineBuyButton, HotlinkBuyButton } from '../../src/define';
import { HotlinkBuyButton as FromElement } from '../../src/element';
import { usePage } from '../support/page';
import { button, recordConsole, rendered, startCore } from './button';

describe('defineBuyButton', () => {
  usePage('https://www.shop.example/');

  it('importing the entry defines <hotlink-buy-button> with the class the package exports', () => {
    expect(customElements.get('hotlink-buy-button')).toBe(HotlinkBuyButton);
    expect(FromElement).toBe(HotlinkBuyButton);
    expect(document.createElement('hotlink-buy-button')).toBeInstanceOf(HotlinkBuyButton);
  });

  it('defining again, or importing a second copy of the entry, changes nothing and says nothing', async () => {
    const messages = [...recordConsole('warn'), ...recordConsole('error')];
    expect(defineBuyButton()).toBe(HotlinkBuyButton);
    expect(() => defineBuyButton()).not.toThrow();
    vi.resetModules();
    const copy = await import('../../src/define');
    expect(copy.HotlinkBuyButton).not.toBe(HotlinkBuyButton);
    expect(customElements.get('hotlink-buy-button')).toBe(HotlinkBuyButton);
    expect(messages).toEqual([]);
  });

  it('a tag another script defined is left alone, with a message, not an exception', () => {
    class Theirs extends HTMLElement {}
    customElements.define('buy-button-theirs', Theirs);
    const warnings = recordConsole('warn');
    expect(defineBuyButton('buy-button-theirs')).toBe(Theirs);
    expect(warnings).toEqual(['[hotlinks] <buy-button-theirs> is already defined by another script; it is left as it is']);
  });

  it('another tag name works, and messages name it', async () => {
    startCore();
    const errors = recordConsole('error');
    const Ctor = defineBuyButton('comprar-agora')!;
    expect(Ctor.prototype).toBeInstanceOf(HotlinkBuyButton);
    const el = document.createElement('comprar-agora') as HotlinkBuyButton;
    el.setAttribute('hotlink', 'http://pay.hotmart.com/A72242240H');
    document.body.append(el);
    await rendered(el);
    expect(button(el).hasAttribute('href')).toBe(false);
    expect(errors[0]).toMatch(/^\[hotlinks\] <comprar-agora>: hotlink "http:\/\/pay\.hotmart\.com\/A72242240H" is not/);
    el.setAttribute('hotlink', 'https://pay.hotmart.com/A72242240H');
    await rendered(el);
    expect(button(el).getAttribute('href')).toBe('https://pay.hotmart.com/A72242240H');
  });

  it('an invalid tag name is a message, not an exception', () => {
    const warnings = recordConsole('warn');
    expect(defineBuyButton('NoDash')).toBeUndefined();
    expect(warnings[0]).toMatch(/^\[hotlinks\] could not define <NoDash>/);
  });

  it('no custom elements registry (an old browser, a server): nothing happens, nothing throws', () => {
    vi.stubGlobal('customElements', undefined);
    expect(defineBuyButton()).toBeUndefined();
  });

  it('another registry can be given', () => {
    const defined: [string, CustomElementConstructor][] = [];
    const registry = { get: () => undefined, define: (tag: string, ctor: CustomElementConstructor) => void defined.push([tag, ctor]) };
    defineBuyButton('hotlink-buy-button', registry as unknown as CustomElementRegistry);
    expect(defined).toEqual([['hotlink-buy-button', HotlinkBuyButton]]);
  });
});
