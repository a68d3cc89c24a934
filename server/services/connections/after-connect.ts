import "server-only";
import { connectorFor } from "@/server/connectors/registry";
import type { Provider } from "@/server/connectors/providers";
import { workspaceDb } from "@/server/db";
import { logger } from "@/server/observability/logger";
import { adoptStoreTimeZone } from "@/server/services/workspaces/adopt-store-time-zone";
import { getConnectionAccess, type AccessDeps } from "./get-connection-access";
import { requestConnectionSync, type SendSyncEvent } from "./request-connection-sync";

/**
 * What follows a stored connect (or reconnect): a store's own time zone for a workspace that has
 * none chosen yet (before the backfill, so its days are counted in it from the start), the
 * connector's afterConnect hook (e.g. webhook subscriptions, so changes made while the backfill
 * reads are delivered too), then the first full sync as a BACKFILL run. None undoes the connection
 * when it fails: it is stored and audited, the zone can be set in Settings, the scheduled sync
 * retries the backfill, and the hook's work only speeds things up. Failures are logged for the
 * operator.
 */
export async function afterConnect(
  connected: { connectionId: string; workspaceId: string; provider: Provider; timeZone?: string },
  deps: AccessDeps & { sendEvent?: SendSyncEvent } = {},
): Promise<void> {
  const log = logger.child({ module: "connect", connectionId: connected.connectionId, provider: connected.provider });
  const { auth, info } = connectorFor(connected.provider);
  if (connected.timeZone && info.category === "store") {
    try {
      await adoptStoreTimeZone(connected.workspaceId, connected.timeZone);
    } catch (error) {
      log.error({ err: error }, "Could not take the store's time zone for the workspace");
    }
  }
  if (auth.afterConnect) {
    try {
      const ctx = await getConnectionAccess(connected.connectionId, deps);
      // The context is of this connector (same registry entry), which the union of hooks cannot see.
      await auth.afterConnect(ctx as never);
    } catch (error) {
      log.error({ err: error }, "The connector's after-connect step failed");
    }
  }
  try {
    await startBackfill(connected.workspaceId, connected.connectionId, deps);
  } catch (error) {
    log.error({ err: error }, "Could not queue the initial backfill");
  }
}

/** Queues the first, full sync of a newly connected (or reconnected) account as a BACKFILL run. */
export function startBackfill(
  workspaceId: string,
  connectionId: string,
  deps: { sendEvent?: SendSyncEvent } = {},
): Promise<{ jobRunId: string; coalesced: boolean }> {
  return requestConnectionSync(workspaceDb(workspaceId), workspaceId, { connectionId }, { trigger: "BACKFILL" }, deps);
}
