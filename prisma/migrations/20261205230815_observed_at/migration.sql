-- When the stored copy of a record was seen (a delivery's trigger time, a read's request time),
-- which orders two copies with the same sourceUpdatedAt (server/ingest/shared.ts, newerVersion);
-- and a delivery's X-Shopify-Triggered-At to fill it from. Nullable, so adding them rewrites no
-- table: a row stored before counts as seen at its sourceUpdatedAt.

-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "observedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "InventoryLevel" ADD COLUMN     "observedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "Location" ADD COLUMN     "observedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "observedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "observedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "WebhookEvent" ADD COLUMN     "triggeredAt" TIMESTAMPTZ(3);
