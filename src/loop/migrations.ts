/**
 * The store's schema, as numbered migrations applied in order at start and recorded in
 * `hotlinks_migrations`: the same SQL on the embedded store and on PostgreSQL. A migration, once
 * released, never changes; a change to the schema is a new migration at the end of the list.
 */
import type { Session, Store } from './store.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Events that say a purchase was paid: a refund or chargeback says so too (it undoes a payment). */
const PAID = `('PURCHASE_APPROVED', 'PURCHASE_COMPLETE', 'PURCHASE_REFUNDED', 'PURCHASE_CHARGEBACK')`;
const APPROVAL = `('PURCHASE_APPROVED', 'PURCHASE_COMPLETE')`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'visits, departures, purchase events',
    sql: `
-- One row per visit id (the browser's attribution reports): a reload reports it again, and adds nothing.
-- A report without a visit id (an older script) is a visit of its own.
CREATE TABLE visits (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  visit text UNIQUE,
  affiliate text,
  utm_source text,
  utm_campaign text,
  first_seen timestamptz NOT NULL,
  last_seen timestamptz NOT NULL
);
CREATE INDEX visits_first_seen ON visits (first_seen);

-- One row per checkout report: a visitor leaving for checkout, with what the attribution held then.
CREATE TABLE departures (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  visit text,
  affiliate text,
  utm_source text,
  utm_campaign text,
  received_at timestamptz NOT NULL
);
CREATE INDEX departures_received_at ON departures (received_at);
CREATE INDEX departures_visit ON departures (visit, received_at) WHERE visit IS NOT NULL;

-- One row per webhook delivery (its id), only the fields the loop needs: no personal data.
CREATE TABLE purchase_events (
  delivery text PRIMARY KEY,
  event text NOT NULL,
  transaction text NOT NULL,
  created_at timestamptz,
  received_at timestamptz NOT NULL,
  approved_at timestamptz,
  value numeric,
  currency text,
  xcod text,
  affiliate text,
  parent text
);
CREATE INDEX purchase_events_transaction ON purchase_events (transaction);

-- A purchase as all its deliveries together say it: every field is an aggregate over the set of
-- deliveries, never "the last one to arrive", so any order of arrival gives the same row. A field
-- is taken from an approval first (a refund may come without origin, and never erases it), then
-- from the earliest delivery.
CREATE VIEW purchases AS
SELECT
  transaction,
  (array_agg(parent ORDER BY delivery) FILTER (WHERE parent IS NOT NULL))[1] AS parent,
  bool_or(event IN ${PAID}) AS paid,
  bool_or(event = 'PURCHASE_REFUNDED') AS refunded,
  bool_or(event = 'PURCHASE_CHARGEBACK') AS charged_back,
  COALESCE(min(approved_at), min(created_at) FILTER (WHERE event IN ${PAID})) AS approved_at,
  (array_agg(value ORDER BY event NOT IN ${APPROVAL}, created_at, delivery) FILTER (WHERE value IS NOT NULL))[1] AS value,
  (array_agg(currency ORDER BY event NOT IN ${APPROVAL}, created_at, delivery) FILTER (WHERE value IS NOT NULL))[1] AS currency,
  (array_agg(xcod ORDER BY event NOT IN ${APPROVAL}, created_at, delivery) FILTER (WHERE xcod IS NOT NULL))[1] AS xcod,
  (array_agg(affiliate ORDER BY event NOT IN ${APPROVAL}, created_at, delivery) FILTER (WHERE affiliate IS NOT NULL))[1] AS affiliate
FROM purchase_events
GROUP BY transaction;

-- A sale: a purchase with its order bumps. The main purchase's facts win; a bump's stand in while
-- the main purchase has not arrived. What each purchase brought is listed per currency (\`currencies\`,
-- \`prices\`, and \`nets\`: the same, 0 where refunded or charged back), paid purchases only.
CREATE VIEW sales AS
SELECT
  COALESCE(parent, transaction) AS transaction,
  bool_or(paid) AS paid,
  COALESCE(min(approved_at) FILTER (WHERE parent IS NULL), min(approved_at)) AS approved_at,
  COALESCE(min(xcod) FILTER (WHERE parent IS NULL), min(xcod)) AS xcod,
  COALESCE(min(affiliate) FILTER (WHERE parent IS NULL), min(affiliate)) AS affiliate,
  COALESCE(bool_or(refunded) FILTER (WHERE parent IS NULL), bool_or(refunded)) AS refunded,
  COALESCE(bool_or(charged_back) FILTER (WHERE parent IS NULL), bool_or(charged_back)) AS charged_back,
  COALESCE(min(currency) FILTER (WHERE parent IS NULL), min(currency)) AS currency,
  count(*) FILTER (WHERE parent IS NOT NULL) AS bumps,
  array_agg(currency ORDER BY transaction) FILTER (WHERE paid AND currency IS NOT NULL) AS currencies,
  array_agg(value ORDER BY transaction) FILTER (WHERE paid AND currency IS NOT NULL) AS prices,
  array_agg(CASE WHEN refunded OR charged_back THEN 0 ELSE value END ORDER BY transaction)
    FILTER (WHERE paid AND currency IS NOT NULL) AS nets
FROM purchases
GROUP BY 1;
`,
  },
];

/** Any number: a key only this package's migrations take, so two processes never migrate at once. */
const MIGRATION_LOCK = 7_392_014_551;

const applied = async (session: Session) =>
  new Set((await session.query<{ version: number }>('SELECT version FROM hotlinks_migrations')).map((row) => row.version));

/**
 * Applies the migrations the store lacks, each in its own transaction, under a lock so that two
 * processes starting on one PostgreSQL apply each once. Refuses a store a newer version migrated.
 */
export async function migrate(store: Store, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  return store.exclusive(async (session) => {
    await session.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await session.exec(
        'CREATE TABLE IF NOT EXISTS hotlinks_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      const done = await applied(session);
      const known = Math.max(...migrations.map((m) => m.version));
      const newest = Math.max(0, ...done);
      if (newest > known) {
        throw new Error(`the store at ${store.where} was migrated by a newer hotlinks-embed (schema ${newest}, this one knows up to ${known}): upgrade hotlinks-embed`);
      }
      const ran: number[] = [];
      for (const migration of migrations) {
        if (done.has(migration.version)) continue;
        try {
          await session.exec(`BEGIN; ${migration.sql}; INSERT INTO hotlinks_migrations (version, name) VALUES (${migration.version}, '${migration.name.replace(/'/g, "''")}'); COMMIT;`);
        } catch (error) {
          await session.exec('ROLLBACK').catch(() => {});
          throw new Error(`migration ${migration.version} (${migration.name}) failed on ${store.where}: ${(error as Error).message}`, { cause: error });
        }
        ran.push(migration.version);
      }
      return ran;
    } finally {
      await session.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  });
}
