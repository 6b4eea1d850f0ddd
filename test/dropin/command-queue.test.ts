/**
 * The command queue of the built drop-in: a page can call the API before the (deferred, async)
 * script has loaded with `(window.HotLinks = window.HotLinks || []).push([name, ...args])`; the
 * commands run in order when it loads, and `HotLinks.push(...)` keeps working afterwards. An unknown
 * command, or one that throws, is a console warning naming it, never an error on the page.
 */
import { describe, expect, it } from 'vitest';
import { CODE, ORIGIN, OTHER_CODE, cookie, press, recordConsole, setUrl, usePage } from '../support/page';
import { loadDropin, pageApi } from '../support/act';

const HOTLINK = 'https://pay.hotmart.com/A72242240H';
const PAGE = `<a id="buy" href="${HOTLINK}">Comprar</a><a id="other" href="https://payment.hotmart.com/next/T83787812B">Outro</a>`;
const stored = () => cookie()?.split('|')[1];
/** `?af=<code>&xcod=<visit>`: a checkout link's query with the drop-in's defaults. */
const added = (code: string) => `?af=${code}&xcod=${pageApi().getAttribution().visit}`;
const UNKNOWN = (name: string) => `[hotlinks] HotLinks.push(): unknown command "${name}" (the commands are consent, clear, decorate, init)`;
/** What a page writes before the script tag, as the README shows it. */
const queue = (...commands: unknown[][]) => {
  const w = window as unknown as { HotLinks?: unknown[] };
  (w.HotLinks = w.HotLinks || []).push(...commands);
};

describe('commands queued before the script loaded', () => {
  usePage(ORIGIN + '/', PAGE);

  it.each([
    { commands: [['consent', true]], consent: 'pending', stored: CODE },
    { commands: [['consent', true], ['consent', false]], consent: 'pending', stored: undefined },
    { commands: [['consent', false], ['consent', true]], consent: 'pending', stored: CODE },
    { commands: [['consent', true], ['clear']], consent: 'pending', stored: undefined },
    { commands: [['consent', false]], consent: 'granted', stored: undefined },
  ])('$commands with data-consent="$consent": run in order at load, stored $stored', async ({ commands, consent, stored: expected }) => {
    setUrl(`/curso?a=${CODE}`);
    queue(...commands);
    const warnings = recordConsole('warn');
    await loadDropin('hotlinks-capture.js', { 'data-consent': consent });
    expect(stored()).toBe(expected);
    expect(warnings).toEqual([]);
    // The queue gave way to the API.
    expect(typeof pageApi().push).toBe('function');
    expect(typeof pageApi().getAttribution).toBe('function');
  });

  it('a decorate command queued before load decorates every checkout link as soon as it runs', async () => {
    setUrl(`/curso?a=${CODE}`);
    queue(['decorate']);
    await loadDropin('hotlinks-capture.js');
    expect(document.getElementById('buy')!.getAttribute('href')).toBe(HOTLINK + added(CODE));
    expect(document.getElementById('other')!.getAttribute('href')).toBe('https://payment.hotmart.com/next/T83787812B' + added(CODE));
  });

  it('an unknown command and a throwing one are warned by name; the rest of the queue still runs', async () => {
    setUrl(`/curso?a=${CODE}`);
    queue(['nope', 1], ['init', { cookieDays: 'abc' }], ['push', ['consent', false]], ['consent', true]);
    const warnings = recordConsole('warn');
    await loadDropin('hotlinks-capture.js', { 'data-consent': 'pending' });
    expect(warnings).toEqual([
      UNKNOWN('nope'),
      expect.stringMatching(/^\[hotlinks\] HotLinks\.push\(\): Error: HotLinks\.init\(\): cookieDays /),
      UNKNOWN('push'),
    ]);
    expect(stored()).toBe(CODE);
  });

  it("only the page's commands run: the core's other members (beginCheckout, checkoutUrl, writtenUrl) are unknown", async () => {
    setUrl(`/curso?a=${CODE}`);
    const departures: unknown[] = [];
    document.addEventListener('hotlinks-checkout', (e) => departures.push(e));
    queue(['beginCheckout', 'https://evil.example/forged', document], ['checkoutUrl', 'http://evil.example/'], ['writtenUrl', document.body], ['getAttribution']);
    const warnings = recordConsole('warn');
    await loadDropin('hotlinks-capture.js');
    expect(warnings).toEqual([UNKNOWN('beginCheckout'), UNKNOWN('checkoutUrl'), UNKNOWN('writtenUrl'), UNKNOWN('getAttribution')]);
    expect(departures).toEqual([]);
    pageApi().push(['beginCheckout', 'https://evil.example/forged', document]);
    expect(departures).toEqual([]);
  });
});

describe('HotLinks.push after the script loaded', () => {
  usePage(ORIGIN + '/', PAGE);

  it('runs at once, several commands in one call, in order', async () => {
    setUrl(`/curso?a=${CODE}`);
    await loadDropin('hotlinks-capture.js');
    expect(stored()).toBe(CODE);
    pageApi().push(['clear'], ['decorate']);
    expect(document.cookie).toBe('');
    // Decorated at once, and with what is left after clear: nothing.
    expect(document.getElementById('buy')!.getAttribute('href')).toBe(HOTLINK);
    history.pushState(null, '', `/oferta?a=${OTHER_CODE}`);
    // Decorated earlier by the command: re-decorated when the attribution changes.
    expect(document.getElementById('buy')!.getAttribute('href')).toBe(HOTLINK + added(OTHER_CODE));
  });

  it('with data-consent="pending": push([\'consent\', true]) from a banner stores the code', async () => {
    setUrl(`/curso?a=${CODE}`);
    await loadDropin('hotlinks-capture.js', { 'data-consent': 'pending' });
    expect(document.cookie).toBe('');
    expect(press(document.getElementById('buy')!)).toBe(HOTLINK + added(CODE));
    pageApi().push(['consent', true]);
    expect(stored()).toBe(CODE);
  });

  it('an unknown command is a console warning naming it, and nothing is thrown', async () => {
    await loadDropin('hotlinks-capture.js');
    const warnings = recordConsole('warn');
    expect(() => pageApi().push(['nope'], 'alsoNope', ['init', { cookieDays: 'abc' }])).not.toThrow();
    expect(warnings).toEqual([
      UNKNOWN('nope'),
      UNKNOWN('alsoNope'),
      expect.stringMatching(/^\[hotlinks\] HotLinks\.push\(\): Error: HotLinks\.init\(\): cookieDays /),
    ]);
  });

  it('the snippet run again after load (a second tag manager tag) keeps the API', async () => {
    setUrl(`/curso?a=${CODE}`);
    await loadDropin('hotlinks-capture.js', { 'data-consent': 'pending' });
    const api = pageApi();
    queue(['consent', true]);
    expect(pageApi()).toBe(api);
    expect(stored()).toBe(CODE);
  });
});
