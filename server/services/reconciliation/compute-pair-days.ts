import "server-only";
import { Prisma } from "@/server/generated/prisma/client";
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
  const orderDay = Prisma.sql`(o."processedAt" AT TIME ZONE ${tz})::date`;
  const eligible = Prisma.sql`o."workspaceId" = ${ws} AND o."connectionId" = ${store} AND NOT o.test AND o."deletedAt" IS NULL`;
  // A few days' orders come from the (workspaceId, processedAt) index, a range per day.
  const scopedOrders = scope.all
    ? Prisma.sql`"Order" o WHERE ${eligible}`
    : Prisma.sql`unnest(${days}::date[]) AS d(day) JOIN "Order" o ON ${eligible}
        AND o."processedAt" >= (d.day::timestamp AT TIME ZONE ${tz}) AND o."processedAt" < ((d.day + 1)::timestamp AT TIME ZONE ${tz})`;

  if (scope.all) await tx.$executeRaw`SET LOCAL work_mem = '256MB'`;

  const ordersOfScope = Prisma.sql`
    SELECT o.id, o.name, o."externalId" AS external_id, o.currency, o."totalPrice" AS value, coalesce(o."totalTax", 0) AS tax,
      coalesce(o."totalShipping", 0) AS shipping, coalesce(o."totalDiscounts", 0) AS discounts, o.channel,
      nullif(concat_ws(' / ', o."marketingSource", o."marketingMedium"), '') AS source, o."nameLower" AS name_lower, ${orderDay} AS day
    FROM ${scopedOrders}`;
  // For some days, their orders and the transaction ids to read go to small tables first, and
  // each id is looked up by index (LATERAL, kept apart by OFFSET 0): estimating a day's range of processedAt blind (a third
  // of the table), or pricing a few thousand lookups above one pass, the planner hashed the whole
  // Order and AnalyticsPurchase tables instead (3.5 s at 1M orders).
  // The ids: every id reported on the days, every id that could be one of their orders', and
  // every id that could be the order of an id reported on them (whichever is kept for an order
  // decides whether the others are extras).
  // The scope's orders are read once into a table of their own (every order of the store for all
  // days: then ids and names are matched against it, not against the wide Order table read again).
  await tx.$executeRaw`CREATE TEMP TABLE rc_orders ON COMMIT DROP AS ${ordersOfScope}`;
  if (!scope.all) {
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
  const transactionRows = scope.all
    ? Prisma.sql`"AnalyticsPurchase" a`
    : Prisma.sql`rc_ids ids CROSS JOIN LATERAL (
        SELECT * FROM "AnalyticsPurchase" a WHERE a."workspaceId" = ${ws} AND a."connectionId" = ${analytics} AND a."transactionId" = ids.tid OFFSET 0) a`;
  await tx.$executeRaw`CREATE TEMP TABLE rc_transactions ON COMMIT DROP AS ${transactionsOf(transactionRows)}`;
  await tx.$executeRaw`ANALYZE rc_orders, rc_transactions`;
  // Each transaction with the order its id is (null: none is), and the orders its name could be.
  // For some days, an id that is one of their orders' is that order; only the others are looked up.
  const idMatches = scope.all
    ? Prisma.sql`SELECT t.tid, o.id AS order_id FROM transactions t LEFT JOIN rc_orders o ON o.external_id = t.tid`
    : Prisma.sql`SELECT t.tid, coalesce(d.id, o.id) AS order_id FROM transactions t LEFT JOIN rc_orders d ON d.external_id = t.tid
        LEFT JOIN LATERAL (SELECT o.id FROM "Order" o WHERE d.id IS NULL AND ${eligible} AND o."externalId" = t.tid OFFSET 0) o ON TRUE`;
  const namedOrders = scope.all ? Prisma.sql`(SELECT id, name_lower AS "nameLower" FROM rc_orders) o` : Prisma.sql`"Order" o`;
  const namedEligible = scope.all ? Prisma.sql`TRUE` : eligible;
  // A transaction kept for an order outside the days counts on that order's day, not as an extra.
  const extraInScope = scope.all ? Prisma.sql`TRUE` : Prisma.sql`t.first_date = ANY(${days}::date[])`;
  // One row per order of the scope and per transaction counted in it (matched: both sides). Each
  // transaction's order is looked for among all the store's orders (by id first, by name only for
  // ids that are no order's id), then one transaction is kept per order (an id's match first).
  await tx.$executeRaw`
    CREATE TEMP TABLE rc_rows ON COMMIT DROP AS
    WITH orders AS (SELECT * FROM rc_orders),
    transactions AS (SELECT * FROM rc_transactions),
    id_matches AS (${idMatches}),
    by_id AS (SELECT tid, order_id FROM id_matches WHERE order_id IS NOT NULL),
    unnamed AS (SELECT tid FROM id_matches WHERE order_id IS NULL),
    by_name AS (
      SELECT DISTINCT ON (tid) tid, order_id FROM (
        SELECT u.tid, o.id AS order_id, 1 AS exact FROM unnamed u JOIN ${namedOrders} ON o."nameLower" = lower(u.tid) WHERE ${namedEligible}
        UNION ALL
        SELECT u.tid, o.id, 2 FROM unnamed u JOIN ${namedOrders} ON o."nameLower" = '#' || lower(u.tid) WHERE ${namedEligible}) n
      ORDER BY tid, exact, order_id),
    -- An id names one order and an order has one id, so by_id is one to one already; a name's
    -- match is kept for an order no id matched, the first name's for an order several name.
    kept AS (
      SELECT tid, order_id FROM by_id
      UNION ALL
      (SELECT DISTINCT ON (order_id) tid, order_id FROM by_name n WHERE NOT EXISTS (SELECT 1 FROM by_id b WHERE b.order_id = n.order_id) ORDER BY order_id, tid)),
    tolerances AS (
      SELECT code, ${pair.toleranceMinorUnits}::numeric / power(10::numeric, exponent) AS tolerance
      FROM unnest(${CURRENCY_EXPONENTS.codes}::text[], ${CURRENCY_EXPONENTS.exponents}::int[]) AS cx(code, exponent)),
    joined AS (
      SELECT o.day, o.id AS order_id, o.name AS order_name, o.currency, o.value, o.tax, o.shipping, o.discounts, o.channel, o.source AS order_source,
        t.tid, t.currency AS a_currency, t.revenue, t.occurrences, t.source AS a_source, t.device,
        coalesce(c.tolerance, ${pair.toleranceMinorUnits}::numeric / power(10::numeric, ${DEFAULT_CURRENCY_EXPONENT})) AS tolerance,
        round(t.revenue / t.occurrences, 4) - o.value AS diff
      FROM orders o LEFT JOIN kept k ON k.order_id = o.id LEFT JOIN transactions t ON t.tid = k.tid LEFT JOIN tolerances c ON c.code = o.currency
      UNION ALL
      -- In analytics only: no order's transaction.
      SELECT t.first_date, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, t.tid, t.currency, t.revenue, t.occurrences, t.source, t.device, NULL, NULL
      FROM transactions t
      WHERE NOT EXISTS (SELECT 1 FROM kept k WHERE k.tid = t.tid) AND ${extraInScope})
    SELECT j.*, j.order_id IS NOT NULL AND j.tid IS NOT NULL AS matched,
      j.order_id IS NOT NULL AND j.tid IS NOT NULL AND (j.a_currency <> j.currency OR abs(j.diff) > j.tolerance) AS mismatch,
      CASE WHEN j.a_currency <> j.currency THEN 'CURRENCY'
        WHEN j.tax > 0 AND j.shipping > 0 AND abs(j.diff + j.tax + j.shipping) <= j.tolerance THEN 'TAX_AND_SHIPPING'
        WHEN j.tax > 0 AND abs(j.diff + j.tax) <= j.tolerance THEN 'TAX'
        WHEN j.shipping > 0 AND abs(j.diff + j.shipping) <= j.tolerance THEN 'SHIPPING'
        WHEN j.discounts > 0 AND abs(abs(j.diff) - j.discounts) <= j.tolerance THEN 'DISCOUNTS' END AS explanation
    FROM joined j`;

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
    currencies AS (
      SELECT coalesce(r.day, n.day) AS day, coalesce(${pair.currency}::text, r.currency, n.currency, 'XXX') AS currency
      FROM (SELECT day, coalesce(mode() WITHIN GROUP (ORDER BY currency), min(a_currency)) AS currency FROM rc_rows GROUP BY day) r
      FULL JOIN not_set n ON n.day = r.day),
    figures AS (
      SELECT c.day, c.currency,
        count(r.order_id)::int AS store_orders,
        coalesce(sum(r.value) FILTER (WHERE r.currency = c.currency), 0) AS store_value,
        count(r.tid)::int AS analytics_transactions,
        coalesce(sum(r.revenue) FILTER (WHERE r.a_currency = c.currency), 0) AS analytics_value,
        count(*) FILTER (WHERE r.matched)::int AS matched,
        count(*) FILTER (WHERE r.order_id IS NOT NULL AND r.tid IS NULL)::int AS missing_count,
        coalesce(sum(r.value) FILTER (WHERE r.tid IS NULL AND r.currency = c.currency), 0) AS missing_value,
        count(*) FILTER (WHERE r.order_id IS NULL AND r.tid IS NOT NULL)::int AS extra_count,
        coalesce(sum(r.revenue) FILTER (WHERE r.order_id IS NULL AND r.a_currency = c.currency), 0) AS extra_value,
        count(*) FILTER (WHERE r.mismatch)::int AS mismatch_count,
        count(*) FILTER (WHERE r.occurrences > 1)::int AS duplicate_count
      FROM currencies c LEFT JOIN rc_rows r ON r.day = c.day
      GROUP BY c.day, c.currency),
    breakdown AS (
      SELECT day, jsonb_object_agg(dimension, entries) AS breakdown FROM (
        SELECT day, dimension, jsonb_object_agg(name, jsonb_build_object('count', n, 'value', value::text)) AS entries FROM (
          SELECT r.day, d.dimension, d.name, count(*)::int AS n, coalesce(sum(r.value) FILTER (WHERE r.currency = c.currency), 0) AS value
          FROM (SELECT * FROM rc_rows WHERE order_id IS NOT NULL AND (tid IS NULL OR mismatch OR occurrences > 1)) r
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
  // issues are what it had.
  const issues = await tx.$executeRaw`
    CREATE TEMP TABLE rc_issues ON COMMIT DROP AS
    SELECT r.day, k.kind::"ReconciliationIssueKind" AS kind, r.order_id, r.order_name, r.tid, coalesce(r.currency, r.a_currency) AS currency,
      r.value AS store_value, r.a_currency,
      CASE WHEN k.kind = 'VALUE_MISMATCH' THEN round(r.revenue / r.occurrences, 4) ELSE r.revenue END AS analytics_value,
      CASE WHEN k.kind = 'VALUE_MISMATCH' AND r.a_currency = r.currency THEN r.diff END AS difference,
      CASE WHEN k.kind = 'VALUE_MISMATCH' THEN r.explanation END AS explanation,
      CASE WHEN k.kind = 'DUPLICATE' THEN r.occurrences END AS occurrences,
      r.channel, coalesce(r.order_source, r.a_source) AS source, r.device
    FROM (SELECT * FROM rc_rows WHERE tid IS NULL OR order_id IS NULL OR mismatch OR occurrences > 1) r CROSS JOIN LATERAL (VALUES
      (CASE WHEN r.tid IS NULL THEN 'MISSING_IN_ANALYTICS' END),
      (CASE WHEN r.order_id IS NULL THEN 'EXTRA_IN_ANALYTICS' END),
      (CASE WHEN r.mismatch THEN 'VALUE_MISMATCH' END),
      (CASE WHEN r.occurrences > 1 THEN 'DUPLICATE' END)) AS k(kind)
    WHERE k.kind IS NOT NULL`;
  // An issue is one kind, on one day, of one order or transaction (extras have no order).
  const sameIssue = Prisma.sql`s.date = n.day AND s.kind = n.kind AND coalesce(s."orderId", '') = coalesce(n.order_id, '') AND coalesce(s."transactionId", '') = coalesce(n.tid, '')`;
  await tx.$executeRaw`
    DELETE FROM "ReconciliationIssue" s WHERE s."pairId" = ${pair.id} AND ${inScope(Prisma.sql`s.date`)} AND NOT EXISTS (
      SELECT 1 FROM rc_issues n WHERE ${sameIssue}
        AND (s."orderName", s.currency, s."storeValue", s."analyticsCurrency", s."analyticsValue", s.difference, s.explanation, s.occurrences, s.channel, s.source, s.device)
          IS NOT DISTINCT FROM (n.order_name, n.currency, n.store_value, n.a_currency, n.analytics_value, n.difference, n.explanation, n.occurrences, n.channel, n.source, n.device))`;
  await tx.$executeRaw`
    INSERT INTO "ReconciliationIssue" (id, "workspaceId", "pairId", date, kind, "orderId", "orderName", "transactionId", currency, "storeValue",
      "analyticsCurrency", "analyticsValue", difference, explanation, occurrences, channel, source, device)
    SELECT gen_random_uuid()::text, ${ws}, ${pair.id}, n.day, n.kind, n.order_id, n.order_name, n.tid, n.currency, n.store_value,
      n.a_currency, n.analytics_value, n.difference, n.explanation, n.occurrences, n.channel, n.source, n.device
    FROM rc_issues n
    WHERE NOT EXISTS (SELECT 1 FROM "ReconciliationIssue" s WHERE s."pairId" = ${pair.id} AND ${inScope(Prisma.sql`s.date`)} AND ${sameIssue})`;
  return { days: written, revised, removed, issues };
}
