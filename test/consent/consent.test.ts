/**
 * Consent from the site's own consent tool: Google Consent Mode v2 (`consent: 'google'`, the
 * `gtag('consent', …)` commands on `dataLayer`) and an IAB TCF v2.2 CMP (`consent: 'tcf'`). Until
 * consent: nothing on the device, the code still reaches checkout links, the `attribution` report
 * waits. On consent: the cookie, and the waiting report sent once. On withdrawal: the cookie goes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CODE, ORIGIN, cookie, press, reload, setUrl, start, usePage } from '../support/page';
import { recordBeacons } from '../support/act';
import { installStandInCmp } from '../support/stand-in-cmp';

const HOTLINK = 'https://pay.hotmart.com/A72242240H';
const buy = () => press(document.getElementById('buy')!);
const stored = () => cookie()?.split('|')[1];
const events = async (sent: ReturnType<typeof recordBeacons>) => (await sent()).map((b) => b.body.event);

/** The snippet Google gives sites, as a page runs it before any tag. */
function gtagSnippet() {
  const w = window as unknown as { dataLayer: unknown[] };
  w.dataLayer = w.dataLayer || [];
  // eslint-disable-next-line prefer-rest-params
  return function gtag(..._: unknown[]) {
    w.dataLayer.push(arguments);
  } as (...args: unknown[]) => void;
}

describe('Google Consent Mode v2', () => {
  usePage(ORIGIN + '/', `<a id="buy" href="${HOTLINK}">Comprar</a>`);

  it('default denied before the script, granted later: nothing stored until the update, then the cookie and one attribution report', async () => {
    const sent = recordBeacons();
    const gtag = gtagSnippet();
    gtag('consent', 'default', { ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied', analytics_storage: 'denied', wait_for_update: 500 });
    gtag('js', new Date());
    gtag('config', 'G-XXXXXXX');
    setUrl(`/curso?a=${CODE}&utm_source=fb`);
    const hotlinks = start({ consent: 'google', collect: '/api/hotlinks' });

    expect(document.cookie).toBe('');
    expect(hotlinks.getAttribution()).toMatchObject({ affiliate: CODE, storage: 'memory' });
    // The setting stays what the page asked for; the visitor's answer is the running state.
    expect([hotlinks.options.consent, hotlinks.consentState()]).toEqual(['google', 'waiting']);
    expect(buy()).toBe(`${HOTLINK}?af=${CODE}&utm_source=fb`);
    expect(await events(sent)).toEqual([]);

    gtag('consent', 'update', { ad_storage: 'granted', analytics_storage: 'granted' });
    expect(stored()).toBe(CODE);
    expect(hotlinks.getAttribution()?.storage).toBe('cookie');
    expect(hotlinks.consentState()).toBe('granted');
    expect(await events(sent)).toEqual(['attribution']);
    // Another grant later (a second tag) sends nothing more.
    gtag('consent', 'update', { ad_storage: 'granted' });
    expect(await events(sent)).toEqual(['attribution']);

    // Withdrawn: the cookie goes; this page keeps the code in memory for checkout.
    gtag('consent', 'update', { ad_storage: 'denied' });
    expect(document.cookie).toBe('');
    expect([hotlinks.options.consent, hotlinks.consentState()]).toEqual(['google', 'refused']);
    expect(hotlinks.getAttribution()?.storage).toBe('memory');
    expect(buy()).toBe(`${HOTLINK}?af=${CODE}&utm_source=fb`);
  });

  it.each([
    { case: 'gtag() defined only after the script', push: () => gtagSnippet()('consent', 'update', { ad_storage: 'granted' }), expected: CODE },
    // Not gtag()'s `arguments`: anything a page bridged onto dataLayer (a cross-origin frame's message, say) is no consent.
    { case: 'the same commands as a plain array', push: (layer: unknown[]) => layer.push(['consent', 'update', { ad_storage: 'granted' }]), expected: undefined },
    {
      case: 'the same commands as a plain object',
      push: (layer: unknown[]) => layer.push({ 0: 'consent', 1: 'update', 2: { ad_storage: 'granted' }, length: 3 }),
      expected: undefined,
    },
  ])('pushed after the script started, $case: stored $expected', ({ push, expected }) => {
    setUrl(`/curso?a=${CODE}`);
    start({ consent: 'google' });
    expect(document.cookie).toBe('');
    // The page's other entries pass through untouched.
    const layer = (window as unknown as { dataLayer: unknown[] }).dataLayer;
    layer.push({ event: 'page_view' }, null as unknown as object, 42 as unknown as object);
    push(layer);
    expect(stored()).toBe(expected);
    expect(layer.slice(0, 3)).toEqual([{ event: 'page_view' }, null, 42]);
  });

  it('a withdrawal on a later page deletes the cookie stored earlier; a default denied alone does not', () => {
    gtagSnippet()('consent', 'default', { ad_storage: 'granted' });
    setUrl(`/curso?a=${CODE}`);
    start({ consent: 'google' });
    expect(stored()).toBe(CODE);

    // The next page: a fresh dataLayer, the consent tool's default first.
    delete (window as { dataLayer?: unknown }).dataLayer;
    let gtag = gtagSnippet();
    gtag('consent', 'default', { ad_storage: 'denied' });
    reload('/outra', { consent: 'google' });
    expect(stored()).toBe(CODE);
    expect(buy()).toBe(`${HOTLINK}?af=${CODE}`);
    // The visitor withdraws in the consent tool's settings.
    gtag('consent', 'update', { ad_storage: 'denied' });
    expect(document.cookie).toBe('');

    // And a page after that starts without a code.
    delete (window as { dataLayer?: unknown }).dataLayer;
    gtag = gtagSnippet();
    gtag('consent', 'default', { ad_storage: 'denied' });
    reload('/mais-uma', { consent: 'google' });
    expect(buy()).toBe(HOTLINK);
  });
});

describe('an IAB TCF v2.2 consent tool', () => {
  usePage(ORIGIN + '/', `<a id="buy" href="${HOTLINK}">Comprar</a>`);
  afterEach(() => {
    delete (window as { __tcfapi?: unknown }).__tcfapi;
  });

  it('banner shown, then the visitor accepts: nothing stored before, the cookie and one attribution report after', async () => {
    const sent = recordBeacons();
    const cmp = installStandInCmp({ gdprApplies: true });
    setUrl(`/curso?a=${CODE}`);
    const hotlinks = start({ consent: 'tcf', collect: '/api/hotlinks' });
    expect(cmp.listeners()).toBe(1);
    expect(document.cookie).toBe('');
    expect(buy()).toBe(`${HOTLINK}?af=${CODE}`);
    expect(await events(sent)).toEqual([]);

    cmp.userAction({ 1: true, 2: true, 7: true });
    expect(stored()).toBe(CODE);
    expect(hotlinks.consentState()).toBe('granted');
    expect(await events(sent)).toEqual(['attribution']);

    // Later, from the CMP's settings: purpose 1 withdrawn.
    cmp.userAction({ 1: false, 2: true });
    expect(document.cookie).toBe('');
    expect(buy()).toBe(`${HOTLINK}?af=${CODE}`);
  });

  it.each<{ case: string; setup: { gdprApplies: boolean; known?: Record<number, boolean> }; cookie: string | undefined }>([
    { case: 'a returning visitor who consented to purpose 1', setup: { gdprApplies: true, known: { 1: true } }, cookie: CODE },
    { case: 'GDPR does not apply', setup: { gdprApplies: false }, cookie: CODE },
    { case: 'a returning visitor who refused purpose 1', setup: { gdprApplies: true, known: { 1: false, 2: true } }, cookie: undefined },
    { case: 'the banner still open', setup: { gdprApplies: true }, cookie: undefined },
  ])('$case: stored $cookie at once', ({ setup, cookie: expected }) => {
    installStandInCmp(setup);
    setUrl(`/curso?a=${CODE}`);
    start({ consent: 'tcf' });
    expect(stored()).toBe(expected);
    expect(buy()).toBe(`${HOTLINK}?af=${CODE}`);
  });

  it('the visitor refuses: nothing stored, the code still reaches checkout', () => {
    const cmp = installStandInCmp({ gdprApplies: true });
    setUrl(`/curso?a=${CODE}`);
    const hotlinks = start({ consent: 'tcf' });
    cmp.userAction({ 1: false });
    expect(document.cookie).toBe('');
    expect(hotlinks.getAttribution()?.storage).toBe('memory');
    expect(buy()).toBe(`${HOTLINK}?af=${CODE}`);
  });

  it('a CMP that loads after the script is found at window load', () => {
    setUrl(`/curso?a=${CODE}`);
    start({ consent: 'tcf' });
    const cmp = installStandInCmp({ gdprApplies: true });
    window.dispatchEvent(new Event('load'));
    expect(cmp.listeners()).toBe(1);
    cmp.userAction({ 1: true });
    expect(stored()).toBe(CODE);
  });

  it('no CMP at all, even after load: nothing stored, nothing thrown, checkout links carry the code', () => {
    setUrl(`/curso?a=${CODE}`);
    const hotlinks = start({ consent: 'tcf' });
    expect(() => window.dispatchEvent(new Event('load'))).not.toThrow();
    expect(document.cookie).toBe('');
    expect(hotlinks.getAttribution()).toMatchObject({ affiliate: CODE, storage: 'memory' });
    expect(buy()).toBe(`${HOTLINK}?af=${CODE}`);
  });

  it('a callback with success = false is no answer', () => {
    (window as unknown as { __tcfapi: unknown }).__tcfapi = (_: string, __: number, callback: (d: unknown, s: boolean) => void) =>
      callback({ gdprApplies: false, eventStatus: 'tcloaded', purpose: { consents: { 1: true } } }, false);
    setUrl(`/curso?a=${CODE}`);
    start({ consent: 'tcf' });
    expect(document.cookie).toBe('');
  });
});

describe('the consent tools at their edges', () => {
  usePage(ORIGIN + '/', `<a id="buy" href="${HOTLINK}">Comprar</a>`);
  afterEach(() => {
    delete (window as { __tcfapi?: unknown }).__tcfapi;
  });

  describe('Google Consent Mode: storage follows ad_storage, in gtag()\'s consent commands only; an update is the visitor\'s answer, a default never overrides it', () => {
    it.each([
      { case: 'default granted', commands: [['consent', 'default', { ad_storage: 'granted' }]], cookie: CODE },
      { case: 'default denied, then update granted (a returning visitor)', commands: [['consent', 'default', { ad_storage: 'denied' }], ['consent', 'update', { ad_storage: 'granted' }]], cookie: CODE },
      { case: 'update granted, then a late default denied', commands: [['consent', 'update', { ad_storage: 'granted' }], ['consent', 'default', { ad_storage: 'denied' }]], cookie: CODE },
      { case: 'default denied', commands: [['consent', 'default', { ad_storage: 'denied' }]], cookie: undefined },
      { case: 'only analytics_storage granted', commands: [['consent', 'default', { ad_storage: 'denied', analytics_storage: 'granted' }]], cookie: undefined },
      { case: 'no consent command at all', commands: [['js', new Date()], ['config', 'G-XXXXXXX']], cookie: undefined },
      { case: 'two defaults (a tag manager\'s, then the consent tool\'s): the later counts', commands: [['consent', 'default', { ad_storage: 'denied' }], ['consent', 'default', { ad_storage: 'granted' }]], cookie: CODE },
      { case: 'update denied, then a late default granted', commands: [['consent', 'update', { ad_storage: 'denied' }], ['consent', 'default', { ad_storage: 'granted' }]], cookie: undefined },
      { case: 'default granted, then an update of analytics_storage alone', commands: [['consent', 'default', { ad_storage: 'granted' }], ['consent', 'update', { analytics_storage: 'denied' }]], cookie: CODE },
      { case: 'an event named "update" carrying ad_storage', commands: [['event', 'update', { ad_storage: 'granted' }]], cookie: undefined },
      { case: 'a consent command gtag does not define', commands: [['consent', 'set', { ad_storage: 'granted' }]], cookie: undefined },
      { case: 'a consent command without settings, then an update granted', commands: [['consent', 'default'], ['consent', 'update', { ad_storage: 'granted' }]], cookie: CODE },
    ])('$case: stored $cookie', ({ commands, cookie: expected }) => {
      const gtag = gtagSnippet();
      for (const command of commands) gtag(...command);
      setUrl(`/curso?a=${CODE}`);
      start({ consent: 'google' });
      expect(stored()).toBe(expected);
      expect(buy()).toBe(`${HOTLINK}?af=${CODE}`);
    });

    it('a site that follows a TCF consent tool does not take gtag()\'s answer, nor the reverse', () => {
      gtagSnippet()('consent', 'default', { ad_storage: 'granted' });
      setUrl(`/curso?a=${CODE}`);
      start({ consent: 'tcf' });
      expect(stored()).toBeUndefined();
      delete (window as { dataLayer?: unknown }).dataLayer;
      installStandInCmp({ gdprApplies: false });
      reload(`/curso?a=${CODE}`, { consent: 'google' });
      expect(stored()).toBeUndefined();
    });
  });

  describe('TCF: what a consent tool sends', () => {
    /** A consent tool that answers every listener with `data`. */
    const cmpAnswering = (data: object) => {
      (window as unknown as { __tcfapi: unknown }).__tcfapi = (_: string, __: number, callback: (d: unknown, s: boolean) => void) => callback(data, true);
    };

    it.each([
      { case: 'GDPR applies, no purpose object', data: { gdprApplies: true, eventStatus: 'tcloaded' }, cookie: undefined },
      { case: 'GDPR applies, purposes without consents', data: { gdprApplies: true, eventStatus: 'tcloaded', purpose: {} }, cookie: undefined },
      { case: 'GDPR does not apply, no purpose object', data: { gdprApplies: false, eventStatus: 'tcloaded' }, cookie: CODE },
      { case: 'purpose 1 consented as "true" (a string)', data: { gdprApplies: true, eventStatus: 'tcloaded', purpose: { consents: { 1: 'true' } } }, cookie: undefined },
    ])('$case: stored $cookie, nothing thrown', ({ data, cookie: expected }) => {
      cmpAnswering(data);
      setUrl(`/curso?a=${CODE}`);
      expect(() => start({ consent: 'tcf' })).not.toThrow();
      expect(stored()).toBe(expected);
      expect(buy()).toBe(`${HOTLINK}?af=${CODE}`);
    });

    it('a returning visitor shown the banner again: the cookie stored earlier stays until the visitor refuses', () => {
      installStandInCmp({ gdprApplies: true, known: { 1: true } });
      setUrl(`/curso?a=${CODE}`);
      start({ consent: 'tcf' });
      expect(stored()).toBe(CODE);
      const cmp = installStandInCmp({ gdprApplies: true });
      reload('/outra', { consent: 'tcf' });
      expect(stored()).toBe(CODE);
      cmp.userAction({ 1: false });
      expect(document.cookie).toBe('');
    });

    it('a consent tool there at start is asked once, also after the page\'s load event', () => {
      const cmp = installStandInCmp({ gdprApplies: true });
      setUrl(`/curso?a=${CODE}`);
      start({ consent: 'tcf' });
      window.dispatchEvent(new Event('load'));
      expect(cmp.listeners()).toBe(1);
    });

    it('one that loads later is asked once, however many load events the page fires', () => {
      setUrl(`/curso?a=${CODE}`);
      start({ consent: 'tcf' });
      const cmp = installStandInCmp({ gdprApplies: true });
      window.dispatchEvent(new Event('load'));
      window.dispatchEvent(new Event('load'));
      expect(cmp.listeners()).toBe(1);
    });
  });
});
