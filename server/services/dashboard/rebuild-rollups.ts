import "server-only";
import { db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";

/**
 * Recomputes every dashboard rollup row of the workspace from its orders, line items and refunds,
 * in the caller's transaction when given: after its time zone changed (every sale's day moves), or
 * as a repair. Ingest needs none of this: the triggers of the dashboard_rollups migration keep the
 * rollups current in each writing transaction.
 */
export async function rebuildDashboardRollups(workspaceId: string, tx: Pick<Prisma.TransactionClient, "$executeRaw"> = db): Promise<void> {
  await tx.$executeRaw`SELECT dashboard_rebuild_rollups(${workspaceId})`;
}
