-- CreateIndex
CREATE INDEX "Shipment_workspaceId_estimatedFulfillmentAt_id_idx" ON "Shipment"("workspaceId", "estimatedFulfillmentAt", "id");
