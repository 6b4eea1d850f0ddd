/**
 * The landing URL is written by whoever sent the visitor, and the cookie by whoever had the
 * browser before. A hostile or malformed value is ignored (no cookie, no attribution, no
 * exception) and the visitor still reaches checkout. Cookies that cannot be used leave the
 * attribution in memory for the page.
 */
import { describe, expect, it } from 'vitest';
import {
  CODE,
  DAY,
  ORIGIN,
  click,
  cookie,
  press,
  recordCookieWrites,
  reload,
  setUrl,
  start,
  stubCookie,
  usePage,
  VISIT,
} from '../support/page';

const BUY = 'https://pay.hotmart.com/A72242240H?off=abc';
/** The checkout link's href once the visitor presses it. */
const buy = () => press(document.getElementById('buy')!);

const long = 'O' + '9'.repeat(9998) + 'V';

/** Affiliate codes as they arrive in `?a=`, already URL-encoded. */
const hostileCodes: [label: string, encoded: string][] = [
  ['a script tag', encodeURIComponent('<script>alert(1)</script>')],
  ['a code followed by a script tag', encodeURIComponent(CODE + '<script>alert(1)</script>')],
  ['a raw ";domain=" cookie attribute', CODE + ';domain=evil.example'],
  ['an encoded ";domain=" cookie attribute', encodeURIComponent(CODE + '; Domain=evil.example; Path=/')],
  ['CR/LF header injection', encodeURIComponent(CODE + '\r\nSet-Cookie: evil=1')],
  ['a trailing LF', CODE + '%0A'],
  ['a NUL', CODE + '%00'],
  ['10,000 characters of code shape', long],
  ['10,000 capital letters', 'A'.repeat(10_000)],
  ['a Cyrillic capital O', encodeURIComponent('\u041e95340038V')],
  ['a Cyrillic capital Ve at the end', encodeURIComponent('O95340038\u0412')],
  ['fullwidth letters and digits', encodeURIComponent('\uff2f\uff19\uff15\uff13\uff14\uff10\uff10\uff13\uff18\uff36')],
  ['Arabic-Indic digits', encodeURIComponent('O\u0669\u0665\u0663\u0664\u0660\u0660\u0663\u0668V')],
  ['a lowercase code', CODE.toLowerCase()],
  ['a mixed-case code', 'o95340038V'],
  ['surrounding spaces', '%20' + CODE + '%20'],
  ['a double-encoded separator', CODE + '%253B'],
  ['broken percent-encoding', CODE + '%E0%A4%A'],
  ['a lone surrogate', encodeURIComponent(CODE) + '%ED%A0%80'],
];

describe('hostile affiliate codes in the landing URL', () => {
  usePage(ORIGIN + '/', `<a id="buy" href="${BUY}">Buy</a>`);

  it.each(hostileCodes)('%s: no cookie, no attribution, no event; checkout still works', (_, encoded) => {
    const writes = recordCookieWrites();
    const events: Event[] = [];
    document.addEventListener('hotlinks-attribution', (e) => events.push(e));
    setUrl(`/curso?a=${encoded}&x=1`);
    const hotlinks = start({ cleanUrl: true });
    expect(hotlinks.getAttribution()).toBeNull();
    expect(document.cookie).toBe('');
    expect(writes.filter((w) => w.startsWith('hotlinks='))).toEqual([]);
    expect(events).toEqual([]);
    // Not captured, so not cleaned either: the URL is the page's business.
    expect(location.search).toContain('x=1');
    expect(buy()).toBe(BUY);
    expect(click(document.getElementById('buy')!)).toBe(BUY);
    expect(hotlinks.checkoutUrl('https://pay.hotmart.com/J84635582W')).toBe('https://pay.hotmart.com/J84635582W');
  });

  it.each(hostileCodes)('%s, beside a valid code in a later parameter: the valid one is captured', (_, encoded) => {
    setUrl(`/?a=${encoded}&ref=${CODE}`);
    expect(start().getAttribution()?.affiliate).toBe(CODE);
  });
});

/** Forwarded values (`utm_source=...`), URL-encoded. */
const hostileParams: [label: string, encoded: string][] = [
  ['a script tag', encodeURIComponent('<script>alert(1)</script>')],
  ['an attribute breakout', encodeURIComponent('fb" onmouseover="alert(1)')],
  ['a raw ";domain=" cookie attribute', 'fb;domain=evil.example'],
  ['an encoded ";domain=" cookie attribute', encodeURIComponent('fb; Domain=evil.example; Path=/')],
  ['CR/LF header injection', encodeURIComponent('fb\r\nSet-Cookie: evil=1')],
  ['a NUL', 'fb%00'],
  ['10,000 characters', 'f'.repeat(10_000)],
];

describe('hostile forwarded values in the landing URL', () => {
  usePage(ORIGIN + '/', `<a id="buy" href="${BUY}">Buy</a>`);

  it.each(hostileParams)('%s: dropped; the code and the other parameters are kept', (_, encoded) => {
    const writes = recordCookieWrites();
    setUrl(`/?a=${CODE}&utm_source=${encoded}&utm_medium=cpc`);
    const hotlinks = start();
    expect(hotlinks.getAttribution()).toMatchObject({ affiliate: CODE, params: { utm_medium: 'cpc' }, storage: 'cookie' });
    expect(hotlinks.getAttribution()!.params).not.toHaveProperty('utm_source');
    expect(writes.join('\n')).not.toMatch(/evil|script|onmouseover|f{300}/i);
    expect(buy()).toBe(`${BUY}&af=${CODE}&utm_medium=cpc`);
  });

  it.each(hostileParams)('%s, without a code: no cookie, no attribution; checkout still works', (_, encoded) => {
    setUrl(`/?utm_source=${encoded}`);
    const hotlinks = start();
    expect(hotlinks.getAttribution()).toBeNull();
    expect(document.cookie).toBe('');
    expect(buy()).toBe(BUY);
    expect(click(document.getElementById('buy')!)).toBe(BUY);
  });

  it('ordinary campaign text is kept as it is, accents and spaces included', () => {
    setUrl(`/?a=${CODE}&utm_campaign=${encodeURIComponent('Promoção Dia das Mães | 50% off')}`);
    const hotlinks = start();
    expect(hotlinks.getAttribution()!.params).toEqual({ utm_campaign: 'Promoção Dia das Mães | 50% off' });
    expect(new URL(buy()!).searchParams.get('utm_campaign')).toBe('Promoção Dia das Mães | 50% off');
    expect(reload('/').getAttribution()!.params).toEqual({ utm_campaign: 'Promoção Dia das Mães | 50% off' });
  });
});

describe('the checkout parameter among the forwarded ones (a producer who adds "af" to data-forward)', () => {
  usePage(ORIGIN + '/', `<a id="buy" href="${BUY}">Buy</a>`);

  it('an invalid code in it never reaches checkout: only a validated code goes out as af', () => {
    setUrl('/curso?af=evil-not-a-code&utm_source=fb');
    const hotlinks = start({ forward: ['af', 'utm_source'] });
    // No code: a source, its tags kept; the invalid value never goes out as the checkout parameter.
    expect(hotlinks.getAttribution()).toMatchObject({ affiliate: null });
    expect(buy()).toBe(`${BUY}&utm_source=fb`);
    expect(hotlinks.checkoutUrl('https://pay.hotmart.com/A72242240H')).toBe('https://pay.hotmart.com/A72242240H?utm_source=fb');
  });

  it('with a valid code, af is that code, once', () => {
    setUrl(`/curso?a=${CODE}&af=W3620259P`);
    start({ forward: ['af'] });
    expect(buy()).toBe(`${BUY}&af=${CODE}`);
  });
});

describe('a tampered stored cookie is discarded and deleted', () => {
  usePage(ORIGIN + '/', `<a id="buy" href="${BUY}">Buy</a>`);

  const now = Date.now();
  const t = (ms: number) => ms.toString(36);
  const value = (fields: string[]) => fields.join('|');
  const good = ['2', CODE, t(now - DAY), t(now + 59 * DAY), encodeURIComponent('utm_source=fb'), 'mJIDFq3bN0xk-_7Z'];
  const withField = (i: number, field: string) => value(good.map((f, j) => (j == i ? field : f)));

  it('(the untampered value is accepted: the cases below differ from it in one thing)', () => {
    document.cookie = `hotlinks=${value(good)}; path=/; domain=shop.example`;
    expect(start().getAttribution()).toMatchObject({ affiliate: CODE, params: { utm_source: 'fb' }, visit: VISIT, storage: 'cookie' });
    expect(cookie()).toBe(value(good));
  });

  it.each([
    ['another version', withField(0, '3')],
    ['the first version (no visit id)', ['1', ...good.slice(1, 5)].join('|')],
    ['a visit id too short', withField(5, 'abc')],
    ['a visit id with a character outside A-Z a-z 0-9 _ -', withField(5, 'mJIDFq3bN0xk+_7Z')],
    ['no visit id', withField(5, '')],
    ['neither a code nor a visit', value(['2', '', t(now - DAY), t(now + 59 * DAY), '', ''])],
    ['no version', withField(0, '')],
    ['a capture time that is not base 36', withField(2, t(now - DAY) + '!')],
    ['a negative capture time', withField(2, '-' + t(DAY))],
    ['an absurdly long time', withField(3, 'z'.repeat(13))],
    ['already expired', withField(3, t(now - 1000))],
    ['expiring before its capture', value(['2', CODE, t(now - DAY), t(now - 2 * DAY), '', good[5]])],
    ['captured more than a day in the future', value(['2', CODE, t(now + DAY + 3_600_000), t(now + 60 * DAY), '', good[5]])],
    ['an expiry beyond 400 days', value(['2', CODE, t(now - DAY), t(now + 400 * DAY), '', good[5]])],
    ['a code that does not match the pattern', withField(1, CODE.toLowerCase())],
    ['a script tag for a code', withField(1, encodeURIComponent('<script>alert(1)</script>'))],
    ['a Cyrillic look-alike code', withField(1, encodeURIComponent('\u041e95340038V'))],
    ['broken percent-encoding in the params', withField(4, 'utm_source%3D%E0%A4%A')],
    ['broken percent-encoding in the code', withField(1, CODE + '%E0')],
    ['a stored param with CR/LF', withField(4, encodeURIComponent('utm_source=fb%0D%0ASet-Cookie:x'))],
    ['a stored param with a script tag', withField(4, encodeURIComponent('utm_source=%3Cscript%3E'))],
    ['five fields', good.slice(0, 5).join('|')],
    ['seven fields', value([...good, 'x'])],
    ['one field', CODE],
    ['too long', withField(4, encodeURIComponent('utm_source=' + 'f'.repeat(3000)))],
    ['JSON instead', encodeURIComponent(JSON.stringify({ affiliate: CODE }))],
  ])('%s', (_, tampered) => {
    for (const domain of ['; domain=shop.example', '']) {
      document.cookie = `hotlinks=${tampered}; path=/${domain}`;
      expect(cookie()).toBe(tampered);
      let hotlinks!: ReturnType<typeof start>;
      expect(() => (hotlinks = start())).not.toThrow();
      expect(hotlinks.getAttribution()).toBeNull();
      expect(cookie()).toBeUndefined();
      expect(buy()).toBe(BUY);
    }
  });

  it('a tampered cookie gives way to a new valid code', () => {
    document.cookie = `hotlinks=${withField(0, '9')}; path=/; domain=shop.example`;
    setUrl('/?a=' + CODE);
    expect(start().getAttribution()).toMatchObject({ affiliate: CODE, storage: 'cookie' });
    expect(cookie()).toMatch(new RegExp(`^2\\|${CODE}\\|`));
  });
});

describe('cookies blocked', () => {
  usePage(ORIGIN + '/', `<a id="buy" href="${BUY}">Buy</a>`);

  const blocked = {
    'document.cookie throws': () =>
      stubCookie(
        () => {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
        () => {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      ),
    'writes are silently refused': () =>
      stubCookie(
        () => '',
        () => {},
      ),
    'reads work, writes throw': () =>
      stubCookie(
        () => 'other=1',
        () => {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      ),
  };

  it.each(Object.entries(blocked))('%s: the attribution lives in memory, nothing throws', (_, block) => {
    block();
    const events: Event[] = [];
    document.addEventListener('hotlinks-attribution', (e) => events.push(e));
    setUrl(`/?a=${CODE}&utm_source=fb`);
    const hotlinks = start();
    expect(hotlinks.getAttribution()).toMatchObject({ affiliate: CODE, params: { utm_source: 'fb' }, storage: 'memory' });
    expect(events).toHaveLength(1);
    expect(buy()).toBe(`${BUY}&af=${CODE}&utm_source=fb`);
    expect(click(document.getElementById('buy')!)).toBe(`${BUY}&af=${CODE}&utm_source=fb`);

    expect(() => hotlinks.consent(true)).not.toThrow();
    expect(hotlinks.getAttribution()).toMatchObject({ affiliate: CODE, storage: 'memory' });
    expect(() => history.pushState(null, '', '/?a=Q100328287K')).not.toThrow();
    expect(hotlinks.getAttribution()?.affiliate).toBe('Q100328287K');
    expect(() => hotlinks.consent(false)).not.toThrow();
    expect(() => hotlinks.clear()).not.toThrow();
    expect(hotlinks.getAttribution()).toBeNull();
    expect(buy()).toBe(BUY);
  });

  it('the same with the getter and setter stubbed on the prototype', () => {
    let proto: object | null = document;
    while (proto && !Object.getOwnPropertyDescriptor(proto, 'cookie')) proto = Object.getPrototypeOf(proto);
    const original = Object.getOwnPropertyDescriptor(proto!, 'cookie')!;
    const fail = () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    };
    Object.defineProperty(proto!, 'cookie', { configurable: true, get: fail, set: fail });
    try {
      setUrl('/?a=' + CODE);
      const hotlinks = start();
      expect(hotlinks.getAttribution()).toMatchObject({ affiliate: CODE, storage: 'memory' });
      expect(buy()).toBe(`${BUY}&af=${CODE}`);
    } finally {
      Object.defineProperty(proto!, 'cookie', original);
    }
  });
});
