/**
 * The loop's stores for a test file: the embedded one (a copy of the migrated template, opened once
 * per file) and PostgreSQL (a schema of the file's own, dropped at the end), emptied between tests.
 * `describe.each(storeKinds)` runs a suite on both; the PostgreSQL half is skipped where there is
 * none (store-setup.ts says so loudly, and CI fails instead).
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, inject } from 'vitest';
import { migrate } from '../../src/loop/migrations';
import { type Store, openStore } from '../../src/loop/store';

export type StoreKind = 'embedded' | 'postgres';
export const storeKinds: StoreKind[] = ['embedded', 'postgres'];
export const hasStore = (kind: StoreKind) => kind == 'embedded' || inject('postgresUrl') != '';

/** Every table the loop writes, for emptying between tests. */
const TABLES = ['visits', 'departures', 'purchase_events', 'purchases', 'sales', 'visit_counts', 'departure_counts'];

/** Empties the store: DELETE, which for a few rows is many times quicker than TRUNCATE on PostgreSQL. */
export const emptyStore = (store: Store) => store.exec(TABLES.map((table) => `DELETE FROM ${table}`).join('; '));

/** A data directory holding a copy of the migrated embedded store. */
export function embeddedDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hotlinks-loop-'));
  cpSync(join(inject('embeddedTemplate'), 'postgres'), join(dir, 'postgres'), { recursive: true });
  return dir;
}

let schemas = 0;

/** Opens a store of `kind` with its own data (a copied directory, or a new schema), migrated. */
export async function openTestStore(kind: StoreKind): Promise<{ store: Store; dataDir: string; dispose(): Promise<void> }> {
  if (kind == 'embedded') {
    const dataDir = embeddedDataDir();
    const store = await openStore({ dataDir });
    return { store, dataDir, dispose: async () => (await store.close().catch(() => {}), rmSync(dataDir, { recursive: true, force: true })) };
  }
  const schema = `test_${process.pid}_${Date.now() % 1e8}_${schemas++}`;
  const store = await openStore({ databaseUrl: inject('postgresUrl'), schema });
  await migrate(store);
  const dataDir = mkdtempSync(join(tmpdir(), 'hotlinks-loop-'));
  return {
    store,
    dataDir,
    async dispose() {
      await store.exec(`DROP SCHEMA ${schema} CASCADE`);
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** One store of `kind` for the file's tests (empty at the start of each); `undefined` if there is none. */
export function useStore(kind: StoreKind): { readonly store: Store; readonly dataDir: string } {
  const held = {} as { store: Store; dataDir: string; dispose(): Promise<void> };
  beforeAll(async () => {
    if (hasStore(kind)) Object.assign(held, await openTestStore(kind));
  }, 60_000);
  afterEach(async () => {
    if (held.store) await emptyStore(held.store);
    rmSync(join(held.dataDir ?? '/nonexistent', 'webhook-journal.jsonl'), { force: true });
  });
  afterAll(() => held.dispose?.());
  return held;
}
