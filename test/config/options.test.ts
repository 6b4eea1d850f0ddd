/**
 * Every row of the configuration table in docs/CONTRACT.md: its default, a valid non-default value, and an
 * invalid one, through all three doors: the drop-in's `data-*` attributes (`optionsFromDataset`
 * and the real `startDropin()`), and the ESM `init()`. What each value does to the page is in
 * `test/config/options-effects.test.ts`.
 */
import { describe, expect, it, vi } from 'vitest';
import { attributeName, optionNames, optionsFromDataset } from '../../src/config/validate';
import { startDropin } from '../../src/dropin/start';
import { init } from '../../src/instance';
import { CODE, DAY, cookie, setUrl, usePage } from '../support/page';

interface Row {
  attribute: string;
  /** The default as docs/CONTRACT.md states it, resolved. */
  default: unknown;
  /** Attribute text of a valid non-default value, and the option it becomes. */
  valid: [text: string, value: unknown][];
  /** Attribute texts that are not valid: reported by name, the default used. */
  invalid: string[];
  /** Values `init()` must refuse. */
  invalidInit: unknown[];
}

/** The longest values each check takes: 32 list items, a 200-character pattern, a 253-character host, a 2,000-character URL. */
const LIST_OF_32 = Array.from({ length: 32 }, (_, i) => `p${i}`);
const PATTERN_OF_200 = '^' + 'A'.repeat(198) + '$';
const HOST_OF_253 = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(57)}.com`;
const PATH_OF_2000 = '/' + 'x'.repeat(1999);

/** docs/CONTRACT.md's table, row by row. */
const table: Record<string, Row> = {
  params: {
    attribute: 'data-params',
    default: ['a', 'af', 'aff', 'affiliate', 'ref'],
    valid: [['ref, partner_id', ['ref', 'partner_id']], ['via', ['via']], [LIST_OF_32.join(','), LIST_OF_32]],
    invalid: ['a,b c', ',', 'a;b', 'x'.repeat(65)],
    invalidInit: ['a', [], ['a b'], [1], Array(33).fill('a')],
  },
  codePattern: {
    attribute: 'data-code-pattern',
    default: '^[A-Z][0-9]{7,9}[A-Z]$',
    valid: [['^AF[0-9]{4}$', '^AF[0-9]{4}$'], [PATTERN_OF_200, PATTERN_OF_200]],
    invalid: ['[', '(unclosed', 'x'.repeat(201)],
    invalidInit: ['', '*', /x/, 42, ['^[A-Z]+$']],
  },
  attribution: {
    attribute: 'data-attribution',
    default: 'last-click',
    valid: [['first-click', 'first-click'], [' last-click ', 'last-click']],
    invalid: ['first', 'First-Click', 'multi-click'],
    invalidInit: ['first', null, true],
  },
  cookieDays: {
    attribute: 'data-cookie-days',
    default: 60,
    valid: [['90', 90], ['1', 1], ['400', 400], ['forever', 'forever']],
    invalid: ['0', '401', 'abc', '1.5', '-3', '60d', 'Forever', '1e2'],
    invalidInit: [0, 401, 1.5, '90', 'never', NaN, Infinity],
  },
  cookieDomain: {
    attribute: 'data-cookie-domain',
    default: 'auto',
    valid: [['shop.example', 'shop.example'], ['www.shop.example', 'www.shop.example'], [HOST_OF_253, HOST_OF_253]],
    invalid: ['Shop.Example', '.shop.example', 'shop.example; path=/', 'localhost', 'https://shop.example', HOST_OF_253.replace('.com', 'd.com')],
    invalidInit: ['AUTO', 'shop.example.', '', ['shop.example']],
  },
  cookieName: {
    attribute: 'data-cookie-name',
    default: 'hotlinks',
    valid: [['aff_ref', 'aff_ref'], ['2026', '2026']],
    invalid: ['a b', 'x;domain=evil.example', 'x'.repeat(65), 'ação'],
    invalidInit: ['', 'a=b', 7],
  },
  checkoutParam: {
    attribute: 'data-checkout-param',
    default: 'af',
    valid: [['affiliate', 'affiliate'], ['a.ff-1_x', 'a.ff-1_x']],
    invalid: ['a&b', 'a=b', 'a b'],
    invalidInit: ['', ['af'], 'af#'],
  },
  visitParam: {
    attribute: 'data-visit-param',
    default: 'xcod',
    valid: [['false', false], ['visita', 'visita'], [' src ', 'src']],
    invalid: ['a&b', 'a b', 'x'.repeat(65)],
    invalidInit: ['', true, 'a=b', ['xcod']],
  },
  checkoutHosts: {
    attribute: 'data-checkout-hosts',
    default: ['pay.hotmart.com', 'payment.hotmart.com'],
    valid: [['checkout.shop.example, pay.hotmart.com', ['checkout.shop.example', 'pay.hotmart.com']]],
    invalid: ['https://pay.hotmart.com', 'Pay.Hotmart.com', 'pay.hotmart.com:443', '', ' , '],
    invalidInit: ['pay.hotmart.com', [], ['*.hotmart.com']],
  },
  forward: {
    attribute: 'data-forward',
    default: ['src', 'sck', 'xcod', 'utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content', 'fbclid', 'gclid', 'gbraid', 'wbraid', 'ttclid', 'msclkid'],
    valid: [['gclid, fbclid', ['gclid', 'fbclid']], ['', []], [LIST_OF_32.join(','), LIST_OF_32]],
    invalid: ['utm source', 'a,b&c', Array(33).fill('p').join(',')],
    invalidInit: ['utm_source', [''], [null]],
  },
  consent: {
    attribute: 'data-consent',
    default: 'granted',
    valid: [['pending', 'pending'], ['google', 'google'], ['tcf', 'tcf']],
    invalid: ['denied', 'true', 'Pending'],
    invalidInit: [true, 'yes'],
  },
  cleanUrl: {
    attribute: 'data-clean-url',
    default: false,
    valid: [['true', true], ['', true], ['false', false], ['all', 'all']],
    invalid: ['yes', '1', 'TRUE', 'All'],
    invalidInit: ['true', 1, 'everything'],
  },
  decorate: {
    attribute: 'data-decorate',
    default: true,
    valid: [['false', false]],
    invalid: ['no', '0'],
    invalidInit: ['false', 0],
  },
  crossDomain: {
    attribute: 'data-cross-domain',
    default: [],
    // A tenant's own host on a shared platform is a host like any other; a domain that merely starts like a public suffix is no suffix.
    valid: [['curso.example, *.example.org', ['curso.example', '*.example.org']], ['loja.kpages.online, *.art.studio', ['loja.kpages.online', '*.art.studio']]],
    // A public suffix behind "*." would decorate links to strangers' sites.
    invalid: ['https://curso.example', 'Curso.example', '*example.org', '*.com', '*.com.br', 'curso.example, *.co.uk', '*.kpages.online', '*.leadlovers.site'],
    invalidInit: ['curso.example', ['*.com'], ['curso.example:443'], ['*.net.br'], ['*.greatpages.com.br']],
  },
  collect: {
    attribute: 'data-collect',
    default: undefined,
    valid: [['/api/hotlinks', '/api/hotlinks'], ['https://collect.shop.example/h', 'https://collect.shop.example/h'], [PATH_OF_2000, PATH_OF_2000]],
    invalid: ['javascript:alert(1)', 'ftp://shop.example/x', 'data:text/plain,x', 'https://' + 'x'.repeat(2000), PATH_OF_2000 + 'x'],
    invalidInit: [true, 'mailto:x@shop.example'],
  },
  datalayer: {
    attribute: 'data-datalayer',
    default: false,
    valid: [['true', true], ['', true]],
    invalid: ['gtm', 'on'],
    invalidInit: ['true'],
  },
  debug: {
    attribute: 'data-debug',
    default: false,
    valid: [['', true], ['true', true]],
    invalid: ['verbose', '2'],
    invalidInit: [1, 'on'],
  },
};

const rows = Object.entries(table);

/** A real script tag with the given attributes, read the way the drop-in reads it. */
function scriptWith(attributes: Record<string, string>): HTMLScriptElement {
  const script = document.createElement('script');
  for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
  return script;
}

function fromAttributes(attributes: Record<string, string>) {
  const rejected: [string, string][] = [];
  const options = optionsFromDataset(scriptWith(attributes).dataset, (key, problem) => rejected.push([key, problem]));
  return { options, rejected };
}

describe("the configuration table of docs/CONTRACT.md", () => {
  it('has exactly the options of the schema, in its order', () => {
    expect(Object.keys(table)).toEqual(optionNames);
    for (const [key, row] of rows) expect(attributeName(key)).toBe(row.attribute);
  });

  it('no attributes: every default of docs/CONTRACT.md, nothing reported', () => {
    const { options, rejected } = fromAttributes({});
    expect(rejected).toEqual([]);
    for (const [key, row] of rows) expect(options[key as keyof typeof options], key).toEqual(row.default);
  });

  describe.each(rows)('%s', (key, row) => {
    it.each(row.valid)(`${row.attribute}=%j is used`, (text, value) => {
      const { options, rejected } = fromAttributes({ [row.attribute]: text });
      expect(rejected).toEqual([]);
      expect(options[key as keyof typeof options]).toEqual(value);
      // The other options keep their defaults.
      for (const [other, otherRow] of rows) if (other != key) expect(options[other as keyof typeof options]).toEqual(otherRow.default);
    });

    it.each(row.invalid)(`${row.attribute}=%j is reported by name and the default used`, (text) => {
      const { options, rejected } = fromAttributes({ [row.attribute]: text });
      expect(rejected).toHaveLength(1);
      expect(rejected[0][0]).toBe(key);
      expect(attributeName(rejected[0][0])).toBe(row.attribute);
      expect(rejected[0][1]).toMatch(/^must be .+, got .+/);
      expect(options[key as keyof typeof options]).toEqual(row.default);
    });

    it.each(row.invalidInit.map((value) => [value]))(`init({ ${key}: %j }) throws naming the option`, (value) => {
      expect(() => init({ [key]: value })).toThrow(new RegExp(`^HotLinks\\.init\\(\\): ${key} must be `));
    });
  });

  it('the message says what was expected and what was given', () => {
    const { rejected } = fromAttributes({ 'data-cookie-days': 'abc' });
    expect(rejected).toEqual([['cookieDays', 'must be a whole number of days from 1 to 400, or "forever", got "abc"']]);
    expect(() => init({ cookieDays: 0 })).toThrow('HotLinks.init(): cookieDays must be a whole number of days from 1 to 400, or "forever", got 0');
    // A 10,000-character value is shown, but shortened.
    expect(() => init({ cookieDays: 'x'.repeat(10_000) } as never)).toThrow(/^HotLinks\.init\(\): cookieDays must be .*, got "x{20}[x.]{0,100}$/);
  });

  it('init() refuses an option that does not exist, naming it', () => {
    expect(() => init({ cookieDay: 90 } as never)).toThrow(/^HotLinks\.init\(\): cookieDay is not an option \(the options are params, codePattern, /);
  });
});

describe('init() and a settings object spread with an empty field', () => {
  usePage();

  it('an option given as undefined is no option at all: nothing refused', () => {
    expect(init({ cookieDays: 30, cookieDay: undefined } as never).options.cookieDays).toBe(30);
  });
});

describe('the drop-in reads its own script tag', () => {
  usePage();

  const load = (attributes: Record<string, string>) => {
    const script = scriptWith(attributes);
    document.head.append(script);
    vi.spyOn(Document.prototype, 'currentScript', 'get').mockReturnValue(script);
    startDropin();
  };
  const api = () => (window as unknown as { HotLinks: typeof import('../../src/index') }).HotLinks;

  it.each(rows.flatMap(([key, row]) => row.invalid.slice(0, 1).map((text) => [row.attribute, text, key] as const)))(
    '%s=%j: a console warning naming it, and the default in force',
    (attribute, text, key) => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      load({ [attribute]: text });
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0][0]).toMatch(new RegExp(`^\\[hotlinks\\] ${attribute} must be .+, got .+; the default is used$`));
      expect((init().options as Record<string, unknown>)[key]).toEqual(table[key].default);
    },
  );

  it('valid attributes take effect and warn about nothing', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    setUrl('/curso?ref=' + CODE);
    load({ 'data-params': 'ref', 'data-cookie-days': 'forever', 'data-cookie-name': 'aff', 'data-datalayer': '' });
    expect(warn).not.toHaveBeenCalled();
    const attribution = api().getAttribution()!;
    expect(attribution).toMatchObject({ affiliate: CODE, storage: 'cookie' });
    expect(attribution.expiresAt - attribution.capturedAt).toBe(400 * DAY);
    expect(cookie('aff')).toMatch(new RegExp(`^2\\|${CODE}\\|`));
    expect(cookie('hotlinks')).toBeUndefined();
    expect((window as unknown as { dataLayer: unknown[] }).dataLayer).toContainEqual(
      expect.objectContaining({ event: 'hotlinks_attribution', hotlinks: expect.objectContaining({ affiliate: CODE }) }),
    );
  });

  it('an invalid value leaves the other attributes in force', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    setUrl('/curso?a=' + CODE);
    load({ 'data-cookie-days': '0', 'data-consent': 'pending' });
    expect(api().getAttribution()).toMatchObject({ affiliate: CODE, storage: 'memory' });
    expect(cookie()).toBeUndefined();
    const attribution = api().getAttribution()!;
    expect(attribution.expiresAt - attribution.capturedAt).toBe(60 * DAY);
  });

  it('loading it twice is harmless: one instance, one capture, the first settings', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const captured: unknown[] = [];
    document.addEventListener('hotlinks-attribution', (e) => captured.push(e.detail));
    setUrl('/curso?a=' + CODE);
    load({ 'data-cookie-name': 'first' });
    const first = api();
    load({ 'data-cookie-name': 'second' });
    expect(api()).toBe(first);
    expect(captured).toHaveLength(1);
    expect(cookie('first')).toBeDefined();
    expect(cookie('second')).toBeUndefined();
    expect(init().options.cookieName).toBe('first');
  });
});
