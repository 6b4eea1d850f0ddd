/**
 * What the loop writes: visits and departures from the browser's reports, purchase events from the
 * webhook's deliveries. Each write is one statement for a whole batch (rows passed as one JSON
 * array), and each is idempotent where a repeat can happen: a visit id, a delivery id count once.
 */
import type { Report } from '../report/report-schema.js';
import type { JournalEntry } from './journal.js';
import type { Session } from './store.js';

/** A report with the server's receive time (the visitor's clock is not trusted for ranges). */
export interface Received {
  report: Report;
  at: number;
}

interface VisitRow {
  visit: string | null;
  affiliate: string | null;
  source: string | null;
  campaign: string | null;
  at: number;
}

const rowOf = ({ report, at }: Received): VisitRow => ({
  visit: report.visit ?? null,
  affiliate: report.affiliate,
  source: report.params.utm_source ?? null,
  campaign: report.params.utm_campaign ?? null,
  at,
});

/**
 * A visit reported again: a code-less report never displaces a stored affiliate (as in the
 * browser's cookie); otherwise the newer report is what the attribution holds now (a new click).
 * The same rule runs in SQL below for a visit already stored.
 */
function merge(stored: VisitRow, next: VisitRow): VisitRow {
  const kept = next.affiliate == null && stored.affiliate != null ? stored : next;
  return { ...kept, at: Math.min(stored.at, next.at) };
}

const KEEP = 'excluded.affiliate IS NULL AND visits.affiliate IS NOT NULL';
const UPSERT_VISITS = `
INSERT INTO visits (visit, affiliate, utm_source, utm_campaign, first_seen, last_seen)
SELECT visit, affiliate, source, campaign, to_timestamp(at / 1000.0), to_timestamp(at / 1000.0)
FROM jsonb_to_recordset($1::jsonb) AS r(visit text, affiliate text, source text, campaign text, at float8)
ON CONFLICT (visit) DO UPDATE SET
  affiliate = CASE WHEN ${KEEP} THEN visits.affiliate ELSE excluded.affiliate END,
  utm_source = CASE WHEN ${KEEP} THEN visits.utm_source ELSE excluded.utm_source END,
  utm_campaign = CASE WHEN ${KEEP} THEN visits.utm_campaign ELSE excluded.utm_campaign END,
  last_seen = greatest(visits.last_seen, excluded.last_seen)
-- A reload reports the same again: nothing to write.
WHERE NOT (${KEEP}) AND (visits.affiliate, visits.utm_source, visits.utm_campaign)
  IS DISTINCT FROM (excluded.affiliate, excluded.utm_source, excluded.utm_campaign)`;

const INSERT_DEPARTURES = `
INSERT INTO departures (visit, affiliate, utm_source, utm_campaign, received_at)
SELECT visit, affiliate, source, campaign, to_timestamp(at / 1000.0)
FROM jsonb_to_recordset($1::jsonb) AS r(visit text, affiliate text, source text, campaign text, at float8)`;

/** Stores a batch of reports: `attribution` ones as visits, `checkout` ones as departures. */
export async function writeReports(session: Session, batch: Received[]): Promise<void> {
  const visits = new Map<string, VisitRow>();
  const anonymous: VisitRow[] = [];
  const departures: VisitRow[] = [];
  for (const received of batch) {
    const row = rowOf(received);
    if (received.report.event == 'checkout') departures.push(row);
    else if (row.visit == null) anonymous.push(row);
    else {
      // One row per visit per statement: PostgreSQL refuses to update a row twice in one upsert.
      const stored = visits.get(row.visit);
      visits.set(row.visit, stored ? merge(stored, row) : row);
    }
  }
  const upserts = [...visits.values(), ...anonymous];
  if (upserts.length) await session.query(UPSERT_VISITS, [JSON.stringify(upserts)]);
  if (departures.length) await session.query(INSERT_DEPARTURES, [JSON.stringify(departures)]);
}

const INSERT_EVENTS = `
INSERT INTO purchase_events (delivery, event, transaction, created_at, received_at, approved_at, value, currency, xcod, affiliate, parent)
SELECT id, event, transaction, to_timestamp(created_at / 1000.0), to_timestamp(at / 1000.0), to_timestamp(approved_at / 1000.0),
  value, currency, xcod, affiliate, parent
FROM jsonb_to_recordset($1::jsonb) AS r(id text, event text, transaction text, created_at float8, at float8, approved_at float8,
  value numeric, currency text, xcod text, affiliate text, parent text)
ON CONFLICT (delivery) DO NOTHING`;

/** Stores a batch of journaled deliveries; a delivery id already stored adds nothing. */
export async function writeDeliveries(session: Session, entries: JournalEntry[]): Promise<void> {
  if (!entries.length) return;
  const rows = entries.map(({ at, delivery }) => ({
    id: delivery.id,
    event: delivery.event,
    transaction: delivery.transaction,
    created_at: delivery.createdAt,
    at,
    approved_at: delivery.approvedAt,
    value: delivery.value,
    currency: delivery.currency,
    xcod: delivery.xcod,
    affiliate: delivery.affiliate,
    parent: delivery.parent,
  }));
  await session.query(INSERT_EVENTS, [JSON.stringify(rows)]);
}
