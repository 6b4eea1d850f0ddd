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
/** Any number: the transaction lock every refresh of the sales table takes (see the migration). */
const SALES_LOCK = 7_392_014_552;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'visits, departures, purchase events, and what the summary reads',
    sql: `
-- What was received. -----------------------------------------------------------------------------

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

-- One row per checkout report: a visitor leaving for checkout, with what the attribution held then.
CREATE TABLE departures (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  visit text,
  affiliate text,
  utm_source text,
  utm_campaign text,
  received_at timestamptz NOT NULL
);
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

-- What it means: the views say it once; the tables below keep their rows up to date, one row at a
-- time, as triggers refresh them; hotlinks_rebuild() recomputes them all from the views. -----------

-- A purchase as all its deliveries together say it: every field is an aggregate over the set of
-- deliveries, never "the last one to arrive", so any order of arrival gives the same row. A field
-- is taken from an approval first (a refund may come without origin, and never erases it), then
-- from the earliest delivery. A refund or chargeback says the purchase was paid, too.
CREATE VIEW purchase_state AS
SELECT
  transaction,
  (array_agg(parent ORDER BY delivery) FILTER (WHERE parent IS NOT NULL))[1] AS parent,
  bool_or(event IN ${PAID}) AS paid,
  bool_or(event = 'PURCHASE_REFUNDED') AS refunded,
  bool_or(event = 'PURCHASE_CHARGEBACK') AS charged_back,
  -- A paid delivery that names neither its approval nor its creation is dated by its arrival: never
  -- a sale without a day, which no range would ever count.
  COALESCE(min(approved_at), min(COALESCE(created_at, received_at)) FILTER (WHERE event IN ${PAID})) AS approved_at,
  (array_agg(value ORDER BY event NOT IN ${APPROVAL}, created_at, delivery) FILTER (WHERE value IS NOT NULL))[1] AS value,
  (array_agg(currency ORDER BY event NOT IN ${APPROVAL}, created_at, delivery) FILTER (WHERE value IS NOT NULL))[1] AS currency,
  (array_agg(xcod ORDER BY event NOT IN ${APPROVAL}, created_at, delivery) FILTER (WHERE xcod IS NOT NULL))[1] AS xcod,
  (array_agg(affiliate ORDER BY event NOT IN ${APPROVAL}, created_at, delivery) FILTER (WHERE affiliate IS NOT NULL))[1] AS affiliate
FROM purchase_events
GROUP BY transaction;

CREATE TABLE purchases (
  transaction text PRIMARY KEY,
  parent text,
  paid boolean NOT NULL,
  refunded boolean NOT NULL,
  charged_back boolean NOT NULL,
  approved_at timestamptz,
  value numeric,
  currency text,
  xcod text,
  affiliate text
);
CREATE INDEX purchases_sale ON purchases ((COALESCE(parent, transaction)));

-- A sale: a purchase with its order bumps. The main purchase's facts win; a bump's stand in while
-- the main purchase has not arrived. What its paid purchases brought in the sale's currency: \`gross\`,
-- and \`net\` without those refunded or charged back; in any other currency (rare): \`extra_currencies\`
-- and \`extra_nets\`.
-- Its visit is the one its xcod names; what the visit carried is its last checkout report before the
-- approval, else its attribution report, else its first checkout report after (a clock off by a
-- little). The credit class compares that with the affiliate Hotmart credited.
CREATE VIEW sale_state AS
WITH o AS (
  SELECT
    COALESCE(parent, transaction) AS transaction,
    bool_or(paid) AS paid,
    COALESCE(min(approved_at) FILTER (WHERE parent IS NULL), min(approved_at)) AS approved_at,
    COALESCE(min(xcod) FILTER (WHERE parent IS NULL), min(xcod)) AS xcod,
    COALESCE(min(affiliate) FILTER (WHERE parent IS NULL), min(affiliate)) AS credited,
    COALESCE(bool_or(refunded) FILTER (WHERE parent IS NULL), bool_or(refunded)) AS refunded,
    COALESCE(bool_or(charged_back) FILTER (WHERE parent IS NULL), bool_or(charged_back)) AS charged_back,
    COALESCE(min(currency) FILTER (WHERE parent IS NULL), min(currency)) AS currency,
    count(*) FILTER (WHERE parent IS NOT NULL)::int AS bumps,
    array_agg(currency ORDER BY transaction) FILTER (WHERE paid AND currency IS NOT NULL) AS currencies,
    array_agg(value ORDER BY transaction) FILTER (WHERE paid AND currency IS NOT NULL) AS prices,
    array_agg(CASE WHEN refunded OR charged_back THEN 0 ELSE value END ORDER BY transaction)
      FILTER (WHERE paid AND currency IS NOT NULL) AS nets
  FROM purchases
  GROUP BY COALESCE(parent, transaction)
),
j AS (
  SELECT o.transaction, o.paid, o.approved_at, (o.approved_at AT TIME ZONE 'UTC')::date AS day, o.xcod, o.credited,
    o.refunded, o.charged_back, o.currency, o.bumps,
    (SELECT sum(x.price) FROM unnest(o.currencies, o.prices) AS x(currency, price) WHERE x.currency = o.currency) AS gross,
    (SELECT sum(x.net) FROM unnest(o.currencies, o.nets) AS x(currency, net) WHERE x.currency = o.currency) AS net,
    (SELECT array_agg(x.currency) FROM unnest(o.currencies) AS x(currency) WHERE x.currency <> o.currency) AS extra_currencies,
    (SELECT array_agg(x.net) FROM unnest(o.currencies, o.nets) AS x(currency, net) WHERE x.currency <> o.currency) AS extra_nets,
    (v.id IS NOT NULL OR l.received_at IS NOT NULL) AS joined,
    CASE WHEN l.before OR v.id IS NULL THEN l.affiliate ELSE v.affiliate END AS captured,
    CASE WHEN l.before OR v.id IS NULL THEN l.utm_source ELSE v.utm_source END AS source,
    CASE WHEN l.before OR v.id IS NULL THEN l.utm_campaign ELSE v.utm_campaign END AS campaign
  FROM o
  LEFT JOIN visits v ON v.visit = o.xcod
  LEFT JOIN LATERAL (
    SELECT affiliate, utm_source, utm_campaign, received_at, received_at <= o.approved_at AS before
    FROM departures
    WHERE visit = o.xcod
    ORDER BY received_at <= o.approved_at DESC, CASE WHEN received_at <= o.approved_at THEN received_at END DESC, received_at
    LIMIT 1
  ) l ON true
)
SELECT j.*,
  CASE
    WHEN NOT joined THEN 'unjoined'
    WHEN captured IS NOT NULL AND credited = captured THEN 'asCaptured'
    WHEN captured IS NOT NULL AND credited IS NULL THEN 'lost'
    WHEN captured IS NOT NULL THEN 'otherAffiliate'
    WHEN credited IS NOT NULL THEN 'hotmartOnly'
  END AS class
FROM j;

CREATE TABLE sales (
  transaction text PRIMARY KEY,
  paid boolean NOT NULL,
  approved_at timestamptz,
  day date,
  xcod text,
  credited text,
  refunded boolean NOT NULL,
  charged_back boolean NOT NULL,
  currency text,
  bumps int NOT NULL,
  gross numeric,
  net numeric,
  extra_currencies text[],
  extra_nets numeric[],
  joined boolean NOT NULL,
  captured text,
  source text,
  campaign text,
  class text
);
CREATE INDEX sales_approved_at ON sales (approved_at) WHERE paid;
CREATE INDEX sales_extra ON sales (approved_at) WHERE paid AND extra_currencies IS NOT NULL;
CREATE INDEX sales_xcod ON sales (xcod);

-- Visits and departures counted per UTC day and what they carried ('' for none: a key column
-- cannot be NULL), so a summary adds up a few thousand counts instead of reading every visit.
CREATE VIEW visit_count_state AS
SELECT (first_seen AT TIME ZONE 'UTC')::date AS day, COALESCE(affiliate, '') AS affiliate,
  COALESCE(utm_source, '') AS utm_source, COALESCE(utm_campaign, '') AS utm_campaign, count(*)::int AS visits
FROM visits GROUP BY 1, 2, 3, 4;
CREATE TABLE visit_counts (
  day date NOT NULL, affiliate text NOT NULL, utm_source text NOT NULL, utm_campaign text NOT NULL, visits int NOT NULL,
  PRIMARY KEY (day, affiliate, utm_source, utm_campaign)
);
CREATE VIEW departure_count_state AS
SELECT (received_at AT TIME ZONE 'UTC')::date AS day, COALESCE(affiliate, '') AS affiliate,
  COALESCE(utm_source, '') AS utm_source, COALESCE(utm_campaign, '') AS utm_campaign, count(*)::int AS checkouts
FROM departures GROUP BY 1, 2, 3, 4;
CREATE TABLE departure_counts (
  day date NOT NULL, affiliate text NOT NULL, utm_source text NOT NULL, utm_campaign text NOT NULL, checkouts int NOT NULL,
  PRIMARY KEY (day, affiliate, utm_source, utm_campaign)
);

-- Keeping them up to date. ------------------------------------------------------------------------
-- A sale's row depends on its purchases, its visit and the visit's departures, which may arrive at
-- the same moment through two connections: each would refresh the sale without seeing the other's
-- uncommitted row. So every refresh first takes one transaction lock (${SALES_LOCK}); the second
-- waits for the first to commit, and its next statement sees it.
-- visit_counts rows whose visits all moved on stay, at 0; the summary skips them.

-- Statement triggers: one statement for a whole batch of rows (row triggers cost PGlite eight times
-- the insert itself).
CREATE FUNCTION hotlinks_refresh_sales(keys text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF cardinality(keys) > 0 THEN
    PERFORM pg_advisory_xact_lock(${SALES_LOCK});
    DELETE FROM sales WHERE transaction = ANY(keys);
    INSERT INTO sales SELECT * FROM sale_state WHERE transaction = ANY(keys);
  END IF;
END $$;

CREATE FUNCTION hotlinks_purchases_added() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE keys text[]; before_keys text[]; after_keys text[];
BEGIN
  PERFORM pg_advisory_xact_lock(${SALES_LOCK});
  keys := ARRAY(SELECT DISTINCT transaction FROM added);
  before_keys := ARRAY(SELECT COALESCE(parent, transaction) FROM purchases WHERE transaction = ANY(keys));
  DELETE FROM purchases WHERE transaction = ANY(keys);
  INSERT INTO purchases SELECT * FROM purchase_state WHERE transaction = ANY(keys);
  after_keys := ARRAY(SELECT COALESCE(parent, transaction) FROM purchases WHERE transaction = ANY(keys));
  -- A later delivery may say a purchase is another's order bump: its old sale is refreshed too.
  PERFORM hotlinks_refresh_sales(ARRAY(SELECT DISTINCT k FROM unnest(before_keys || after_keys) AS k));
  RETURN NULL;
END $$;
CREATE TRIGGER purchase_events_apply AFTER INSERT ON purchase_events REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION hotlinks_purchases_added();

CREATE FUNCTION hotlinks_visits_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO visit_counts
  SELECT (first_seen AT TIME ZONE 'UTC')::date, COALESCE(affiliate, ''), COALESCE(utm_source, ''), COALESCE(utm_campaign, ''), count(*)
  FROM added GROUP BY 1, 2, 3, 4
  ON CONFLICT (day, affiliate, utm_source, utm_campaign) DO UPDATE SET visits = visit_counts.visits + excluded.visits;
  PERFORM hotlinks_refresh_sales(ARRAY(SELECT s.transaction FROM sales s WHERE s.xcod IN (SELECT visit FROM added)));
  RETURN NULL;
END $$;
CREATE TRIGGER visits_added AFTER INSERT ON visits REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION hotlinks_visits_added();

-- A visit that takes another code or source moves from one count to the other.
CREATE FUNCTION hotlinks_visits_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE visit_counts c SET visits = c.visits - o.n
  FROM (SELECT (first_seen AT TIME ZONE 'UTC')::date AS day, COALESCE(affiliate, '') AS affiliate, COALESCE(utm_source, '') AS utm_source,
          COALESCE(utm_campaign, '') AS utm_campaign, count(*) AS n
        FROM old_visits GROUP BY 1, 2, 3, 4) o
  WHERE (c.day, c.affiliate, c.utm_source, c.utm_campaign) = (o.day, o.affiliate, o.utm_source, o.utm_campaign);
  INSERT INTO visit_counts
  SELECT (first_seen AT TIME ZONE 'UTC')::date, COALESCE(affiliate, ''), COALESCE(utm_source, ''), COALESCE(utm_campaign, ''), count(*)
  FROM new_visits GROUP BY 1, 2, 3, 4
  ON CONFLICT (day, affiliate, utm_source, utm_campaign) DO UPDATE SET visits = visit_counts.visits + excluded.visits;
  PERFORM hotlinks_refresh_sales(ARRAY(SELECT s.transaction FROM sales s WHERE s.xcod IN (SELECT visit FROM new_visits)));
  RETURN NULL;
END $$;
CREATE TRIGGER visits_changed AFTER UPDATE ON visits REFERENCING OLD TABLE AS old_visits NEW TABLE AS new_visits
  FOR EACH STATEMENT EXECUTE FUNCTION hotlinks_visits_changed();

CREATE FUNCTION hotlinks_departures_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO departure_counts
  SELECT (received_at AT TIME ZONE 'UTC')::date, COALESCE(affiliate, ''), COALESCE(utm_source, ''), COALESCE(utm_campaign, ''), count(*)
  FROM added GROUP BY 1, 2, 3, 4
  ON CONFLICT (day, affiliate, utm_source, utm_campaign) DO UPDATE SET checkouts = departure_counts.checkouts + excluded.checkouts;
  PERFORM hotlinks_refresh_sales(ARRAY(SELECT s.transaction FROM sales s WHERE s.xcod IN (SELECT visit FROM added)));
  RETURN NULL;
END $$;
CREATE TRIGGER departures_added AFTER INSERT ON departures REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION hotlinks_departures_added();

-- Everything the triggers keep, recomputed from what was received (after a bulk load without them).
CREATE FUNCTION hotlinks_rebuild() RETURNS void LANGUAGE sql AS $$
  TRUNCATE visit_counts, departure_counts, purchases, sales;
  INSERT INTO visit_counts SELECT * FROM visit_count_state;
  INSERT INTO departure_counts SELECT * FROM departure_count_state;
  INSERT INTO purchases SELECT * FROM purchase_state;
  INSERT INTO sales SELECT * FROM sale_state;
$$;
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
