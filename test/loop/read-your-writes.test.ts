// @vitest-environment node
/**
 * A delivery answered `kept` is in the next summary: the webhook answers once the delivery is in the
 * journal and applies it right after, so the summary (the API, `report`, the dashboard) first waits
 * for the deliveries already answered. Reports are written before their answer, so they need no wait.
 */
import { describe, expect, it } from 'vitest';
import { openLoop } from '../../src/loop/loop';
import { parseRange } from '../../src/loop/summary';
import { parseDelivery } from '../../src/server/index';
import { delivery, report } from './fixtures';
import { hasStore, storeKinds, useStore } from './stores';

const T0 = Date.parse('2026-11-20T12:00:00Z');
const RANGE = parseRange({}, T0);

describe.each(storeKinds)('the summary after an answered delivery, %s store', (kind) => {
  const held = useStore(kind);

  it.skipIf(!hasStore(kind))('counts the delivery just answered, and the one after it', async () => {
    const loop = await openLoop({ store: held.store, dataDir: held.dataDir, now: () => T0, ownsStore: false });
    try {
      await loop.onReport(report('checkout', 'ryw-visit-0001', 'O95340038V'));
      for (const [id, transaction] of [['ryw-1', 'HPRYW1'], ['ryw-2', 'HPRYW2']]) {
        const parsed = parseDelivery(delivery({ id, transaction, approved: T0, origin: { xcod: 'ryw-visit-0001' }, affiliate: null }));
        if (!('delivery' in parsed)) throw new Error('fixture');
        // What the webhook handler awaits before it answers `kept`; then the summary at once.
        await loop.onDelivery(parsed.delivery);
        const summary = await loop.summary(RANGE);
        expect(summary.creditSales.map((sale) => sale.transaction)).toContain(transaction);
      }
      expect((await loop.summary(RANGE)).credit.lost).toBe(2);
    } finally {
      await loop.close();
    }
  });
});
