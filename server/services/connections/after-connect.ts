import "server-only";
import { connectorFor } from "@/server/connectors/registry";
import type { Provider } from "@/server/connectors/providers";
import { workspaceDb } from "@/server/db";
import { logger } from "@/server/observability/logger";
import { getConnectionAccess, type AccessDeps } from "./get-connection-access";
import { requestConnectionSync, type SendSyncEvent } from "./request-connection-sync";

/**
 * What follows a stored connect (or reconnect): the connector's afterConnect hook (e.g. webhook
 * subscriptions, first, so changes made while the backfill reads are delivered too),
 * then the first full sync as a BACKFILL run. Neither undoes the connection when it fails: it is
 * stored and audited, the scheduled sync retries the backfill, and the hook's work only speeds
 * things up. Failures are logged for the operator.
 */
export async function afterConnect(
  connected: { connectionId: string; workspaceId: string; provider: Provider },
  deps: AccessDeps & { sendEvent?: SendSyncEvent } = {},
): Promise<void> {
  const log = logger.child({ module: "connect", connectionId: connected.connectionId, provider: connected.provider });
  const { auth } = connectorFor(connected.provider);
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
