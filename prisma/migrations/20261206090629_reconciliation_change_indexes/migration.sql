-- CreateIndex
CREATE INDEX "AnalyticsPurchase_connectionId_updatedAt_idx" ON "AnalyticsPurchase"("connectionId", "updatedAt");

-- CreateIndex
CREATE INDEX "Order_connectionId_updatedAt_idx" ON "Order"("connectionId", "updatedAt");
