-- CreateTable
CREATE TABLE "StreamState" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "stream" TEXT NOT NULL,
    "cursor" TEXT,
    "state" JSONB NOT NULL DEFAULT '{}',
    "lastRunAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "StreamState_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Customer" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "email" TEXT,
    "emailLower" TEXT,
    "firstName" TEXT,
    "lastName" TEXT,
    "phone" TEXT,
    "state" TEXT,
    "tags" TEXT[],
    "numberOfOrders" INTEGER,
    "amountSpent" DECIMAL(18,4),
    "currency" TEXT,
    "sourceCreatedAt" TIMESTAMPTZ(3) NOT NULL,
    "sourceUpdatedAt" TIMESTAMPTZ(3) NOT NULL,
    "sourceHash" TEXT NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),
    "redactedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Customer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Order" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameLower" TEXT NOT NULL,
    "email" TEXT,
    "emailLower" TEXT,
    "customerExternalId" TEXT,
    "financialStatus" TEXT,
    "fulfillmentStatus" TEXT,
    "currency" TEXT NOT NULL,
    "subtotal" DECIMAL(18,4),
    "totalTax" DECIMAL(18,4),
    "totalDiscounts" DECIMAL(18,4),
    "totalPrice" DECIMAL(18,4) NOT NULL,
    "currentTotalPrice" DECIMAL(18,4),
    "totalRefunded" DECIMAL(18,4),
    "tags" TEXT[],
    "test" BOOLEAN NOT NULL DEFAULT false,
    "processedAt" TIMESTAMPTZ(3) NOT NULL,
    "cancelledAt" TIMESTAMPTZ(3),
    "cancelReason" TEXT,
    "closedAt" TIMESTAMPTZ(3),
    "sourceCreatedAt" TIMESTAMPTZ(3) NOT NULL,
    "sourceUpdatedAt" TIMESTAMPTZ(3) NOT NULL,
    "sourceHash" TEXT NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),
    "redactedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Order_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrderLineItem" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "productExternalId" TEXT,
    "variantExternalId" TEXT,
    "sku" TEXT,
    "title" TEXT NOT NULL,
    "variantTitle" TEXT,
    "quantity" INTEGER NOT NULL,
    "currentQuantity" INTEGER NOT NULL,
    "unitPrice" DECIMAL(18,4) NOT NULL,
    "discountedUnitPrice" DECIMAL(18,4) NOT NULL,
    "currency" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "OrderLineItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Refund" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "note" TEXT,
    "total" DECIMAL(18,4) NOT NULL,
    "currency" TEXT NOT NULL,
    "lineItems" JSONB NOT NULL DEFAULT '[]',
    "sourceCreatedAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Refund_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrderTransaction" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "parentExternalId" TEXT,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "gateway" TEXT,
    "amount" DECIMAL(18,4) NOT NULL,
    "currency" TEXT NOT NULL,
    "processedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "OrderTransaction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Product" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "titleLower" TEXT NOT NULL,
    "handle" TEXT,
    "vendor" TEXT,
    "productType" TEXT,
    "status" TEXT NOT NULL,
    "tags" TEXT[],
    "sourceCreatedAt" TIMESTAMPTZ(3) NOT NULL,
    "sourceUpdatedAt" TIMESTAMPTZ(3) NOT NULL,
    "sourceHash" TEXT NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Product_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProductVariant" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "inventoryItemExternalId" TEXT,
    "title" TEXT NOT NULL,
    "sku" TEXT,
    "barcode" TEXT,
    "price" DECIMAL(18,4) NOT NULL,
    "compareAtPrice" DECIMAL(18,4),
    "currency" TEXT NOT NULL,
    "position" INTEGER,
    "sourceUpdatedAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ProductVariant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Location" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "isActive" BOOLEAN NOT NULL,
    "fulfillsOnlineOrders" BOOLEAN NOT NULL,
    "address1" TEXT,
    "city" TEXT,
    "countryCode" TEXT,
    "zip" TEXT,
    "sourceUpdatedAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Location_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InventoryLevel" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "inventoryItemExternalId" TEXT NOT NULL,
    "locationExternalId" TEXT NOT NULL,
    "available" INTEGER NOT NULL,
    "onHand" INTEGER NOT NULL,
    "committed" INTEGER NOT NULL,
    "incoming" INTEGER NOT NULL,
    "sourceUpdatedAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "InventoryLevel_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StreamState_workspaceId_idx" ON "StreamState"("workspaceId");

-- CreateIndex
CREATE UNIQUE INDEX "StreamState_connectionId_stream_key" ON "StreamState"("connectionId", "stream");

-- CreateIndex
CREATE INDEX "Customer_workspaceId_sourceCreatedAt_id_idx" ON "Customer"("workspaceId", "sourceCreatedAt" DESC, "id");

-- CreateIndex
-- text_pattern_ops: LIKE 'prefix%' uses the index under any collation (see schema.prisma).
CREATE INDEX "Customer_workspaceId_emailLower_idx" ON "Customer"("workspaceId", "emailLower" text_pattern_ops);

-- CreateIndex
CREATE UNIQUE INDEX "Customer_workspaceId_connectionId_externalId_key" ON "Customer"("workspaceId", "connectionId", "externalId");

-- CreateIndex
CREATE INDEX "Order_workspaceId_processedAt_id_idx" ON "Order"("workspaceId", "processedAt" DESC, "id");

-- CreateIndex
CREATE INDEX "Order_workspaceId_connectionId_customerExternalId_idx" ON "Order"("workspaceId", "connectionId", "customerExternalId");

-- CreateIndex
-- text_pattern_ops: LIKE 'prefix%' uses the index under any collation (see schema.prisma).
CREATE INDEX "Order_workspaceId_nameLower_idx" ON "Order"("workspaceId", "nameLower" text_pattern_ops);

-- CreateIndex
-- text_pattern_ops: LIKE 'prefix%' uses the index under any collation (see schema.prisma).
CREATE INDEX "Order_workspaceId_emailLower_idx" ON "Order"("workspaceId", "emailLower" text_pattern_ops);

-- CreateIndex
CREATE UNIQUE INDEX "Order_workspaceId_connectionId_externalId_key" ON "Order"("workspaceId", "connectionId", "externalId");

-- CreateIndex
CREATE INDEX "OrderLineItem_orderId_idx" ON "OrderLineItem"("orderId");

-- CreateIndex
CREATE UNIQUE INDEX "OrderLineItem_workspaceId_connectionId_externalId_key" ON "OrderLineItem"("workspaceId", "connectionId", "externalId");

-- CreateIndex
CREATE INDEX "Refund_orderId_idx" ON "Refund"("orderId");

-- CreateIndex
CREATE UNIQUE INDEX "Refund_workspaceId_connectionId_externalId_key" ON "Refund"("workspaceId", "connectionId", "externalId");

-- CreateIndex
CREATE INDEX "OrderTransaction_orderId_idx" ON "OrderTransaction"("orderId");

-- CreateIndex
CREATE UNIQUE INDEX "OrderTransaction_workspaceId_connectionId_externalId_key" ON "OrderTransaction"("workspaceId", "connectionId", "externalId");

-- CreateIndex
CREATE INDEX "Product_workspaceId_title_id_idx" ON "Product"("workspaceId", "title", "id");

-- CreateIndex
-- text_pattern_ops: LIKE 'prefix%' uses the index under any collation (see schema.prisma).
CREATE INDEX "Product_workspaceId_titleLower_idx" ON "Product"("workspaceId", "titleLower" text_pattern_ops);

-- CreateIndex
CREATE UNIQUE INDEX "Product_workspaceId_connectionId_externalId_key" ON "Product"("workspaceId", "connectionId", "externalId");

-- CreateIndex
CREATE INDEX "ProductVariant_productId_idx" ON "ProductVariant"("productId");

-- CreateIndex
CREATE INDEX "ProductVariant_workspaceId_connectionId_inventoryItemExtern_idx" ON "ProductVariant"("workspaceId", "connectionId", "inventoryItemExternalId");

-- CreateIndex
CREATE INDEX "ProductVariant_workspaceId_sku_idx" ON "ProductVariant"("workspaceId", "sku");

-- CreateIndex
CREATE UNIQUE INDEX "ProductVariant_workspaceId_connectionId_externalId_key" ON "ProductVariant"("workspaceId", "connectionId", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "Location_workspaceId_connectionId_externalId_key" ON "Location"("workspaceId", "connectionId", "externalId");

-- CreateIndex
CREATE INDEX "InventoryLevel_workspaceId_connectionId_locationExternalId_idx" ON "InventoryLevel"("workspaceId", "connectionId", "locationExternalId");

-- CreateIndex
CREATE UNIQUE INDEX "InventoryLevel_workspaceId_connectionId_inventoryItemExtern_key" ON "InventoryLevel"("workspaceId", "connectionId", "inventoryItemExternalId", "locationExternalId");

-- CreateIndex
CREATE UNIQUE INDEX "Connection_id_workspaceId_key" ON "Connection"("id", "workspaceId");

-- AddForeignKey
ALTER TABLE "StreamState" ADD CONSTRAINT "StreamState_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StreamState" ADD CONSTRAINT "StreamState_connectionId_workspaceId_fkey" FOREIGN KEY ("connectionId", "workspaceId") REFERENCES "Connection"("id", "workspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Customer" ADD CONSTRAINT "Customer_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Customer" ADD CONSTRAINT "Customer_connectionId_workspaceId_fkey" FOREIGN KEY ("connectionId", "workspaceId") REFERENCES "Connection"("id", "workspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_connectionId_workspaceId_fkey" FOREIGN KEY ("connectionId", "workspaceId") REFERENCES "Connection"("id", "workspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderLineItem" ADD CONSTRAINT "OrderLineItem_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderLineItem" ADD CONSTRAINT "OrderLineItem_connectionId_workspaceId_fkey" FOREIGN KEY ("connectionId", "workspaceId") REFERENCES "Connection"("id", "workspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderLineItem" ADD CONSTRAINT "OrderLineItem_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Refund" ADD CONSTRAINT "Refund_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Refund" ADD CONSTRAINT "Refund_connectionId_workspaceId_fkey" FOREIGN KEY ("connectionId", "workspaceId") REFERENCES "Connection"("id", "workspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Refund" ADD CONSTRAINT "Refund_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderTransaction" ADD CONSTRAINT "OrderTransaction_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderTransaction" ADD CONSTRAINT "OrderTransaction_connectionId_workspaceId_fkey" FOREIGN KEY ("connectionId", "workspaceId") REFERENCES "Connection"("id", "workspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderTransaction" ADD CONSTRAINT "OrderTransaction_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Product" ADD CONSTRAINT "Product_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Product" ADD CONSTRAINT "Product_connectionId_workspaceId_fkey" FOREIGN KEY ("connectionId", "workspaceId") REFERENCES "Connection"("id", "workspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProductVariant" ADD CONSTRAINT "ProductVariant_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProductVariant" ADD CONSTRAINT "ProductVariant_connectionId_workspaceId_fkey" FOREIGN KEY ("connectionId", "workspaceId") REFERENCES "Connection"("id", "workspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProductVariant" ADD CONSTRAINT "ProductVariant_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Location" ADD CONSTRAINT "Location_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Location" ADD CONSTRAINT "Location_connectionId_workspaceId_fkey" FOREIGN KEY ("connectionId", "workspaceId") REFERENCES "Connection"("id", "workspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InventoryLevel" ADD CONSTRAINT "InventoryLevel_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InventoryLevel" ADD CONSTRAINT "InventoryLevel_connectionId_workspaceId_fkey" FOREIGN KEY ("connectionId", "workspaceId") REFERENCES "Connection"("id", "workspaceId") ON DELETE CASCADE ON UPDATE CASCADE;
