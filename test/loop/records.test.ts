// @vitest-environment node
/**
 * Any order of arrival ends in the same state, on both stores: a sale's deliveries (approval,
 * refund without origin, chargeback, an order bump, duplicates) and its visit's reports, shuffled
 * by fast-check, leave the same purchases, sales and counts as one canonical order, and as a
 * rebuild from scratch (`hotlinks_rebuild()`, what the triggers' work must equal).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Received, writeDeliveries, writeReports } from '../../src/loop/records';
import type { Store } from '../../src/loop/store';
import { parseDelivery } from '../../src/server/hotmart-delivery';
import { type DeliveryFacts, delivery, report } from './fixtures';
import { emptyStore, hasStore, storeKinds, useStore } from './stores';

const T0 = Date.parse('2026-11-20T12:00:00Z');
const V1 = 'visit-0000000001';
const V2 = 'visit-0000000002';

type Item = { delivery: DeliveryFacts } | { report: Received };

const sale = (facts: DeliveryFacts): Item => ({ delivery: facts });
const seen = (at: number, ...args: Parameters<typeof report>): Item => ({ report: { report: report(...args), at } });

/** Two visits and their sales, in the order things happen. */
const HISTORY: Item[] = [
  seen(T0, 'attribution', V1, 'O95340038V', { utm_source: 'fb' }),
  seen(T0 + 1000, 'checkout', V1, 'O95340038V', { utm_source: 'fb' }),
  seen(T0 + 2000, 'attribution', V2, null, { utm_source: 'google' }),
  seen(T0 + 3000, 'attribution', V2, 'Q100328287K', { utm_source: 'tiktok' }),
  seen(T0 + 4000, 'checkout', V2, 'Q100328287K', { utm_source: 'tiktok' }),
  sale({ id: 'approve-1', transaction: 'HP1', approved: T0 + 60_000, origin: { xcod: V1 }, affiliate: 'O95340038V' }),
  sale({ id: 'bump-1', transaction: 'HP1B', parent: 'HP1', value: 47, approved: T0 + 60_000, origin: { xcod: V1 }, affiliate: 'O95340038V' }),
  sale({ id: 'refund-1', event: 'PURCHASE_REFUNDED', transaction: 'HP1', approved: T0 + 60_000, origin: null, affiliate: null }),
  sale({ id: 'complete-2', event: 'PURCHASE_COMPLETE', transaction: 'HP2', approved: T0 + 90_000, value: 97, currency: 'USD', origin: { xcod: V2 }, affiliate: null }),
  sale({ id: 'chargeback-2', event: 'PURCHASE_CHARGEBACK', transaction: 'HP2', approved: T0 + 90_000, value: 97, currency: 'USD', origin: null, affiliate: null }),
  sale({ id: 'approve-3', transaction: 'HP3', approved: T0 + 95_000, origin: { xcod: 'not-ours' }, affiliate: 'W3620259P' }),
  seen(T0 + 120_000, 'checkout', V1, 'W3620259P'),
];

async function apply(store: Store, item: Item) {
  if ('report' in item) return writeReports(store, [item.report]);
  const parsed = parseDelivery(delivery(item.delivery));
  if (!('delivery' in parsed)) throw new Error('fixture');
  await writeDeliveries(store, [{ at: T0, delivery: parsed.delivery }]);
}

/** Everything the summary reads, in a stable order. */
const state = async (store: Store) => ({
  purchases: await store.query('SELECT * FROM purchases ORDER BY transaction'),
  sales: await store.query('SELECT * FROM sales ORDER BY transaction'),
  visits: await store.query('SELECT * FROM visit_counts WHERE visits > 0 ORDER BY day, affiliate, utm_source, utm_campaign'),
  departures: await store.query('SELECT * FROM departure_counts ORDER BY day, affiliate, utm_source, utm_campaign'),
});


describe.each(storeKinds)('the loop converges, %s', (kind) => {
  const held = useStore(kind);

  it.skipIf(!hasStore(kind))('to one state whatever the order of arrival and the repeats, the one a rebuild gives', async () => {
    for (const item of HISTORY) await apply(held.store, item);
    const canonical = await state(held.store);
    // The reports' visit counts and the sale classes, as the history means them.
    expect(canonical.sales.map((row) => [row.transaction, row.class, row.refunded, row.charged_back, row.bumps])).toEqual([
      ['HP1', 'asCaptured', true, false, 1],
      ['HP2', 'lost', false, true, 0],
      ['HP3', 'unjoined', false, false, 0],
    ]);
    await held.store.query('SELECT hotlinks_rebuild()');
    expect(await state(held.store)).toEqual(canonical);

    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(HISTORY, { minLength: HISTORY.length, maxLength: HISTORY.length }),
        fc.array(fc.nat(HISTORY.length - 1), { maxLength: 4 }),
        async (order, repeats) => {
          await emptyStore(held.store);
          // A delivery sent again, a reload reporting the same visit again: anywhere in the stream.
          const stream = [...order];
          for (const index of repeats) stream.splice((index * 7) % (stream.length + 1), 0, HISTORY[index]);
          for (const item of stream) await apply(held.store, item);
          const reached = await state(held.store);
          // A repeated report is a reload: it counts once, except a repeated checkout report,
          // which is another departure; the sales never change.
          expect(reached.sales).toEqual(canonical.sales);
          expect(reached.purchases).toEqual(canonical.purchases);
          if (!repeats.some((index) => 'report' in HISTORY[index] && HISTORY[index].report.report.event == 'checkout')) {
            expect(reached).toEqual(canonical);
          }
        },
      ),
      { numRuns: 30 },
    );
  }, 120_000);
});
