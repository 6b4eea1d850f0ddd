// @vitest-environment node
/**
 * No buyer's personal data is stored, anywhere: deliveries naming a buyer go through the webhook
 * into each store, then every file of the embedded store's data directory (the journal included),
 * and a `pg_dump` of the PostgreSQL schema, are searched for the buyer's e-mail, name and CPF.
 * The same search finds the sale's transaction id and xcod, so it would find the rest if it were there.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { JOURNAL_FILE, openLoop } from '../../src/loop/loop';
import { nodeWebhookHandler } from '../../src/server/index';
import { listen, send } from '../server/http';
import { BUYER, HOTTOK, delivery } from './fixtures';
import { hasStore, openTestStore, storeKinds } from './stores';

/** The buyer's e-mail as a full-width `＠` writes it (a tag can carry it so). */
const WIDE_EMAIL = BUYER.email.replace('@', '＠');
const PERSONAL = [BUYER.email, WIDE_EMAIL, BUYER.name, BUYER.lastName, BUYER.cpf, BUYER.phone, BUYER.street];
const STORED = ['HPPERSONAL0001', 'xcod-personal-data-test'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Which of `needles` occur in the bytes (UTF-8, and the e-mail also as UTF-16, in case) of any of `files`. */
function found(files: string[], needles: string[]): string[] {
  const contents = files.map((file) => readFileSync(file));
  return needles.filter((needle) =>
    contents.some((bytes) => bytes.includes(Buffer.from(needle, 'utf8')) || bytes.includes(Buffer.from(needle, 'utf16le'))),
  );
}

describe.each(storeKinds)('personal data, %s store', (kind) => {
  it.skipIf(!hasStore(kind))("keeps none of the buyer's data, in the store or its journal", async () => {
    const { store, dataDir, dispose } = await openTestStore(kind);
    try {
      const loop = await openLoop({ store, dataDir, ownsStore: false });
      const handler = nodeWebhookHandler({ hottok: HOTTOK, onDelivery: (d) => loop.onDelivery(d) });
      const origin = await listen((req: IncomingMessage, res: ServerResponse) => void handler(req, res));
      const events = ['PURCHASE_APPROVED', 'PURCHASE_PROTEST', 'PURCHASE_REFUNDED'];
      for (const [i, event] of events.entries()) {
        const body = JSON.stringify(delivery({ id: `personal-${i}`, event, transaction: STORED[0], origin: { xcod: STORED[1], sck: BUYER.email }, hottokInBody: true }));
        expect((await send(origin + '/hotmart/webhook', { method: 'POST', headers: { 'content-type': 'application/json' }, body })).status).toBe(200);
      }
      // A producer's own lead tracking may put the buyer's e-mail in xcod (in any width): never a visit id of ours.
      for (const [i, tags] of [{ xcod: BUYER.email }, { xcode: WIDE_EMAIL }].entries()) {
        const body = JSON.stringify(delivery({ id: `personal-xcod-${i}`, transaction: `HPXCOD000${i}`, origin: tags }));
        expect((await send(origin + '/hotmart/webhook', { method: 'POST', headers: { 'content-type': 'application/json', 'x-hotmart-hottok': HOTTOK }, body })).status).toBe(200);
      }
      await loop.settled();
      // The journal as the deliveries left it, before the stop empties it.
      const journal = readFileSync(join(dataDir, JOURNAL_FILE));
      expect(found([join(dataDir, JOURNAL_FILE)], [...PERSONAL, ...STORED])).toEqual([STORED[0], STORED[1]]);
      expect(journal.length).toBeGreaterThan(0);
      await loop.close();

      if (kind == 'embedded') {
        await store.close();
        const files = filesUnder(dataDir);
        expect(found(files, STORED)).toEqual(STORED);
        expect(found(files, PERSONAL)).toEqual([]);
      } else {
        const schema = (await store.query<{ s: string }>('SELECT current_schema() AS s'))[0].s;
        const dump = execFileSync('pg_dump', ['--schema', schema, '--data-only', inject('postgresUrl')], { encoding: 'utf8', maxBuffer: 64 << 20 });
        for (const value of STORED) expect(dump).toContain(value);
        for (const value of PERSONAL) expect(dump).not.toContain(value);
      }
    } finally {
      await dispose().catch(() => {});
    }
  }, 60_000);
});
