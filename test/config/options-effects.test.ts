/**
 * What each row of the configuration table in docs/CONTRACT.md does to the page: the same landing, observed the
 * same way, with the default and with a valid non-default value; and the same value given as the
 * drop-in's `data-*` attribute does the same. (Parsing and refusing values: test/config.)
 */
import { describe, expect, it, vi } from 'vitest';
import { encodeAttribution } from '../../src/attribution/cookie-codec';
import { startDropin } from '../../src/dropin/start';
import type { HotLinks } from '../../src/hotlinks';
import { init } from '../../src/instance';
import { loadDropin, pageApi } from '../support/act';
import { CODE, DAY, ORIGIN, OTHER_CODE, VISIT, cookie, lastWrite, press, recordConsole, recordCookieWrites, setUrl, settle, start, usePage } from '../support/page';

const BUY = 'https://pay.hotmart.com/A72242240H?off=abc';
const OWN = 'https://checkout.shop.example/p/1';
const OTHER_SITE = 'https://curso.example/aula';
const BODY = `<a id="buy" href="${BUY}">Buy</a><a id="own" href="${OWN}">Buy</a><a id="other" href="${OTHER_SITE}">Aula</a>`;
/** A link's href once the visitor presses it. */
const href = (id: string) => press(document.getElementById(id)!);
const cookieNames = () => document.cookie.split('; ').filter(Boolean).map((c) => c.split('=')[0]);

interface Row {
  /** The landing URL (path and query). */
  landing: string;
  /** Done before HotLinks starts; what it returns is handed to `observe`. */
  setup?: () => unknown;
  /** What the visitor (or the producer's tools) can see. */
  observe(hotlinks: HotLinks, context: unknown): unknown;
  byDefault: unknown;
  /** A valid non-default value, as `init()` takes it and as the `data-*` attribute's text. */
  value: unknown;
  attribute: string;
  withValue: unknown;
}

const rows: Record<string, Row> = {
  params: {
    landing: `/?ref=${OTHER_CODE}&via=${CODE}`,
    observe: (h) => h.getAttribution()?.affiliate ?? null,
    byDefault: OTHER_CODE,
    value: ['via'],
    attribute: 'via',
    withValue: CODE,
  },
  codePattern: {
    landing: '/?a=AF1234',
    observe: (h) => h.getAttribution()?.affiliate ?? null,
    byDefault: null,
    value: '^AF[0-9]{4}$',
    attribute: '^AF[0-9]{4}$',
    withValue: 'AF1234',
  },
  attribution: {
    landing: `/?a=${OTHER_CODE}`,
    setup: () => {
      const now = Date.now();
      const stored = encodeAttribution({ affiliate: CODE, capturedAt: now - DAY, expiresAt: now + 59 * DAY, params: {}, visit: VISIT });
      document.cookie = `hotlinks=${stored}; path=/; domain=shop.example`;
    },
    observe: () => decodeURIComponent(document.cookie.split('|')[1]),
    byDefault: OTHER_CODE,
    value: 'first-click',
    attribute: 'first-click',
    withValue: CODE,
  },
  cookieDays: {
    landing: `/?a=${CODE}`,
    setup: recordCookieWrites,
    observe: (h, writes) => {
      const { capturedAt, expiresAt } = h.getAttribution()!;
      const maxAge = Number(lastWrite(writes as string[])!['max-age']);
      return [(expiresAt - capturedAt) / DAY, Math.round((maxAge * 1000) / DAY)];
    },
    byDefault: [60, 60],
    value: 'forever',
    attribute: 'forever',
    withValue: [400, 400],
  },
  cookieDomain: {
    landing: `/?a=${CODE}`,
    setup: recordCookieWrites,
    observe: (_, writes) => lastWrite(writes as string[])!.domain,
    byDefault: 'shop.example',
    value: 'www.shop.example',
    attribute: 'www.shop.example',
    withValue: 'www.shop.example',
  },
  cookieName: {
    landing: `/?a=${CODE}`,
    observe: cookieNames,
    byDefault: ['hotlinks'],
    value: 'aff_ref',
    attribute: 'aff_ref',
    withValue: ['aff_ref'],
  },
  checkoutParam: {
    landing: `/?a=${CODE}`,
    observe: () => href('buy'),
    byDefault: `${BUY}&af=${CODE}`,
    value: 'ref',
    attribute: 'ref',
    withValue: `${BUY}&ref=${CODE}`,
  },
  visitParam: {
    landing: `/?a=${CODE}`,
    observe: (h) => href('buy')!.replace(h.getAttribution()!.visit, '<visit>'),
    byDefault: `${BUY}&af=${CODE}&xcod=<visit>`,
    value: 'visita',
    attribute: 'visita',
    withValue: `${BUY}&af=${CODE}&visita=<visit>`,
  },
  checkoutHosts: {
    landing: `/?a=${CODE}`,
    observe: () => [href('buy') != BUY, href('own') != OWN],
    byDefault: [true, false],
    value: ['checkout.shop.example'],
    attribute: 'checkout.shop.example',
    withValue: [false, true],
  },
  forward: {
    landing: `/?a=${CODE}&utm_source=fb&gclid=g1`,
    observe: (h) => [h.getAttribution()!.params, href('buy')],
    byDefault: [{ utm_source: 'fb', gclid: 'g1' }, `${BUY}&af=${CODE}&utm_source=fb&gclid=g1`],
    value: ['gclid'],
    attribute: 'gclid',
    withValue: [{ gclid: 'g1' }, `${BUY}&af=${CODE}&gclid=g1`],
  },
  consent: {
    landing: `/?a=${CODE}`,
    observe: (h) => [cookieNames(), h.getAttribution()!.storage, href('buy')],
    byDefault: [['hotlinks'], 'cookie', `${BUY}&af=${CODE}`],
    value: 'pending',
    attribute: 'pending',
    withValue: [[], 'memory', `${BUY}&af=${CODE}`],
  },
  cleanUrl: {
    landing: `/curso?a=${CODE}&x=1#preco`,
    observe: () => location.pathname + location.search + location.hash,
    byDefault: `/curso?a=${CODE}&x=1#preco`,
    value: true,
    attribute: '',
    withValue: '/curso?x=1#preco',
  },
  decorate: {
    landing: `/?a=${CODE}`,
    observe: () => href('buy'),
    byDefault: `${BUY}&af=${CODE}`,
    value: false,
    attribute: 'false',
    withValue: BUY,
  },
  crossDomain: {
    landing: `/?a=${CODE}`,
    observe: (h) => href('other')!.replace(`${h.getAttribution()!.capturedAt.toString(36)}.${h.getAttribution()!.visit}`, '<hand-off>'),
    byDefault: OTHER_SITE,
    value: ['curso.example'],
    attribute: 'curso.example',
    withValue: `${OTHER_SITE}?a=${CODE}&hotlinks=<hand-off>`,
  },
  collect: {
    landing: `/?a=${CODE}`,
    setup: () => {
      vi.stubGlobal('fetch', vi.fn(() => Promise.resolve(new Response(null, { status: 204 }))));
      return vi.spyOn(navigator, 'sendBeacon').mockReturnValue(true);
    },
    observe: (_, beacon) => (beacon as ReturnType<typeof vi.fn>).mock.calls.map(([url]) => url),
    byDefault: [],
    value: '/api/hotlinks',
    attribute: '/api/hotlinks',
    // A path is this site's, resolved against the page's own address (never a `<base href>`).
    withValue: ['https://www.shop.example/api/hotlinks'],
  },
  datalayer: {
    landing: `/?a=${CODE}`,
    observe: () =>
      ((window as { dataLayer?: { event?: string; hotlinks?: { affiliate: string } }[] }).dataLayer ?? [])
        .filter((entry) => entry.event)
        .map((entry) => [entry.event, entry.hotlinks?.affiliate]),
    byDefault: [],
    value: true,
    attribute: 'true',
    withValue: [['hotlinks_attribution', CODE]],
  },
  debug: {
    landing: `/?a=${CODE}`,
    setup: () => vi.spyOn(console, 'info').mockImplementation(() => {}),
    observe: (_, info) => (info as ReturnType<typeof vi.fn>).mock.calls.some(([first]) => String(first).startsWith('[hotlinks]')),
    byDefault: false,
    value: true,
    attribute: '',
    withValue: true,
  },
};

/** `cookieDays` → `data-cookie-days`. */
const attributeOf = (key: string) => 'data-' + key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());

describe("what each option of docs/CONTRACT.md's table does", () => {
  usePage(ORIGIN + '/', BODY);

  const run = async (row: Row, startWith: () => HotLinks) => {
    setUrl(row.landing);
    const context = row.setup?.();
    const hotlinks = startWith();
    await settle();
    return row.observe(hotlinks, context);
  };

  it('covers every option', async () => {
    const { optionNames } = await import('../../src/config/validate');
    expect(Object.keys(rows)).toEqual(optionNames);
  });

  describe.each(Object.entries(rows))('%s', (key, row) => {
    it('by default', async () => {
      // The visit id's row with the shipped default (the other rows' links leave it out: see page.ts).
      expect(await run(row, () => start(key == 'visitParam' ? { visitParam: undefined } : {}))).toEqual(row.byDefault);
    });

    it(`init({ ${key}: ${JSON.stringify(row.value)} })`, async () => {
      expect(row.withValue).not.toEqual(row.byDefault);
      expect(await run(row, () => start({ [key]: row.value }))).toEqual(row.withValue);
    });

    it(`${attributeOf(key)}="${row.attribute}" on the drop-in's script tag`, async () => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      const script = document.createElement('script');
      script.setAttribute(attributeOf(key), row.attribute);
      if (key != 'visitParam') script.setAttribute('data-visit-param', 'false');
      vi.spyOn(Document.prototype, 'currentScript', 'get').mockReturnValue(script);
      const observed = await run(row, () => {
        startDropin();
        return (window as unknown as { HotLinks: { init(): HotLinks } }).HotLinks.init();
      });
      // No warning about the attribute (this script has no src, so a companion file it loads, such as
      // the reporter of data-collect, is said not to load: that warning is cdn.test.ts's subject).
      expect(warn.mock.calls.filter(([message]) => !/^\[hotlinks\] hotlinks-[a-z]+\.js could not load/.test(message))).toEqual([]);
      expect(observed).toEqual(row.withValue);
    });
  });

  it('collect: the beacon carries the attribution report as JSON, and a checkout report on departure', async () => {
    vi.stubGlobal('fetch', vi.fn(() => Promise.resolve(new Response(null, { status: 204 }))));
    const beacon = vi.spyOn(navigator, 'sendBeacon').mockReturnValue(true);
    setUrl(`/curso?a=${CODE}&utm_source=fb`);
    start({ collect: '/api/hotlinks' });
    const link = document.getElementById('buy')!;
    link.addEventListener('click', (e) => e.preventDefault());
    link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    const reports = await Promise.all(beacon.mock.calls.map(([, body]) => (body as Blob).text().then(JSON.parse)));
    expect(reports).toEqual([
      expect.objectContaining({ event: 'attribution', affiliate: CODE, page: `${ORIGIN}/curso`, params: { utm_source: 'fb' } }),
      expect.objectContaining({ event: 'checkout', affiliate: CODE, checkoutUrl: `${BUY}&af=${CODE}&utm_source=fb` }),
    ]);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('an invalid attribute is reported even without data-debug, and the page still works', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const script = document.createElement('script');
    script.setAttribute('data-checkout-param', 'a&b');
    vi.spyOn(Document.prototype, 'currentScript', 'get').mockReturnValue(script);
    setUrl(`/?a=${CODE}`);
    startDropin();
    await settle();
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^\[hotlinks\] data-checkout-param .*"a&b".*; the default is used$/));
    const { visit } = (window as unknown as { HotLinks: HotLinks }).HotLinks.getAttribution()!;
    expect(href('buy')).toBe(`${BUY}&af=${CODE}&xcod=${visit}`);
  });
});

/**
 * The settings the journeys added or changed, one row each, as a producer writes them on the built
 * drop-in's tag and as `init()` takes them: `data-consent` (granted, pending, google, tcf),
 * `data-cross-domain`, and the default of `data-forward` (now with the ad click ids). Each row is
 * checked by what the visitor's browser then holds and where the links go.
 */
describe('the consent, cross-domain and forward settings, on the built drop-in and through init()', () => {
  const HOTLINK = 'https://pay.hotmart.com/A72242240H';
  const LANDING = `/curso?a=${CODE}&utm_source=fb&gclid=Cj0KCQ`;
  const PAGE = `<a id="buy" href="${HOTLINK}">Comprar</a><a id="other" href="https://curso.other.example/aula">Aula</a><a id="apex" href="https://other.example/">Site</a>`;
  const href = (id: string) => press(document.getElementById(id)!);

  describe('each setting on the drop-in tag', () => {
    usePage(ORIGIN + '/', PAGE);

    it.each([
      { attributes: {}, stored: CODE, buy: `${HOTLINK}?af=${CODE}&utm_source=fb&gclid=Cj0KCQ`, other: false },
      { attributes: { 'data-consent': 'granted' }, stored: CODE, buy: `${HOTLINK}?af=${CODE}&utm_source=fb&gclid=Cj0KCQ`, other: false },
      { attributes: { 'data-consent': 'pending' }, stored: undefined, buy: `${HOTLINK}?af=${CODE}&utm_source=fb&gclid=Cj0KCQ`, other: false },
      // The consent tool's code is a companion file, which happy-dom cannot load: the drop-in says so, and stores nothing.
      { attributes: { 'data-consent': 'google' }, stored: undefined, buy: `${HOTLINK}?af=${CODE}&utm_source=fb&gclid=Cj0KCQ`, other: false, companion: true },
      { attributes: { 'data-consent': 'tcf' }, stored: undefined, buy: `${HOTLINK}?af=${CODE}&utm_source=fb&gclid=Cj0KCQ`, other: false, companion: true },
      { attributes: { 'data-consent': 'yes' }, stored: CODE, buy: `${HOTLINK}?af=${CODE}&utm_source=fb&gclid=Cj0KCQ`, other: false, warning: 'data-consent' },
      { attributes: { 'data-forward': 'utm_source' }, stored: CODE, buy: `${HOTLINK}?af=${CODE}&utm_source=fb`, other: false },
      { attributes: { 'data-forward': 'gclid' }, stored: CODE, buy: `${HOTLINK}?af=${CODE}&gclid=Cj0KCQ`, other: false },
      { attributes: { 'data-cross-domain': 'curso.other.example' }, stored: CODE, buy: `${HOTLINK}?af=${CODE}&utm_source=fb&gclid=Cj0KCQ`, other: true, apex: false },
      { attributes: { 'data-cross-domain': '*.other.example' }, stored: CODE, buy: `${HOTLINK}?af=${CODE}&utm_source=fb&gclid=Cj0KCQ`, other: true, apex: true },
      { attributes: { 'data-cross-domain': 'other.example' }, stored: CODE, buy: `${HOTLINK}?af=${CODE}&utm_source=fb&gclid=Cj0KCQ`, other: false, apex: true },
      { attributes: { 'data-cross-domain': 'http://other.example' }, stored: CODE, buy: `${HOTLINK}?af=${CODE}&utm_source=fb&gclid=Cj0KCQ`, other: false, apex: false, warning: 'data-cross-domain' },
    ])('$attributes', async ({ attributes, stored, buy, other, apex = false, warning, companion = false }) => {
      setUrl(LANDING);
      const warnings = recordConsole('warn');
      await loadDropin('hotlinks-capture.js', attributes as Record<string, string>);
      expect(cookie()?.split('|')[1]).toBe(stored);
      // The drop-in's defaults: the visit id goes to checkout as xcod, and with the hand-off to the producer's other sites.
      const { capturedAt, visit } = pageApi().getAttribution();
      expect(href('buy')).toBe(`${buy}&xcod=${visit}`);
      const query = `a=${CODE}&utm_source=fb&gclid=Cj0KCQ&hotlinks=${capturedAt.toString(36)}.${visit}`;
      expect(href('other')).toBe('https://curso.other.example/aula' + (other ? '?' + query : ''));
      expect(href('apex')).toBe('https://other.example/' + (apex ? '?' + query : ''));
      expect(warnings).toEqual(
        warning
          ? [expect.stringMatching(new RegExp(`^\\[hotlinks\\] ${warning} .*; the default is used$`))]
          : companion
            ? [expect.stringMatching(/^\[hotlinks\] hotlinks-consent\.js could not load from .+: the consent tool is not followed: nothing is stored$/)]
            : [],
      );
    });
  });

  describe('the same settings through init()', () => {
    usePage(ORIGIN + '/', PAGE);

    it.each([
      { options: { consent: 'maybe' }, message: /^HotLinks\.init\(\): consent must be "granted", "pending", "google" or "tcf", got "maybe"$/ },
      { options: { crossDomain: 'curso.other.example' }, message: /^HotLinks\.init\(\): crossDomain must be .*, got "curso\.other\.example"$/ },
      { options: { crossDomain: ['Curso.Other.Example'] }, message: /^HotLinks\.init\(\): crossDomain must be .*, got \["Curso\.Other\.Example"\]$/ },
      { options: { crossDomain: ['*.*.other.example'] }, message: /^HotLinks\.init\(\): crossDomain must be / },
      { options: { forward: ['gclid', 'bad name'] }, message: /^HotLinks\.init\(\): forward must be / },
    ])('$options throws, naming the option', ({ options, message }) => {
      expect(() => init(options as never)).toThrow(message);
    });

    it.each([
      { options: { crossDomain: ['curso.other.example', '*.example.org'] }, option: 'crossDomain', value: ['curso.other.example', '*.example.org'] },
      { options: { consent: 'tcf' }, option: 'consent', value: 'tcf' },
      { options: {}, option: 'forward', value: ['src', 'sck', 'xcod', 'utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content', 'fbclid', 'gclid', 'gbraid', 'wbraid', 'ttclid', 'msclkid'] },
    ])('$options: $option is $value', ({ options, option, value }) => {
      expect(init(options as never).options[option as 'consent']).toEqual(value);
    });
  });
});
