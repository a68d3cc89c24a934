// The ShipBob sync against the sandbox ShipBob in tests, on a manual clock: a connection holding
// the sandbox's token, the connector's sync paced on that clock (a pacer wait moves the clock the
// sandbox's rate limiter reads, so a minute of pacing takes no time), and runs through the
// engine's batches that keep where the backfill drew its line for timelines.
import type { ManualClock } from "@/dev/sandbox/_kit/clock";
import { SHIPBOB_DEV } from "@/dev/sandbox/shipbob";
import { buildConnection } from "@/prisma/factories/connections";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import type { RequestEvent } from "@/server/connectors/_core/http";
import { createShipBobSync, TokenPacers, type PacingOptions, type ShipBobSyncOptions } from "@/server/connectors/shipbob";
import { RECENT_TIMELINES_MS } from "@/server/connectors/shipbob/sync";
import { sealCredentialValues } from "@/server/services/connections/credentials";
import { syncToEnd, type SyncToEndOptions } from "./sync-to-end";

/** A SHIPBOB connection of a new workspace, holding the sandbox's personal access token. */
export async function shipbobConnection() {
  const { workspace } = await buildWorkspaceWithOwner();
  return buildConnection(workspace.id, {
    provider: "SHIPBOB",
    externalAccountId: `channel-${workspace.id}`,
    displayName: "ShipBob",
    authMethod: "CREDENTIALS",
    encryptedCredentials: sealCredentialValues({ token: SHIPBOB_DEV.pat }),
  });
}

/**
 * The sync paced on `clock` (ShipBob's 150 a minute unless `pacing` says otherwise), one page a
 * batch: its waits (pacing, x-retry-after) move the clock and are kept, and so are every answer's
 * status and path.
 */
export function syncOnClock(clock: ManualClock, pacing: Partial<PacingOptions> = {}, options: ShipBobSyncOptions = {}) {
  const waits: number[] = [];
  const statuses: number[] = [];
  const paths: string[] = [];
  const pacers = new TokenPacers({
    limit: 150,
    windowMs: 60_000,
    clock: { now: () => clock.now(), sleep: async (ms) => void (waits.push(ms), clock.advance(ms)) },
    ...pacing,
  });
  const onRequest = (e: RequestEvent) => void (statuses.push(e.status ?? 0), paths.push(new URL(e.url).pathname));
  const sync = createShipBobSync(pacers, { pageSize: 5, batchBudgetMs: 0, onRequest, ...options });
  return { sync, waits, statuses, paths };
}

/**
 * Where a connection's backfill drew the line for timelines: RECENT_TIMELINES_MS before the clock
 * at the start of the batch that first stored shipments (the sync reads the clock there and keeps
 * the line in the stream's state, across a kill). Pass the same one to every run of a connection.
 */
export class TimelineLine {
  private batchAt?: number;
  /** Epoch ms; undefined until shipments are stored. */
  from?: number;

  constructor(private readonly clock: ManualClock) {}

  hooks(options: SyncToEndOptions): SyncToEndOptions {
    return {
      ...options,
      beforeBatch: (stream) => {
        if (stream === "shipments") this.batchAt = this.clock.now();
        options.beforeBatch?.(stream);
      },
      onStored: (stream, ...rest) => {
        if (stream === "shipments") this.from ??= this.batchAt! - RECENT_TIMELINES_MS;
        options.onStored?.(stream, ...rest);
      },
    };
  }
}

/** Every stream of the ShipBob sync through the engine's batches (dev/test/sync-to-end.ts), `line` kept. */
export function syncShipBob(connectionId: string, sync: ReturnType<typeof createShipBobSync>, line: TimelineLine, options: SyncToEndOptions = {}) {
  return syncToEnd(
    connectionId,
    { SHIPBOB: { sync } },
    sync.streams.map((s) => s.name),
    line.hooks(options),
  );
}
