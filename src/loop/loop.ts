/**
 * The loop in one object: a migrated store, the webhook's journal beside it, and what the receivers
 * hand over (`onReport`, `onDelivery`). Opening it applies whatever the journal holds that the
 * store may lack (a delivery accepted just before the process died, or while the database was down).
 */
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import type { Report } from '../report/report-schema.js';
import type { Delivery } from '../server/hotmart-delivery.js';
import { Batcher } from './batcher.js';
import { Journal, type JournalEntry, readJournal } from './journal.js';
import { migrate } from './migrations.js';
import { type Received, writeDeliveries, writeReports } from './records.js';
import type { Store } from './store.js';
import { type Range, summarize } from './summary.js';
import type { Summary } from './summary-types.js';

export const JOURNAL_FILE = 'webhook-journal.jsonl';

export interface LoopOptions {
  store: Store;
  /** The directory that holds the journal (`webhook-journal.jsonl`). */
  dataDir: string;
  /** The server's clock, in ms (tests set it). */
  now?: () => number;
  /** Hears of deliveries that could not be applied yet (they stay in the journal). Default: `console.error`. */
  onError?(error: unknown): void;
  /** Whether `close()` closes the store too, as a loop that fails to open does. Default true. */
  ownsStore?: boolean;
}

export interface Loop {
  store: Store;
  /** For the collect handlers: stores a report (visits and departures), with the server's receive time. */
  onReport(report: Report): Promise<void>;
  /** For the webhook handlers: resolves once the delivery is in the journal on disk; it is applied right after. */
  onDelivery(delivery: Delivery): Promise<void>;
  summary(range: Range): Promise<Summary>;
  /** Resolves once every report and delivery received so far has been written (or has failed). */
  settled(): Promise<void>;
  /** Waits for every write under way, applies what the journal holds, empties it if all is in the store, closes the store. */
  close(): Promise<void>;
}

/** How long a delivery that could not be applied (database down) waits before the next try. */
const RETRY_MS = 2000;

export async function openLoop(options: LoopOptions): Promise<Loop> {
  try {
    return await startLoop(options);
  } catch (error) {
    // A loop that could not start (a migration refused, a journal it cannot open) closes the store it owns.
    if (options.ownsStore ?? true) await options.store.close();
    throw error;
  }
}

async function startLoop({ store, dataDir, now = Date.now, onError = console.error, ownsStore = true }: LoopOptions): Promise<Loop> {
  await migrate(store);
  const path = join(dataDir, JOURNAL_FILE);
  const { entries, unreadable } = readJournal(path);
  // Everything the journal holds, in batches; a delivery already stored adds nothing.
  for (let i = 0; i < entries.length; i += 1000) await writeDeliveries(store, entries.slice(i, i + 1000));
  if (unreadable.length) {
    // Damage no write of ours leaves: set the file aside for a person to look at, and start a new one.
    const aside = join(dataDir, `webhook-journal.damaged-${now()}.jsonl`);
    renameSync(path, aside);
    onError(new Error(`${path}: line ${unreadable.join(', ')} could not be read; the other ${entries.length} deliveries are in the store, the file is kept as ${aside}`));
  }
  const journal = await Journal.open(path);
  await journal.truncate();

  // One write at a time: a departure and the sale it joins, written at once on two connections,
  // would each be written without the other (the migration's lock covers other processes).
  let tail: Promise<unknown> = Promise.resolve();
  const oneAtATime = (write: () => Promise<void>): Promise<void> => {
    const run = tail.then(write, write);
    tail = run.catch(() => {});
    return run;
  };
  const reports = new Batcher<Received>((batch) => oneAtATime(() => writeReports(store, batch)));
  /** Journaled, not yet in the store. */
  let unapplied: JournalEntry[] = [];
  let retry: ReturnType<typeof setTimeout> | undefined;
  const deliveries = new Batcher<JournalEntry>((batch) => oneAtATime(() => writeDeliveries(store, batch)));
  const apply = (entry: JournalEntry) =>
    deliveries.add(entry).catch((error) => {
      unapplied.push(entry);
      onError(new Error(`a Hotmart delivery is in the journal but not yet in the store (it is tried again): ${(error as Error).message}`));
      retry ??= setTimeout(applyUnapplied, RETRY_MS);
    });
  /**
   * The application of the last delivery answered: a summary waits for it, so a delivery answered
   * `kept` is in the next summary (reports are written before their answer already). Only what was
   * answered before: a steady stream of deliveries cannot hold a summary back.
   */
  let lastApplied: Promise<void> = Promise.resolve();
  const applyUnapplied = () => {
    retry = undefined;
    const waiting = unapplied;
    unapplied = [];
    for (const entry of waiting) void apply(entry);
  };
  const settled = async () => {
    await reports.idle();
    await deliveries.idle();
  };

  return {
    store,
    onReport: (report) => reports.add({ report, at: now() }),
    async onDelivery(delivery) {
      const entry = { at: now(), delivery };
      await journal.append(entry);
      // After the answer: the journal already holds it, whatever happens to this write.
      lastApplied = apply(entry);
    },
    async summary(range) {
      await lastApplied;
      return summarize(store, range);
    },
    settled,
    async close() {
      clearTimeout(retry);
      await settled();
      if (unapplied.length) {
        const waiting = unapplied;
        unapplied = [];
        await writeDeliveries(store, waiting).catch((error) => {
          unapplied = waiting;
          onError(new Error(`${waiting.length} Hotmart deliveries stay in ${path}, to be applied at the next start: ${(error as Error).message}`));
        });
      }
      if (!unapplied.length) await journal.truncate();
      await journal.close();
      if (ownsStore) await store.close();
    },
  };
}
