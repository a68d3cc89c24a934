import "server-only";
import { Prisma, type ReconciliationIssueKind } from "@/server/generated/prisma/client";
import { CURRENCY_EXPONENTS, DEFAULT_CURRENCY_EXPONENT } from "./currency-exponents";

/** Every day of the pair, or these days (YYYY-MM-DD, in the property's time zone). */
export type DayScope = { all: true } | { all: false; days: string[] };

export type PairToCompute = {
  id: string;
  workspaceId: string;
  storeConnectionId: string;
  analyticsConnectionId: string;
  toleranceMinorUnits: number;
  timeZone: string;
  /** The property's currency: a day's values are in it (null: the day's most common order currency). */
  currency: string | null;
};

export type ComputedDays = { days: number; revised: number; removed: number; issues: number };

type Tx = Pick<Prisma.TransactionClient, "$executeRaw" | "$queryRaw">;

// The rules, in one place:
// - A store order counts on its processedAt's day in the property's time zone; test and deleted
//   orders do not count. Cancelled orders do: the purchase happened and the tag fired when it
//   did, and GA4 keeps a purchase unless a refund event removes it. An order's value is its
//   total as placed (totalPrice), what the tag sends, not the current total after edits.
// - A transaction id matches an order when it is the order's id at the store (Order.externalId:
//   what a store's own GA4 integration and the sandbox send), else its name with or without "#"
//   (ignoring case; a theme's custom tag often sends "#1001" or "1001"). One transaction per
//   order: another id matching an already matched order counts as in analytics only.
// - A matched transaction counts on its order's day (a purchase recorded just after midnight, or a
//   duplicate a day later, is still that order's); an unmatched one on its first reported day.
// - "(not set)" ids are counted apart (notSetCount: its purchases; notSetValue), never matched.
// - A duplicate is a transaction recorded more than once (its rows' transactions add up above 1,
//   or it is on several rows). Its value is compared per occurrence: GA4's revenue over them.
// - A value mismatch is a matched transaction whose value differs from the order's by more than
//   the pair's tolerance in minor units of the order's currency, or that is in another currency
//   (CURRENCY, no difference). It is explained when the difference is, within the tolerance, the
//   order's tax and shipping, its tax, its shipping (GA4 short by them) or its discounts.
// - A day's values are in its currency (see PairToCompute.currency); an order or transaction in
//   another currency counts in the counts and lists, not in the day's values.
// - The breakdown: missing orders by channel and source/medium (the store's), with their value;
//   the analytics side's misrecorded purchases (value mismatches and duplicates) by device.
// - A day is final once 72 hours have passed since it ended in the property's time zone (`now`
//   decides; computedAt is the clock's, the transaction's start).
export async function computePairDays(tx: Tx, pair: PairToCompute, scope: DayScope, now: Date): Promise<ComputedDays> {
  const { workspaceId: ws, storeConnectionId: store, analyticsConnectionId: analytics, timeZone: tz } = pair;
  const days = scope.all ? [] : scope.days;
  if (!scope.all && days.length === 0) return { days: 0, revised: 0, removed: 0, issues: 0 };
  const inScope = (column: Prisma.Sql) => (scope.all ? Prisma.sql`TRUE` : Prisma.sql`${column} = ANY(${days}::date[])`);
  // In the session's time zone, the property's while orders are read (setPropertyZone): AT TIME ZONE with
  // a zone's name looks the name up again on every row (1M orders' days: 0.8-0.95 s of CPU, 0.5 s so).
  const orderDay = Prisma.sql`o."processedAt"::date`;
  const eligible = Prisma.sql`o."workspaceId" = ${ws} AND o."connectionId" = ${store} AND NOT o.test AND o."deletedAt" IS NULL`;
  // A few days' orders come from the (workspaceId, processedAt) index, a range per day (LATERAL:
  // joined to the days, the range looked a third of the table when other workspaces share it, and
  // the planner read every order instead: 2.8 s with a second 1M-order workspace).
  const scopedOrders = scope.all
    ? Prisma.sql`"Order" o WHERE ${eligible}`
    : Prisma.sql`unnest(${days}::date[]) AS d(day) CROSS JOIN LATERAL (SELECT *, o.ctid FROM "Order" o WHERE ${eligible}
        AND o."processedAt" >= (d.day::timestamp AT TIME ZONE ${tz}) AND o."processedAt" < ((d.day + 1)::timestamp AT TIME ZONE ${tz}) OFFSET 0) o`;

  const restoreZone = await setPropertyZone(tx, tz);
  if (scope.all) {
    await tx.$executeRaw`SET LOCAL work_mem = '256MB'`;
    // Every day's statements join whole sets: a nested loop is never right, yet the planner picks
    // one when it guesses a CTE's filtered rows few (the ids no order's id is: "1" of 80k, each
    // then scanning every order).
    await tx.$executeRaw`SET LOCAL enable_nestloop = off`;
  }

  // What matching and judging need of an order, and where its row is (ctid): what only an issue
  // shows (its channel, source, tax...) is read for the issues alone, after (rc_rows), straight
  // from the row: carried through every stage for a million orders, those columns cost a full run
  // 1.6 s of CPU, and reading the 157k issues' orders by row costs 0.6 s (by id, twice that). The
  // snapshot is the transaction's, so the row a ctid names is the version read here.
  const ordersFrom = (from: Prisma.Sql) => Prisma.sql`
    SELECT o.id, o.ctid AS row_ref, o.name, o."externalId" AS external_id, o.currency, o."totalPrice" AS value, o."nameLower" AS name_lower, ${orderDay} AS day
    FROM ${from}`;
  // For some days, their orders and the transaction ids to read go to small tables first, and
  // each id is looked up by index (LATERAL, kept apart by OFFSET 0): estimating a day's range of processedAt blind (a third
  // of the table), or pricing a few thousand lookups above one pass, the planner hashed the whole
  // Order and AnalyticsPurchase tables instead (3.5 s at 1M orders).
  // The ids: every id reported on the days, every id that could be one of their orders', and
  // every id that could be the order of an id reported on them (whichever is kept for an order
  // decides whether the others are extras).
  // The scope's orders are read once into a table of their own (every order of the store for all
  // days: then ids and names are matched against it, not against the wide Order table read again).
  if (!scope.all) {
    await tx.$executeRaw`CREATE TEMP TABLE rc_orders ON COMMIT DROP AS ${ordersFrom(scopedOrders)}`;
    const keysOf = (orders: string) => Prisma.sql`SELECT external_id FROM ${Prisma.raw(orders)} UNION SELECT name FROM ${Prisma.raw(orders)} UNION SELECT ltrim(name, '#') FROM ${Prisma.raw(orders)}`;
    await tx.$executeRaw`
      CREATE TEMP TABLE rc_ids ON COMMIT DROP AS
      WITH reported AS (
        SELECT DISTINCT "transactionId" AS tid FROM "AnalyticsPurchase"
        WHERE "workspaceId" = ${ws} AND "connectionId" = ${analytics} AND date = ANY(${days}::date[]) AND "transactionId" <> '(not set)'),
      -- An id that is the id of one of the days' orders names that order only (never another by
      -- name), whose keys are in already: only the others are looked up.
      unknown AS (SELECT tid FROM reported r WHERE NOT EXISTS (SELECT 1 FROM rc_orders o WHERE o.external_id = r.tid)),
      named AS (
        SELECT o."externalId" AS external_id, o.name FROM unknown r JOIN "Order" o ON o."externalId" = r.tid WHERE ${eligible}
        UNION SELECT o."externalId", o.name FROM unknown r JOIN "Order" o ON o."nameLower" = lower(r.tid) WHERE ${eligible}
        UNION SELECT o."externalId", o.name FROM unknown r JOIN "Order" o ON o."nameLower" = '#' || lower(r.tid) WHERE ${eligible})
      SELECT tid FROM reported UNION ${keysOf("rc_orders")} UNION ${keysOf("named")}`;
  }
  // Each transaction id with all of its rows.
  const transactionsOf = (rows: Prisma.Sql) => Prisma.sql`
    SELECT a."transactionId" AS tid, min(a.date) AS first_date, min(a.currency) AS currency, sum(a.revenue) AS revenue,
      greatest(sum(greatest(a.transactions, 1)), count(*))::int AS occurrences, min(a."sourceMedium") AS source, min(a."deviceCategory") AS device
    FROM ${rows}
    WHERE a."workspaceId" = ${ws} AND a."connectionId" = ${analytics} AND a."transactionId" <> '(not set)'
    GROUP BY a."transactionId"`;
  const transactionRows = Prisma.sql`rc_ids ids CROSS JOIN LATERAL (
        SELECT * FROM "AnalyticsPurchase" a WHERE a."workspaceId" = ${ws} AND a."connectionId" = ${analytics} AND a."transactionId" = ids.tid OFFSET 0) a`;
  // In transaction id order (the (connectionId, transactionId) index), so the rows of an id are
  // summed as they come: hashing a million ids instead took twice the CPU, and the planner chooses
  // the hash whenever it guesses the groups fit in memory.
  const byTransactionId = Prisma.sql`(SELECT * FROM "AnalyticsPurchase" a WHERE a."workspaceId" = ${ws} AND a."connectionId" = ${analytics}
    ORDER BY a."transactionId" OFFSET 0) a`;
  // Every day: the store's orders and the property's transactions are read once, within the one
  // statement that matches them (kept in memory, not written to temporary tables and read back).
  const everything = scope.all
    ? Prisma.sql`rc_orders AS MATERIALIZED (${ordersFrom(scopedOrders)}), rc_transactions AS (${transactionsOf(byTransactionId)}),`
    : Prisma.empty;
  if (!scope.all) {
    await tx.$executeRaw`CREATE TEMP TABLE rc_transactions ON COMMIT DROP AS ${transactionsOf(transactionRows)}`;
    // The other orders a transaction could be (by id, or by name with or without "#"), so each
    // transaction is matched among all of the store's orders as for every day; they count on
    // days outside the scope, which only keeps the transactions they take from being extras.
    await tx.$executeRaw`
      INSERT INTO rc_orders ${ordersFrom(Prisma.sql`"Order" o WHERE o.id IN (
        SELECT c.id FROM rc_transactions t CROSS JOIN LATERAL (
          SELECT o.id FROM "Order" o WHERE ${eligible} AND (o."externalId" = t.tid OR o."nameLower" IN (lower(t.tid), '#' || lower(t.tid))) OFFSET 0) c
        EXCEPT SELECT id FROM rc_orders)`)}`;
    await tx.$executeRaw`ANALYZE rc_orders, rc_transactions`;
  }

  // One pass over the orders and transactions, matched by id (a full join: one to one, an id
  // names one order and an order has one id). A transaction no order's id is may be an order's
  // name, exact first, then with "#" (the first order by id if several): it is kept for that order
  // if no id matched it (the first name's if several name it); otherwise it is in analytics only.
  // Out of it: the days' totals per currency (rc_totals), and the rows that are issues (rc_judged).
  const transactionColumns = ["tid", "first_date", "a_currency", "revenue", "occurrences", "a_source", "device"];
  // An order's own id match, else the transaction kept for it by name (k).
  const transactionOf = (column: string) => Prisma.raw(`CASE WHEN k.tid IS NULL THEN b.${column} ELSE k.${column} END AS ${column}`);
  const tolerance = (currency: Prisma.Sql) => toleranceOf(currency, pair.toleranceMinorUnits);
  const extraInScope = inScope(Prisma.sql`j.first_date`);
  const orderInScope = inScope(Prisma.sql`j.order_day`);
  await tx.$executeRaw`CREATE TEMP TABLE rc_judged (day date, order_id text, row_ref tid, order_name text, currency text, value numeric, tid text,
    a_currency text, revenue numeric, occurrences int, a_source text, device text, diff numeric, mismatch boolean) ON COMMIT DROP`;
  await tx.$executeRaw`
    CREATE TEMP TABLE rc_totals ON COMMIT DROP AS
    WITH ${everything} by_id AS MATERIALIZED (
      SELECT o.day, o.id AS order_id, o.row_ref, o.name AS order_name, o.currency, o.value,
        t.tid, t.first_date, t.currency AS a_currency, t.revenue, t.occurrences, t.source AS a_source, t.device
      FROM rc_orders o FULL JOIN rc_transactions t ON t.tid = o.external_id),
    named AS (
      SELECT DISTINCT ON (u.tid) u.tid, u.first_date, u.a_currency, u.revenue, u.occurrences, u.a_source, u.device, o.id AS order_id
      FROM (SELECT *, lower(tid) AS name, 1 AS exact FROM by_id WHERE order_id IS NULL
        UNION ALL SELECT *, '#' || lower(tid), 2 FROM by_id WHERE order_id IS NULL) u
      JOIN rc_orders o ON o.name_lower = u.name
      ORDER BY u.tid, u.exact, o.id),
    kept AS (
      SELECT DISTINCT ON (n.order_id) n.* FROM named n
      WHERE EXISTS (SELECT 1 FROM by_id b WHERE b.order_id = n.order_id AND b.tid IS NULL)
      ORDER BY n.order_id, n.tid),
    joined AS (
      SELECT b.day AS order_day, b.order_id, b.row_ref, b.order_name, b.currency, b.value, ${Prisma.join(transactionColumns.map(transactionOf))}
      FROM by_id b LEFT JOIN kept k ON k.order_id = b.order_id
      WHERE NOT (b.order_id IS NULL AND EXISTS (SELECT 1 FROM kept x WHERE x.tid = b.tid))),
    judged AS MATERIALIZED (
      SELECT coalesce(j.order_day, j.first_date) AS day, j.*, m.diff, m.matched,
        m.matched AND (j.a_currency <> j.currency OR (m.diff <> 0 AND abs(m.diff) > ${tolerance(Prisma.sql`j.currency`)})) AS mismatch
      FROM joined j
      CROSS JOIN LATERAL (SELECT CASE WHEN j.occurrences = 1 THEN j.revenue ELSE round(j.revenue / j.occurrences, 4) END - j.value AS diff,
        j.order_id IS NOT NULL AND j.tid IS NOT NULL AS matched) m
      WHERE CASE WHEN j.order_id IS NULL THEN ${extraInScope} ELSE ${orderInScope} END),
    issues AS (
      INSERT INTO rc_judged
      SELECT day, order_id, row_ref, order_name, currency, value, tid, a_currency, revenue, occurrences, a_source, device, diff, mismatch
      FROM judged WHERE tid IS NULL OR order_id IS NULL OR mismatch OR occurrences > 1)
    SELECT day, currency, a_currency,
      count(order_id)::int AS store_orders, coalesce(sum(value), 0) AS store_value,
      count(tid)::int AS analytics_transactions, coalesce(sum(revenue), 0) AS analytics_value,
      count(*) FILTER (WHERE matched)::int AS matched,
      count(*) FILTER (WHERE order_id IS NOT NULL AND tid IS NULL)::int AS missing_count,
      coalesce(sum(value) FILTER (WHERE tid IS NULL), 0) AS missing_value,
      count(*) FILTER (WHERE order_id IS NULL)::int AS extra_count,
      coalesce(sum(revenue) FILTER (WHERE order_id IS NULL), 0) AS extra_value,
      count(*) FILTER (WHERE mismatch)::int AS mismatch_count,
      count(*) FILTER (WHERE occurrences > 1)::int AS duplicate_count
    FROM judged
    GROUP BY day, currency, a_currency`;
  await restoreZone();
  if (scope.all) await tx.$executeRaw`SET LOCAL enable_nestloop = on`;

  // The issue rows with what the issues show of their orders: channel and source, and why a value
  // differs, when a reason fits exactly (tax, shipping or discounts, within the tolerance). Each
  // order read by its row, for the issues only (OFFSET 0: flattened, the lookup became a hash of
  // every order).
  await tx.$executeRaw`
    CREATE TEMP TABLE rc_rows ON COMMIT DROP AS
    SELECT r.*, o.channel, nullif(concat_ws(' / ', o."marketingSource", o."marketingMedium"), '') AS order_source,
      CASE WHEN NOT r.mismatch THEN NULL
        WHEN r.a_currency <> r.currency THEN 'CURRENCY'
        WHEN o.tax > 0 AND o.shipping > 0 AND abs(r.diff + o.tax + o.shipping) <= o.tolerance THEN 'TAX_AND_SHIPPING'
        WHEN o.tax > 0 AND abs(r.diff + o.tax) <= o.tolerance THEN 'TAX'
        WHEN o.shipping > 0 AND abs(r.diff + o.shipping) <= o.tolerance THEN 'SHIPPING'
        WHEN o.discounts > 0 AND abs(abs(r.diff) - o.discounts) <= o.tolerance THEN 'DISCOUNTS' END AS explanation
    FROM rc_judged r
    LEFT JOIN LATERAL (
      SELECT o.channel, o."marketingSource", o."marketingMedium", coalesce(o."totalTax", 0) AS tax, coalesce(o."totalShipping", 0) AS shipping,
        coalesce(o."totalDiscounts", 0) AS discounts, ${tolerance(Prisma.sql`o.currency`)} AS tolerance
      FROM "Order" o WHERE o.ctid = r.row_ref AND o.id = r.order_id OFFSET 0) o ON TRUE`;

  await tx.$executeRaw`
    CREATE TEMP TABLE rc_days ON COMMIT DROP AS
    WITH not_set AS (
      SELECT a.date AS day, min(a.currency) AS currency, sum(a.purchases)::int AS n, sum(a.revenue) AS value
      FROM "AnalyticsPurchase" a
      WHERE a."workspaceId" = ${ws} AND a."connectionId" = ${analytics} AND a."transactionId" = '(not set)' AND ${inScope(Prisma.sql`a.date`)}
      GROUP BY a.date),
    -- How many rows each date has: the next run's sign of rows dropped since (changed-days.ts).
    reported AS (
      SELECT a.date AS day, count(*)::int AS n FROM "AnalyticsPurchase" a
      WHERE a."workspaceId" = ${ws} AND a."connectionId" = ${analytics} AND ${inScope(Prisma.sql`a.date`)}
      GROUP BY a.date),
    -- A day's most common order currency (the first in order of code among equals), else its transactions' first.
    common AS (
      SELECT DISTINCT ON (day) day, coalesce(currency, min(a_currency) OVER (PARTITION BY day)) AS currency
      FROM (SELECT day, currency, min(a_currency) AS a_currency, sum(store_orders) AS n FROM rc_totals GROUP BY day, currency) t
      ORDER BY day, (currency IS NULL), n DESC, currency),
    currencies AS (
      SELECT coalesce(r.day, n.day) AS day, coalesce(${pair.currency}::text, r.currency, n.currency, 'XXX') AS currency
      FROM common r FULL JOIN not_set n ON n.day = r.day),
    figures AS (
      SELECT c.day, c.currency,
        coalesce(sum(t.store_orders), 0)::int AS store_orders,
        coalesce(sum(t.store_value) FILTER (WHERE t.currency = c.currency), 0) AS store_value,
        coalesce(sum(t.analytics_transactions), 0)::int AS analytics_transactions,
        coalesce(sum(t.analytics_value) FILTER (WHERE t.a_currency = c.currency), 0) AS analytics_value,
        coalesce(sum(t.matched), 0)::int AS matched,
        coalesce(sum(t.missing_count), 0)::int AS missing_count,
        coalesce(sum(t.missing_value) FILTER (WHERE t.currency = c.currency), 0) AS missing_value,
        coalesce(sum(t.extra_count), 0)::int AS extra_count,
        coalesce(sum(t.extra_value) FILTER (WHERE t.a_currency = c.currency), 0) AS extra_value,
        coalesce(sum(t.mismatch_count), 0)::int AS mismatch_count,
        coalesce(sum(t.duplicate_count), 0)::int AS duplicate_count
      FROM currencies c LEFT JOIN rc_totals t ON t.day = c.day
      GROUP BY c.day, c.currency),
    breakdown AS (
      SELECT day, jsonb_object_agg(dimension, entries) AS breakdown FROM (
        SELECT day, dimension, jsonb_object_agg(name, jsonb_build_object('count', n, 'value', value::text)) AS entries FROM (
          SELECT r.day, d.dimension, d.name, count(*)::int AS n, coalesce(sum(r.value) FILTER (WHERE r.currency = c.currency), 0) AS value
          FROM (SELECT * FROM rc_rows WHERE order_id IS NOT NULL) r
          JOIN currencies c ON c.day = r.day
          CROSS JOIN LATERAL (VALUES
            ('channel', CASE WHEN r.tid IS NULL THEN coalesce(r.channel, '(unknown)') END),
            ('source', CASE WHEN r.tid IS NULL THEN coalesce(r.order_source, '(unknown)') END),
            ('device', CASE WHEN r.tid IS NOT NULL THEN coalesce(r.device, '(unknown)') END)) AS d(dimension, name)
          WHERE d.name IS NOT NULL
          GROUP BY r.day, d.dimension, d.name) e
        GROUP BY day, dimension) b
      GROUP BY day)
    SELECT f.*, round(f.matched::numeric / nullif(f.store_orders, 0), 6) AS match_rate,
      coalesce(n.n, 0) AS not_set_count, coalesce(n.value, 0) AS not_set_value, coalesce(b.breakdown, '{}') AS breakdown, coalesce(rp.n, 0) AS analytics_rows,
      ((f.day + 1)::timestamp AT TIME ZONE ${tz}) + interval '72 hours' <= ${now}::timestamptz AS final
    FROM figures f LEFT JOIN not_set n ON n.day = f.day LEFT JOIN breakdown b ON b.day = f.day LEFT JOIN reported rp ON rp.day = f.day`;

  const dayInScope = inScope(Prisma.sql`d.date`);
  const stored = Prisma.sql`(d.currency, d."storeOrders", d."storeValue", d."analyticsTransactions", d."analyticsValue", d.matched, d."missingCount", d."missingValue",
    d."extraCount", d."extraValue", d."mismatchCount", d."duplicateCount", d."notSetCount", d."notSetValue", d.breakdown)`;
  const computed = Prisma.sql`(n.currency, n.store_orders, n.store_value, n.analytics_transactions, n.analytics_value, n.matched, n.missing_count, n.missing_value,
    n.extra_count, n.extra_value, n.mismatch_count, n.duplicate_count, n.not_set_count, n.not_set_value, n.breakdown)`;
  // A day whose figures changed keeps the ones it had (values as text: exact).
  const revised = await tx.$executeRaw`
    INSERT INTO "ReconciliationDayRevision" (id, "workspaceId", "dayId", "matchRate", figures, "computedAt", "replacedAt")
    SELECT gen_random_uuid()::text, d."workspaceId", d.id, d."matchRate",
      jsonb_build_object('currency', d.currency, 'storeOrders', d."storeOrders", 'storeValue', d."storeValue"::text,
        'analyticsTransactions', d."analyticsTransactions", 'analyticsValue', d."analyticsValue"::text, 'matched', d.matched,
        'missingCount', d."missingCount", 'missingValue', d."missingValue"::text, 'extraCount', d."extraCount", 'extraValue', d."extraValue"::text,
        'mismatchCount', d."mismatchCount", 'duplicateCount', d."duplicateCount", 'notSetCount', d."notSetCount", 'notSetValue', d."notSetValue"::text,
        'breakdown', d.breakdown),
      d."computedAt", now()
    FROM "ReconciliationDay" d JOIN rc_days n ON n.day = d.date
    WHERE d."pairId" = ${pair.id} AND ${dayInScope} AND ${stored} IS DISTINCT FROM ${computed}`;
  const removed = await tx.$executeRaw`
    DELETE FROM "ReconciliationDay" d WHERE d."pairId" = ${pair.id} AND ${dayInScope} AND NOT EXISTS (SELECT 1 FROM rc_days n WHERE n.day = d.date)`;
  const written = await tx.$executeRaw`
    INSERT INTO "ReconciliationDay" (id, "workspaceId", "pairId", date, currency, "storeOrders", "storeValue", "analyticsTransactions", "analyticsValue",
      matched, "matchRate", "missingCount", "missingValue", "extraCount", "extraValue", "mismatchCount", "duplicateCount", "notSetCount", "notSetValue",
      breakdown, "analyticsRows", final, "computedAt")
    SELECT gen_random_uuid()::text, ${ws}, ${pair.id}, n.day, n.currency, n.store_orders, n.store_value, n.analytics_transactions, n.analytics_value,
      n.matched, n.match_rate, n.missing_count, n.missing_value, n.extra_count, n.extra_value, n.mismatch_count, n.duplicate_count, n.not_set_count,
      n.not_set_value, n.breakdown, n.analytics_rows, n.final, now()
    FROM rc_days n
    ON CONFLICT ("pairId", date) DO UPDATE SET currency = EXCLUDED.currency, "storeOrders" = EXCLUDED."storeOrders", "storeValue" = EXCLUDED."storeValue",
      "analyticsTransactions" = EXCLUDED."analyticsTransactions", "analyticsValue" = EXCLUDED."analyticsValue", matched = EXCLUDED.matched,
      "matchRate" = EXCLUDED."matchRate", "missingCount" = EXCLUDED."missingCount", "missingValue" = EXCLUDED."missingValue",
      "extraCount" = EXCLUDED."extraCount", "extraValue" = EXCLUDED."extraValue", "mismatchCount" = EXCLUDED."mismatchCount",
      "duplicateCount" = EXCLUDED."duplicateCount", "notSetCount" = EXCLUDED."notSetCount", "notSetValue" = EXCLUDED."notSetValue",
      breakdown = EXCLUDED.breakdown, "analyticsRows" = EXCLUDED."analyticsRows", final = EXCLUDED.final, "computedAt" = EXCLUDED."computedAt"`;

  // The scope's issues, then only the difference written: a stored issue no longer found (or found
  // with other values) is deleted, a found one not stored is inserted; most of a recomputed day's
  // issues are what it had. One statement: both sides are read once, before either write.
  // An issue is one kind, on one day, of one order or transaction (extras have no order).
  const sameIssue = Prisma.sql`s.date = n.day AND s.kind = n.kind AND coalesce(s."orderId", '') = coalesce(n.order_id, '') AND coalesce(s."transactionId", '') = coalesce(n.tid, '')
    AND (s."orderName", s.currency, s."storeValue", s."analyticsCurrency", s."analyticsValue", s.difference, s.explanation, s.occurrences, s.channel, s.source, s.device)
      IS NOT DISTINCT FROM (n.order_name, n.currency, n.store_value, n.a_currency, n.analytics_value, n.difference, n.explanation, n.occurrences, n.channel, n.source, n.device)`;
  // Ids in time order (uuidv7): a run's new ids go to the id index's right edge, not a random page each.
  const [{ issues }] = await tx.$queryRaw<[{ issues: number }]>`
    WITH found AS MATERIALIZED (${Prisma.join(
      [
        issuesOfKind("MISSING_IN_ANALYTICS", Prisma.sql`r.tid IS NULL`),
        issuesOfKind("EXTRA_IN_ANALYTICS", Prisma.sql`r.order_id IS NULL`),
        issuesOfKind("VALUE_MISMATCH", Prisma.sql`r.mismatch`, {
          analyticsValue: Prisma.sql`round(r.revenue / r.occurrences, 4)`,
          difference: Prisma.sql`CASE WHEN r.a_currency = r.currency THEN r.diff END`,
          explanation: Prisma.sql`r.explanation`,
        }),
        issuesOfKind("DUPLICATE", Prisma.sql`r.occurrences > 1`, { occurrences: Prisma.sql`r.occurrences` }),
      ],
      " UNION ALL ",
    )}),
    stored AS MATERIALIZED (
      SELECT * FROM "ReconciliationIssue" s WHERE s."workspaceId" = ${ws} AND s."pairId" = ${pair.id} AND ${inScope(Prisma.sql`s.date`)}),
    gone AS (
      DELETE FROM "ReconciliationIssue" d USING stored s
      WHERE d.id = s.id AND NOT EXISTS (SELECT 1 FROM found n WHERE ${sameIssue})),
    added AS (
      INSERT INTO "ReconciliationIssue" (id, "workspaceId", "pairId", date, kind, "orderId", "orderName", "transactionId", currency, "storeValue",
        "analyticsCurrency", "analyticsValue", difference, explanation, occurrences, channel, source, device)
      SELECT uuidv7()::text, ${ws}, ${pair.id}, n.day, n.kind, n.order_id, n.order_name, n.tid, n.currency, n.store_value,
        n.a_currency, n.analytics_value, n.difference, n.explanation, n.occurrences, n.channel, n.source, n.device
      FROM found n
      WHERE NOT EXISTS (SELECT 1 FROM stored s WHERE ${sameIssue}))
    SELECT count(*)::int AS issues FROM found`;
  return { days: written, revised, removed, issues };
}

/**
 * The issues of one kind among the rows judged (rc_rows), in the columns an issue is stored with;
 * a kind's own columns as given, the others NULL. One pass per kind (a row is an issue of up to
 * four kinds): each a scan with its filter, where fanning every row out to four and filtering
 * cost twice as much.
 */
function issuesOfKind(
  kind: ReconciliationIssueKind,
  where: Prisma.Sql,
  own: { analyticsValue?: Prisma.Sql; difference?: Prisma.Sql; explanation?: Prisma.Sql; occurrences?: Prisma.Sql } = {},
): Prisma.Sql {
  return Prisma.sql`
    SELECT r.day, ${kind}::"ReconciliationIssueKind" AS kind, r.order_id, r.order_name, r.tid, coalesce(r.currency, r.a_currency) AS currency,
      r.value AS store_value, r.a_currency, ${own.analyticsValue ?? Prisma.sql`r.revenue`}::numeric AS analytics_value,
      ${own.difference ?? Prisma.sql`NULL`}::numeric AS difference, ${own.explanation ?? Prisma.sql`NULL`}::text AS explanation,
      ${own.occurrences ?? Prisma.sql`NULL`}::int AS occurrences, r.channel, coalesce(r.order_source, r.a_source) AS source, r.device
    FROM rc_rows r WHERE ${where}`;
}

/**
 * The tolerance, `minorUnits` of the minor unit of the currency in `currency`, as an expression of
 * constants: a join to a table of currencies cost every judged row a hash lookup (a full run's
 * judging went from 3.8 to 2.8 s of CPU without it and without dividing a single occurrence's
 * revenue).
 */
function toleranceOf(currency: Prisma.Sql, minorUnits: number): Prisma.Sql {
  const byExponent = new Map<number, string[]>();
  CURRENCY_EXPONENTS.codes.forEach((code, i) => {
    const exponent = CURRENCY_EXPONENTS.exponents[i]!;
    if (exponent !== DEFAULT_CURRENCY_EXPONENT) byExponent.set(exponent, [...(byExponent.get(exponent) ?? []), code]);
  });
  const of = (exponent: number) => Prisma.sql`${new Prisma.Decimal(minorUnits).dividedBy(new Prisma.Decimal(10).pow(exponent)).toString()}::numeric`;
  const cases = [...byExponent].map(([exponent, codes]) => Prisma.sql`WHEN ${currency} = ANY(${codes}::text[]) THEN ${of(exponent)}`);
  return Prisma.sql`(CASE ${Prisma.join(cases, " ")} ELSE ${of(DEFAULT_CURRENCY_EXPONENT)} END)`;
}

/**
 * Sets the transaction's time zone to `tz` (timestamps then cast to the property's dates);
 * answers the function that sets back the one it had, before timestamps are written or compared.
 */
async function setPropertyZone(tx: Tx, tz: string): Promise<() => Promise<unknown>> {
  const [{ zone }] = await tx.$queryRaw<[{ zone: string }]>`
    SELECT z.zone, set_config('TimeZone', ${tz}, true) FROM (SELECT current_setting('TimeZone') AS zone OFFSET 0) z`;
  return () => tx.$queryRaw`SELECT set_config('TimeZone', ${zone}, true)`;
}
