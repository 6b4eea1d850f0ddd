/**
 * The loop with all its pieces, in Chromium: a page with the drop-in whose `data-collect` is a real
 * `hotlinks-embed serve` (the built command in a child process, on a copy of the migrated embedded
 * store: what a producer runs, and what `report` asks while it runs), Hotmart's webhook posted to
 * it, and `report --json`, the real command, read back. Then the dashboard that serve shows, whose
 * numbers must be report's for a store filled through the same receivers.
 */
import type { Request } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Revenue, Row, Summary } from '../../src/loop/summary-types';
import { delivery, report } from '../loop/fixtures';
import { LOOP_TOKEN, type LoopServer, startServe } from './harness/loop';
import { dropin, html } from './harness/site';
import { describeInBrowser, useBrowser } from './harness/suite';
import type { Visitor } from './harness/visitor';

const HOTLINK = 'https://pay.hotmart.com/A72242240H';
/** Every visitor of this file, so its tests take turns in one browser context; the dashboard then speaks English. */
const ENGLISH = { locale: 'en-US' };
const today = () => new Date().toISOString().slice(0, 10);

describeInBrowser('the loop: from an affiliate link to a Hotmart sale in report and on the dashboard', () => {
  const t = useBrowser();
  let serve: LoopServer;
  beforeAll(async () => {
    serve = await startServe();
    t.site.page(
      '/curso/',
      html(
        `<h1>Curso</h1><hotlink-buy-button hotlink="${HOTLINK}" offer="wlvonm69" price="197"><a href="${HOTLINK}?off=wlvonm69">Quero me inscrever</a></hotlink-buy-button>`,
        `<link rel="stylesheet" href="/dist/hotlinks.css">${dropin('hotlinks.js', { collect: `${serve.origin}/collect` })}`,
      ),
    );
  });
  afterAll(() => serve?.close());

  /** `v` lands on the course page from `query`, presses Buy, and reaches checkout; its checkout URL and visit id. */
  async function landAndBuy(v: Visitor, query: string): Promise<{ checkout: URL; visit: string }> {
    await v.page.goto(t.site.url('www.shop.test', `/curso/${query}`));
    await v.page.locator('hotlink-buy-button').getByRole('link').click();
    const checkout = new URL(await v.reachCheckout());
    return { checkout, visit: await v.visit() };
  }
  /** The reports the visitor's browser sent to serve's `/collect`, parsed. */
  const reportsSent = (v: Visitor) => v.posts.filter((post) => post.url == `${serve.origin}/collect`).map((post) => JSON.parse(post.body!));
  const row = (summary: Summary, code: string) => summary.affiliates.find((r) => r.code == code);

  it('a visitor lands with a code and presses Buy; a webhook for the xcod their checkout carried shows in report --json under the code, as captured; one Hotmart credited to nobody is lost', async () => {
    // The first visitor: an affiliate's link with campaign tags.
    const v = await t.visitor(ENGLISH);
    const first = await landAndBuy(v, '?a=O95340038V&utm_source=instagram&utm_campaign=lancamento');
    const xcod = first.checkout.searchParams.get('xcod');
    // The checkout URL carries the visit id the attribution holds (its cookie, its event), beside the code.
    expect(xcod).toBe(first.visit);
    expect(xcod).toMatch(/^[\w-]{11,64}$/);
    expect(first.checkout.searchParams.get('af')).toBe('O95340038V');
    expect(v.events.filter((e) => e.type == 'hotlinks-attribution').map((e) => e.detail.visit)).toEqual([xcod]);
    // The drop-in sent serve both reports, each naming that visit.
    await expect.poll(() => reportsSent(v).map((r) => [r.event, r.affiliate, r.visit])).toEqual([
      ['attribution', 'O95340038V', xcod],
      ['checkout', 'O95340038V', xcod],
    ]);
    // serve stored the visit and the departure under the code, before any sale.
    let before!: Summary;
    await expect.poll(async () => row((before = await serve.summary()), 'O95340038V')).toEqual({ code: 'O95340038V', visits: 1, checkouts: 1, sales: 0, refunds: 0, revenue: {} });

    // Hotmart's webhook: the purchase approved, with the checkout's xcod echoed in its origin and the
    // affiliate it credited.
    const sold = delivery({ id: `e2e-journey-${xcod}`, transaction: 'HP0E2E00001', approved: Date.now(), origin: { xcod: xcod! }, affiliate: 'O95340038V' });
    expect(await serve.deliver(sold)).toEqual({ status: 200, body: 'kept' });

    // The second visitor (the same browser, its cookies gone: a new visit): another affiliate's
    // link; Hotmart then credits nobody.
    await v.context.clearCookies();
    const second = await landAndBuy(v, '?a=Q100328287K&utm_source=youtube');
    expect(second.visit).not.toBe(xcod);
    expect(second.checkout.searchParams.get('xcod')).toBe(second.visit);
    await expect.poll(async () => row(await serve.summary(), 'Q100328287K')?.checkouts).toBe(1);
    const unpaid = delivery({ id: `e2e-journey-${second.visit}`, transaction: 'HP0E2E00002', approved: Date.now(), origin: { xcod: second.visit }, affiliate: null });
    expect(await serve.deliver(unpaid)).toEqual({ status: 200, body: 'kept' });
    // What report --json says, the real command asking the running serve: a delivery answered
    // `kept` is in the next summary.
    const after = await serve.report();
    expect(after.totals.sales).toBe(before.totals.sales + 2);
    expect(after.to).toBe(today());
    expect(row(after, 'O95340038V')).toEqual({ code: 'O95340038V', visits: 1, checkouts: 1, sales: 1, refunds: 0, revenue: { BRL: 197 } });
    expect(row(after, 'Q100328287K')).toEqual({ code: 'Q100328287K', visits: 1, checkouts: 1, sales: 1, refunds: 0, revenue: { BRL: 197 } });
    expect(after.sources).toEqual(
      expect.arrayContaining([{ source: 'instagram', campaign: 'lancamento', visits: 1, checkouts: 1, sales: 1, refunds: 0, revenue: { BRL: 197 } }]),
    );
    expect(after.credit.asCaptured - before.credit.asCaptured).toBe(1);
    expect(after.credit.lost - before.credit.lost).toBe(1);
    expect(after.creditRevenue.asCaptured.BRL - (before.creditRevenue.asCaptured.BRL ?? 0)).toBe(197);
    expect(after.creditSales.filter((s) => s.transaction.startsWith('HP0E2E'))).toEqual([
      { class: 'lost', transaction: 'HP0E2E00002', date: expect.any(String), captured: 'Q100328287K', credited: null, value: 197, currency: 'BRL' },
    ]);
    expect(v.refused).toEqual([]);
    expect(v.errors).toEqual([]);
  });

  it('the dashboard shows report --json\'s numbers for a store filled through serve\'s receivers: each credit class, an affiliate row and a campaign row; it asks nothing of another host and logs no error', async () => {
    // Visits and departures, as the drop-in reports them, then Hotmart's deliveries: a sale in each
    // credit class, two currencies, a refund.
    const visits: [visit: string, affiliate: string | null, params: Record<string, string>, departs: boolean][] = [
      ['dashVisitAsCaptured1', 'H55501234P', { utm_source: 'instagram', utm_campaign: 'lancamento-marco' }, true],
      ['dashVisitAsCaptured2', 'H55501234P', { utm_source: 'instagram', utm_campaign: 'lancamento-marco' }, true],
      ['dashVisitBrowsing01', 'H55501234P', { utm_source: 'instagram', utm_campaign: 'lancamento-marco' }, false],
      ['dashVisitLost00001', 'J77701234K', { utm_source: 'youtube', utm_campaign: 'aula-gratis' }, true],
      ['dashVisitOther0001', 'K88801234M', { utm_source: 'instagram', utm_campaign: 'lancamento-marco' }, true],
      ['dashVisitNoCode001', null, { utm_source: 'google', utm_campaign: 'busca' }, true],
    ];
    for (const [visit, affiliate, params, departs] of visits) {
      expect(await serve.collect(report('attribution', visit, affiliate, params))).toBe(204);
      if (departs) expect(await serve.collect(report('checkout', visit, affiliate, params))).toBe(204);
    }
    const now = Date.now();
    const sales = [
      delivery({ id: 'dash-1', transaction: 'HP0DASH0001', approved: now, value: 297, origin: { xcod: 'dashVisitAsCaptured1' }, affiliate: 'H55501234P' }),
      delivery({ id: 'dash-2', transaction: 'HP0DASH0002', approved: now, value: 49, currency: 'USD', origin: { xcod: 'dashVisitAsCaptured2' }, affiliate: 'H55501234P' }),
      delivery({ id: 'dash-2r', event: 'PURCHASE_REFUNDED', transaction: 'HP0DASH0002', approved: now, value: 49, currency: 'USD', origin: null, affiliate: 'H55501234P' }),
      delivery({ id: 'dash-3', transaction: 'HP0DASH0003', approved: now, value: 197, origin: { xcod: 'dashVisitLost00001' }, affiliate: null }),
      delivery({ id: 'dash-4', transaction: 'HP0DASH0004', approved: now, value: 197, origin: { xcod: 'dashVisitOther0001' }, affiliate: 'X99887766Y' }),
      delivery({ id: 'dash-5', transaction: 'HP0DASH0005', approved: now, value: 97, origin: { xcod: 'dashVisitNoCode001' }, affiliate: 'W3620259P' }),
      delivery({ id: 'dash-6', transaction: 'HP0DASH0006', approved: now, value: 197, origin: { xcod: 'a-visit-we-never-issued' }, affiliate: 'H55501234P' }),
    ];
    for (const body of sales) expect(await serve.deliver(body)).toEqual({ status: 200, body: 'kept' });
    const days = { from: today(), to: today() };
    const expected = await serve.report(days);
    expect(expected.creditSales.filter((s) => s.transaction.startsWith('HP0DASH')).map((s) => `${s.transaction} ${s.class}`).sort()).toEqual([
      'HP0DASH0003 lost',
      'HP0DASH0004 otherAffiliate',
    ]);
    for (const name of ['asCaptured', 'lost', 'otherAffiliate', 'hotmartOnly', 'unjoined'] as const) expect(expected.credit[name], name).toBeGreaterThan(0);

    // The producer logs in with the token and opens that day.
    const v = await t.visitor(ENGLISH);
    const requests: string[] = [];
    v.page.on('request', (request: Request) => requests.push(request.url()));
    await v.page.goto(serve.origin + '/');
    await v.page.getByLabel('Dashboard token').fill(LOOP_TOKEN);
    await v.page.getByRole('button', { name: 'Log in' }).click();
    await v.page.waitForSelector('#dashboard[data-state="ready"]');
    await v.page.goto(`${serve.origin}/?from=${days.from}&to=${days.to}`);
    await v.page.waitForSelector('#dashboard[data-state="ready"]');

    /** Counts as the page formats them (en-US: 1,234), read back as numbers. */
    const count = (text: string) => Number(text.replace(/,/g, ''));
    /** Money as this browser's Intl writes it for en-US, one line per currency, in currency-code order. */
    const money = (revenue: Revenue) =>
      v.page.evaluate(
        (entries) => entries.map(([code, value]) => new Intl.NumberFormat('en-US', { style: 'currency', currency: code }).format(value)).join('\n'),
        Object.entries(revenue).sort(([a], [b]) => (a < b ? -1 : 1)),
      );
    const figure = (name: string) => v.page.locator(`[data-figure="${name}"] .value`).innerText();

    // Headline figures.
    expect(count(await figure('visitsWithCode'))).toBe(expected.totals.visitsWithCode);
    expect(count(await figure('checkouts'))).toBe(expected.totals.checkouts);
    expect(count(await figure('sales'))).toBe(expected.totals.sales);
    expect(count(await figure('refunds'))).toBe(expected.totals.refunds);
    expect(await figure('revenue')).toBe(await money(expected.totals.revenue));

    // The credit check: each class's sales and revenue.
    for (const name of ['asCaptured', 'lost', 'otherAffiliate', 'hotmartOnly', 'unjoined'] as const) {
      const cells = v.page.locator(`table.classes tr[data-class="${name}"] td`);
      expect(count(await cells.nth(0).innerText()), name).toBe(expected.credit[name]);
      expect(await cells.nth(1).innerText(), name).toBe(await money(expected.creditRevenue[name]));
    }
    // The sales to look at: the lost one and the one credited to another affiliate, by transaction.
    const listed = await v.page.locator('#credit tbody code').allInnerTexts();
    for (const sale of expected.creditSales) expect(listed).toContain(sale.transaction);

    /** A funnel row as the page shows it, found by its row header(s): its counts, and its revenue cells one per line. */
    const shownRow = async (section: string, names: string[]) => {
      const headers = (await v.page.locator(`#${section} thead th`).allInnerTexts()).map((label) => label.replace(/[▲▼↕]$/, ''));
      const rows = v.page.locator(`#${section} tbody tr`);
      for (let i = 0; i < (await rows.count()); i++) {
        const cells = await rows.nth(i).locator('th, td').allInnerTexts();
        if (!names.every((name, j) => cells[j] == name)) continue;
        const cell = (label: string) => cells[headers.indexOf(label)];
        const revenue = headers.flatMap((label, j) => (label.startsWith('Revenue (') && cells[j] != '—' ? [cells[j]] : []));
        return { visits: count(cell('Visits')), checkouts: count(cell('Departures')), sales: count(cell('Sales')), refunds: count(cell('Refunds')), revenue: revenue.join('\n') };
      }
      throw new Error(`no row ${names.join(' / ')} in #${section}`);
    };
    const asShown = async ({ visits, checkouts, sales, refunds, revenue }: Row) => ({ visits, checkouts, sales, refunds, revenue: await money(revenue) });

    // An affiliate's row (two sales, one refunded; a visit that did not depart), and a campaign's.
    const affiliate = expected.affiliates.find((r) => r.code == 'H55501234P')!;
    expect(affiliate).toMatchObject({ visits: 3, checkouts: 2, sales: 2, refunds: 1 });
    expect(await shownRow('affiliates', ['H55501234P'])).toEqual(await asShown(affiliate));
    const campaign = expected.sources.find((r) => r.source == 'instagram' && r.campaign == 'lancamento-marco')!;
    expect(campaign).toMatchObject({ visits: 4, checkouts: 3, sales: 3 });
    expect(await shownRow('campaigns', ['instagram', 'lancamento-marco'])).toEqual(await asShown(campaign));

    // Every request went to serve's own origin; nothing was refused, nothing logged as an error.
    expect(requests.filter((url) => !url.startsWith(serve.origin + '/'))).toEqual([]);
    expect(v.refused).toEqual([]);
    expect(v.errors).toEqual([]);
    expect(v.violations).toEqual([]);
    expect(v.console.filter((line) => /^(error|warning)/.test(line))).toEqual([]);
  });
});
