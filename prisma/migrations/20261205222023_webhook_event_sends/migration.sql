-- AlterTable
ALTER TABLE "WebhookEvent" ADD COLUMN     "inngestEventId" TEXT,
ADD COLUMN     "sendCount" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "WebhookEvent_status_receivedAt_idx" ON "WebhookEvent"("status", "receivedAt");

-- Deliveries whose event went out before this column existed were sent once.
UPDATE "WebhookEvent" SET "sendCount" = 1 WHERE "queuedAt" IS NOT NULL;
