/**
 * The browser's reports, as the producer's endpoint and Tag Manager receive them. Requests are
 * answered by msw; `sendBeacon` is replaced by a stand-in that behaves as a browser's does (the
 * request is queued, its fate never reaches the page), so each delivery path can be driven.
 */
import { HttpResponse, delay, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { reportSchema } from '../../src/report/report-schema';
import { clickAndFollow, mount, startCore } from '../button/button';
import { CODE, ORIGIN, click, reload, setUrl, start, usePage } from '../support/page';

interface Sent {
  url: string;
  method: string;
  contentType: string | null;
  body: Record<string, unknown>;
}

let sent: Sent[] = [];
/** How the endpoint answers: set per test. */
let answer: () => Promise<Response> | Response = () => new HttpResponse(null, { status: 204 });

const record = http.post(/\/api\/hotlinks$|^https:\/\/collect\.example\//, async ({ request }) => {
  sent.push({
    url: request.url,
    method: request.method,
    contentType: request.headers.get('content-type'),
    body: JSON.parse(await request.text()),
  });
  return answer();
});
const server = setupServer(record);

/**
 * Every test is a new page load, but the reporter's module state (the last departure, for the
 * one-report-per-departure rule: the same URL within 2 s) outlives a test here, as it would not
 * in a browser: each test runs on a clock 10 s after the previous one's.
 */
let clock = Date.now();
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime((clock += 10_000));
});
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

/** How the browser delivers: `sendBeacon`, or `fetch` with keepalive when there is no beacon or it refuses. */
const deliveries = {
  beacon: () => {
    const beacon = vi.fn((url: string | URL, data?: BodyInit | null) => {
      fetch(url, { method: 'POST', body: data, keepalive: true }).catch(() => {});
      return true;
    });
    vi.stubGlobal('navigator', Object.assign(Object.create(navigator), { sendBeacon: beacon }));
    return beacon;
  },
  'fetch (no sendBeacon)': () => {
    vi.stubGlobal('navigator', Object.assign(Object.create(navigator), { sendBeacon: undefined }));
  },
  'fetch (beacon queue full)': () => {
    vi.stubGlobal('navigator', Object.assign(Object.create(navigator), { sendBeacon: vi.fn(() => false) }));
  },
  'fetch (sendBeacon throws)': () => {
    vi.stubGlobal(
      'navigator',
      Object.assign(Object.create(navigator), {
        sendBeacon: vi.fn(() => {
          throw new TypeError('Beacons are not allowed here');
        }),
      }),
    );
  },
};

const LANDING = ORIGIN + '/curso/?a=' + CODE + '&utm_source=fb&sck=HOTMART_SITE#preco';
const PAGE = '<a id="buy" href="https://pay.hotmart.com/A72242240H?off=abc">Comprar</a>';
const DECORATED = `https://pay.hotmart.com/A72242240H?off=abc&af=${CODE}&sck=HOTMART_SITE&utm_source=fb`;
const buy = () => document.getElementById('buy')!;
const settle = (ms = 50) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * Waits until `count` reports have arrived however slow the machine is, then `ms` more for any
 * report that should not come (a duplicate, a retry), which the test's exact comparison then shows.
 */
const arrived = async (count: number, ms = 50) => {
  await vi.waitFor(() => expect(sent.length).toBeGreaterThanOrEqual(count), { timeout: 10_000 });
  await settle(ms);
};

describe('reports to the producer', () => {
  usePage(ORIGIN + '/', PAGE);
  beforeEach(() => {
    sent = [];
    answer = () => new HttpResponse(null, { status: 204 });
  });
  afterEach(() => server.resetHandlers());

  describe.each(Object.entries(deliveries))('delivered by %s', (_, deliver) => {
    beforeEach(() => void deliver());

    it('sends one attribution report on the landing and one checkout report on the way to checkout', async () => {
      const { visit } = reload(LANDING, { collect: '/api/hotlinks' }).getAttribution()!;
      await arrived(1);
      expect(sent).toEqual([
        {
          url: ORIGIN + '/api/hotlinks',
          method: 'POST',
          // A Blob's type is lowercased, so a beacon's is; fetch sends it as given.
          contentType: expect.stringMatching(/^text\/plain;charset=utf-8$/i),
          body: {
            event: 'attribution',
            affiliate: CODE,
            visit,
            page: ORIGIN + '/curso/',
            params: { utm_source: 'fb', sck: 'HOTMART_SITE' },
            timestamp: expect.any(Number),
          },
        },
      ]);
      expect(Math.abs((sent[0].body.timestamp as number) - Date.now())).toBeLessThan(5000);

      expect(click(buy())).toBe(DECORATED);
      await arrived(2);
      expect(sent).toHaveLength(2);
      expect(sent[1].body).toEqual({
        event: 'checkout',
        affiliate: CODE,
        visit,
        page: ORIGIN + '/curso/',
        params: { utm_source: 'fb', sck: 'HOTMART_SITE' },
        checkoutUrl: DECORATED,
        timestamp: expect.any(Number),
      });
      // What the browser sends is what the server accepts.
      for (const { body } of sent) expect(reportSchema.safeParse(body).success).toBe(true);
    });

    it.each([
      ['answers 500', () => new HttpResponse('oops', { status: 500 })],
      ['never answers', async () => (await delay('infinite'), new HttpResponse(null))],
      ['cannot be reached', () => HttpResponse.error()],
    ])('when the endpoint %s: the visitor reaches checkout at once, nothing is retried or thrown', async (_, failure) => {
      answer = failure;
      const errors: unknown[] = [];
      const onError = (event: ErrorEvent | PromiseRejectionEvent) => errors.push(event);
      window.addEventListener('error', onError);
      window.addEventListener('unhandledrejection', onError);
      reload(LANDING, { collect: '/api/hotlinks' });
      const began = performance.now();
      const destination = click(buy());
      const took = performance.now() - began;
      // The click went through in the same task, with the report still in flight (or never answered):
      // nothing waited for the endpoint. (A generous bound: a loaded CI machine is slow, not blocked.)
      expect(destination).toBe(DECORATED);
      expect(took).toBeLessThan(1000);
      await arrived(2, 300);
      expect(sent.map((s) => s.body.event)).toEqual(['attribution', 'checkout']);
      expect(errors).toEqual([]);
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onError);
    });
  });

  it('sends to an endpoint on another origin', async () => {
    deliveries.beacon();
    reload(LANDING, { collect: 'https://collect.example/hotlinks?site=1' });
    await arrived(1);
    expect(sent.map((s) => [s.url, s.body.event])).toEqual([['https://collect.example/hotlinks?site=1', 'attribution']]);
  });

  it('sends nothing when no endpoint is configured, and still decorates and navigates', async () => {
    const beacon = deliveries.beacon();
    reload(LANDING);
    expect(click(buy())).toBe(DECORATED);
    await settle();
    expect(beacon).not.toHaveBeenCalled();
    expect(sent).toEqual([]);
  });

  it('reports a visit and a checkout without an affiliate (a source: tracking tags only)', async () => {
    deliveries.beacon();
    const { visit } = reload(ORIGIN + '/curso?utm_source=google', { collect: '/api/hotlinks' }).getAttribution()!;
    expect(click(buy())).toBe('https://pay.hotmart.com/A72242240H?off=abc&utm_source=google');
    await arrived(2);
    const report = { affiliate: null, visit, page: ORIGIN + '/curso', params: { utm_source: 'google' }, timestamp: expect.any(Number) };
    expect(sent.map((s) => s.body)).toEqual([
      { event: 'attribution', ...report },
      { event: 'checkout', ...report, checkoutUrl: 'https://pay.hotmart.com/A72242240H?off=abc&utm_source=google' },
    ]);
  });

  it('leaves the buyer personal data of prefilled checkout links out of reports', async () => {
    deliveries.beacon();
    document.body.innerHTML = '<a id="buy" href="https://pay.hotmart.com/A72242240H?email=ana%40mail.example&name=Ana&off=abc">Comprar</a>';
    start({ collect: '/api/hotlinks', datalayer: true });
    const destination = click(buy());
    expect(destination).toBe('https://pay.hotmart.com/A72242240H?email=ana%40mail.example&name=Ana&off=abc');
    await arrived(1);
    expect(sent.map((s) => s.body.checkoutUrl)).toEqual(['https://pay.hotmart.com/A72242240H?off=abc']);
    expect(JSON.stringify((window as { dataLayer?: unknown }).dataLayer)).not.toMatch(/ana|Ana/);
  });

  it('sends nothing while consent is pending, and reports once it is granted (the waiting attribution too)', async () => {
    const beacon = deliveries.beacon();
    const hotlinks = reload(LANDING, { collect: '/api/hotlinks', datalayer: true, consent: 'pending' });
    expect(click(buy())).toBe(DECORATED);
    await settle();
    expect(beacon).not.toHaveBeenCalled();
    expect(sent).toEqual([]);
    expect((window as { dataLayer?: unknown }).dataLayer).toBeUndefined();

    hotlinks.consent(true);
    expect(click(buy())).toBe(DECORATED);
    await arrived(2);
    expect(sent.map((s) => s.body.event)).toEqual(['attribution', 'checkout']);
  });

  it('does not report a checkout the page cancelled', async () => {
    deliveries.beacon();
    reload(LANDING, { collect: '/api/hotlinks' });
    document.addEventListener('hotlinks-checkout', (event) => event.preventDefault(), { once: true });
    expect(click(buy())).toBeUndefined();
    await arrived(1);
    expect(sent.map((s) => s.body.event)).toEqual(['attribution']);
  });
});

describe('reports to Google Tag Manager', () => {
  usePage(ORIGIN + '/', PAGE);
  beforeEach(() => {
    sent = [];
    deliveries.beacon();
  });
  const dataLayer = () => (window as { dataLayer?: unknown[] }).dataLayer;

  it('pushes hotlinks_attribution and hotlinks_checkout events onto the page dataLayer', () => {
    // The Tag Manager snippet creates dataLayer before any script runs: it must be kept.
    const gtm = [{ 'gtm.start': 1, event: 'gtm.js' }];
    (window as { dataLayer?: unknown[] }).dataLayer = gtm;
    const { visit } = reload(LANDING, { datalayer: true }).getAttribution()!;
    click(buy());
    expect(dataLayer()).toBe(gtm);
    const report = { affiliate: CODE, visit, page: ORIGIN + '/curso/', params: { utm_source: 'fb', sck: 'HOTMART_SITE' }, timestamp: expect.any(Number) };
    expect(gtm).toEqual([
      { 'gtm.start': 1, event: 'gtm.js' },
      // Tag Manager merges pushes into one model: each report first clears the previous one's fields.
      { hotlinks: null },
      { event: 'hotlinks_attribution', hotlinks: { event: 'attribution', ...report } },
      { hotlinks: null },
      { event: 'hotlinks_checkout', hotlinks: { event: 'checkout', ...report, checkoutUrl: DECORATED } },
    ]);
    expect(sent).toEqual([]);
  });

  it('creates dataLayer when the page has none', () => {
    reload(LANDING, { datalayer: true });
    expect(dataLayer()?.map((entry) => (entry as { event?: string }).event)).toEqual([undefined, 'hotlinks_attribution']);
  });

  it.each([
    ['not an array', () => ((window as { dataLayer?: unknown }).dataLayer = 42)],
    ['frozen', () => ((window as { dataLayer?: unknown }).dataLayer = Object.freeze([]))],
  ])('survives a page dataLayer that is %s, and still sends to collect', async (_, spoil) => {
    spoil();
    expect(() => reload(LANDING, { datalayer: true, collect: '/api/hotlinks' })).not.toThrow();
    expect(click(buy())).toBe(DECORATED);
    await arrived(2);
    expect(sent.map((s) => s.body.event)).toEqual(['attribution', 'checkout']);
  });
});

/**
 * What reaches the producer's `collect` endpoint, as the beacon carries it: one `checkout` report per
 * departure however fast the visitor clicks, and never a buyer's personal data, whatever the
 * parameter is called or wherever an e-mail address hides.
 */
describe('trust: once per departure, and no personal data', () => {
  interface Sent {
    url: string;
    body: Record<string, any>;
  }

  /** Replaces `navigator.sendBeacon` with a recorder that accepts every beacon, as a browser does. */
  function recordBeacons() {
    const beacons: { url: string; data: Blob }[] = [];
    const sendBeacon = (url: string | URL, data?: BodyInit | null) => (beacons.push({ url: String(url), data: data as Blob }), true);
    vi.stubGlobal('navigator', Object.assign(Object.create(navigator), { sendBeacon }));
    return async (): Promise<Sent[]> => Promise.all(beacons.map(async (b) => ({ url: b.url, body: JSON.parse(await b.data.text()) })));
  }
  const checkouts = (sent: Sent[]) => sent.filter((s) => s.body.event == 'checkout');

  let unique = 0;
  /** A HotLink of its own for each test, so a report names the test it came from. */
  const hotlink = () => `https://pay.hotmart.com/A72242240H?off=t${++unique}`;

  describe('a double-click leaves once: one checkout report', () => {
    usePage(ORIGIN + '/');
    let sent: () => Promise<Sent[]>;
    beforeEach(() => {
      sent = recordBeacons();
      setUrl(`/curso?a=${CODE}`);
    });

    const ways = {
      'a checkout link': async (href: string) => {
        start({ collect: '/api/hotlinks' });
        document.body.innerHTML = `<a id="buy" href="${href}">Comprar</a>`;
        return () => click(document.getElementById('buy')!);
      },
      'a Buy button': async (href: string) => {
        // decorate: false: happy-dom does not retarget the button's inner click for the page's listener.
        startCore({ decorate: false, collect: '/api/hotlinks' });
        const el = await mount(`<hotlink-buy-button hotlink="${href}"></hotlink-buy-button>`);
        return () => clickAndFollow(el)?.url;
      },
    };

    it.each(Object.entries(ways))('%s clicked twice: two events, both to checkout, one report', async (_, setup) => {
      const href = hotlink();
      const press = await setup(href);
      const events: string[] = [];
      document.addEventListener('hotlinks-checkout', (e) => events.push(e.detail.url));
      const reached = [press(), press()];
      expect(reached).toEqual([`${href}&af=${CODE}`, `${href}&af=${CODE}`]);
      expect(events).toEqual(reached);
      const reports = checkouts(await sent());
      expect(reports.map((r) => [r.url, r.body.checkoutUrl])).toEqual([[ORIGIN + '/api/hotlinks', `${href}&af=${CODE}`]]);
    });

    it.each(Object.entries(ways))('%s: clicks 1.5 s apart are one departure; 2 s after the last, a new one', async (_, setup) => {
      const href = hotlink();
      const press = await setup(href);
      vi.useFakeTimers({ toFake: ['Date'] });
      press();
      vi.advanceTimersByTime(1500);
      press();
      vi.advanceTimersByTime(1500);
      press();
      expect(checkouts(await sent())).toHaveLength(1);
      vi.advanceTimersByTime(2001);
      press();
      expect(checkouts(await sent())).toHaveLength(2);
    });

    it.each(Object.entries(ways))('%s: the wall clock set back between two departures does not swallow the second', async (_, setup) => {
      const href = hotlink();
      const press = await setup(href);
      vi.useFakeTimers({ toFake: ['Date'] });
      press();
      // The phone corrects its clock by an hour before the visitor comes back and clicks again.
      vi.setSystemTime(Date.now() - 3_600_000);
      press();
      expect(checkouts(await sent())).toHaveLength(2);
    });

    it('a new page clicked at once after the last one left: its own departure, reported', async () => {
      const href = hotlink();
      const page = `<a id="buy" href="${href}">Comprar</a>`;
      start({ collect: '/api/hotlinks' });
      document.body.innerHTML = page;
      click(document.getElementById('buy')!);
      // The visitor comes back (a reload, another tab of the site) and clicks the same link within 2 s.
      reload(`/curso?a=${CODE}`, { collect: '/api/hotlinks' });
      document.body.innerHTML = page;
      click(document.getElementById('buy')!);
      expect(checkouts(await sent())).toHaveLength(2);
    });

    it('two different checkout links clicked in a row are two departures', async () => {
      start({ collect: '/api/hotlinks' });
      const [a, b] = [hotlink(), hotlink()];
      document.body.innerHTML = `<a id="a" href="${a}">A</a><a id="b" href="${b}">B</a>`;
      click(document.getElementById('a')!);
      click(document.getElementById('b')!);
      expect(checkouts(await sent()).map((r) => r.body.checkoutUrl)).toEqual([`${a}&af=${CODE}`, `${b}&af=${CODE}`]);
    });
  });

  describe('personal data never reaches a report', () => {
    usePage(ORIGIN + '/');

    it.each([
      { param: 'EMAIL', value: 'ana' },
      { param: 'Email', value: 'ana' },
      { param: 'email', value: 'ana' },
      { param: 'e-mail', value: 'ana' },
      { param: 'e_mail', value: 'ana' },
      { param: 'mail', value: 'ana' },
      { param: 'cpf', value: '12345678900' },
      { param: 'CPF', value: '12345678900' },
      { param: 'nome', value: 'Ana Souza' },
      { param: 'Nome', value: 'Ana' },
      { param: 'name', value: 'Ana' },
      { param: 'phone', value: '11999999999' },
      { param: 'phone_number', value: '11999999999' },
      { param: 'telefone', value: '11999999999' },
      { param: 'utm_content', value: 'ana@x.com' },
      { param: 'utm_term', value: 'ANA.SOUZA@mail.example.com.br' },
      { param: 'sck', value: 'lead_ana@x.com' },
      // Brazilian and other spellings, compound names, and an e-mail in any width.
      { param: 'cpf_cnpj', value: '12345678900' },
      { param: 'nome_completo', value: 'Ana Souza' },
      { param: 'telefone_celular', value: '11999999999' },
      { param: 'whats', value: '11999999999' },
      { param: 'data_nascimento', value: '1990-02-03' },
      { param: 'city', value: 'Campinas' },
      { param: 'firstName', value: 'Ana' },
      { param: 'Endereco_Entrega', value: 'Rua Um' },
      { param: 'utm_content', value: 'ana\uff20x.com' },
      { param: 'sck', value: 'ana\uff20mail.example' },
    ])('$param=$value: not in params, not in checkoutUrl; the rest of the report kept', async ({ param, value }) => {
      const sent = recordBeacons();
      const href = hotlink();
      setUrl(`/curso?a=${CODE}&utm_source=fb&${encodeURIComponent(param)}=${encodeURIComponent(value)}`);
      start({ collect: '/api/hotlinks', forward: ['utm_source', 'utm_content', 'utm_term', 'sck', param] });
      // The page's own checkout link carries it too, as a prefill.
      const own = `${href}&${encodeURIComponent(param)}=${encodeURIComponent(value)}`;
      document.body.innerHTML = `<a id="buy" href="${own.replace(/&/g, '&amp;')}">Comprar</a>`;
      const reached = click(document.getElementById('buy')!);
      // The visitor's checkout keeps it (it is the producer's link); only the report loses it.
      expect(new URL(reached!).searchParams.get(param)).toBe(value);

      const reports = await sent();
      expect(reports.map((r) => r.body.event)).toEqual(['attribution', 'checkout']);
      for (const { body } of reports) {
        expect(body.params).toEqual({ utm_source: 'fb' });
        expect(JSON.stringify(body)).not.toContain(value.split('@')[0]);
      }
      const reported = new URL(reports[1].body.checkoutUrl);
      expect([...reported.searchParams.keys()]).toEqual(['off', 'af', 'utm_source']);
      expect(reported.searchParams.get('af')).toBe(CODE);
    });

    it('an e-mail in the page path or the checkout path: that segment is left out of the report', async () => {
      const sent = recordBeacons();
      setUrl(`/obrigado/ana%40mail.example/fim?a=${CODE}`);
      start({ collect: '/api/hotlinks' });
      document.body.innerHTML = `<a id="buy" href="https://pay.hotmart.com/ana@mail.example/A72242240H">Comprar</a>`;
      click(document.getElementById('buy')!);
      const reports = await sent();
      expect(reports.map((r) => r.body.page)).toEqual([`${ORIGIN}/obrigado/(removed)/fim`, `${ORIGIN}/obrigado/(removed)/fim`]);
      expect(reports[1].body.checkoutUrl).toBe(`https://pay.hotmart.com/(removed)/A72242240H?af=${CODE}`);
      expect(JSON.stringify(reports)).not.toMatch(/ana/);
    });
  });
});

describe('the reporter at its edges', () => {
  usePage(ORIGIN + '/', PAGE);
  beforeEach(() => {
    sent = [];
    localStorage.removeItem('hotlinks:reported');
  });
  const events = () => sent.map((s) => s.body.event);

  it('a reload, a back navigation or a second tab on the landing is the same capture: one attribution report, remembered on the device', async () => {
    deliveries.beacon();
    const { visit, capturedAt } = reload(LANDING, { collect: '/api/hotlinks' }).getAttribution()!;
    reload(LANDING, { collect: '/api/hotlinks' });
    await arrived(1, 100);
    expect(events()).toEqual(['attribution']);
    expect(Object.fromEntries(Object.entries(localStorage))).toEqual({ 'hotlinks:reported': `${visit}.${capturedAt}` });
    // A new code is a new capture, reported.
    reload(ORIGIN + '/curso/?a=Q100328287K', { collect: '/api/hotlinks' });
    await arrived(2, 100);
    expect(sent.map((s) => [s.body.event, s.body.affiliate])).toEqual([['attribution', CODE], ['attribution', 'Q100328287K']]);
  });

  it('a page without reporting keeps nothing on the device for it; with collect alone, dataLayer is left alone', async () => {
    deliveries.beacon();
    reload(LANDING);
    click(buy());
    expect(localStorage.getItem('hotlinks:reported')).toBeNull();
    reload(ORIGIN + '/curso/?a=Q100328287K', { collect: '/api/hotlinks' });
    await arrived(1);
    expect((window as { dataLayer?: unknown }).dataLayer).toBeUndefined();
  });

  it('clicks on the same checkout link less than 2 s after the last are one departure; 2 s after, a new one', async () => {
    deliveries.beacon();
    reload(LANDING, { collect: '/api/hotlinks' });
    const t = Date.now();
    for (const at of [0, 1999, 3998, 5998, 7997]) {
      vi.setSystemTime(t + at);
      click(buy());
    }
    await arrived(3, 100);
    expect(sent.filter((s) => s.body.event == 'checkout').map((s) => (s.body.timestamp as number) - t)).toEqual([0, 5998]);
  });

  it('without a beacon, fetch is asked to keep the request alive past the page the visitor is leaving', () => {
    vi.stubGlobal('navigator', Object.assign(Object.create(navigator), { sendBeacon: undefined }));
    const fetch = vi.fn(() => Promise.resolve(new Response(null, { status: 204 })));
    vi.stubGlobal('fetch', fetch);
    reload(LANDING, { collect: '/api/hotlinks' });
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenCalledWith(ORIGIN + '/api/hotlinks', { method: 'POST', body: expect.stringMatching(/^\{"event":"attribution",/), keepalive: true });
  });

  it('consent granted on a page without a landing sends no attribution report (none waited); granted twice, one', async () => {
    deliveries.beacon();
    reload(LANDING);
    const later = reload(ORIGIN + '/outra', { collect: '/api/hotlinks', consent: 'pending' });
    click(buy());
    later.consent(true);
    later.consent(true);
    click(buy());
    await arrived(1, 100);
    expect(events()).toEqual(['checkout']);

    sent = [];
    const landing = reload(ORIGIN + '/curso/?a=Q100328287K', { collect: '/api/hotlinks', consent: 'pending' });
    landing.consent(true);
    landing.consent(true);
    await arrived(1, 100);
    expect(events()).toEqual(['attribution']);
  });

  it.each([
    { param: 'buyerEmail', kept: false },
    { param: 'postal_code', kept: false },
    // Words that only end or begin like one of those names are no personal data.
    { param: 'vip', kept: true },
    { param: 'dobra', kept: true },
    { param: 'hotel', kept: true },
  ])('a tag named $param: kept $kept', async ({ param, kept }) => {
    deliveries.beacon();
    reload(`${ORIGIN}/curso/?a=${CODE}&${encodeURIComponent(param)}=x1`, { collect: '/api/hotlinks', forward: [param] });
    await arrived(1);
    expect(sent[0].body.params).toEqual(kept ? { [param]: 'x1' } : {});
  });

  it.each(['endereço', 'Endereço_Entrega', 'ENDEREÇO'])("a checkout link's prefill field %s (accented) is left out of the report", async (field) => {
    deliveries.beacon();
    reload(LANDING, { collect: '/api/hotlinks' });
    document.body.innerHTML = `<a id="buy" href="https://pay.hotmart.com/A72242240H?off=abc&amp;${encodeURIComponent(field)}=Rua%20Um">Comprar</a>`;
    click(buy());
    await arrived(2);
    expect(sent[1].body.checkoutUrl).toBe(DECORATED);
  });
});
