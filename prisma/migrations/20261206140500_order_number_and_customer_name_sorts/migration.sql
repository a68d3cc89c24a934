-- The Orders list sorted by number ("#999" before "#1000", not after it as the name sorted) and the
-- Customers list sorted by name. Both keys are generated columns: PostgreSQL computes them on every
-- insert and update, so every ingest path and factory writes them, and adding them fills every
-- existing row (a one-time rewrite of each table).

-- The first run of digits in the name, at most 9 so it fits an integer ("#1001" -> 1001,
-- "SO-1001-A" -> 1001); NULL when the name has none.
ALTER TABLE "Order" ADD COLUMN "number" INTEGER GENERATED ALWAYS AS ((substring("name" from '[0-9]{1,9}'))::integer) STORED;

-- lower("first last"); NULL without either name, and once the customer is redacted.
ALTER TABLE "Customer" ADD COLUMN "nameSort" TEXT GENERATED ALWAYS AS (
  CASE WHEN "redactedAt" IS NULL THEN lower(nullif(btrim(coalesce("firstName", '') || ' ' || coalesce("lastName", '')), '')) END
) STORED;

-- DropIndex: the number sort no longer reads the name.
DROP INDEX "Order_workspaceId_name_id_idx";

-- CreateIndex
CREATE INDEX "Order_workspaceId_number_id_idx" ON "Order"("workspaceId", "number", "id");

-- CreateIndex
CREATE INDEX "Customer_workspaceId_nameSort_id_idx" ON "Customer"("workspaceId", "nameSort", "id");
