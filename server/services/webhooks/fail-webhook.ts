import "server-only";
import { db } from "@/server/db";

/**
 * Inngest gave up on processing a stored webhook delivery (its retries spent): FAILED, with the
 * error its last attempt recorded. Only a delivery that processing did reach and fail on: one
 * whose runs never got to process it (the app was unreachable, the runner lost the run) stays
 * RECEIVED, for the scheduler to send again (reconcile-webhook-deliveries.ts). Returns whether it
 * was marked.
 */
export async function failWebhook(input: { workspaceId: string; webhookEventId: string }): Promise<boolean> {
  const { count } = await db.webhookEvent.updateMany({
    where: { id: input.webhookEventId, workspaceId: input.workspaceId, status: "RECEIVED", error: { not: null } },
    data: { status: "FAILED", processedAt: null },
  });
  return count === 1;
}
