-- dashboard_refresh_rollups writes only the product rows whose figures changed (upsert of the
-- recomputed rows that differ, deletion of those no longer sold; the months take the difference
-- from RETURNING old/new), instead of deleting and inserting every product row of the day: a
-- day of a large store has thousands, an order touches a few. Months by date_trunc on a
-- timestamp (no time zone involved). The rest as in 20261206103451_monthly_product_rollups.
CREATE OR REPLACE FUNCTION dashboard_refresh_rollups(keys dashboard_rollup_key[], products boolean DEFAULT true) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  -- A workspace being erased loses its rollups with its connections: recomputing its days as its
  -- orders go, batch by batch, would only slow the erasure down.
  keys := ARRAY(SELECT k FROM unnest(keys) k
    WHERE NOT EXISTS (SELECT 1 FROM "WorkspaceDeletion" d WHERE d."deletedWorkspaceId" = k."workspaceId"));
  IF cardinality(keys) = 0 THEN
    RETURN;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('meridian.ingest'), hashtext(c."connectionId"))
    FROM (SELECT DISTINCT k."connectionId" FROM unnest(keys) k ORDER BY 1) c;

  DELETE FROM "DailySalesRollup" r USING unnest(keys) k
    WHERE r."workspaceId" = k."workspaceId" AND r."connectionId" = k."connectionId" AND r.day = k.day;

  -- Each day's orders and refunds through LATERAL, one index range scan per day (OFFSET 0 keeps
  -- the planner from flattening it back into a join, which it hashes on the workspace, testing
  -- every order against every day's range: minutes for a rebuild of a large workspace).
  WITH spans AS (
    SELECT DISTINCT k."workspaceId", k."connectionId", k.day,
      k.day::timestamp AT TIME ZONE w."timeZone" AS starts, (k.day + 1)::timestamp AT TIME ZONE w."timeZone" AS ends
    FROM unnest(keys) k JOIN "Workspace" w ON w.id = k."workspaceId"
  ),
  orders AS (
    SELECT s.day, o.*
    FROM spans s CROSS JOIN LATERAL (SELECT * FROM "Order" o WHERE o."workspaceId" = s."workspaceId" AND o."processedAt" >= s.starts AND o."processedAt" < s.ends
      AND o."connectionId" = s."connectionId" AND dashboard_order_counts(o."deletedAt", o.test, o."cancelledAt") OFFSET 0) o
  ),
  contributions AS (
    SELECT o."workspaceId", o."connectionId", o.day, o.currency, 1 AS orders, o."totalPrice" AS "grossSales",
      coalesce(o."totalDiscounts", 0) AS discounts, coalesce(o."totalTax", 0) AS tax, coalesce(o."totalShipping", 0) AS shipping,
      coalesce((SELECT sum(l.quantity) FROM "OrderLineItem" l WHERE l."orderId" = o.id), 0) AS units,
      0 AS refunds, 0 AS refunded
    FROM orders o
    UNION ALL
    SELECT f."workspaceId", f."connectionId", s.day, f.currency, 0, 0, 0, 0, 0, 0, 1, f.total
    FROM spans s
    CROSS JOIN LATERAL (SELECT * FROM "Refund" f WHERE f."workspaceId" = s."workspaceId" AND f."connectionId" = s."connectionId" AND f."sourceCreatedAt" >= s.starts AND f."sourceCreatedAt" < s.ends OFFSET 0) f
    JOIN "Order" o ON o.id = f."orderId"
    WHERE dashboard_order_counts(o."deletedAt", o.test, o."cancelledAt")
  )
  INSERT INTO "DailySalesRollup" ("workspaceId", "connectionId", day, currency, orders, "grossSales", discounts, tax, shipping, units, refunds, refunded)
  SELECT "workspaceId", "connectionId", day, currency, sum(orders), sum("grossSales"), sum(discounts), sum(tax), sum(shipping), sum(units), sum(refunds), sum(refunded)
  FROM contributions
  GROUP BY "workspaceId", "connectionId", day, currency
  ORDER BY "workspaceId", "connectionId", day, currency;

  IF NOT products THEN
    RETURN;
  END IF;
  -- Only the product rows whose figures changed are written (a day of a large store has
  -- thousands, an order touches a few), and the months take the difference.
  WITH spans AS (
    SELECT DISTINCT k."workspaceId", k."connectionId", k.day,
      k.day::timestamp AT TIME ZONE w."timeZone" AS starts, (k.day + 1)::timestamp AT TIME ZONE w."timeZone" AS ends
    FROM unnest(keys) k JOIN "Workspace" w ON w.id = k."workspaceId"
  ),
  fresh AS (
    SELECT o."workspaceId", o."connectionId", s.day, l.currency, coalesce(l."productExternalId", l.title) AS "productKey",
      (array_agg(l.title ORDER BY o."processedAt" DESC, l.id DESC))[1] AS title, sum(l.quantity)::int AS units, sum(l.quantity * l."discountedUnitPrice") AS revenue
    FROM spans s
    CROSS JOIN LATERAL (SELECT * FROM "Order" o WHERE o."workspaceId" = s."workspaceId" AND o."processedAt" >= s.starts AND o."processedAt" < s.ends
        AND o."connectionId" = s."connectionId" AND dashboard_order_counts(o."deletedAt", o.test, o."cancelledAt") OFFSET 0) o
    JOIN "OrderLineItem" l ON l."orderId" = o.id
    GROUP BY o."workspaceId", o."connectionId", s.day, l.currency, coalesce(l."productExternalId", l.title)
  ),
  vanished AS (
    DELETE FROM "DailyProductRollup" r USING unnest(keys) k
    WHERE r."workspaceId" = k."workspaceId" AND r."connectionId" = k."connectionId" AND r.day = k.day
      AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f."workspaceId" = r."workspaceId" AND f."connectionId" = r."connectionId" AND f.day = r.day
        AND f.currency = r.currency AND f."productKey" = r."productKey")
    RETURNING r."workspaceId", r."connectionId", r.day, r.currency, r."productKey", -r.units AS units, -r.revenue AS revenue, -1 AS days
  ),
  written AS (
    INSERT INTO "DailyProductRollup" AS r ("workspaceId", "connectionId", day, currency, "productKey", title, units, revenue)
    SELECT f.* FROM fresh f
    WHERE NOT EXISTS (SELECT 1 FROM "DailyProductRollup" r WHERE r."workspaceId" = f."workspaceId" AND r."connectionId" = f."connectionId" AND r.day = f.day
      AND r.currency = f.currency AND r."productKey" = f."productKey" AND r.title = f.title AND r.units = f.units AND r.revenue = f.revenue)
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT ("workspaceId", "connectionId", day, currency, "productKey")
      DO UPDATE SET title = excluded.title, units = excluded.units, revenue = excluded.revenue
    RETURNING new."workspaceId", new."connectionId", new.day, new.currency, new."productKey",
      new.units - coalesce(old.units, 0) AS units, new.revenue - coalesce(old.revenue, 0) AS revenue, CASE WHEN old.units IS NULL THEN 1 ELSE 0 END AS days
  )
  INSERT INTO "MonthlyProductRollup" AS m ("workspaceId", "connectionId", month, currency, "productKey", units, revenue, days)
  SELECT "workspaceId", "connectionId", date_trunc('month', day::timestamp)::date, currency, "productKey", sum(units), sum(revenue), sum(days)
  FROM (SELECT * FROM vanished UNION ALL SELECT * FROM written) d
  GROUP BY 1, 2, 3, 4, 5
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT ("workspaceId", "connectionId", month, currency, "productKey")
    DO UPDATE SET units = m.units + excluded.units, revenue = m.revenue + excluded.revenue, days = m.days + excluded.days;

  DELETE FROM "MonthlyProductRollup" m
  USING (SELECT DISTINCT k."workspaceId", k."connectionId", date_trunc('month', k.day::timestamp)::date AS month FROM unnest(keys) k) k
  WHERE m."workspaceId" = k."workspaceId" AND m."connectionId" = k."connectionId" AND m.month = k.month AND m.days = 0;
END $$;


-- A rebuild also recomputes the months from the days, so it repairs them as well.
CREATE OR REPLACE FUNCTION dashboard_rebuild_rollups(workspace text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  tz text := (SELECT "timeZone" FROM "Workspace" WHERE id = workspace);
BEGIN
  PERFORM dashboard_refresh_rollups(ARRAY(
    SELECT DISTINCT ROW(x."workspaceId", x."connectionId", x.day)::dashboard_rollup_key FROM (
      SELECT r."workspaceId", r."connectionId", r.day FROM "DailySalesRollup" r WHERE r."workspaceId" = workspace
      UNION SELECT r."workspaceId", r."connectionId", r.day FROM "DailyProductRollup" r WHERE r."workspaceId" = workspace
      UNION SELECT o."workspaceId", o."connectionId", (o."processedAt" AT TIME ZONE tz)::date FROM "Order" o
        WHERE o."workspaceId" = workspace AND dashboard_order_counts(o."deletedAt", o.test, o."cancelledAt")
      UNION SELECT f."workspaceId", f."connectionId", (f."sourceCreatedAt" AT TIME ZONE tz)::date FROM "Refund" f WHERE f."workspaceId" = workspace
    ) x));
  DELETE FROM "MonthlyProductRollup" WHERE "workspaceId" = workspace;
  INSERT INTO "MonthlyProductRollup" ("workspaceId", "connectionId", month, currency, "productKey", units, revenue, days)
  SELECT "workspaceId", "connectionId", date_trunc('month', day::timestamp)::date, currency, "productKey", sum(units), sum(revenue), count(*)
  FROM "DailyProductRollup" WHERE "workspaceId" = workspace
  GROUP BY 1, 2, 3, 4, 5;
END $$;

