-- The changed product rows of a refresh found with EXCEPT between the recomputed rows and the
-- stored ones, not NOT EXISTS: the planner, blind to how many rows the keys hold, ran the
-- anti-joins as nested loops over the recomputed rows, minutes for a rebuild of 146k rows.
-- The rest as in 20261206104446_dashboard_product_rollup_changes.
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
  stored AS (
    SELECT r."workspaceId", r."connectionId", r.day, r.currency, r."productKey", r.title, r.units, r.revenue
    FROM "DailyProductRollup" r JOIN unnest(keys) k ON r."workspaceId" = k."workspaceId" AND r."connectionId" = k."connectionId" AND r.day = k.day
  ),
  vanished AS (
    DELETE FROM "DailyProductRollup" r
    USING (SELECT "workspaceId", "connectionId", day, currency, "productKey" FROM stored
           EXCEPT SELECT "workspaceId", "connectionId", day, currency, "productKey" FROM fresh) g
    WHERE r."workspaceId" = g."workspaceId" AND r."connectionId" = g."connectionId" AND r.day = g.day AND r.currency = g.currency AND r."productKey" = g."productKey"
    RETURNING r."workspaceId", r."connectionId", r.day, r.currency, r."productKey", -r.units AS units, -r.revenue AS revenue, -1 AS days
  ),
  written AS (
    INSERT INTO "DailyProductRollup" AS r ("workspaceId", "connectionId", day, currency, "productKey", title, units, revenue)
    SELECT * FROM (SELECT * FROM fresh EXCEPT SELECT * FROM stored) f
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


