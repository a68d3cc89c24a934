-- DropForeignKey
ALTER TABLE "Customer" DROP CONSTRAINT "Customer_workspaceId_fkey";

-- DropForeignKey
ALTER TABLE "InventoryLevel" DROP CONSTRAINT "InventoryLevel_workspaceId_fkey";

-- DropForeignKey
ALTER TABLE "Location" DROP CONSTRAINT "Location_workspaceId_fkey";

-- DropForeignKey
ALTER TABLE "Order" DROP CONSTRAINT "Order_workspaceId_fkey";

-- DropForeignKey
ALTER TABLE "OrderLineItem" DROP CONSTRAINT "OrderLineItem_connectionId_workspaceId_fkey";

-- DropForeignKey
ALTER TABLE "OrderLineItem" DROP CONSTRAINT "OrderLineItem_orderId_fkey";

-- DropForeignKey
ALTER TABLE "OrderLineItem" DROP CONSTRAINT "OrderLineItem_workspaceId_fkey";

-- DropForeignKey
ALTER TABLE "OrderTransaction" DROP CONSTRAINT "OrderTransaction_connectionId_workspaceId_fkey";

-- DropForeignKey
ALTER TABLE "OrderTransaction" DROP CONSTRAINT "OrderTransaction_orderId_fkey";

-- DropForeignKey
ALTER TABLE "OrderTransaction" DROP CONSTRAINT "OrderTransaction_workspaceId_fkey";

-- DropForeignKey
ALTER TABLE "Product" DROP CONSTRAINT "Product_workspaceId_fkey";

-- DropForeignKey
ALTER TABLE "ProductVariant" DROP CONSTRAINT "ProductVariant_connectionId_workspaceId_fkey";

-- DropForeignKey
ALTER TABLE "ProductVariant" DROP CONSTRAINT "ProductVariant_productId_fkey";

-- DropForeignKey
ALTER TABLE "ProductVariant" DROP CONSTRAINT "ProductVariant_workspaceId_fkey";

-- DropForeignKey
ALTER TABLE "Refund" DROP CONSTRAINT "Refund_connectionId_workspaceId_fkey";

-- DropForeignKey
ALTER TABLE "Refund" DROP CONSTRAINT "Refund_orderId_fkey";

-- DropForeignKey
ALTER TABLE "Refund" DROP CONSTRAINT "Refund_workspaceId_fkey";

-- DropForeignKey
ALTER TABLE "StreamState" DROP CONSTRAINT "StreamState_workspaceId_fkey";

-- CreateIndex
CREATE UNIQUE INDEX "Order_id_connectionId_workspaceId_key" ON "Order"("id", "connectionId", "workspaceId");

-- CreateIndex
CREATE UNIQUE INDEX "Product_id_connectionId_workspaceId_key" ON "Product"("id", "connectionId", "workspaceId");

-- AddForeignKey
ALTER TABLE "OrderLineItem" ADD CONSTRAINT "OrderLineItem_orderId_connectionId_workspaceId_fkey" FOREIGN KEY ("orderId", "connectionId", "workspaceId") REFERENCES "Order"("id", "connectionId", "workspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Refund" ADD CONSTRAINT "Refund_orderId_connectionId_workspaceId_fkey" FOREIGN KEY ("orderId", "connectionId", "workspaceId") REFERENCES "Order"("id", "connectionId", "workspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderTransaction" ADD CONSTRAINT "OrderTransaction_orderId_connectionId_workspaceId_fkey" FOREIGN KEY ("orderId", "connectionId", "workspaceId") REFERENCES "Order"("id", "connectionId", "workspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProductVariant" ADD CONSTRAINT "ProductVariant_productId_connectionId_workspaceId_fkey" FOREIGN KEY ("productId", "connectionId", "workspaceId") REFERENCES "Product"("id", "connectionId", "workspaceId") ON DELETE CASCADE ON UPDATE CASCADE;
