-- CreateEnum
CREATE TYPE "ReconciliationIssueKind" AS ENUM ('MISSING_IN_ANALYTICS', 'EXTRA_IN_ANALYTICS', 'VALUE_MISMATCH', 'DUPLICATE');

-- CreateEnum
CREATE TYPE "ExportFormat" AS ENUM ('CSV', 'NDJSON', 'XLSX');

-- CreateEnum
CREATE TYPE "ExportStatus" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED');

-- AlterTable
ALTER TABLE "NotificationPreference" ADD COLUMN     "matchRateAlertEmails" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "reconciliationWeeklyEmails" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "channel" TEXT,
ADD COLUMN     "marketingMedium" TEXT,
ADD COLUMN     "marketingSource" TEXT,
ADD COLUMN     "totalShipping" DECIMAL(18,4);

-- AlterTable
ALTER TABLE "RetentionPolicy" ADD COLUMN     "exportFilesDays" INTEGER NOT NULL DEFAULT 7;

-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "timeZone" TEXT NOT NULL DEFAULT 'UTC';

-- CreateTable
CREATE TABLE "AnalyticsPurchase" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "transactionId" TEXT NOT NULL,
    "sourceMedium" TEXT NOT NULL,
    "deviceCategory" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "revenue" DECIMAL(18,4) NOT NULL,
    "tax" DECIMAL(18,4) NOT NULL,
    "shipping" DECIMAL(18,4) NOT NULL,
    "purchases" INTEGER NOT NULL,
    "transactions" INTEGER NOT NULL,
    "observedAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AnalyticsPurchase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReconciliationSettings" (
    "workspaceId" TEXT NOT NULL,
    "matchRateThreshold" DECIMAL(5,4) NOT NULL DEFAULT 0.9,
    "weeklySummarySentAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ReconciliationSettings_pkey" PRIMARY KEY ("workspaceId")
);

-- CreateTable
CREATE TABLE "ReconciliationPair" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "storeConnectionId" TEXT NOT NULL,
    "analyticsConnectionId" TEXT NOT NULL,
    "toleranceMinorUnits" INTEGER NOT NULL DEFAULT 1,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "lastComputedAt" TIMESTAMPTZ(3),
    "alertingSince" TIMESTAMPTZ(3),
    "alertDate" DATE,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ReconciliationPair_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReconciliationDay" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "pairId" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "currency" TEXT NOT NULL,
    "storeOrders" INTEGER NOT NULL,
    "storeValue" DECIMAL(18,4) NOT NULL,
    "analyticsTransactions" INTEGER NOT NULL,
    "analyticsValue" DECIMAL(18,4) NOT NULL,
    "matched" INTEGER NOT NULL,
    "matchRate" DECIMAL(7,6),
    "missingCount" INTEGER NOT NULL,
    "missingValue" DECIMAL(18,4) NOT NULL,
    "extraCount" INTEGER NOT NULL,
    "extraValue" DECIMAL(18,4) NOT NULL,
    "mismatchCount" INTEGER NOT NULL,
    "duplicateCount" INTEGER NOT NULL,
    "notSetCount" INTEGER NOT NULL,
    "notSetValue" DECIMAL(18,4) NOT NULL,
    "breakdown" JSONB NOT NULL DEFAULT '{}',
    "final" BOOLEAN NOT NULL DEFAULT false,
    "computedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ReconciliationDay_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReconciliationDayRevision" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "dayId" TEXT NOT NULL,
    "matchRate" DECIMAL(7,6),
    "figures" JSONB NOT NULL,
    "computedAt" TIMESTAMPTZ(3) NOT NULL,
    "replacedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ReconciliationDayRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReconciliationIssue" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "pairId" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "kind" "ReconciliationIssueKind" NOT NULL,
    "orderId" TEXT,
    "orderName" TEXT,
    "transactionId" TEXT,
    "currency" TEXT NOT NULL,
    "storeValue" DECIMAL(18,4),
    "analyticsCurrency" TEXT,
    "analyticsValue" DECIMAL(18,4),
    "difference" DECIMAL(18,4),
    "explanation" TEXT,
    "occurrences" INTEGER,
    "channel" TEXT,
    "source" TEXT,
    "device" TEXT,

    CONSTRAINT "ReconciliationIssue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DailySalesRollup" (
    "workspaceId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "currency" TEXT NOT NULL,
    "orders" INTEGER NOT NULL DEFAULT 0,
    "grossSales" DECIMAL(18,4) NOT NULL DEFAULT 0,
    "discounts" DECIMAL(18,4) NOT NULL DEFAULT 0,
    "tax" DECIMAL(18,4) NOT NULL DEFAULT 0,
    "shipping" DECIMAL(18,4) NOT NULL DEFAULT 0,
    "units" INTEGER NOT NULL DEFAULT 0,
    "refunds" INTEGER NOT NULL DEFAULT 0,
    "refunded" DECIMAL(18,4) NOT NULL DEFAULT 0,

    CONSTRAINT "DailySalesRollup_pkey" PRIMARY KEY ("workspaceId","connectionId","day","currency")
);

-- CreateTable
CREATE TABLE "DailyProductRollup" (
    "workspaceId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "currency" TEXT NOT NULL,
    "productKey" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "units" INTEGER NOT NULL DEFAULT 0,
    "revenue" DECIMAL(18,4) NOT NULL DEFAULT 0,

    CONSTRAINT "DailyProductRollup_pkey" PRIMARY KEY ("workspaceId","connectionId","day","currency","productKey")
);

-- CreateTable
CREATE TABLE "ExportFile" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "requestedById" TEXT,
    "list" TEXT NOT NULL,
    "filters" JSONB NOT NULL DEFAULT '{}',
    "format" "ExportFormat" NOT NULL,
    "status" "ExportStatus" NOT NULL DEFAULT 'QUEUED',
    "fileName" TEXT NOT NULL,
    "rowsTotal" INTEGER,
    "rowsWritten" INTEGER NOT NULL DEFAULT 0,
    "bytes" BIGINT NOT NULL DEFAULT 0,
    "error" TEXT,
    "jobRunId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),
    "expiresAt" TIMESTAMPTZ(3),

    CONSTRAINT "ExportFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExportFileChunk" (
    "exportId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "ExportFileChunk_pkey" PRIMARY KEY ("exportId","seq")
);

-- CreateIndex
CREATE INDEX "AnalyticsPurchase_connectionId_transactionId_idx" ON "AnalyticsPurchase"("connectionId", "transactionId");

-- CreateIndex
CREATE UNIQUE INDEX "AnalyticsPurchase_workspaceId_connectionId_date_transaction_key" ON "AnalyticsPurchase"("workspaceId", "connectionId", "date", "transactionId", "sourceMedium", "deviceCategory");

-- CreateIndex
CREATE INDEX "ReconciliationPair_workspaceId_idx" ON "ReconciliationPair"("workspaceId");

-- CreateIndex
CREATE INDEX "ReconciliationPair_analyticsConnectionId_idx" ON "ReconciliationPair"("analyticsConnectionId");

-- CreateIndex
CREATE UNIQUE INDEX "ReconciliationPair_storeConnectionId_analyticsConnectionId_key" ON "ReconciliationPair"("storeConnectionId", "analyticsConnectionId");

-- CreateIndex
CREATE INDEX "ReconciliationDay_workspaceId_pairId_date_idx" ON "ReconciliationDay"("workspaceId", "pairId", "date");

-- CreateIndex
CREATE UNIQUE INDEX "ReconciliationDay_pairId_date_key" ON "ReconciliationDay"("pairId", "date");

-- CreateIndex
CREATE INDEX "ReconciliationDayRevision_dayId_replacedAt_idx" ON "ReconciliationDayRevision"("dayId", "replacedAt");

-- CreateIndex
CREATE INDEX "ReconciliationDayRevision_workspaceId_idx" ON "ReconciliationDayRevision"("workspaceId");

-- CreateIndex
CREATE INDEX "ReconciliationIssue_pairId_date_kind_idx" ON "ReconciliationIssue"("pairId", "date", "kind");

-- CreateIndex
CREATE INDEX "ReconciliationIssue_workspaceId_pairId_kind_date_id_idx" ON "ReconciliationIssue"("workspaceId", "pairId", "kind", "date", "id");

-- CreateIndex
CREATE INDEX "DailySalesRollup_workspaceId_day_idx" ON "DailySalesRollup"("workspaceId", "day");

-- CreateIndex
CREATE INDEX "DailyProductRollup_workspaceId_day_idx" ON "DailyProductRollup"("workspaceId", "day");

-- CreateIndex
CREATE INDEX "ExportFile_workspaceId_createdAt_idx" ON "ExportFile"("workspaceId", "createdAt");

-- AddForeignKey
ALTER TABLE "AnalyticsPurchase" ADD CONSTRAINT "AnalyticsPurchase_connectionId_workspaceId_fkey" FOREIGN KEY ("connectionId", "workspaceId") REFERENCES "Connection"("id", "workspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReconciliationSettings" ADD CONSTRAINT "ReconciliationSettings_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReconciliationPair" ADD CONSTRAINT "ReconciliationPair_storeConnectionId_workspaceId_fkey" FOREIGN KEY ("storeConnectionId", "workspaceId") REFERENCES "Connection"("id", "workspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReconciliationPair" ADD CONSTRAINT "ReconciliationPair_analyticsConnectionId_workspaceId_fkey" FOREIGN KEY ("analyticsConnectionId", "workspaceId") REFERENCES "Connection"("id", "workspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReconciliationDay" ADD CONSTRAINT "ReconciliationDay_pairId_fkey" FOREIGN KEY ("pairId") REFERENCES "ReconciliationPair"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReconciliationDayRevision" ADD CONSTRAINT "ReconciliationDayRevision_dayId_fkey" FOREIGN KEY ("dayId") REFERENCES "ReconciliationDay"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReconciliationIssue" ADD CONSTRAINT "ReconciliationIssue_pairId_fkey" FOREIGN KEY ("pairId") REFERENCES "ReconciliationPair"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DailySalesRollup" ADD CONSTRAINT "DailySalesRollup_connectionId_workspaceId_fkey" FOREIGN KEY ("connectionId", "workspaceId") REFERENCES "Connection"("id", "workspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DailyProductRollup" ADD CONSTRAINT "DailyProductRollup_connectionId_workspaceId_fkey" FOREIGN KEY ("connectionId", "workspaceId") REFERENCES "Connection"("id", "workspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExportFile" ADD CONSTRAINT "ExportFile_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExportFileChunk" ADD CONSTRAINT "ExportFileChunk_exportId_fkey" FOREIGN KEY ("exportId") REFERENCES "ExportFile"("id") ON DELETE CASCADE ON UPDATE CASCADE;
