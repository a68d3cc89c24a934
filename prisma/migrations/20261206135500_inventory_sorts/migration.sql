-- The stock at a location sorted by available or on hand: keyset on the column and id, read either
-- way, within one location's rows.

-- CreateIndex
CREATE INDEX "InventoryLevel_location_available_id_idx" ON "InventoryLevel"("workspaceId", "connectionId", "locationExternalId", "available", "id");

-- CreateIndex
CREATE INDEX "InventoryLevel_location_onHand_id_idx" ON "InventoryLevel"("workspaceId", "connectionId", "locationExternalId", "onHand", "id");
