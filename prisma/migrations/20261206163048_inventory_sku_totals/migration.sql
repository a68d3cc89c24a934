-- Inventory by SKU's totals (InventorySkuTotal): one row per (workspace, SKU) with its stock summed
-- over the store's and the 3PL's live connections, so the view sorts, filters, pages and counts
-- through the table's indexes instead of summing every SKU's stock for each page. Kept exact in
-- the same transaction as the rows it sums, whatever writes them (sync ingest, webhooks, soft
-- deletions, a connection disconnected or deleted, erasure aside).
--
-- What a SKU's row holds (as find-inventory-by-sku.ts summed it per page before): the live variants
-- carrying the SKU (product not soft-deleted, connection not DISCONNECTED, of a store or 3PL
-- connector), each inventory item counted once per connection; title the store's first product
-- title, else the 3PL's; storeAvailable the store's available over its levels; fulfillable,
-- onHand, committed and awaiting (incoming) the 3PL's. No row when no live variant carries it.
--
-- Method (as the dashboard rollups, 20261206090653_dashboard_rollups): statement-level triggers
-- with transition tables name the (workspace, SKU) keys a statement touched, and those keys' rows
-- are recomputed from the base tables, so the triggers' order and repeats do not matter (a
-- cascade from a deleted connection fires the variants', products' and levels' triggers in an
-- undefined order). A SKU is shared by a store's and a 3PL's connection, whose syncs run
-- concurrently, so the recomputation takes a per-workspace advisory lock (held to commit) before
-- its statements start: each sees every committed write of the workspace, and two transactions
-- never overwrite each other's totals. One lock per workspace, not per SKU: a transaction
-- recomputes in several statements (a product batch, then its levels), and per-SKU locks taken
-- statement by statement could cross another transaction's and deadlock; the workspace's is
-- re-entrant once held. Updates that change no total (timestamps, a replay) touch no row.

-- Which side of the comparison a provider's connections are on: the connector registry's
-- category (connectorFor(provider).info.category), which sku-total-sides.test.ts checks this
-- against for every registered provider. Other categories hold no stock.
CREATE FUNCTION inventory_connection_side(provider text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE provider WHEN 'SHOPIFY' THEN 'store' WHEN 'SHIPBOB' THEN 'fulfilment' END
$$;

CREATE TYPE inventory_sku_key AS ("workspaceId" text, sku text);

-- CreateTable
CREATE TABLE "InventorySkuTotal" (
    "workspaceId" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "inStore" BOOLEAN NOT NULL,
    "inFulfilment" BOOLEAN NOT NULL,
    "storeAvailable" DOUBLE PRECISION NOT NULL,
    "fulfillable" DOUBLE PRECISION NOT NULL,
    "onHand" DOUBLE PRECISION NOT NULL,
    "committed" DOUBLE PRECISION NOT NULL,
    "awaiting" DOUBLE PRECISION NOT NULL,
    "difference" DOUBLE PRECISION GENERATED ALWAYS AS (CASE WHEN "inStore" AND "inFulfilment" THEN "storeAvailable" - "fulfillable" END) STORED,
    -- The difference sorted either way with the SKUs of one system only last: a key without NULL
    -- pages through its index with a row comparison.
    "differenceAsc" DOUBLE PRECISION NOT NULL GENERATED ALWAYS AS (CASE WHEN "inStore" AND "inFulfilment" THEN "storeAvailable" - "fulfillable" ELSE 'Infinity' END) STORED,
    "differenceDesc" DOUBLE PRECISION NOT NULL GENERATED ALWAYS AS (CASE WHEN "inStore" AND "inFulfilment" THEN "storeAvailable" - "fulfillable" ELSE '-Infinity' END) STORED,

    CONSTRAINT "InventorySkuTotal_pkey" PRIMARY KEY ("workspaceId","sku")
);

-- CreateIndex
CREATE INDEX "InventorySkuTotal_workspaceId_title_sku_idx" ON "InventorySkuTotal"("workspaceId", "title", "sku");

-- CreateIndex
CREATE INDEX "InventorySkuTotal_workspaceId_storeAvailable_sku_idx" ON "InventorySkuTotal"("workspaceId", "storeAvailable", "sku");

-- CreateIndex
CREATE INDEX "InventorySkuTotal_workspaceId_fulfillable_sku_idx" ON "InventorySkuTotal"("workspaceId", "fulfillable", "sku");

-- CreateIndex
CREATE INDEX "InventorySkuTotal_workspaceId_differenceAsc_sku_idx" ON "InventorySkuTotal"("workspaceId", "differenceAsc", "sku");

-- CreateIndex
CREATE INDEX "InventorySkuTotal_workspaceId_differenceDesc_sku_idx" ON "InventorySkuTotal"("workspaceId", "differenceDesc", "sku");

-- The lookups read levels by (workspace, connection, item) and variants by (workspace, connection,
-- item) through their own indexes. On a table never analyzed (a new database's first sync) the
-- planner costs a shorter index on (workspace, connection, ...) the same, and through it every
-- probe reads all of the connection's rows: minutes for a first sync of 50,000 SKUs instead of
-- seconds. A large batch analyzes such a table first (once: autovacuum keeps statistics after).
CREATE FUNCTION inventory_sku_totals_analyze(batch int) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF batch <= 1000 THEN
    RETURN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_stats s WHERE s.schemaname = current_schema() AND s.tablename = 'InventoryLevel') THEN
    ANALYZE "InventoryLevel";
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_stats s WHERE s.schemaname = current_schema() AND s.tablename = 'ProductVariant') THEN
    ANALYZE "ProductVariant";
  END IF;
END $$;

-- Recomputes the rows of the given (workspace, SKU) keys from the base tables.
CREATE FUNCTION inventory_refresh_sku_totals(keys inventory_sku_key[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  -- A workspace being erased loses these rows with the rest of its data (erasure-plan.ts).
  keys := ARRAY(SELECT DISTINCT k FROM unnest(keys) k
    WHERE k.sku IS NOT NULL AND k.sku <> ''
      AND NOT EXISTS (SELECT 1 FROM "WorkspaceDeletion" d WHERE d."deletedWorkspaceId" = k."workspaceId"));
  IF cardinality(keys) = 0 THEN
    RETURN;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('meridian.inventory-sku-totals'), hashtext(w."workspaceId"))
    FROM (SELECT DISTINCT k."workspaceId" FROM unnest(keys) k ORDER BY 1) w;

  PERFORM inventory_sku_totals_analyze(cardinality(keys));

  DELETE FROM "InventorySkuTotal" t USING unnest(keys) k
    WHERE t."workspaceId" = k."workspaceId" AND t.sku = k.sku;

  WITH items AS (
    SELECT v."workspaceId", v.sku, inventory_connection_side(c.provider) AS side, v."connectionId", v."inventoryItemExternalId", min(p.title) AS title
    FROM unnest(keys) k
    JOIN "ProductVariant" v ON v."workspaceId" = k."workspaceId" AND v.sku = k.sku
    JOIN "Connection" c ON c.id = v."connectionId" AND c.status <> 'DISCONNECTED' AND inventory_connection_side(c.provider) IS NOT NULL
    JOIN "Product" p ON p.id = v."productId" AND p."deletedAt" IS NULL
    GROUP BY v."workspaceId", v.sku, inventory_connection_side(c.provider), v."connectionId", v."inventoryItemExternalId"
  )
  INSERT INTO "InventorySkuTotal" ("workspaceId", sku, title, "inStore", "inFulfilment", "storeAvailable", fulfillable, "onHand", committed, awaiting)
  SELECT i."workspaceId", i.sku, coalesce(min(i.title) FILTER (WHERE i.side = 'store'), min(i.title)),
    bool_or(i.side = 'store'), bool_or(i.side = 'fulfilment'),
    coalesce(sum(l.available) FILTER (WHERE i.side = 'store'), 0),
    coalesce(sum(l.available) FILTER (WHERE i.side = 'fulfilment'), 0),
    coalesce(sum(l."onHand") FILTER (WHERE i.side = 'fulfilment'), 0),
    coalesce(sum(l.committed) FILTER (WHERE i.side = 'fulfilment'), 0),
    coalesce(sum(l.incoming) FILTER (WHERE i.side = 'fulfilment'), 0)
  FROM items i
  LEFT JOIN "InventoryLevel" l ON l."workspaceId" = i."workspaceId" AND l."connectionId" = i."connectionId"
    AND l."inventoryItemExternalId" = i."inventoryItemExternalId"
  GROUP BY i."workspaceId", i.sku
  ORDER BY 1, 2;
END $$;

-- Recomputes every row of a workspace: the backfill, and a repair.
CREATE FUNCTION inventory_rebuild_sku_totals(workspace text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM inventory_refresh_sku_totals(ARRAY(
    SELECT ROW(workspace, x.sku)::inventory_sku_key FROM (
      SELECT t.sku FROM "InventorySkuTotal" t WHERE t."workspaceId" = workspace
      UNION SELECT v.sku FROM "ProductVariant" v WHERE v."workspaceId" = workspace
    ) x));
END $$;

-- The SKUs of the variants naming these inventory items, as the variants are now.
CREATE FUNCTION inventory_item_sku_keys(items jsonb) RETURNS inventory_sku_key[]
LANGUAGE sql STABLE AS $$
  SELECT ARRAY(
    SELECT DISTINCT ROW(v."workspaceId", v.sku)::inventory_sku_key
    FROM jsonb_to_recordset(items) AS x("workspaceId" text, "connectionId" text, "inventoryItemExternalId" text)
    JOIN "ProductVariant" v ON v."workspaceId" = x."workspaceId" AND v."connectionId" = x."connectionId"
      AND v."inventoryItemExternalId" = x."inventoryItemExternalId")
$$;

-- The levels' keys: the SKUs their inventory items carry. An update counts only when a summed
-- figure or the item it belongs to changed, found with EXCEPT between the transition tables (the
-- planner, without their statistics, joins them on id with a nested loop).
CREATE FUNCTION inventory_level_sku_totals() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  items jsonb;
BEGIN
  IF TG_OP = 'INSERT' THEN
    items := (SELECT jsonb_agg(DISTINCT jsonb_build_object('workspaceId', "workspaceId", 'connectionId', "connectionId", 'inventoryItemExternalId', "inventoryItemExternalId")) FROM new_rows);
  ELSIF TG_OP = 'DELETE' THEN
    items := (SELECT jsonb_agg(DISTINCT jsonb_build_object('workspaceId', "workspaceId", 'connectionId', "connectionId", 'inventoryItemExternalId', "inventoryItemExternalId")) FROM old_rows);
  ELSE
    items := (SELECT jsonb_agg(DISTINCT jsonb_build_object('workspaceId', x."workspaceId", 'connectionId', x."connectionId", 'inventoryItemExternalId', x."inventoryItemExternalId")) FROM (
      (SELECT id, "workspaceId", "connectionId", "inventoryItemExternalId", available, "onHand", committed, incoming FROM new_rows
       EXCEPT SELECT id, "workspaceId", "connectionId", "inventoryItemExternalId", available, "onHand", committed, incoming FROM old_rows)
      UNION ALL
      (SELECT id, "workspaceId", "connectionId", "inventoryItemExternalId", available, "onHand", committed, incoming FROM old_rows
       EXCEPT SELECT id, "workspaceId", "connectionId", "inventoryItemExternalId", available, "onHand", committed, incoming FROM new_rows)
    ) x);
  END IF;
  IF items IS NOT NULL THEN
    PERFORM inventory_sku_totals_analyze(jsonb_array_length(items));
    PERFORM inventory_refresh_sku_totals(inventory_item_sku_keys(items));
  END IF;
  RETURN NULL;
END $$;

-- The variants' keys: their SKU before and after. An update counts when what places it changed
-- (SKU, inventory item, product, connection).
CREATE FUNCTION inventory_variant_sku_totals() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM inventory_refresh_sku_totals(ARRAY(SELECT DISTINCT ROW("workspaceId", sku)::inventory_sku_key FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM inventory_refresh_sku_totals(ARRAY(SELECT DISTINCT ROW("workspaceId", sku)::inventory_sku_key FROM old_rows));
  ELSE
    PERFORM inventory_refresh_sku_totals(ARRAY(
      SELECT DISTINCT ROW(x."workspaceId", x.sku)::inventory_sku_key FROM (
        (SELECT id, "workspaceId", sku, "inventoryItemExternalId", "productId", "connectionId" FROM new_rows
         EXCEPT SELECT id, "workspaceId", sku, "inventoryItemExternalId", "productId", "connectionId" FROM old_rows)
        UNION ALL
        (SELECT id, "workspaceId", sku, "inventoryItemExternalId", "productId", "connectionId" FROM old_rows
         EXCEPT SELECT id, "workspaceId", sku, "inventoryItemExternalId", "productId", "connectionId" FROM new_rows)
      ) x));
  END IF;
  RETURN NULL;
END $$;

-- A product's keys: its variants' SKUs, when it was soft-deleted or restored or its title changed.
-- (A product's hard deletion takes its variants along, whose own trigger names their SKUs; a new
-- product has no variants yet.)
CREATE FUNCTION inventory_product_sku_totals() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM inventory_refresh_sku_totals(ARRAY(
    SELECT DISTINCT ROW(v."workspaceId", v.sku)::inventory_sku_key
    FROM "ProductVariant" v
    WHERE v."productId" = ANY(ARRAY(
      SELECT x.id FROM (
        (SELECT id, title, "deletedAt" IS NULL AS live FROM new_rows EXCEPT SELECT id, title, "deletedAt" IS NULL FROM old_rows)
        UNION ALL
        (SELECT id, title, "deletedAt" IS NULL AS live FROM old_rows EXCEPT SELECT id, title, "deletedAt" IS NULL FROM new_rows)
      ) x))));
  RETURN NULL;
END $$;

-- A connection's keys: every SKU its variants carry, when it was disconnected or reconnected (or
-- its provider changed). Its deletion takes its products and variants along, whose own triggers
-- name their SKUs.
CREATE FUNCTION inventory_connection_sku_totals() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM inventory_refresh_sku_totals(ARRAY(
    SELECT DISTINCT ROW(v."workspaceId", v.sku)::inventory_sku_key
    FROM (
      (SELECT id, "workspaceId", status = 'DISCONNECTED' AS disconnected, inventory_connection_side(provider) AS side FROM new_rows
       EXCEPT SELECT id, "workspaceId", status = 'DISCONNECTED', inventory_connection_side(provider) FROM old_rows)
      UNION ALL
      (SELECT id, "workspaceId", status = 'DISCONNECTED' AS disconnected, inventory_connection_side(provider) AS side FROM old_rows
       EXCEPT SELECT id, "workspaceId", status = 'DISCONNECTED', inventory_connection_side(provider) FROM new_rows)
    ) c
    JOIN "ProductVariant" v ON v."workspaceId" = c."workspaceId" AND v."connectionId" = c.id
    WHERE c.side IS NOT NULL));
  RETURN NULL;
END $$;

-- Transition tables allow one event per trigger.
CREATE TRIGGER inventory_sku_totals_level_insert AFTER INSERT ON "InventoryLevel" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION inventory_level_sku_totals();
CREATE TRIGGER inventory_sku_totals_level_update AFTER UPDATE ON "InventoryLevel" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION inventory_level_sku_totals();
CREATE TRIGGER inventory_sku_totals_level_delete AFTER DELETE ON "InventoryLevel" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION inventory_level_sku_totals();

CREATE TRIGGER inventory_sku_totals_variant_insert AFTER INSERT ON "ProductVariant" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION inventory_variant_sku_totals();
CREATE TRIGGER inventory_sku_totals_variant_update AFTER UPDATE ON "ProductVariant" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION inventory_variant_sku_totals();
CREATE TRIGGER inventory_sku_totals_variant_delete AFTER DELETE ON "ProductVariant" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION inventory_variant_sku_totals();

CREATE TRIGGER inventory_sku_totals_product_update AFTER UPDATE ON "Product" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION inventory_product_sku_totals();

CREATE TRIGGER inventory_sku_totals_connection_update AFTER UPDATE ON "Connection" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION inventory_connection_sku_totals();

-- Backfill.
SELECT inventory_rebuild_sku_totals(w.id) FROM "Workspace" w ORDER BY w.id;
