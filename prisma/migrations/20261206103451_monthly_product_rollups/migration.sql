-- CreateTable
CREATE TABLE "MonthlyProductRollup" (
    "workspaceId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "currency" TEXT NOT NULL,
    "productKey" TEXT NOT NULL,
    "units" INTEGER NOT NULL DEFAULT 0,
    "revenue" DECIMAL(18,4) NOT NULL DEFAULT 0,
    "days" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "MonthlyProductRollup_pkey" PRIMARY KEY ("workspaceId","connectionId","month","currency","productKey")
);

-- CreateIndex
CREATE INDEX "MonthlyProductRollup_workspaceId_month_idx" ON "MonthlyProductRollup"("workspaceId", "month");

-- AddForeignKey
ALTER TABLE "MonthlyProductRollup" ADD CONSTRAINT "MonthlyProductRollup_connectionId_workspaceId_fkey" FOREIGN KEY ("connectionId", "workspaceId") REFERENCES "Connection"("id", "workspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- The months of the days already summed.
INSERT INTO "MonthlyProductRollup" ("workspaceId", "connectionId", month, currency, "productKey", units, revenue, days)
SELECT "workspaceId", "connectionId", date_trunc('month', day)::date, currency, "productKey", sum(units), sum(revenue), count(*)
FROM "DailyProductRollup"
GROUP BY 1, 2, 3, 4, 5;

-- The months' rows follow the days' rows: dashboard_refresh_rollups adds what a recomputed day's
-- product rows gain and subtracts what they lose (a row per product and month stays the sum of
-- its daily rows, `days` counting them), under the same per-connection lock. The rest of the
-- function is as before (20261206090653_dashboard_rollups).
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
  WITH gone AS (
    DELETE FROM "DailyProductRollup" r USING unnest(keys) k
    WHERE r."workspaceId" = k."workspaceId" AND r."connectionId" = k."connectionId" AND r.day = k.day
    RETURNING r."workspaceId", r."connectionId", r.day, r.currency, r."productKey", r.units, r.revenue
  )
  INSERT INTO "MonthlyProductRollup" AS m ("workspaceId", "connectionId", month, currency, "productKey", units, revenue, days)
  SELECT "workspaceId", "connectionId", date_trunc('month', day)::date, currency, "productKey", -sum(units), -sum(revenue), -count(*)
  FROM gone
  GROUP BY 1, 2, 3, 4, 5
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT ("workspaceId", "connectionId", month, currency, "productKey")
    DO UPDATE SET units = m.units + excluded.units, revenue = m.revenue + excluded.revenue, days = m.days + excluded.days;

  WITH spans AS (
    SELECT DISTINCT k."workspaceId", k."connectionId", k.day,
      k.day::timestamp AT TIME ZONE w."timeZone" AS starts, (k.day + 1)::timestamp AT TIME ZONE w."timeZone" AS ends
    FROM unnest(keys) k JOIN "Workspace" w ON w.id = k."workspaceId"
  ),
  added AS (
    INSERT INTO "DailyProductRollup" ("workspaceId", "connectionId", day, currency, "productKey", title, units, revenue)
    SELECT o."workspaceId", o."connectionId", s.day, l.currency, coalesce(l."productExternalId", l.title),
      (array_agg(l.title ORDER BY o."processedAt" DESC, l.id DESC))[1], sum(l.quantity), sum(l.quantity * l."discountedUnitPrice")
    FROM spans s
    CROSS JOIN LATERAL (SELECT * FROM "Order" o WHERE o."workspaceId" = s."workspaceId" AND o."processedAt" >= s.starts AND o."processedAt" < s.ends
        AND o."connectionId" = s."connectionId" AND dashboard_order_counts(o."deletedAt", o.test, o."cancelledAt") OFFSET 0) o
    JOIN "OrderLineItem" l ON l."orderId" = o.id
    GROUP BY o."workspaceId", o."connectionId", s.day, l.currency, coalesce(l."productExternalId", l.title)
    ORDER BY 1, 2, 3, 4, 5
    RETURNING "workspaceId", "connectionId", day, currency, "productKey", units, revenue
  )
  INSERT INTO "MonthlyProductRollup" AS m ("workspaceId", "connectionId", month, currency, "productKey", units, revenue, days)
  SELECT "workspaceId", "connectionId", date_trunc('month', day)::date, currency, "productKey", sum(units), sum(revenue), count(*)
  FROM added
  GROUP BY 1, 2, 3, 4, 5
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT ("workspaceId", "connectionId", month, currency, "productKey")
    DO UPDATE SET units = m.units + excluded.units, revenue = m.revenue + excluded.revenue, days = m.days + excluded.days;

  DELETE FROM "MonthlyProductRollup" m
  USING (SELECT DISTINCT k."workspaceId", k."connectionId", date_trunc('month', k.day)::date AS month FROM unnest(keys) k) k
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
  SELECT "workspaceId", "connectionId", date_trunc('month', day)::date, currency, "productKey", sum(units), sum(revenue), count(*)
  FROM "DailyProductRollup" WHERE "workspaceId" = workspace
  GROUP BY 1, 2, 3, 4, 5;
END $$;

-- An order inserted with line items has its day recomputed by the line items' trigger, which
-- sees the order too (both fire at the end of the statement; a line is never written before its
-- order, whose id is new): recomputing it here as well doubled a new batch's cost. This trigger
-- keeps the new orders that have no line item.
CREATE OR REPLACE FUNCTION dashboard_order_rollups() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM dashboard_refresh_rollups(ARRAY(
      SELECT DISTINCT ROW(n."workspaceId", n."connectionId", (n."processedAt" AT TIME ZONE w."timeZone")::date)::dashboard_rollup_key
      FROM new_rows n JOIN "Workspace" w ON w.id = n."workspaceId"
      WHERE dashboard_order_counts(n."deletedAt", n.test, n."cancelledAt")
        AND NOT EXISTS (SELECT 1 FROM "OrderLineItem" l WHERE l."orderId" = n.id)));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM dashboard_refresh_rollups(ARRAY(
      SELECT DISTINCT ROW(o."workspaceId", o."connectionId", (o."processedAt" AT TIME ZONE w."timeZone")::date)::dashboard_rollup_key
      FROM old_rows o JOIN "Workspace" w ON w.id = o."workspaceId"
      WHERE dashboard_order_counts(o."deletedAt", o.test, o."cancelledAt")));
  ELSE
    -- An order whose day, currency or counting changed moves its old and new day's figures,
    -- products included, and those of the days its refunds fall on; one whose amounts alone
    -- changed moves its day's sales figures only (its products come from its line items).
    PERFORM dashboard_refresh_rollups(ARRAY(
      WITH keyed_new AS (SELECT id, "workspaceId", "connectionId", "processedAt", currency, dashboard_order_counts("deletedAt", test, "cancelledAt") AS counts FROM new_rows),
      keyed_old AS (SELECT id, "workspaceId", "connectionId", "processedAt", currency, dashboard_order_counts("deletedAt", test, "cancelledAt") AS counts FROM old_rows),
      rekeyed AS (
        (SELECT * FROM keyed_new EXCEPT SELECT * FROM keyed_old)
        UNION ALL
        (SELECT * FROM keyed_old EXCEPT SELECT * FROM keyed_new)
      )
      SELECT DISTINCT ROW(x."workspaceId", x."connectionId", (x.at AT TIME ZONE w."timeZone")::date)::dashboard_rollup_key
      FROM (
        SELECT r."workspaceId", r."connectionId", r."processedAt" AS at FROM rekeyed r WHERE r.counts
        UNION ALL
        SELECT f."workspaceId", f."connectionId", f."sourceCreatedAt" FROM "Refund" f WHERE f."orderId" = ANY(ARRAY(SELECT id FROM rekeyed))
      ) x JOIN "Workspace" w ON w.id = x."workspaceId"));
    PERFORM dashboard_refresh_rollups(ARRAY(
      WITH amounts_new AS (SELECT id, "workspaceId", "connectionId", "processedAt", "totalPrice", "totalDiscounts", "totalTax", "totalShipping" FROM new_rows
        WHERE dashboard_order_counts("deletedAt", test, "cancelledAt")),
      amounts_old AS (SELECT id, "workspaceId", "connectionId", "processedAt", "totalPrice", "totalDiscounts", "totalTax", "totalShipping" FROM old_rows
        WHERE dashboard_order_counts("deletedAt", test, "cancelledAt"))
      SELECT DISTINCT ROW(x."workspaceId", x."connectionId", (x."processedAt" AT TIME ZONE w."timeZone")::date)::dashboard_rollup_key
      FROM (SELECT * FROM amounts_new EXCEPT SELECT * FROM amounts_old) x JOIN "Workspace" w ON w.id = x."workspaceId"), false);
  END IF;
  RETURN NULL;
END $$;
