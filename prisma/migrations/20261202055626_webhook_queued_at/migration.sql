-- AlterTable
ALTER TABLE "WebhookEvent" ADD COLUMN     "queuedAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "WebhookEvent_queuedAt_receivedAt_idx" ON "WebhookEvent"("queuedAt", "receivedAt");

-- Deliveries stored before this column existed had their event sent before they were acknowledged.
UPDATE "WebhookEvent" SET "queuedAt" = "receivedAt";
