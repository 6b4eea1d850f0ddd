// @vitest-environment node
/**
 * The store's suite, on the embedded store and on PostgreSQL: what the reports and the webhook's
 * deliveries become, read back the way the producer reads them (the summary). Each test feeds the
 * loop as the receivers do (`onReport`, `onDelivery`), with the server's clock set.
 */
import { describe, expect, it } from 'vitest';
import { type Loop, openLoop } from '../../src/loop/loop';
import { MIGRATIONS, migrate } from '../../src/loop/migrations';
import { MAX_ROWS, parseRange } from '../../src/loop/summary';
import type { Summary } from '../../src/loop/summary-types';
import { parseDelivery } from '../../src/server/hotmart-delivery';
import { type DeliveryFacts, delivery, report } from './fixtures';
import { hasStore, storeKinds, useStore } from './stores';

const DAY = 86_400_000;
const T0 = Date.parse('2026-11-20T12:00:00Z');
const A = 'O95340038V';
const B = 'Q100328287K';
const C = 'W3620259P';

describe.each(storeKinds)('the store, %s', (kind) => {
  const held = useStore(kind);
  const suite = describe.skipIf(!hasStore(kind));

  /** A loop on the file's store, its clock at `clock.now`. */
  async function loopAt(clock = { now: T0 }) {
    const loop = await openLoop({ store: held.store, dataDir: held.dataDir, now: () => clock.now, ownsStore: false });
    return Object.assign(loop, { clock });
  }
  const visit = (n: number) => `visit-${String(n).padStart(8, '0')}`;
  const sale = async (loop: Loop, facts: DeliveryFacts) => {
    const parsed = parseDelivery(delivery(facts));
    if (!('delivery' in parsed)) throw new Error(JSON.stringify(parsed));
    await loop.onDelivery(parsed.delivery);
  };
  const summary = async (loop: Loop, range: { from?: string; to?: string } = {}): Promise<Summary> => {
    await loop.settled();
    return loop.summary(parseRange(range, T0));
  };
  const end = async (loop: Loop) => loop.close();

  suite('migrations', () => {
    it('are recorded once, and a store a newer version migrated is refused, naming the fix', async () => {
      expect(await migrate(held.store)).toEqual([]);
      const rows = await held.store.query<{ version: number }>('SELECT version FROM hotlinks_migrations ORDER BY version');
      expect(rows.map((row) => row.version)).toEqual(MIGRATIONS.map((m) => m.version));
      await held.store.query("INSERT INTO hotlinks_migrations (version, name) VALUES (999, 'from the future')");
      try {
        await expect(migrate(held.store)).rejects.toThrow(/migrated by a newer hotlinks-embed \(schema 999, this one knows up to 1\): upgrade hotlinks-embed/);
      } finally {
        await held.store.query('DELETE FROM hotlinks_migrations WHERE version = 999');
      }
    });
  });

  suite('an empty store', () => {
    it('sums to zeros, never nulls, and lists each day of the range', async () => {
      const loop = await loopAt();
      await sale(loop, { id: 'd1', transaction: 'HP1', approved: T0 - 40 * DAY });
      const s = await summary(loop, { from: '2026-11-19', to: '2026-11-20' });
      expect(s).toEqual({
        from: '2026-11-19',
        to: '2026-11-20',
        affiliates: [],
        sources: [],
        credit: { asCaptured: 0, lost: 0, otherAffiliate: 0, hotmartOnly: 0, unjoined: 0 },
        totals: { visits: 0, checkouts: 0, sales: 0, refunds: 0, revenue: {}, visitsWithCode: 0, chargebacks: 0 },
        days: [
          { date: '2026-11-19', visits: 0, checkouts: 0, sales: 0 },
          { date: '2026-11-20', visits: 0, checkouts: 0, sales: 0 },
        ],
        creditRevenue: { asCaptured: {}, lost: {}, otherAffiliate: {}, hotmartOnly: {}, unjoined: {} },
        creditSales: [],
      });
      await end(loop);
    });
  });

  suite('visits and departures', () => {
    it('count a visit once per visit id, a reload adding nothing; a report without one is a visit of its own', async () => {
      const loop = await loopAt();
      for (let i = 0; i < 3; i++) await loop.onReport(report('attribution', visit(1), A, { utm_source: 'fb', utm_campaign: 'launch' }));
      await loop.onReport(report('attribution', visit(2), null, { utm_source: 'google' }));
      await loop.onReport(report('attribution', undefined, B));
      await loop.onReport(report('attribution', undefined, B));
      await loop.onReport(report('checkout', visit(1), A, { utm_source: 'fb', utm_campaign: 'launch' }));
      await loop.onReport(report('checkout', visit(1), A, { utm_source: 'fb', utm_campaign: 'launch' }));
      const s = await summary(loop);
      expect(s.totals).toMatchObject({ visits: 4, visitsWithCode: 3, checkouts: 2, sales: 0 });
      expect(s.affiliates).toEqual([
        { code: A, visits: 1, checkouts: 2, sales: 0, refunds: 0, revenue: {} },
        { code: B, visits: 2, checkouts: 0, sales: 0, refunds: 0, revenue: {} },
      ]);
      expect(s.sources).toContainEqual({ source: 'fb', campaign: 'launch', visits: 1, checkouts: 2, sales: 0, refunds: 0, revenue: {} });
      expect(s.sources).toContainEqual({ source: 'google', campaign: null, visits: 1, checkouts: 0, sales: 0, refunds: 0, revenue: {} });
      await end(loop);
    });

    it('a code-less landing never displaces a code; a code displaces a code-less landing; the visit still counts once', async () => {
      const loop = await loopAt();
      await loop.onReport(report('attribution', visit(1), A, { utm_source: 'fb' }));
      await loop.onReport(report('attribution', visit(1), null, { utm_source: 'google' }));
      await loop.onReport(report('attribution', visit(2), null, { utm_source: 'google' }));
      await loop.onReport(report('attribution', visit(2), B, { utm_source: 'tiktok' }));
      const s = await summary(loop);
      expect(s.totals.visits).toBe(2);
      expect(s.affiliates.map(({ code, visits }) => ({ code, visits }))).toEqual([
        { code: A, visits: 1 },
        { code: B, visits: 1 },
      ]);
      expect(s.sources.map(({ source, visits }) => ({ source, visits }))).toEqual([
        { source: 'fb', visits: 1 },
        { source: 'tiktok', visits: 1 },
      ]);
      await end(loop);
    });

    it("are dated by the server's clock, not the visitor's", async () => {
      const loop = await loopAt();
      // The report says 2026-11-24 (the visitor's clock); the server received it on 2026-11-20.
      await loop.onReport(report('attribution', visit(1), A));
      loop.clock.now = T0 - 3 * DAY;
      await loop.onReport(report('attribution', visit(2), A));
      const s = await summary(loop, { from: '2026-11-17', to: '2026-11-20' });
      expect(s.days).toEqual([
        { date: '2026-11-17', visits: 1, checkouts: 0, sales: 0 },
        { date: '2026-11-18', visits: 0, checkouts: 0, sales: 0 },
        { date: '2026-11-19', visits: 0, checkouts: 0, sales: 0 },
        { date: '2026-11-20', visits: 1, checkouts: 0, sales: 0 },
      ]);
      expect((await summary(loop, { from: '2026-11-18', to: '2026-11-20' })).totals.visits).toBe(1);
      await end(loop);
    });

    it('keeps hostile text verbatim and harmless, and lists at most the biggest rows', async () => {
      const loop = await loopAt();
      const nasty = "O'Brien\"); DROP TABLE visits; --";
      await loop.onReport(report('attribution', visit(1), nasty, { utm_source: '\u00e9\u{1F600}<b>' }));
      await Promise.all(Array.from({ length: MAX_ROWS + 200 }, (_, i) => loop.onReport(report('attribution', visit(i + 10), `X${i}`))));
      const s = await summary(loop);
      expect(s.totals.visits).toBe(MAX_ROWS + 201);
      expect(s.affiliates).toHaveLength(MAX_ROWS);
      const all = await held.store.query<{ affiliate: string }>('SELECT affiliate FROM visits WHERE visit = $1', [visit(1)]);
      expect(all).toEqual([{ affiliate: nasty }]);
      expect(s.sources).toContainEqual(expect.objectContaining({ source: '\u00e9\u{1F600}<b>', visits: 1 }));
      await end(loop);
    });
  });

  suite('sales joined to visits', () => {
    it('sorts approved sales into the credit classes, by what the visit carried and whom Hotmart credited', async () => {
      const loop = await loopAt();
      // visit 1 carried A (credited A), 2 carried A (credited none), 3 carried A (credited B),
      // 4 carried none (credited C), 5 carried none (credited none: a direct sale, in no class), and one
      // sale names no visit of ours.
      const carried = [A, A, A, null, null];
      for (const [i, code] of carried.entries()) {
        await loop.onReport(report('attribution', visit(i + 1), code, { utm_source: 'fb' }));
        await loop.onReport(report('checkout', visit(i + 1), code, { utm_source: 'fb' }));
      }
      loop.clock.now += 60_000;
      const credited = [A, null, B, C, null];
      for (const [i, code] of credited.entries()) {
        await sale(loop, { id: `d${i}`, transaction: `HP${i}`, approved: loop.clock.now - 1000 + i, origin: { xcod: visit(i + 1) }, affiliate: code });
      }
      await sale(loop, { id: 'd9', transaction: 'HP9', approved: loop.clock.now, origin: { xcod: 'a-code-we-never-issued' }, affiliate: A });
      const s = await summary(loop);
      expect(s.credit).toEqual({ asCaptured: 1, lost: 1, otherAffiliate: 1, hotmartOnly: 1, unjoined: 1 });
      expect(s.creditRevenue).toEqual({ asCaptured: { BRL: 197 }, lost: { BRL: 197 }, otherAffiliate: { BRL: 197 }, hotmartOnly: { BRL: 197 }, unjoined: { BRL: 197 } });
      expect(s.totals).toMatchObject({ visits: 5, checkouts: 5, sales: 6, refunds: 0, revenue: { BRL: 6 * 197 } });
      // A sale counts in the row of its visit: three under A, the rest under no affiliate row.
      expect(s.affiliates).toEqual([{ code: A, visits: 3, checkouts: 3, sales: 3, refunds: 0, revenue: { BRL: 3 * 197 } }]);
      expect(s.sources).toEqual([{ source: 'fb', campaign: null, visits: 5, checkouts: 5, sales: 5, refunds: 0, revenue: { BRL: 5 * 197 } }]);
      expect(s.creditSales).toEqual([
        { class: 'otherAffiliate', transaction: 'HP2', date: new Date(loop.clock.now - 1000 + 2).toISOString(), captured: A, credited: B, value: 197, currency: 'BRL' },
        { class: 'lost', transaction: 'HP1', date: new Date(loop.clock.now - 1000 + 1).toISOString(), captured: A, credited: null, value: 197, currency: 'BRL' },
      ]);
      await end(loop);
    });

    it("takes the visit's last checkout report before the sale, whatever came later", async () => {
      const loop = await loopAt();
      await loop.onReport(report('attribution', visit(1), A, { utm_source: 'fb' }));
      await loop.onReport(report('checkout', visit(1), A, { utm_source: 'fb' }));
      loop.clock.now += 60_000;
      await loop.onReport(report('attribution', visit(1), B, { utm_source: 'google' }));
      await loop.onReport(report('checkout', visit(1), B, { utm_source: 'google' }));
      loop.clock.now += 60_000;
      await sale(loop, { id: 'd1', transaction: 'HP1', approved: loop.clock.now, origin: { xcod: visit(1) }, affiliate: B });
      loop.clock.now += 60_000;
      await loop.onReport(report('checkout', visit(1), C, { utm_source: 'bing' }));
      const s = await summary(loop);
      expect(s.credit.asCaptured).toBe(1);
      expect(s.affiliates.find((row) => row.code == B)).toMatchObject({ sales: 1 });
      expect(s.sources.find((row) => row.source == 'google')).toMatchObject({ sales: 1 });
      await end(loop);
    });

    it("joins through origin.xcode when xcod is absent, and a sale's checkout report may come after its delivery", async () => {
      const loop = await loopAt();
      await sale(loop, { id: 'd1', transaction: 'HP1', approved: loop.clock.now + 60_000, origin: { xcode: visit(1) }, affiliate: A });
      await loop.onReport(report('checkout', visit(1), A));
      expect((await summary(loop)).credit).toMatchObject({ asCaptured: 1, unjoined: 0 });
      await end(loop);
    });

    it('counts an order bump with its parent order, in either order of arrival', async () => {
      const loop = await loopAt();
      await loop.onReport(report('checkout', visit(1), A));
      await sale(loop, { id: 'bump', transaction: 'HP1B', parent: 'HP1', value: 47, origin: null, affiliate: A });
      let s = await summary(loop);
      expect(s.totals).toMatchObject({ sales: 1, revenue: { BRL: 47 } });
      await sale(loop, { id: 'main', transaction: 'HP1', value: 197, origin: { xcod: visit(1) }, affiliate: A });
      s = await summary(loop);
      expect(s.totals).toMatchObject({ sales: 1, revenue: { BRL: 244 } });
      expect(s.credit).toMatchObject({ asCaptured: 1, unjoined: 0 });
      expect(s.affiliates[0]).toMatchObject({ code: A, sales: 1, revenue: { BRL: 244 } });
      await end(loop);
    });

    it('a refund may come before its approval and without origin: the sale keeps its visit, counts as refunded, brings nothing', async () => {
      const loop = await loopAt();
      await loop.onReport(report('checkout', visit(1), A));
      await sale(loop, { id: 'refund', event: 'PURCHASE_REFUNDED', transaction: 'HP1', origin: null, affiliate: null });
      await sale(loop, { id: 'approval', transaction: 'HP1', origin: { xcod: visit(1) }, affiliate: A });
      await sale(loop, { id: 'chargeback', event: 'PURCHASE_CHARGEBACK', transaction: 'HP2', origin: null, affiliate: null, currency: 'USD', value: 50 });
      const s = await summary(loop);
      expect(s.credit).toEqual({ asCaptured: 1, lost: 0, otherAffiliate: 0, hotmartOnly: 0, unjoined: 1 });
      expect(s.totals).toMatchObject({ sales: 2, refunds: 2, chargebacks: 1, revenue: { BRL: 0, USD: 0 } });
      expect(s.affiliates[0]).toMatchObject({ code: A, sales: 1, refunds: 1, revenue: { BRL: 0 } });
      await end(loop);
    });

    it('counts a delivery sent twice once, and a sale in the range of its approval day', async () => {
      const loop = await loopAt();
      const approved = T0 - 2 * DAY;
      await sale(loop, { id: 'same', transaction: 'HP1', approved, value: 100, currency: 'USD' });
      await sale(loop, { id: 'same', transaction: 'HP1', approved, value: 100, currency: 'USD' });
      await sale(loop, { id: 'other', transaction: 'HP2', approved: T0, value: 197 });
      expect((await summary(loop)).totals).toMatchObject({ sales: 2, revenue: { USD: 100, BRL: 197 } });
      const onTheDay = await summary(loop, { from: '2026-11-18', to: '2026-11-18' });
      expect(onTheDay.totals).toMatchObject({ sales: 1, revenue: { USD: 100 } });
      expect(onTheDay.days).toEqual([{ date: '2026-11-18', visits: 0, checkouts: 0, sales: 1 }]);
      expect(await held.store.query('SELECT count(*)::int AS n FROM purchase_events')).toEqual([{ n: 2 }]);
      await end(loop);
    });

    it('dates a paid delivery that names neither its approval nor its creation by its arrival, so it is counted', async () => {
      const loop = await loopAt({ now: T0 - 3 * DAY });
      const body = delivery({ id: 'undated', transaction: 'HP1', value: 297 });
      const purchase = (body.data as { purchase: Record<string, unknown> }).purchase;
      delete body.creation_date;
      delete purchase.approved_date;
      const parsed = parseDelivery(body);
      if (!('delivery' in parsed)) throw new Error(JSON.stringify(parsed));
      await loop.onDelivery(parsed.delivery);
      const s = await summary(loop);
      expect(s.totals).toMatchObject({ sales: 1, revenue: { BRL: 297 } });
      expect(s.days.find((day) => day.sales)).toMatchObject({ date: '2026-11-17', sales: 1 });
      await end(loop);
    });

    it('does not count a purchase that was never paid (canceled, expired, a billet printed)', async () => {
      const loop = await loopAt();
      for (const [i, event] of ['PURCHASE_CANCELED', 'PURCHASE_EXPIRED', 'PURCHASE_BILLET_PRINTED', 'PURCHASE_PROTEST'].entries()) {
        await sale(loop, { id: `d${i}`, event, transaction: `HP${i}` });
      }
      expect((await summary(loop)).totals).toMatchObject({ sales: 0, revenue: {} });
      await end(loop);
    });
  });
});
