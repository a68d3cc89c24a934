import "server-only";
import type { WindowUsage } from "@/server/connectors/_core/request-allowance";
import { connectorFor, providerName, registeredProvider } from "@/server/connectors/registry";
import type { WorkspaceDb } from "@/server/db";
import type { ConnectionAuthMethod, JobStatus } from "@/server/generated/prisma/enums";
import { isStringList } from "@/server/services/sync/stream-notes";
import { installPath, oauthConnectorOf } from "./oauth-connector";
import { connectionRequestUsage } from "./request-usage";

export type ConnectionListItem = {
  id: string;
  provider: string;
  /** The provider as people read it (its connector's name). */
  providerName: string;
  displayName: string;
  status: string;
  syncFrequencyMinutes: number;
  lastSyncedAt: Date | null;
  lastSync: { jobRunId: string; status: JobStatus; queuedAt: Date } | null;
  /** The latest sync run while it sleeps for the provider's request allowance, with its progress (for the expected finish). */
  waiting: SyncWaiting | null;
  /** How full each of the provider's request windows is for this connection; null where the provider declares none. */
  requests: WindowUsage[] | null;
  /** Each stream the connection has synced or skipped, by name. */
  streams: StreamStateItem[];
  /**
   * Streams were skipped for scopes the account did not grant, and the connection was made through
   * the provider's sign-in: `path` starts it again for this account, asking the scopes the app asks
   * now, and the grant is stored on the connection (a reconnect). Null otherwise.
   */
  grantAccess: { scopes: string[]; path: string } | null;
};

export type SyncWaiting = { until: Date; startedAt: Date | null; progressDone: number | null; progressTotal: number | null };

export type StreamStateItem = {
  stream: string;
  /** As the connector names it for people; the stream's own name for one it no longer has. */
  label: string;
  lastRunAt: Date | null;
  /** Why the stream was skipped on its last run (e.g. a scope the shop did not grant). */
  warning: string | null;
  /** The scopes it was skipped without on its last run. */
  missingScopes: string[];
  /** Records read by the stream so far, backfill included. */
  recordsRead: number;
  /** A backfill (or a large export) is being read. */
  backfilling: boolean;
};

// The workspace's connections with their latest sync run (any status), newest connection last.
export async function findConnections(wdb: WorkspaceDb): Promise<ConnectionListItem[]> {
  const connections = await wdb.connection.findMany({
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      provider: true,
      displayName: true,
      status: true,
      authMethod: true,
      externalAccountId: true,
      settings: true,
      workspace: { select: { slug: true } },
      syncFrequencyMinutes: true,
      lastSyncedAt: true,
      // Served by the (connectionId, kind, queuedAt desc) index: one row per connection.
      jobRuns: { where: { kind: "sync" }, orderBy: { queuedAt: "desc" }, take: 1,
        select: { id: true, status: true, queuedAt: true, waitingUntil: true, startedAt: true, progressDone: true, progressTotal: true },
      },
      streamStates: { orderBy: { createdAt: "asc" }, select: { stream: true, lastRunAt: true, state: true } },
    },
  });
  const now = Date.now();
  return Promise.all(
    connections.map(async ({ jobRuns: [last], streamStates, authMethod, externalAccountId, settings, workspace, ...connection }) => {
      const labels = streamLabels(connection.provider);
      const streams = streamStates.map(({ stream, lastRunAt, state }) => streamStateItem(stream, labels.get(stream) ?? stream, lastRunAt, state));
      return {
        ...connection,
        providerName: providerName(connection.provider),
        lastSync: last ? { jobRunId: last.id, status: last.status, queuedAt: last.queuedAt } : null,
        waiting: last ? syncWaiting(last, now) : null,
        requests: await connectionRequestUsage({ provider: connection.provider, externalAccountId, settings }),
        streams,
        grantAccess: grantAccess({ provider: connection.provider, status: connection.status, authMethod, externalAccountId, workspaceSlug: workspace.slug }, streams),
      };
    }),
  );
}

/** A running sync sleeping until a time still ahead (a passed waitingUntil is a wait that is over). */
function syncWaiting(
  run: { status: JobStatus; waitingUntil: Date | null; startedAt: Date | null; progressDone: number | null; progressTotal: number | null },
  now: number,
): SyncWaiting | null {
  if (run.status !== "RUNNING" || !run.waitingUntil || run.waitingUntil.getTime() <= now) return null;
  return { until: run.waitingUntil, startedAt: run.startedAt, progressDone: run.progressDone, progressTotal: run.progressTotal };
}

function grantAccess(
  connection: { provider: string; status: string; authMethod: ConnectionAuthMethod; externalAccountId: string; workspaceSlug: string },
  streams: readonly StreamStateItem[],
): ConnectionListItem["grantAccess"] {
  const scopes = [...new Set(streams.flatMap((s) => s.missingScopes))];
  const provider = registeredProvider(connection.provider);
  const oauth = provider && oauthConnectorOf(provider);
  // A connector that words its missing "scopes" itself has scopes no sign-in grants (FreeAgent's
  // access levels, see SyncCapabilities.describeMissingScopes): signing in again would not help.
  if (provider && connectorFor(provider).sync.describeMissingScopes) return null;
  if (!scopes.length || !oauth || connection.authMethod !== "OAUTH" || connection.status === "DISCONNECTED") return null;
  return { scopes, path: installPath(provider, oauth.auth, { workspaceSlug: connection.workspaceSlug, account: connection.externalAccountId }) };
}

function streamLabels(provider: string): Map<string, string> {
  const registered = registeredProvider(provider);
  return new Map(registered ? connectorFor(registered).sync.streams.map((s) => [s.name, s.label]) : []);
}

// StreamState.state is provider-written JSON: only well-typed fields are shown.
function streamStateItem(stream: string, label: string, lastRunAt: Date | null, state: unknown): StreamStateItem {
  const extras = state && typeof state === "object" && !Array.isArray(state) ? (state as Record<string, unknown>) : {};
  return {
    stream,
    label,
    lastRunAt,
    warning: typeof extras.warning === "string" ? extras.warning : null,
    missingScopes: isStringList(extras.missingScopes) ? extras.missingScopes : [],
    recordsRead: typeof extras.recordsRead === "number" ? extras.recordsRead : 0,
    backfilling: typeof extras.bulk === "object" && extras.bulk !== null,
  };
}
