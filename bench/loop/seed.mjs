/**
 * Fills a migrated store with a producer's worth of traffic, in SQL (generate_series), in seconds:
 * `visits` visits over the last 90 days (60% with one of 200 affiliate codes, ten sources, twenty
 * campaigns), a checkout report for 15% of them, `sales` sales joined to those departures (one in ten
 * unjoined, one in twenty refunded, one in twenty with an order bump) and credited as captured
 * mostly, lost, to another affiliate or only by Hotmart otherwise.
 */
export async function seed(store, { visits, sales, now = Date.now() }) {
  const end = new Date(now).toISOString();
  // Loaded in bulk, then counted and joined once (hotlinks_rebuild) rather than row by row.
  await store.exec('ALTER TABLE visits DISABLE TRIGGER USER; ALTER TABLE departures DISABLE TRIGGER USER; ALTER TABLE purchase_events DISABLE TRIGGER USER');
  const departures = Math.max(Math.round(visits * 0.15), sales);
  await store.query(
    `INSERT INTO visits (visit, affiliate, utm_source, utm_campaign, first_seen, last_seen)
     SELECT 'seed-visit-' || i,
       CASE WHEN i % 10 < 6 THEN 'B' || (1000000 + i % 200) || 'X' END,
       'source' || (i % 10), 'campaign' || (i % 20),
       $2::timestamptz - (i % 7776000) * interval '1 second', $2::timestamptz - (i % 7776000) * interval '1 second'
     FROM generate_series(1, $1::int) AS i`,
    [visits, end],
  );
  // Departure i is made by visit i * step (spread over all visits), five minutes after its landing.
  const step = Math.max(1, Math.floor(visits / departures));
  await store.query(
    `INSERT INTO departures (visit, affiliate, utm_source, utm_campaign, received_at)
     SELECT visit, affiliate, utm_source, utm_campaign, first_seen + interval '5 minutes'
     FROM visits WHERE visit LIKE 'seed-visit-%' AND substr(visit, 12)::int % $1::int = 0`,
    [step],
  );
  // Sale i: the departure of visit i * step, approved ten minutes after it.
  await store.query(
    `INSERT INTO purchase_events (delivery, event, transaction, created_at, received_at, approved_at, value, currency, xcod, affiliate, parent)
     SELECT 'seed-delivery-' || i, 'PURCHASE_APPROVED', 'HPSEED' || i, at, at, at,
       CASE WHEN i % 7 = 0 THEN 97 ELSE 197.5 END, CASE WHEN i % 50 = 0 THEN 'USD' ELSE 'BRL' END,
       CASE WHEN i % 10 <> 9 THEN 'seed-visit-' || (i * $2::int) END,
       CASE WHEN i % 20 < 15 THEN code WHEN i % 20 < 17 THEN NULL WHEN i % 20 < 18 THEN 'Z9999999Z' ELSE code END,
       NULL
     FROM (
       SELECT i, $3::timestamptz - ((i * $2::int) % 7776000) * interval '1 second' + interval '15 minutes' AS at,
         'B' || (1000000 + (i * $2::int) % 200) || 'X' AS code
       FROM generate_series(1, $1::int) AS i
     ) AS s`,
    [sales, step, end],
  );
  await store.query(
    `INSERT INTO purchase_events (delivery, event, transaction, created_at, received_at, approved_at, value, currency, xcod, affiliate, parent)
     SELECT 'seed-refund-' || transaction, 'PURCHASE_REFUNDED', transaction, approved_at + interval '3 days', approved_at + interval '3 days',
       approved_at, value, currency, NULL, NULL, NULL
     FROM purchase_events WHERE delivery LIKE 'seed-delivery-%' AND substr(delivery, 15)::int % 20 = 3`,
  );
  await store.query(
    `INSERT INTO purchase_events (delivery, event, transaction, created_at, received_at, approved_at, value, currency, xcod, affiliate, parent)
     SELECT 'seed-bump-' || transaction, 'PURCHASE_APPROVED', transaction || 'B', created_at, received_at, approved_at, 47, currency, xcod, affiliate, transaction
     FROM purchase_events WHERE delivery LIKE 'seed-delivery-%' AND substr(delivery, 15)::int % 20 = 5`,
  );
  await store.exec('ALTER TABLE visits ENABLE TRIGGER USER; ALTER TABLE departures ENABLE TRIGGER USER; ALTER TABLE purchase_events ENABLE TRIGGER USER');
  await store.query('SELECT hotlinks_rebuild()');
  await store.exec('ANALYZE');
}
