-- InventorySkuTotal (20261206163048_inventory_sku_totals) maintained for less: the levels' triggers
-- add each statement's differences to the touched SKUs' rows, and a recomputation writes only the
-- rows whose values changed. What a row holds is unchanged; inventory_rebuild_sku_totals still
-- recomputes a workspace's rows from the base tables.
--
-- Why differences for levels: a sync writes levels far more often than anything else the totals
-- read, and a SKU's figures are sums of its levels, so a level's new-minus-old figures are exact
-- additions (whole numbers, exact in float8 below 2^53) to the rows of the SKUs its inventory item
-- carries, under the variants, products and connections as they are. Recomputing instead read
-- every level of each touched SKU and deleted and re-inserted its row across six indexes: a
-- 2,000-level batch cost 7-9 times its own ingest. A level's title, inStore and inFulfilment do
-- not depend on it, and a level cannot make a SKU's row appear or go.
--
-- A difference is exact when the row it is added to reflects the variants, products and
-- connections the difference is placed by. Those change in the same statement only (a writable
-- CTE writing variants and levels at once, a connection's deletion cascading to both, in an
-- undefined trigger order), and their own triggers recompute the SKUs they move:
--   - a recomputation after the difference reads the final state and overwrites it;
--   - a recomputation before it already counts the level, so the difference would count twice.
-- Every recomputation therefore remembers its workspaces for the rest of the statement (a
-- transaction-local setting tagged with statement_timestamp(), as the dashboard rollups do), and
-- a level statement in a remembered workspace recomputes its SKUs instead of adding. A tag shared
-- by two statements (those of one SQL function call) only recomputes more.
--
-- Variants, products and connections keep recomputing (a product batch moves titles and which
-- SKUs exist), but write only the rows that differ from what is stored: a product sync touching
-- every SKU with no change writes none of them.

CREATE TYPE inventory_level_change AS (
  "workspaceId" text, "connectionId" text, "inventoryItemExternalId" text,
  available bigint, "onHand" bigint, committed bigint, incoming bigint
);

-- Serialises the writers of the workspaces' rows (a store's and a 3PL's syncs may write the same
-- SKUs at once), each workspace's lock taken in one order so two writers cannot deadlock.
CREATE FUNCTION inventory_sku_totals_lock(workspaces text[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  -- PERFORM runs the whole query (a SQL function's last SELECT may stop at its first row).
  PERFORM pg_advisory_xact_lock(hashtext('meridian.inventory-sku-totals'), hashtext(w))
    FROM (SELECT DISTINCT w FROM unnest(workspaces) w ORDER BY 1) w;
END $$;

-- Recomputes the rows of the given (workspace, SKU) keys from the base tables, writing only those
-- that changed: fresh rows EXCEPT the stored ones are upserted, stored keys no longer fresh go.
-- Unchanged rows keep their versions and index entries, so a recomputation that finds nothing
-- new costs reads only.
CREATE OR REPLACE FUNCTION inventory_refresh_sku_totals(keys inventory_sku_key[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  tag text := statement_timestamp()::text;
  remembered jsonb := nullif(current_setting('meridian.inventory_sku_recomputed', true), '')::jsonb;
BEGIN
  -- A workspace being erased loses these rows with the rest of its data (erasure-plan.ts).
  keys := ARRAY(SELECT DISTINCT k FROM unnest(keys) k
    WHERE k.sku IS NOT NULL AND k.sku <> ''
      AND NOT EXISTS (SELECT 1 FROM "WorkspaceDeletion" d WHERE d."deletedWorkspaceId" = k."workspaceId"));
  IF cardinality(keys) = 0 THEN
    RETURN;
  END IF;
  PERFORM inventory_sku_totals_lock(ARRAY(SELECT k."workspaceId" FROM unnest(keys) k));

  PERFORM inventory_sku_totals_analyze(cardinality(keys));

  PERFORM set_config('meridian.inventory_sku_recomputed', jsonb_build_object('tag', tag, 'workspaces', ARRAY(
    SELECT DISTINCT k."workspaceId" FROM unnest(keys) k
    UNION SELECT w FROM jsonb_array_elements_text(CASE WHEN remembered ->> 'tag' = tag THEN remembered -> 'workspaces' ELSE '[]' END) w))::text, true);

  -- Each key's variants, and each item's levels, through LATERAL: one index range scan per key and
  -- per item (OFFSET 0 keeps the planner from flattening them into joins it may hash, reading a
  -- large workspace's every product and level for a batch of a few thousand keys).
  WITH items AS (
    SELECT k."workspaceId", k.sku, v.side, v."connectionId", v."inventoryItemExternalId", min(v.title) AS title
    FROM unnest(keys) k
    CROSS JOIN LATERAL (
      SELECT inventory_connection_side(c.provider) AS side, v."connectionId", v."inventoryItemExternalId", p.title
      FROM "ProductVariant" v
      JOIN "Product" p ON p.id = v."productId" AND p."deletedAt" IS NULL
      JOIN "Connection" c ON c.id = v."connectionId" AND c.status <> 'DISCONNECTED' AND inventory_connection_side(c.provider) IS NOT NULL
      WHERE v."workspaceId" = k."workspaceId" AND v.sku = k.sku
      OFFSET 0
    ) v
    GROUP BY k."workspaceId", k.sku, v.side, v."connectionId", v."inventoryItemExternalId"
  ),
  fresh AS (
    SELECT i."workspaceId", i.sku, coalesce(min(i.title) FILTER (WHERE i.side = 'store'), min(i.title)) AS title,
      bool_or(i.side = 'store') AS "inStore", bool_or(i.side = 'fulfilment') AS "inFulfilment",
      coalesce(sum(l.available) FILTER (WHERE i.side = 'store'), 0)::float8 AS "storeAvailable",
      coalesce(sum(l.available) FILTER (WHERE i.side = 'fulfilment'), 0)::float8 AS fulfillable,
      coalesce(sum(l."onHand") FILTER (WHERE i.side = 'fulfilment'), 0)::float8 AS "onHand",
      coalesce(sum(l.committed) FILTER (WHERE i.side = 'fulfilment'), 0)::float8 AS committed,
      coalesce(sum(l.incoming) FILTER (WHERE i.side = 'fulfilment'), 0)::float8 AS awaiting
    FROM items i
    LEFT JOIN LATERAL (
      SELECT l.available, l."onHand", l.committed, l.incoming FROM "InventoryLevel" l
      WHERE l."workspaceId" = i."workspaceId" AND l."connectionId" = i."connectionId" AND l."inventoryItemExternalId" = i."inventoryItemExternalId"
      OFFSET 0
    ) l ON TRUE
    GROUP BY i."workspaceId", i.sku
  ),
  stored AS (
    SELECT t.* FROM unnest(keys) k
    CROSS JOIN LATERAL (
      SELECT t."workspaceId", t.sku, t.title, t."inStore", t."inFulfilment", t."storeAvailable", t.fulfillable, t."onHand", t.committed, t.awaiting, t.ctid AS row_id
      FROM "InventorySkuTotal" t WHERE t."workspaceId" = k."workspaceId" AND t.sku = k.sku
      OFFSET 0
    ) t
  ),
  -- By the rows' ids, read under this workspace's lock in this statement's snapshot: a join on
  -- the keys would be hashed against the whole table.
  vanished AS (
    DELETE FROM "InventorySkuTotal" t
    WHERE t.ctid = ANY(ARRAY(SELECT s.row_id FROM stored s WHERE NOT EXISTS (SELECT 1 FROM fresh f WHERE f."workspaceId" = s."workspaceId" AND f.sku = s.sku)))
  )
  INSERT INTO "InventorySkuTotal" AS t ("workspaceId", sku, title, "inStore", "inFulfilment", "storeAvailable", fulfillable, "onHand", committed, awaiting)
  SELECT * FROM (
    SELECT * FROM fresh
    EXCEPT SELECT "workspaceId", sku, title, "inStore", "inFulfilment", "storeAvailable", fulfillable, "onHand", committed, awaiting FROM stored
  ) f
  ORDER BY 1, 2
  ON CONFLICT ("workspaceId", sku) DO UPDATE SET title = excluded.title, "inStore" = excluded."inStore", "inFulfilment" = excluded."inFulfilment",
    "storeAvailable" = excluded."storeAvailable", fulfillable = excluded.fulfillable, "onHand" = excluded."onHand",
    committed = excluded.committed, awaiting = excluded.awaiting;
END $$;

-- Adds levels' differences (per workspace, connection and inventory item, new minus old) to the
-- rows of the SKUs their items carry: each live variant's SKU, an item counted once per connection
-- and SKU, on its connection's side. See the top for when it recomputes instead.
CREATE FUNCTION inventory_apply_level_changes(changes inventory_level_change[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  remembered jsonb;
  recomputed text[] := '{}';
BEGIN
  -- An item whose figures sum to no change (a newer reading of the same stock, a level moved
  -- between locations) moves no total.
  changes := ARRAY(SELECT c FROM unnest(changes) c
    WHERE (c.available, c."onHand", c.committed, c.incoming) <> (0, 0, 0, 0)
      AND NOT EXISTS (SELECT 1 FROM "WorkspaceDeletion" d WHERE d."deletedWorkspaceId" = c."workspaceId"));
  IF cardinality(changes) = 0 THEN
    RETURN;
  END IF;
  PERFORM inventory_sku_totals_lock(ARRAY(SELECT c."workspaceId" FROM unnest(changes) c));

  PERFORM inventory_sku_totals_analyze(cardinality(changes));

  remembered := nullif(current_setting('meridian.inventory_sku_recomputed', true), '')::jsonb;
  IF remembered ->> 'tag' = statement_timestamp()::text THEN
    recomputed := ARRAY(SELECT jsonb_array_elements_text(remembered -> 'workspaces'));
  END IF;
  IF EXISTS (SELECT 1 FROM unnest(changes) c WHERE c."workspaceId" = ANY(recomputed)) THEN
    PERFORM inventory_refresh_sku_totals(ARRAY(
      SELECT DISTINCT ROW(v."workspaceId", v.sku)::inventory_sku_key
      FROM unnest(changes) c
      JOIN "ProductVariant" v ON v."workspaceId" = c."workspaceId" AND v."connectionId" = c."connectionId"
        AND v."inventoryItemExternalId" = c."inventoryItemExternalId"
      WHERE c."workspaceId" = ANY(recomputed)));
    changes := ARRAY(SELECT c FROM unnest(changes) c WHERE c."workspaceId" <> ALL(recomputed));
  END IF;

  UPDATE "InventorySkuTotal" t
  SET "storeAvailable" = t."storeAvailable" + d."storeAvailable", fulfillable = t.fulfillable + d.fulfillable,
    "onHand" = t."onHand" + d."onHand", committed = t.committed + d.committed, awaiting = t.awaiting + d.awaiting
  FROM (
    SELECT x."workspaceId", x.sku,
      coalesce(sum(x.available) FILTER (WHERE x.side = 'store'), 0)::float8 AS "storeAvailable",
      coalesce(sum(x.available) FILTER (WHERE x.side = 'fulfilment'), 0)::float8 AS fulfillable,
      coalesce(sum(x."onHand") FILTER (WHERE x.side = 'fulfilment'), 0)::float8 AS "onHand",
      coalesce(sum(x.committed) FILTER (WHERE x.side = 'fulfilment'), 0)::float8 AS committed,
      coalesce(sum(x.incoming) FILTER (WHERE x.side = 'fulfilment'), 0)::float8 AS awaiting
    FROM (
      -- The variants through LATERAL, one index range scan per item (see the recomputation).
      SELECT DISTINCT c."workspaceId", c."connectionId", c."inventoryItemExternalId", v.sku, inventory_connection_side(cn.provider) AS side,
        c.available, c."onHand", c.committed, c.incoming
      FROM unnest(changes) c
      JOIN "Connection" cn ON cn.id = c."connectionId" AND cn.status <> 'DISCONNECTED' AND inventory_connection_side(cn.provider) IS NOT NULL
      CROSS JOIN LATERAL (
        SELECT v.sku FROM "ProductVariant" v
        JOIN "Product" p ON p.id = v."productId" AND p."deletedAt" IS NULL
        WHERE v."workspaceId" = c."workspaceId" AND v."connectionId" = c."connectionId"
          AND v."inventoryItemExternalId" = c."inventoryItemExternalId" AND v.sku <> ''
        OFFSET 0
      ) v
    ) x
    GROUP BY x."workspaceId", x.sku
  ) d
  WHERE t."workspaceId" = d."workspaceId" AND t.sku = d.sku
    AND (d."storeAvailable", d.fulfillable, d."onHand", d.committed, d.awaiting) <> (0, 0, 0, 0, 0);
END $$;

-- The levels' differences per inventory item: new rows added, old rows subtracted, so an update
-- that leaves the figures as they were (a timestamp, a replay) sums to none, and one that moves a
-- level to another item subtracts from the old and adds to the new.
CREATE OR REPLACE FUNCTION inventory_level_sku_totals() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM inventory_apply_level_changes(ARRAY(
      SELECT ROW("workspaceId", "connectionId", "inventoryItemExternalId", sum(available), sum("onHand"), sum(committed), sum(incoming))::inventory_level_change
      FROM new_rows GROUP BY "workspaceId", "connectionId", "inventoryItemExternalId"));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM inventory_apply_level_changes(ARRAY(
      SELECT ROW("workspaceId", "connectionId", "inventoryItemExternalId", -sum(available), -sum("onHand"), -sum(committed), -sum(incoming))::inventory_level_change
      FROM old_rows GROUP BY "workspaceId", "connectionId", "inventoryItemExternalId"));
  ELSE
    PERFORM inventory_apply_level_changes(ARRAY(
      SELECT ROW(x."workspaceId", x."connectionId", x."inventoryItemExternalId", sum(x.available), sum(x."onHand"), sum(x.committed), sum(x.incoming))::inventory_level_change
      FROM (
        SELECT "workspaceId", "connectionId", "inventoryItemExternalId", available, "onHand", committed, incoming FROM new_rows
        UNION ALL
        SELECT "workspaceId", "connectionId", "inventoryItemExternalId", -available, -"onHand", -committed, -incoming FROM old_rows
      ) x
      GROUP BY x."workspaceId", x."connectionId", x."inventoryItemExternalId"));
  END IF;
  RETURN NULL;
END $$;

DROP FUNCTION inventory_item_sku_keys(jsonb);
