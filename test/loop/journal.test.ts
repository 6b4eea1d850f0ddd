// @vitest-environment node
/**
 * An accepted delivery is never lost: it is in the journal on disk before Hotmart gets its 200;
 * the store may be down, or the process may die before applying it, and the next start applies it.
 */
import { appendFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Journal, readJournal } from '../../src/loop/journal';
import { JOURNAL_FILE, openLoop } from '../../src/loop/loop';
import type { Store } from '../../src/loop/store';
import { parseRange } from '../../src/loop/summary';
import { nodeWebhookHandler, parseDelivery } from '../../src/server/index';
import { listen, send } from '../server/http';
import { BUYER, HOTTOK, delivery } from './fixtures';
import { useStore } from './stores';

const T0 = Date.parse('2026-11-20T12:00:00Z');
const RANGE = parseRange({}, T0);
const deliveryOf = (id: string, transaction: string) => {
  const parsed = parseDelivery(delivery({ id, transaction }));
  if (!('delivery' in parsed)) throw new Error('fixture');
  return parsed.delivery;
};

describe('the webhook journal', () => {
  const held = useStore('embedded');

  it('holds the delivery on disk when Hotmart gets its 200, with the database down, and the next start applies it', async () => {
    const errors: unknown[] = [];
    const journalPath = join(held.dataDir, JOURNAL_FILE);
    const seenAtAnswer: string[] = [];
    const stuck = await openLoop({ store: held.store, dataDir: held.dataDir, now: () => T0, ownsStore: false, onError: (e) => errors.push(e) });
    // The database goes down after the start: applying fails, the journal keeps the delivery.
    const realQuery = held.store.query;
    held.store.query = () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
    try {
      const handler = nodeWebhookHandler({
        hottok: HOTTOK,
        onDelivery: async (d) => {
          await stuck.onDelivery(d);
          seenAtAnswer.push(readFileSync(journalPath, 'utf8'));
        },
      });
      const origin = await listen((req: IncomingMessage, res: ServerResponse) => void handler(req, res));
      const answer = await send(origin + '/hotmart/webhook', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hotmart-hottok': HOTTOK },
        body: JSON.stringify(delivery({ id: 'journaled-1', transaction: 'HP777' })),
      });
      expect(answer.status).toBe(200);
      expect(seenAtAnswer[0]).toContain('"id":"journaled-1"');
      for (const value of [BUYER.email, BUYER.name, BUYER.cpf, BUYER.phone, HOTTOK]) expect(seenAtAnswer[0]).not.toContain(value);
      await stuck.settled();
      await stuck.close();
      expect(String(errors.at(-1))).toMatch(/1 Hotmart deliveries stay in .*webhook-journal\.jsonl, to be applied at the next start: connect ECONNREFUSED/);
    } finally {
      held.store.query = realQuery;
    }
    // Still in the journal after the stop; not in the store.
    expect(readJournal(journalPath).entries.map((e) => e.delivery.id)).toEqual(['journaled-1']);
    expect(await held.store.query('SELECT count(*)::int AS n FROM purchase_events')).toEqual([{ n: 0 }]);

    const next = await openLoop({ store: held.store, dataDir: held.dataDir, now: () => T0, ownsStore: false });
    expect((await next.summary(RANGE)).totals.sales).toBe(1);
    expect(readFileSync(journalPath, 'utf8')).toBe('');
    await next.close();
  });

  it('replays what a process that died after journaling left; skips a torn last line; sets a damaged journal aside', async () => {
    const journalPath = join(held.dataDir, JOURNAL_FILE);
    const line = (id: string, transaction: string) => JSON.stringify({ at: T0, delivery: deliveryOf(id, transaction) }) + '\n';
    // Killed after the flush of two deliveries (the second also applied before the kill), and in the middle of writing a third.
    writeFileSync(journalPath, line('a', 'HP1') + line('b', 'HP2') + line('c', 'HP3').slice(0, 40));
    const first = await openLoop({ store: held.store, dataDir: held.dataDir, now: () => T0, ownsStore: false });
    expect((await first.summary(RANGE)).totals.sales).toBe(2);
    await first.close();
    expect(readFileSync(journalPath, 'utf8')).toBe('');

    appendFileSync(journalPath, line('d', 'HP4') + 'garbage that no write of ours leaves\n' + line('e', 'HP5'));
    const errors: unknown[] = [];
    const second = await openLoop({ store: held.store, dataDir: held.dataDir, now: () => T0, ownsStore: false, onError: (e) => errors.push(e) });
    expect((await second.summary(RANGE)).totals.sales).toBe(4);
    await second.close();
    const aside = readdirSync(held.dataDir).filter((name) => name.startsWith('webhook-journal.damaged-'));
    expect(aside).toHaveLength(1);
    expect(String(errors[0])).toContain('line 2 could not be read; the other 2 deliveries are in the store, the file is kept as');
  });

  it('puts every append on disk before it resolves, one flush serving the appends that waited for it', async () => {
    const path = join(held.dataDir, 'group.jsonl');
    const journal = await Journal.open(path);
    const onDiskWhenResolved: boolean[] = [];
    await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        journal.append({ at: i, delivery: deliveryOf(`g${i}`, `HP${i}`) }).then(() => {
          onDiskWhenResolved.push(readFileSync(path, 'utf8').includes(`"id":"g${i}"`));
        }),
      ),
    );
    await journal.close();
    expect(onDiskWhenResolved).toHaveLength(300);
    expect(onDiskWhenResolved.every(Boolean)).toBe(true);
    expect(readJournal(path).entries.map((e) => e.delivery.id)).toEqual(Array.from({ length: 300 }, (_, i) => `g${i}`));
  });

  it('a loop that cannot start (the database refuses the migration) closes the store it owns, and the one it was lent stays open', async () => {
    const refusing = (closed: string[], name: string): Store => ({
      kind: 'postgres',
      where: name,
      query: () => Promise.reject(new Error('permission denied for schema public')),
      exec: () => Promise.reject(new Error('permission denied for schema public')),
      exclusive: (work) => work(refusing(closed, name)),
      close: async () => void closed.push(name),
    });
    const closed: string[] = [];
    await expect(openLoop({ store: refusing(closed, 'owned'), dataDir: held.dataDir })).rejects.toThrow(/permission denied/);
    await expect(openLoop({ store: refusing(closed, 'lent'), dataDir: held.dataDir, ownsStore: false })).rejects.toThrow(/permission denied/);
    expect(closed).toEqual(['owned']);
  });
});
