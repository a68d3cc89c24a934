-- A 3PL's records (server/ingest/shipments.ts, returns.ts, receiving-orders.ts) and its further
-- per-location figures on inventory levels (null for providers without them).

-- AlterTable
ALTER TABLE "InventoryLevel" ADD COLUMN     "backordered" INTEGER,
ADD COLUMN     "exception" INTEGER,
ADD COLUMN     "internalTransfer" INTEGER;

-- CreateTable
CREATE TABLE "Shipment" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "orderExternalId" TEXT NOT NULL,
    "storeOrderReference" TEXT,
    "status" TEXT NOT NULL,
    "locationExternalId" TEXT,
    "trackingNumber" TEXT,
    "carrier" TEXT,
    "trackingUrl" TEXT,
    "estimatedFulfillmentAt" TIMESTAMPTZ(3),
    "estimatedFulfillmentStatus" TEXT,
    "shippedAt" TIMESTAMPTZ(3),
    "deliveredAt" TIMESTAMPTZ(3),
    "timeline" JSONB,
    "items" JSONB NOT NULL DEFAULT '[]',
    "sourceCreatedAt" TIMESTAMPTZ(3) NOT NULL,
    "sourceUpdatedAt" TIMESTAMPTZ(3) NOT NULL,
    "observedAt" TIMESTAMPTZ(3) NOT NULL,
    "sourceHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Shipment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReturnOrder" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "orderExternalId" TEXT,
    "shipmentExternalId" TEXT,
    "storeOrderReference" TEXT,
    "status" TEXT NOT NULL,
    "locationExternalId" TEXT,
    "trackingNumber" TEXT,
    "items" JSONB NOT NULL DEFAULT '[]',
    "statusHistory" JSONB NOT NULL DEFAULT '[]',
    "completedAt" TIMESTAMPTZ(3),
    "sourceCreatedAt" TIMESTAMPTZ(3) NOT NULL,
    "sourceUpdatedAt" TIMESTAMPTZ(3) NOT NULL,
    "observedAt" TIMESTAMPTZ(3) NOT NULL,
    "sourceHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ReturnOrder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReceivingOrder" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "purchaseOrderNumber" TEXT,
    "status" TEXT NOT NULL,
    "locationExternalId" TEXT,
    "expectedArrivalAt" TIMESTAMPTZ(3),
    "items" JSONB NOT NULL DEFAULT '[]',
    "statusHistory" JSONB NOT NULL DEFAULT '[]',
    "sourceCreatedAt" TIMESTAMPTZ(3) NOT NULL,
    "sourceUpdatedAt" TIMESTAMPTZ(3) NOT NULL,
    "observedAt" TIMESTAMPTZ(3) NOT NULL,
    "sourceHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ReceivingOrder_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Shipment_workspaceId_status_estimatedFulfillmentAt_idx" ON "Shipment"("workspaceId", "status", "estimatedFulfillmentAt");

-- CreateIndex
CREATE INDEX "Shipment_workspaceId_storeOrderReference_idx" ON "Shipment"("workspaceId", "storeOrderReference");

-- CreateIndex
CREATE INDEX "Shipment_workspaceId_connectionId_orderExternalId_idx" ON "Shipment"("workspaceId", "connectionId", "orderExternalId");

-- CreateIndex
CREATE UNIQUE INDEX "Shipment_workspaceId_connectionId_externalId_key" ON "Shipment"("workspaceId", "connectionId", "externalId");

-- CreateIndex
CREATE INDEX "ReturnOrder_workspaceId_status_sourceCreatedAt_idx" ON "ReturnOrder"("workspaceId", "status", "sourceCreatedAt" DESC);

-- CreateIndex
CREATE INDEX "ReturnOrder_workspaceId_storeOrderReference_idx" ON "ReturnOrder"("workspaceId", "storeOrderReference");

-- CreateIndex
CREATE UNIQUE INDEX "ReturnOrder_workspaceId_connectionId_externalId_key" ON "ReturnOrder"("workspaceId", "connectionId", "externalId");

-- CreateIndex
CREATE INDEX "ReceivingOrder_workspaceId_status_expectedArrivalAt_idx" ON "ReceivingOrder"("workspaceId", "status", "expectedArrivalAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReceivingOrder_workspaceId_connectionId_externalId_key" ON "ReceivingOrder"("workspaceId", "connectionId", "externalId");

-- AddForeignKey
ALTER TABLE "Shipment" ADD CONSTRAINT "Shipment_connectionId_workspaceId_fkey" FOREIGN KEY ("connectionId", "workspaceId") REFERENCES "Connection"("id", "workspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReturnOrder" ADD CONSTRAINT "ReturnOrder_connectionId_workspaceId_fkey" FOREIGN KEY ("connectionId", "workspaceId") REFERENCES "Connection"("id", "workspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReceivingOrder" ADD CONSTRAINT "ReceivingOrder_connectionId_workspaceId_fkey" FOREIGN KEY ("connectionId", "workspaceId") REFERENCES "Connection"("id", "workspaceId") ON DELETE CASCADE ON UPDATE CASCADE;
