-- The lists' sorts (keyset on the sorted column and id, either direction) and their "contains"
-- searches: trigram GIN indexes answer ILIKE '%…%' (customer names, product titles, SKUs).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "Customer_workspaceId_numberOfOrders_id_idx" ON "Customer"("workspaceId", "numberOfOrders", "id");

-- CreateIndex
CREATE INDEX "Customer_workspaceId_amountSpent_id_idx" ON "Customer"("workspaceId", "amountSpent", "id");

-- CreateIndex
CREATE INDEX "Customer_firstName_idx" ON "Customer" USING GIN ("firstName" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Customer_lastName_idx" ON "Customer" USING GIN ("lastName" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Order_workspaceId_totalPrice_id_idx" ON "Order"("workspaceId", "totalPrice", "id");

-- CreateIndex
CREATE INDEX "Order_workspaceId_name_id_idx" ON "Order"("workspaceId", "name", "id");

-- CreateIndex
CREATE INDEX "Product_workspaceId_sourceUpdatedAt_id_idx" ON "Product"("workspaceId", "sourceUpdatedAt", "id");

-- CreateIndex
CREATE INDEX "Product_titleLower_idx" ON "Product" USING GIN ("titleLower" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "ProductVariant_sku_idx" ON "ProductVariant" USING GIN ("sku" gin_trgm_ops);
