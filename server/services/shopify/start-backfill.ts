import "server-only";
import { workspaceDb } from "@/server/db";
import { requestConnectionSync, type SendSyncEvent } from "@/server/services/connections/request-connection-sync";

/** Queues the first, full sync of a newly installed (or reconnected) shop as a BACKFILL run. */
export function startShopifyBackfill(
  workspaceId: string,
  connectionId: string,
  deps: { sendEvent?: SendSyncEvent } = {},
): Promise<{ jobRunId: string; coalesced: boolean }> {
  return requestConnectionSync(workspaceDb(workspaceId), workspaceId, { connectionId }, { trigger: "BACKFILL" }, deps);
}
