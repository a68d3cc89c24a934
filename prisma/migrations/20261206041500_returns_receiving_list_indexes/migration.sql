-- The Returns and Receiving pages' orders and filters, each with the id that breaks ties in their keyset.

-- DropIndex
DROP INDEX "ReturnOrder_workspaceId_status_sourceCreatedAt_idx";

-- DropIndex
DROP INDEX "ReceivingOrder_workspaceId_status_expectedArrivalAt_idx";

-- CreateIndex
CREATE INDEX "ReturnOrder_workspaceId_sourceCreatedAt_id_idx" ON "ReturnOrder"("workspaceId", "sourceCreatedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "ReturnOrder_workspaceId_status_sourceCreatedAt_id_idx" ON "ReturnOrder"("workspaceId", "status", "sourceCreatedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "ReceivingOrder_workspaceId_sourceCreatedAt_id_idx" ON "ReceivingOrder"("workspaceId", "sourceCreatedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "ReceivingOrder_workspaceId_status_sourceCreatedAt_id_idx" ON "ReceivingOrder"("workspaceId", "status", "sourceCreatedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "ReceivingOrder_workspaceId_status_expectedArrivalAt_id_idx" ON "ReceivingOrder"("workspaceId", "status", "expectedArrivalAt", "id");

-- CreateIndex
CREATE INDEX "ReceivingOrder_workspaceId_expectedArrivalAt_id_idx" ON "ReceivingOrder"("workspaceId", "expectedArrivalAt", "id");
