-- The orders of changed line items and refunds are read by id = ANY(...), an index scan whatever
-- the plan's guess of the array's size: a session's first plans, made for the actual array, joined
-- 4,000 lines to every order of the workspace by hash. These two functions of
-- 20261206170000_dashboard_rollup_deltas are replaced here (that migration had shipped) and
-- otherwise unchanged.
--
-- Two corrections to that migration's comments, which a shipped migration cannot take:
--   - a statement of more than dashboard_bulk_rows() rows has the days it touched recomputed (one
--     more case beside those its header lists);
--   - dashboard_apply_order_changes' `moves` changes come from updates only: deletions recompute
--     their days in the trigger.

-- Line items' units and products under their orders as they are now.
CREATE OR REPLACE FUNCTION dashboard_apply_line_changes(changes dashboard_line_change[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  erased text[] := dashboard_erased_workspaces(ARRAY(SELECT DISTINCT c."workspaceId" FROM unnest(changes) c));
  sales_deltas dashboard_sales_delta[];
  touched_sales dashboard_rollup_key[];
  touched_products dashboard_rollup_key[];
  uncertain dashboard_rollup_key[];
BEGIN
  IF cardinality(erased) > 0 THEN
    changes := ARRAY(SELECT c FROM unnest(changes) c WHERE c."workspaceId" <> ALL(erased));
  END IF;
  IF cardinality(changes) = 0 THEN
    RETURN;
  END IF;
  PERFORM dashboard_lock_stores(ARRAY(SELECT c."connectionId" FROM unnest(changes) c));

  -- The orders by id = ANY(...): an index scan whatever the plan's guess of the array's size (a
  -- plan made for the actual array joined 4,000 lines to every order of the workspace by hash).
  WITH orders AS (
    SELECT o.id, o."workspaceId", o."connectionId", (o."processedAt" AT TIME ZONE w."timeZone")::date AS day, o.currency, o."processedAt"
    FROM "Order" o JOIN "Workspace" w ON w.id = o."workspaceId"
    WHERE o.id = ANY(ARRAY(SELECT DISTINCT c."orderId" FROM unnest(changes) c)) AND dashboard_order_counts(o."deletedAt", o.test, o."cancelledAt")
  ),
  contributions AS (
    SELECT o."workspaceId", o."connectionId", o.day, o.currency AS "orderCurrency", o."processedAt",
      c.sign, c.id, c.quantity, c.quantity * c."discountedUnitPrice" AS revenue, c.currency, coalesce(c."productExternalId", c.title) AS "productKey", c.title
    FROM unnest(changes) c JOIN orders o ON o.id = c."orderId"
  ),
  -- A line's old and new row with the same title cancel out for the title (same order, same place
  -- in the day): `net` 0. What is left was added (1) or removed (-1).
  lines AS (
    SELECT c."workspaceId", c."connectionId", c.day, c.currency, c."productKey", c.id, c.title, c."processedAt",
      sum(c.sign) AS net, sum(c.sign * c.quantity) AS units, sum(c.sign * c.revenue) AS revenue
    FROM contributions c
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  ),
  products AS (
    SELECT l."workspaceId", l."connectionId", l.day, l.currency, l."productKey", sum(l.units)::int AS units, sum(l.revenue) AS revenue,
      (array_agg(l.title ORDER BY l."processedAt" DESC, l.id DESC) FILTER (WHERE l.net > 0))[1] AS "latestAdded",
      array_agg(DISTINCT l.title) FILTER (WHERE l.net > 0) AS added,
      array_agg(DISTINCT l.title) FILTER (WHERE l.net < 0) AS removed
    FROM lines l
    GROUP BY 1, 2, 3, 4, 5
    HAVING bool_or(l.net <> 0) OR sum(l.units) <> 0 OR sum(l.revenue) <> 0
  ),
  -- Removals alone reach a missing row only on a day the statement recomputes (an order of theirs
  -- moved): the product key stands in for its title until then.
  written AS (
    INSERT INTO "DailyProductRollup" AS r ("workspaceId", "connectionId", day, currency, "productKey", title, units, revenue)
    SELECT p."workspaceId", p."connectionId", p.day, p.currency, p."productKey", coalesce(p."latestAdded", p."productKey"), p.units, p.revenue
    FROM products p
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT ("workspaceId", "connectionId", day, currency, "productKey")
      DO UPDATE SET units = r.units + excluded.units, revenue = r.revenue + excluded.revenue
    RETURNING new."workspaceId", new."connectionId", new.day, new.currency, new."productKey", old.title AS "storedTitle", old.units IS NULL AS created,
      new.units - coalesce(old.units, 0) AS "unitsAdded", new.revenue - coalesce(old.revenue, 0) AS "revenueAdded"
  ),
  months AS (
    INSERT INTO "MonthlyProductRollup" AS m ("workspaceId", "connectionId", month, currency, "productKey", units, revenue, days)
    SELECT w."workspaceId", w."connectionId", date_trunc('month', w.day::timestamp)::date, w.currency, w."productKey",
      sum(w."unitsAdded"), sum(w."revenueAdded"), count(*) FILTER (WHERE w.created)
    FROM written w
    GROUP BY 1, 2, 3, 4, 5
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT ("workspaceId", "connectionId", month, currency, "productKey")
      DO UPDATE SET units = m.units + excluded.units, revenue = m.revenue + excluded.revenue, days = m.days + excluded.days
  )
  SELECT
    ARRAY(SELECT ROW(c."workspaceId", c."connectionId", c.day, c."orderCurrency", 0, 0, 0, 0, 0, sum(c.sign * c.quantity), 0, 0)::dashboard_sales_delta
      FROM contributions c GROUP BY c."workspaceId", c."connectionId", c.day, c."orderCurrency"),
    ARRAY(SELECT DISTINCT ROW(w."workspaceId", w."connectionId", w.day)::dashboard_rollup_key FROM written w),
    -- A new row takes its latest line's title; a stored one keeps its title unless a line with that
    -- title went or a line with another came: then the latest line decides, which only the day's
    -- other lines can tell.
    ARRAY(SELECT DISTINCT ROW(w."workspaceId", w."connectionId", w.day)::dashboard_rollup_key
      FROM written w JOIN products p USING ("workspaceId", "connectionId", day, currency, "productKey")
      WHERE NOT w.created AND (w."storedTitle" = ANY(p.removed) OR w."storedTitle" <> ANY(p.added)))
  INTO sales_deltas, touched_products, uncertain;

  touched_sales := dashboard_add_sales(sales_deltas);
  PERFORM dashboard_settle_rollups(uncertain, '{}', touched_sales, touched_products);
END $$;

-- New refunds' figures under their orders as they are now; an old refund row's day is recomputed.
CREATE OR REPLACE FUNCTION dashboard_apply_refund_changes(changes dashboard_refund_change[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  erased text[] := dashboard_erased_workspaces(ARRAY(SELECT DISTINCT c."workspaceId" FROM unnest(changes) c));
  touched dashboard_rollup_key[];
BEGIN
  IF cardinality(erased) > 0 THEN
    changes := ARRAY(SELECT c FROM unnest(changes) c WHERE c."workspaceId" <> ALL(erased));
  END IF;
  IF cardinality(changes) = 0 THEN
    RETURN;
  END IF;
  PERFORM dashboard_lock_stores(ARRAY(SELECT c."connectionId" FROM unnest(changes) c));

  touched := dashboard_add_sales(ARRAY(
    SELECT ROW(c."workspaceId", c."connectionId", (c."sourceCreatedAt" AT TIME ZONE w."timeZone")::date, c.currency, 0, 0, 0, 0, 0, 0, count(*), sum(c.total))::dashboard_sales_delta
    FROM unnest(changes) c
    JOIN "Workspace" w ON w.id = c."workspaceId"
    WHERE c.sign = 1 AND c."orderId" IN (
      SELECT o.id FROM "Order" o WHERE o.id = ANY(ARRAY(SELECT DISTINCT c."orderId" FROM unnest(changes) c WHERE c.sign = 1))
        AND dashboard_order_counts(o."deletedAt", o.test, o."cancelledAt"))
    GROUP BY c."workspaceId", c."connectionId", (c."sourceCreatedAt" AT TIME ZONE w."timeZone")::date, c.currency));
  PERFORM dashboard_settle_rollups('{}', ARRAY(
    SELECT DISTINCT ROW(c."workspaceId", c."connectionId", (c."sourceCreatedAt" AT TIME ZONE w."timeZone")::date)::dashboard_rollup_key
    FROM unnest(changes) c JOIN "Workspace" w ON w.id = c."workspaceId"
    WHERE c.sign = -1), touched, '{}');
END $$;

