-- The dashboard's rollups kept by differences: the triggers on Order, OrderLineItem and Refund add
-- what their statement changed (new rows' contributions minus old rows', from the transition
-- tables) to the touched rollup rows, instead of recomputing each touched day from the base tables
-- (a day of a large store has ~1,400 orders and thousands of product rows; an order touches a few).
-- The measures are those of 20261206090653_dashboard_rollups; dashboard_refresh_rollups (the
-- recomputation) and the rebuilds are unchanged.
--
-- What each trigger adds, exactly:
--   Order: an order's own figures (orders, grossSales, discounts, tax, shipping) on its day in its
--     currency, new minus old; they depend on the order row alone.
--   OrderLineItem: a line's units (on its order's sales row) and product units and revenue, under
--     its order as it is after the statement; exact whenever the statement did not also move the
--     order (below).
--   Refund: a new refund's figures under its order as it is after the statement.
-- A sales row left with no order and no refund goes; a product row (and its month's) goes only
-- through a recomputation (below).
--
-- Where a difference cannot be exact, or cannot tell the result, the (workspace, connection, day)
-- keys are recomputed instead, with dashboard_refresh_rollups:
--   - an order whose day, time (a product's title is its latest line's), currency, counting
--     (deleted, test, cancelled), store or id changed, or that was deleted: its line items and
--     refunds move with it, and one ingest statement changes an order and its children together (a
--     cancellation that brings its refund) while each table's trigger sees only its own table's
--     old rows, in an undefined order: the Order trigger cannot know the children's old rows, nor
--     the children's triggers the order's. Its old and new days are recomputed, products included,
--     and the days of its refunds. A hard deletion cascades, its children's rows gone.
--   - a refund's old row (updated or deleted): it counted under its order's old state, which the
--     Refund trigger cannot see; its day's sales figures are recomputed.
--   - a product row whose title may change (the row does not say which line is its latest): a
--     line with the row's title went, or a line with another title came. A row can only lose its
--     last line that way too (units and revenue say nothing: a line's quantity or price may be 0).
-- Cancellations, deletions and line removals are rare next to new orders and amount changes.
--
-- Differences and recomputations mix within one statement: a key recomputed reads the state after
-- the whole statement, so a difference another trigger of the statement adds to it afterwards
-- would count twice. Every key recomputed is therefore remembered for the rest of the statement (a
-- transaction-local setting tagged with statement_timestamp()), and a trigger that adds to a
-- remembered key recomputes it again after; whichever trigger fires last leaves it exact. Other
-- keys need none: a difference is wrong only for the children of an order moved in the same
-- statement, and those land on the order's new day or on their refunds' days, which the Order
-- trigger (the refunds the order has now) and the Refund trigger (the refund rows it removed)
-- recompute and remember. A tag shared by two statements (the statements of one SQL function call
-- share their timestamp) only recomputes more.
--
-- Each trigger takes ingest's per-connection lock (server/ingest/shared.ts; re-entrant for ingest)
-- of the stores it touches, in a fixed order, before reading anything but its transition tables,
-- so its reads see every committed write of those stores and two transactions' differences apply
-- one after the other. A workspace being erased is skipped (its rollups go with its connections).

CREATE TYPE dashboard_order_change AS (
  sign int, id text, "workspaceId" text, "connectionId" text, "processedAt" timestamptz, currency text, counts boolean,
  "totalPrice" numeric, "totalDiscounts" numeric, "totalTax" numeric, "totalShipping" numeric
);
CREATE TYPE dashboard_line_change AS (
  sign int, id text, "workspaceId" text, "connectionId" text, "orderId" text, quantity int, "discountedUnitPrice" numeric,
  currency text, "productExternalId" text, title text
);
CREATE TYPE dashboard_refund_change AS (
  sign int, id text, "workspaceId" text, "connectionId" text, "orderId" text, "sourceCreatedAt" timestamptz, total numeric, currency text
);
CREATE TYPE dashboard_sales_delta AS (
  "workspaceId" text, "connectionId" text, day date, currency text, orders int, "grossSales" numeric, discounts numeric,
  tax numeric, shipping numeric, units int, refunds int, refunded numeric
);

-- The workspaces among these that are being erased.
CREATE FUNCTION dashboard_erased_workspaces(workspaces text[]) RETURNS text[]
LANGUAGE sql STABLE AS $$
  SELECT ARRAY(SELECT d."deletedWorkspaceId" FROM "WorkspaceDeletion" d WHERE d."deletedWorkspaceId" = ANY(workspaces))
$$;

-- Ingest's lock of each of these connections, in the order dashboard_refresh_rollups takes them.
CREATE FUNCTION dashboard_lock_stores(connections text[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('meridian.ingest'), hashtext(c.id))
    FROM (SELECT DISTINCT unnest(connections) AS id ORDER BY 1) c;
END $$;

-- Adds the differences to the sales rows (creating them) and removes the rows left with nothing.
-- A row may hold a line's units before its new order's own figures arrive (the triggers' order is
-- not defined), so only a row that is all zeros is empty. Returns the keys touched.
CREATE FUNCTION dashboard_add_sales(deltas dashboard_sales_delta[]) RETURNS dashboard_rollup_key[]
LANGUAGE plpgsql AS $$
DECLARE
  touched dashboard_rollup_key[];
  emptied dashboard_rollup_key[];
BEGIN
  IF cardinality(deltas) = 0 THEN
    RETURN '{}';
  END IF;
  WITH added AS (
    INSERT INTO "DailySalesRollup" AS r ("workspaceId", "connectionId", day, currency, orders, "grossSales", discounts, tax, shipping, units, refunds, refunded)
    SELECT d."workspaceId", d."connectionId", d.day, d.currency, sum(d.orders), sum(d."grossSales"), sum(d.discounts), sum(d.tax), sum(d.shipping),
      sum(d.units), sum(d.refunds), sum(d.refunded)
    FROM unnest(deltas) d
    GROUP BY 1, 2, 3, 4
    HAVING (sum(d.orders), sum(d."grossSales"), sum(d.discounts), sum(d.tax), sum(d.shipping), sum(d.units), sum(d.refunds), sum(d.refunded)) <> (0, 0, 0, 0, 0, 0, 0, 0)
    ORDER BY 1, 2, 3, 4
    ON CONFLICT ("workspaceId", "connectionId", day, currency) DO UPDATE SET
      orders = r.orders + excluded.orders, "grossSales" = r."grossSales" + excluded."grossSales", discounts = r.discounts + excluded.discounts,
      tax = r.tax + excluded.tax, shipping = r.shipping + excluded.shipping, units = r.units + excluded.units,
      refunds = r.refunds + excluded.refunds, refunded = r.refunded + excluded.refunded
    RETURNING r.*
  )
  SELECT
    ARRAY(SELECT DISTINCT ROW(a."workspaceId", a."connectionId", a.day)::dashboard_rollup_key FROM added a),
    ARRAY(SELECT ROW(a."workspaceId", a."connectionId", a.day)::dashboard_rollup_key FROM added a
      WHERE (a.orders, a."grossSales", a.discounts, a.tax, a.shipping, a.units, a.refunds, a.refunded) = (0, 0, 0, 0, 0, 0, 0, 0))
  INTO touched, emptied;
  IF cardinality(emptied) > 0 THEN
    DELETE FROM "DailySalesRollup" r USING unnest(emptied) k
    WHERE r."workspaceId" = k."workspaceId" AND r."connectionId" = k."connectionId" AND r.day = k.day
      AND (r.orders, r."grossSales", r.discounts, r.tax, r.shipping, r.units, r.refunds, r.refunded) = (0, 0, 0, 0, 0, 0, 0, 0);
  END IF;
  RETURN touched;
END $$;

-- Recomputes the keys this trigger found inexact (`products`: sales and products; `sales`: sales
-- figures only), remembers them for the rest of the statement, and recomputes again any
-- remembered key this trigger has added differences to (`touched_sales`, `touched_products`).
CREATE FUNCTION dashboard_settle_rollups(products dashboard_rollup_key[], sales dashboard_rollup_key[], touched_sales dashboard_rollup_key[], touched_products dashboard_rollup_key[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  tag text := statement_timestamp()::text;
  remembered jsonb := nullif(current_setting('meridian.dashboard_recomputed', true), '')::jsonb;
  all_products dashboard_rollup_key[] := '{}';
  all_sales dashboard_rollup_key[] := '{}';
BEGIN
  IF remembered ->> 'tag' = tag THEN
    all_products := ARRAY(SELECT ROW(k."workspaceId", k."connectionId", k.day)::dashboard_rollup_key FROM jsonb_populate_recordset(NULL::dashboard_rollup_key, remembered -> 'products') k);
    all_sales := ARRAY(SELECT ROW(k."workspaceId", k."connectionId", k.day)::dashboard_rollup_key FROM jsonb_populate_recordset(NULL::dashboard_rollup_key, remembered -> 'sales') k);
  END IF;
  IF cardinality(products) + cardinality(sales) + cardinality(all_products) + cardinality(all_sales) = 0 THEN
    RETURN;
  END IF;
  IF cardinality(products) + cardinality(sales) > 0 THEN
    all_products := ARRAY(SELECT DISTINCT k FROM unnest(all_products || products) k);
    all_sales := ARRAY(SELECT DISTINCT k FROM unnest(all_sales || sales) k);
    PERFORM set_config('meridian.dashboard_recomputed',
      jsonb_build_object('tag', tag, 'products', to_jsonb(all_products), 'sales', to_jsonb(all_sales))::text, true);
  END IF;
  products := ARRAY(SELECT k FROM unnest(products) k UNION SELECT k FROM unnest(touched_products) k WHERE k = ANY(all_products));
  sales := ARRAY(
    (SELECT k FROM unnest(sales) k UNION SELECT k FROM unnest(touched_sales) k WHERE k = ANY(all_products || all_sales))
    EXCEPT SELECT k FROM unnest(products) k);
  IF cardinality(products) > 0 THEN
    PERFORM dashboard_refresh_rollups(products);
  END IF;
  IF cardinality(sales) > 0 THEN
    PERFORM dashboard_refresh_rollups(sales, false);
  END IF;
END $$;

-- Orders' own figures; `moves`: the changes come from an update or a deletion, whose orders may
-- have moved (see the top). New orders have no line items or refunds from before their statement.
CREATE FUNCTION dashboard_apply_order_changes(changes dashboard_order_change[], moves boolean) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  erased text[] := dashboard_erased_workspaces(ARRAY(SELECT DISTINCT c."workspaceId" FROM unnest(changes) c));
  touched dashboard_rollup_key[];
  moved_days dashboard_rollup_key[] := '{}';
  refund_days dashboard_rollup_key[] := '{}';
BEGIN
  IF cardinality(erased) > 0 THEN
    changes := ARRAY(SELECT c FROM unnest(changes) c WHERE c."workspaceId" <> ALL(erased));
  END IF;
  IF cardinality(changes) = 0 THEN
    RETURN;
  END IF;
  PERFORM dashboard_lock_stores(ARRAY(SELECT c."connectionId" FROM unnest(changes) c));

  touched := dashboard_add_sales(ARRAY(
    SELECT ROW(c."workspaceId", c."connectionId", (c."processedAt" AT TIME ZONE w."timeZone")::date, c.currency,
      sum(c.sign), sum(c.sign * c."totalPrice"), sum(c.sign * coalesce(c."totalDiscounts", 0)), sum(c.sign * coalesce(c."totalTax", 0)),
      sum(c.sign * coalesce(c."totalShipping", 0)), 0, 0, 0)::dashboard_sales_delta
    FROM unnest(changes) c JOIN "Workspace" w ON w.id = c."workspaceId"
    WHERE c.counts
    GROUP BY c."workspaceId", c."connectionId", (c."processedAt" AT TIME ZONE w."timeZone")::date, c.currency));

  IF moves THEN
    -- The versions of orders that moved: an old row without its new one with the same place (or
    -- the reverse), counted on either side.
    WITH moved AS (
      (SELECT c.id, c."workspaceId", c."connectionId", c."processedAt", c.currency, c.counts FROM unnest(changes) c WHERE c.sign = 1
       EXCEPT SELECT c.id, c."workspaceId", c."connectionId", c."processedAt", c.currency, c.counts FROM unnest(changes) c WHERE c.sign = -1)
      UNION ALL
      (SELECT c.id, c."workspaceId", c."connectionId", c."processedAt", c.currency, c.counts FROM unnest(changes) c WHERE c.sign = -1
       EXCEPT SELECT c.id, c."workspaceId", c."connectionId", c."processedAt", c.currency, c.counts FROM unnest(changes) c WHERE c.sign = 1)
    ),
    counted AS (SELECT m.id FROM moved m GROUP BY m.id HAVING bool_or(m.counts))
    SELECT
      ARRAY(SELECT DISTINCT ROW(m."workspaceId", m."connectionId", (m."processedAt" AT TIME ZONE w."timeZone")::date)::dashboard_rollup_key
        FROM moved m JOIN "Workspace" w ON w.id = m."workspaceId" WHERE m.counts),
      ARRAY(SELECT DISTINCT ROW(f."workspaceId", f."connectionId", (f."sourceCreatedAt" AT TIME ZONE w."timeZone")::date)::dashboard_rollup_key
        FROM "Refund" f JOIN "Workspace" w ON w.id = f."workspaceId" WHERE f."orderId" = ANY(ARRAY(SELECT id FROM counted)))
    INTO moved_days, refund_days;
  END IF;
  PERFORM dashboard_settle_rollups(moved_days, refund_days, touched, '{}');
END $$;

-- Line items' units and products under their orders as they are now.
CREATE FUNCTION dashboard_apply_line_changes(changes dashboard_line_change[]) RETURNS void
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

  WITH contributions AS (
    SELECT o."workspaceId", o."connectionId", (o."processedAt" AT TIME ZONE w."timeZone")::date AS day, o.currency AS "orderCurrency", o."processedAt",
      c.sign, c.id, c.quantity, c.quantity * c."discountedUnitPrice" AS revenue, c.currency, coalesce(c."productExternalId", c.title) AS "productKey", c.title
    FROM unnest(changes) c
    JOIN "Order" o ON o.id = c."orderId"
    JOIN "Workspace" w ON w.id = o."workspaceId"
    WHERE dashboard_order_counts(o."deletedAt", o.test, o."cancelledAt")
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
CREATE FUNCTION dashboard_apply_refund_changes(changes dashboard_refund_change[]) RETURNS void
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
    JOIN "Order" o ON o.id = c."orderId"
    JOIN "Workspace" w ON w.id = c."workspaceId"
    WHERE c.sign = 1 AND dashboard_order_counts(o."deletedAt", o.test, o."cancelledAt")
    GROUP BY c."workspaceId", c."connectionId", (c."sourceCreatedAt" AT TIME ZONE w."timeZone")::date, c.currency));
  PERFORM dashboard_settle_rollups('{}', ARRAY(
    SELECT DISTINCT ROW(c."workspaceId", c."connectionId", (c."sourceCreatedAt" AT TIME ZONE w."timeZone")::date)::dashboard_rollup_key
    FROM unnest(changes) c JOIN "Workspace" w ON w.id = c."workspaceId"
    WHERE c.sign = -1), touched, '{}');
END $$;

-- A statement writing more rows than this (a shop's erasure deletes all its rows at once) has the
-- days it touched recomputed instead: its differences would be carried in one array (at most 1 GB),
-- and a recomputation of the days costs about as much by then.
CREATE FUNCTION dashboard_bulk_rows() RETURNS int
LANGUAGE sql IMMUTABLE AS $$ SELECT 50000 $$;

-- The days of these orders as they are now, under their stores' locks, recomputed: a bulk
-- statement's line items.
CREATE FUNCTION dashboard_recompute_order_days(connections text[], order_ids text[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM dashboard_lock_stores(connections);
  PERFORM dashboard_settle_rollups(ARRAY(
    SELECT DISTINCT ROW(o."workspaceId", o."connectionId", (o."processedAt" AT TIME ZONE w."timeZone")::date)::dashboard_rollup_key
    FROM "Order" o JOIN "Workspace" w ON w.id = o."workspaceId"
    WHERE o.id = ANY(order_ids) AND dashboard_order_counts(o."deletedAt", o.test, o."cancelledAt")), '{}', '{}', '{}');
END $$;

-- The triggers (names and events as before): each statement's changed rows, new (1) and old (-1),
-- in the columns that count. Updated rows whose measures changed are found with EXCEPT between
-- the transition tables, not by joining them on id: the planner has no statistics on transition
-- tables, takes them for a row or two and joins them with a nested loop, which on a 2,000-order
-- batch (and its 4,000 lines) costs seconds.
CREATE OR REPLACE FUNCTION dashboard_order_rollups() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  changes dashboard_order_change[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF (SELECT count(*) FROM new_rows) > dashboard_bulk_rows() THEN
      PERFORM dashboard_lock_stores(ARRAY(SELECT DISTINCT n."connectionId" FROM new_rows n));
      PERFORM dashboard_settle_rollups(ARRAY(
        SELECT DISTINCT ROW(n."workspaceId", n."connectionId", (n."processedAt" AT TIME ZONE w."timeZone")::date)::dashboard_rollup_key
        FROM new_rows n JOIN "Workspace" w ON w.id = n."workspaceId" WHERE dashboard_order_counts(n."deletedAt", n.test, n."cancelledAt")), '{}', '{}', '{}');
      RETURN NULL;
    END IF;
    changes := ARRAY(
      SELECT ROW(1, n.id, n."workspaceId", n."connectionId", n."processedAt", n.currency, true, n."totalPrice", n."totalDiscounts", n."totalTax", n."totalShipping")::dashboard_order_change
      FROM new_rows n WHERE dashboard_order_counts(n."deletedAt", n.test, n."cancelledAt"));
  ELSIF TG_OP = 'DELETE' THEN
    -- Deleted orders' line items and refunds are gone by now (they cascade; the Refund trigger
    -- recomputes the refunds' days): their orders' days are recomputed.
    PERFORM dashboard_lock_stores(ARRAY(SELECT DISTINCT o."connectionId" FROM old_rows o));
    PERFORM dashboard_settle_rollups(ARRAY(
      SELECT DISTINCT ROW(o."workspaceId", o."connectionId", (o."processedAt" AT TIME ZONE w."timeZone")::date)::dashboard_rollup_key
      FROM old_rows o JOIN "Workspace" w ON w.id = o."workspaceId" WHERE dashboard_order_counts(o."deletedAt", o.test, o."cancelledAt")), '{}', '{}', '{}');
    RETURN NULL;
  ELSE
    IF (SELECT count(*) FROM new_rows) > dashboard_bulk_rows() THEN
      PERFORM dashboard_lock_stores(ARRAY(SELECT DISTINCT n."connectionId" FROM new_rows n UNION SELECT o."connectionId" FROM old_rows o));
      PERFORM dashboard_settle_rollups(x.products, x.sales, '{}', '{}') FROM (
        WITH versions_new AS (SELECT id, "workspaceId", "connectionId", "processedAt", currency, dashboard_order_counts("deletedAt", test, "cancelledAt") AS counts,
            "totalPrice", "totalDiscounts", "totalTax", "totalShipping" FROM new_rows),
          versions_old AS (SELECT id, "workspaceId", "connectionId", "processedAt", currency, dashboard_order_counts("deletedAt", test, "cancelledAt") AS counts,
            "totalPrice", "totalDiscounts", "totalTax", "totalShipping" FROM old_rows),
          changed AS ((SELECT * FROM versions_new EXCEPT SELECT * FROM versions_old) UNION ALL (SELECT * FROM versions_old EXCEPT SELECT * FROM versions_new))
        SELECT
          ARRAY(SELECT DISTINCT ROW(c."workspaceId", c."connectionId", (c."processedAt" AT TIME ZONE w."timeZone")::date)::dashboard_rollup_key
            FROM changed c JOIN "Workspace" w ON w.id = c."workspaceId" WHERE c.counts) AS products,
          ARRAY(SELECT DISTINCT ROW(f."workspaceId", f."connectionId", (f."sourceCreatedAt" AT TIME ZONE w."timeZone")::date)::dashboard_rollup_key
            FROM "Refund" f JOIN "Workspace" w ON w.id = f."workspaceId" WHERE f."orderId" = ANY(ARRAY(SELECT DISTINCT id FROM changed))) AS sales) x;
      RETURN NULL;
    END IF;
    changes := ARRAY(
      WITH versions_new AS (SELECT id, "workspaceId", "connectionId", "processedAt", currency, dashboard_order_counts("deletedAt", test, "cancelledAt") AS counts,
          "totalPrice", "totalDiscounts", "totalTax", "totalShipping" FROM new_rows),
        versions_old AS (SELECT id, "workspaceId", "connectionId", "processedAt", currency, dashboard_order_counts("deletedAt", test, "cancelledAt") AS counts,
          "totalPrice", "totalDiscounts", "totalTax", "totalShipping" FROM old_rows)
      SELECT ROW(1, x.*)::dashboard_order_change FROM (SELECT * FROM versions_new EXCEPT SELECT * FROM versions_old) x
      UNION ALL
      SELECT ROW(-1, x.*)::dashboard_order_change FROM (SELECT * FROM versions_old EXCEPT SELECT * FROM versions_new) x);
  END IF;
  PERFORM dashboard_apply_order_changes(changes, TG_OP = 'UPDATE');
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION dashboard_line_item_rollups() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF (SELECT count(*) FROM new_rows) > dashboard_bulk_rows() THEN
      PERFORM dashboard_recompute_order_days(ARRAY(SELECT DISTINCT n."connectionId" FROM new_rows n), ARRAY(SELECT DISTINCT n."orderId" FROM new_rows n));
    ELSE
      PERFORM dashboard_apply_line_changes(ARRAY(
        SELECT ROW(1, n.id, n."workspaceId", n."connectionId", n."orderId", n.quantity, n."discountedUnitPrice", n.currency, n."productExternalId", n.title)::dashboard_line_change
        FROM new_rows n));
    END IF;
  ELSIF TG_OP = 'DELETE' THEN
    IF (SELECT count(*) FROM old_rows) > dashboard_bulk_rows() THEN
      PERFORM dashboard_recompute_order_days(ARRAY(SELECT DISTINCT o."connectionId" FROM old_rows o), ARRAY(SELECT DISTINCT o."orderId" FROM old_rows o));
    ELSE
      PERFORM dashboard_apply_line_changes(ARRAY(
        SELECT ROW(-1, o.id, o."workspaceId", o."connectionId", o."orderId", o.quantity, o."discountedUnitPrice", o.currency, o."productExternalId", o.title)::dashboard_line_change
        FROM old_rows o));
    END IF;
  ELSIF (SELECT count(*) FROM new_rows) > dashboard_bulk_rows() THEN
    PERFORM dashboard_recompute_order_days(ARRAY(SELECT DISTINCT n."connectionId" FROM new_rows n UNION SELECT o."connectionId" FROM old_rows o), ARRAY(
      SELECT x."orderId" FROM (
        (SELECT id, "orderId", quantity, "discountedUnitPrice", currency, "productExternalId", title FROM new_rows
         EXCEPT SELECT id, "orderId", quantity, "discountedUnitPrice", currency, "productExternalId", title FROM old_rows)
        UNION
        (SELECT id, "orderId", quantity, "discountedUnitPrice", currency, "productExternalId", title FROM old_rows
         EXCEPT SELECT id, "orderId", quantity, "discountedUnitPrice", currency, "productExternalId", title FROM new_rows)) x));
  ELSE
    PERFORM dashboard_apply_line_changes(ARRAY(
      WITH versions_new AS (SELECT id, "workspaceId", "connectionId", "orderId", quantity, "discountedUnitPrice", currency, "productExternalId", title FROM new_rows),
        versions_old AS (SELECT id, "workspaceId", "connectionId", "orderId", quantity, "discountedUnitPrice", currency, "productExternalId", title FROM old_rows)
      SELECT ROW(1, x.*)::dashboard_line_change FROM (SELECT * FROM versions_new EXCEPT SELECT * FROM versions_old) x
      UNION ALL
      SELECT ROW(-1, x.*)::dashboard_line_change FROM (SELECT * FROM versions_old EXCEPT SELECT * FROM versions_new) x));
  END IF;
  RETURN NULL;
END $$;

-- Refunds in bulk: their own days' sales figures recomputed.
CREATE OR REPLACE FUNCTION dashboard_refund_rollups() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF (SELECT count(*) FROM new_rows) > dashboard_bulk_rows() THEN
      PERFORM dashboard_lock_stores(ARRAY(SELECT DISTINCT n."connectionId" FROM new_rows n));
      PERFORM dashboard_settle_rollups('{}', ARRAY(
        SELECT DISTINCT ROW(n."workspaceId", n."connectionId", (n."sourceCreatedAt" AT TIME ZONE w."timeZone")::date)::dashboard_rollup_key
        FROM new_rows n JOIN "Workspace" w ON w.id = n."workspaceId"), '{}', '{}');
    ELSE
      PERFORM dashboard_apply_refund_changes(ARRAY(
        SELECT ROW(1, n.id, n."workspaceId", n."connectionId", n."orderId", n."sourceCreatedAt", n.total, n.currency)::dashboard_refund_change
        FROM new_rows n));
    END IF;
  ELSIF TG_OP = 'DELETE' THEN
    IF (SELECT count(*) FROM old_rows) > dashboard_bulk_rows() THEN
      PERFORM dashboard_lock_stores(ARRAY(SELECT DISTINCT o."connectionId" FROM old_rows o));
      PERFORM dashboard_settle_rollups('{}', ARRAY(
        SELECT DISTINCT ROW(o."workspaceId", o."connectionId", (o."sourceCreatedAt" AT TIME ZONE w."timeZone")::date)::dashboard_rollup_key
        FROM old_rows o JOIN "Workspace" w ON w.id = o."workspaceId"), '{}', '{}');
    ELSE
      PERFORM dashboard_apply_refund_changes(ARRAY(
        SELECT ROW(-1, o.id, o."workspaceId", o."connectionId", o."orderId", o."sourceCreatedAt", o.total, o.currency)::dashboard_refund_change
        FROM old_rows o));
    END IF;
  ELSIF (SELECT count(*) FROM new_rows) > dashboard_bulk_rows() THEN
    PERFORM dashboard_lock_stores(ARRAY(SELECT DISTINCT n."connectionId" FROM new_rows n UNION SELECT o."connectionId" FROM old_rows o));
    PERFORM dashboard_settle_rollups('{}', ARRAY(
      SELECT DISTINCT ROW(x."workspaceId", x."connectionId", (x."sourceCreatedAt" AT TIME ZONE w."timeZone")::date)::dashboard_rollup_key
      FROM (
        (SELECT id, "workspaceId", "connectionId", "orderId", "sourceCreatedAt", total, currency FROM new_rows
         EXCEPT SELECT id, "workspaceId", "connectionId", "orderId", "sourceCreatedAt", total, currency FROM old_rows)
        UNION ALL
        (SELECT id, "workspaceId", "connectionId", "orderId", "sourceCreatedAt", total, currency FROM old_rows
         EXCEPT SELECT id, "workspaceId", "connectionId", "orderId", "sourceCreatedAt", total, currency FROM new_rows)
      ) x JOIN "Workspace" w ON w.id = x."workspaceId"), '{}', '{}');
  ELSE
    PERFORM dashboard_apply_refund_changes(ARRAY(
      WITH versions_new AS (SELECT id, "workspaceId", "connectionId", "orderId", "sourceCreatedAt", total, currency FROM new_rows),
        versions_old AS (SELECT id, "workspaceId", "connectionId", "orderId", "sourceCreatedAt", total, currency FROM old_rows)
      SELECT ROW(1, x.*)::dashboard_refund_change FROM (SELECT * FROM versions_new EXCEPT SELECT * FROM versions_old) x
      UNION ALL
      SELECT ROW(-1, x.*)::dashboard_refund_change FROM (SELECT * FROM versions_old EXCEPT SELECT * FROM versions_new) x));
  END IF;
  RETURN NULL;
END $$;
