/**
 * What reaches the producer's `collect` endpoint, as the beacon carries it: one `checkout` report per
 * departure however fast the visitor clicks, and never a buyer's personal data, whatever the
 * parameter is called or wherever an e-mail address hides.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CODE, ORIGIN, click, reload, setUrl, start, usePage } from '../support/page';
import { clickAndFollow, mount, startCore } from '../button/button';

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
