-- AlterTable
ALTER TABLE "NotificationPreference" ADD COLUMN     "shipmentAlertEmails" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "ShipmentAlertEntry" (
    "shipmentId" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "enteredAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ShipmentAlertEntry_pkey" PRIMARY KEY ("shipmentId")
);

-- CreateIndex
CREATE INDEX "ShipmentAlertEntry_workspaceId_createdAt_idx" ON "ShipmentAlertEntry"("workspaceId", "createdAt");

-- AddForeignKey
ALTER TABLE "ShipmentAlertEntry" ADD CONSTRAINT "ShipmentAlertEntry_shipmentId_fkey" FOREIGN KEY ("shipmentId") REFERENCES "Shipment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
