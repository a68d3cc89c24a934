import { db } from "@/server/db";
import type { JobStatus } from "@/server/generated/prisma/enums";

// Rows of every kind retention prunes, each dated by the column retention ages it by.

export async function buildAgedJobRun(args: { workspaceId: string | null; queuedAt: Date; status?: JobStatus; details?: boolean }) {
  return db.jobRun.create({
    data: {
      workspaceId: args.workspaceId,
      kind: "sync",
      trigger: "SCHEDULE",
      status: args.status ?? "SUCCEEDED",
      queuedAt: args.queuedAt,
      ...(args.details === false ? {} : { details: { event: { name: "app/test", data: {} }, attempts: [] } }),
    },
  });
}

let webhookCounter = 0;

export async function buildAgedWebhookEvent(args: { workspaceId: string; receivedAt: Date }) {
  return db.webhookEvent.create({
    data: {
      workspaceId: args.workspaceId,
      provider: "SHOPIFY",
      externalId: `retention-${Date.now()}-${++webhookCounter}`,
      topic: "orders/updated",
      payload: { id: webhookCounter },
      receivedAt: args.receivedAt,
    },
  });
}

export async function buildAgedAuditLog(args: { workspaceId: string; createdAt: Date }) {
  return db.auditLog.create({ data: { workspaceId: args.workspaceId, action: "test.action", createdAt: args.createdAt } });
}

export async function buildAgedOutboxEmail(args: { workspaceId: string | null; createdAt: Date }) {
  return db.emailOutbox.create({
    data: {
      workspaceId: args.workspaceId,
      to: "someone@example.test",
      subject: "Test",
      template: "test",
      html: "<p>Test</p>",
      text: "Test",
      createdAt: args.createdAt,
    },
  });
}
