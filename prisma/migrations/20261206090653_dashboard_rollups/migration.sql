-- The dashboard's daily rollups (DailySalesRollup, DailyProductRollup), kept exact in the same
-- transaction as the orders, line items and refunds they summarise, whatever writes them (sync
-- ingest, webhooks, soft deletions, redaction, erasure, a person's edit).
--
-- Measures, per store connection, day (Workspace.timeZone) and currency:
--   an order counts when it is not deleted, not a test and not cancelled, on its processedAt day,
--   in its currency: orders 1, grossSales totalPrice, discounts totalDiscounts, tax totalTax,
--   shipping totalShipping (missing amounts as 0), units the sum of its line items' quantity;
--   a refund of a counted order counts on its own day (sourceCreatedAt), in its currency:
--   refunds 1, refunded total;
--   a product (DailyProductRollup): the line items of counted orders on their order's day, in the
--   line's currency, keyed by the line's product id or its title when it has none: units the
--   quantity, revenue quantity x discountedUnitPrice; title that of the day's latest line.
--
-- Method: statement-level triggers with transition tables name the (connection, day) keys a
-- statement touched, and those keys' rollup rows are recomputed from the base tables. Deltas
-- (subtract old contributions, add new) are not exact here: a line item's and a refund's
-- contribution depends on its order's state (counted, day), and one ingest statement changes an
-- order and its children together (a cancellation that adds its refund), while each table's
-- trigger sees only its own table's old rows; which trigger fires first is not defined. A
-- recomputation reads only the current state, so the triggers' order and repeats do not matter.
-- Keys are recomputed under ingest's per-connection advisory lock (server/ingest/shared.ts,
-- queryCountsSerialized; re-entrant for ingest, which holds it already), taken in a fixed order,
-- and the recomputation's statements start after it is granted, so they see every committed write
-- of the connection: two transactions never overwrite each other's figures. Updates that change
-- no measure (a redaction, a status, a replay) touch no rollup.

-- Refunds by their own day, for the recomputation of a day's refunds.
CREATE INDEX "Refund_workspaceId_connectionId_sourceCreatedAt_idx" ON "Refund"("workspaceId", "connectionId", "sourceCreatedAt");

CREATE TYPE dashboard_rollup_key AS ("workspaceId" text, "connectionId" text, day date);

CREATE FUNCTION dashboard_order_counts("deletedAt" timestamptz, test boolean, "cancelledAt" timestamptz) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$ SELECT "deletedAt" IS NULL AND NOT test AND "cancelledAt" IS NULL $$;

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

-- The months (MonthlyProductRollup) follow the days' product rows: a refresh writes only the
-- product rows whose figures changed (the recomputed rows that differ, found with EXCEPT: the
-- planner, blind to how many rows the keys hold, ran NOT EXISTS anti-joins as nested loops, minutes
-- for a rebuild of 146k rows; and the deletion of those no longer sold), and the months take the
-- difference from RETURNING old/new (a row per product and month stays the sum of its daily rows,
-- `days` counting them), under the same per-connection lock. A day of a large store has thousands
-- of product rows; an order touches a few.
-- Recomputes the rollup rows of the given (workspace, connection, day) keys from the base tables:
-- the sales figures, and the products' unless `products` is false (a change that cannot move them).
CREATE FUNCTION dashboard_refresh_rollups(keys dashboard_rollup_key[], products boolean DEFAULT true) RETURNS void
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

-- Recomputes every rollup row of a workspace, months included: after its time zone changed, or as a repair.
CREATE FUNCTION dashboard_rebuild_rollups(workspace text) RETURNS void
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

-- Updated rows whose measures changed are found with EXCEPT between the transition tables, not by
-- joining them on id: the planner has no statistics on transition tables, takes them for a row or
-- two and joins them with a nested loop, which on a 2,000-order batch (and its 4,000 lines) costs
-- seconds.

-- The keys of orders (old or new rows) on their day in their workspace's zone.
-- An order inserted with line items has its day recomputed by the line items' trigger, which
-- sees the order too (both fire at the end of the statement; a line is never written before its
-- order, whose id is new): recomputing it here as well doubled a new batch's cost. This trigger
-- keeps the new orders that have no line item.
CREATE FUNCTION dashboard_order_rollups() RETURNS trigger
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

-- The keys of line items (old or new rows): their order's day, as the order is now. An order that
-- changed in the same statement has its old day recomputed by its own trigger.
CREATE FUNCTION dashboard_line_item_rollups() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  order_ids text[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    order_ids := ARRAY(SELECT DISTINCT n."orderId" FROM new_rows n);
  ELSIF TG_OP = 'DELETE' THEN
    order_ids := ARRAY(SELECT DISTINCT o."orderId" FROM old_rows o);
  ELSE
    order_ids := ARRAY(
      SELECT DISTINCT x."orderId" FROM (
        (SELECT id, "orderId", quantity, "discountedUnitPrice", currency, "productExternalId", title FROM new_rows
         EXCEPT SELECT id, "orderId", quantity, "discountedUnitPrice", currency, "productExternalId", title FROM old_rows)
        UNION ALL
        (SELECT id, "orderId", quantity, "discountedUnitPrice", currency, "productExternalId", title FROM old_rows
         EXCEPT SELECT id, "orderId", quantity, "discountedUnitPrice", currency, "productExternalId", title FROM new_rows)
      ) x);
  END IF;
  PERFORM dashboard_refresh_rollups(ARRAY(
    SELECT DISTINCT ROW(o."workspaceId", o."connectionId", (o."processedAt" AT TIME ZONE w."timeZone")::date)::dashboard_rollup_key
    FROM "Order" o JOIN "Workspace" w ON w.id = o."workspaceId"
    WHERE o.id = ANY(order_ids) AND dashboard_order_counts(o."deletedAt", o.test, o."cancelledAt")));
  RETURN NULL;
END $$;

-- The keys of refunds (old or new rows): their own day.
CREATE FUNCTION dashboard_refund_rollups() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM dashboard_refresh_rollups(ARRAY(
      SELECT DISTINCT ROW(n."workspaceId", n."connectionId", (n."sourceCreatedAt" AT TIME ZONE w."timeZone")::date)::dashboard_rollup_key
      FROM new_rows n JOIN "Workspace" w ON w.id = n."workspaceId"));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM dashboard_refresh_rollups(ARRAY(
      SELECT DISTINCT ROW(o."workspaceId", o."connectionId", (o."sourceCreatedAt" AT TIME ZONE w."timeZone")::date)::dashboard_rollup_key
      FROM old_rows o JOIN "Workspace" w ON w.id = o."workspaceId"));
  ELSE
    PERFORM dashboard_refresh_rollups(ARRAY(
      SELECT DISTINCT ROW(x."workspaceId", x."connectionId", (x."sourceCreatedAt" AT TIME ZONE w."timeZone")::date)::dashboard_rollup_key
      FROM (
        (SELECT id, "workspaceId", "connectionId", "orderId", "sourceCreatedAt", total, currency FROM new_rows
         EXCEPT SELECT id, "workspaceId", "connectionId", "orderId", "sourceCreatedAt", total, currency FROM old_rows)
        UNION ALL
        (SELECT id, "workspaceId", "connectionId", "orderId", "sourceCreatedAt", total, currency FROM old_rows
         EXCEPT SELECT id, "workspaceId", "connectionId", "orderId", "sourceCreatedAt", total, currency FROM new_rows)
      ) x JOIN "Workspace" w ON w.id = x."workspaceId"));
  END IF;
  RETURN NULL;
END $$;

-- Transition tables allow one event per trigger.
CREATE TRIGGER dashboard_rollups_order_insert AFTER INSERT ON "Order" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dashboard_order_rollups();
CREATE TRIGGER dashboard_rollups_order_update AFTER UPDATE ON "Order" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dashboard_order_rollups();
CREATE TRIGGER dashboard_rollups_order_delete AFTER DELETE ON "Order" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dashboard_order_rollups();

CREATE TRIGGER dashboard_rollups_line_item_insert AFTER INSERT ON "OrderLineItem" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dashboard_line_item_rollups();
CREATE TRIGGER dashboard_rollups_line_item_update AFTER UPDATE ON "OrderLineItem" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dashboard_line_item_rollups();
CREATE TRIGGER dashboard_rollups_line_item_delete AFTER DELETE ON "OrderLineItem" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dashboard_line_item_rollups();

CREATE TRIGGER dashboard_rollups_refund_insert AFTER INSERT ON "Refund" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dashboard_refund_rollups();
CREATE TRIGGER dashboard_rollups_refund_update AFTER UPDATE ON "Refund" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dashboard_refund_rollups();
CREATE TRIGGER dashboard_rollups_refund_delete AFTER DELETE ON "Refund" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dashboard_refund_rollups();
