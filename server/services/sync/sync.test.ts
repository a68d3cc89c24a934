import { describe, expect, it } from "vitest";
import { buildConnection } from "@/prisma/factories/connections";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { db } from "@/server/db";
import type { ProviderSyncRegistry, SyncBatchInput } from "./registry";
import { completeConnectionSync, planConnectionSync, runConnectionSyncBatch } from "./run-connection-sync";

describe("sync dispatch", () => {
  it("plans and runs batches through the provider's registered implementation", async () => {
    const { workspace } = await buildWorkspaceWithOwner();
    const connection = await buildConnection(workspace.id, { status: "ERROR" });
    const calls: SyncBatchInput[] = [];
    const registry: ProviderSyncRegistry = {
      SHOPIFY: {
        streams: ["products", "orders"],
        async syncBatch(input) {
          calls.push(input);
          return { cursor: "next", done: true, counts: { read: 3, inserted: 3 } };
        },
      },
    };
    expect(await planConnectionSync(connection.id, registry)).toEqual({ status: "ready", provider: "SHOPIFY", streams: ["products", "orders"] });
    expect(await runConnectionSyncBatch({ connectionId: connection.id, stream: "orders", cursor: "abc", jobRunId: "run-1" }, registry)).toEqual({
      cursor: "next",
      done: true,
      counts: { read: 3, inserted: 3 },
    });
    expect(calls).toEqual([
      { connection: expect.objectContaining({ id: connection.id, workspaceId: workspace.id, provider: "SHOPIFY" }), stream: "orders", cursor: "abc", jobRunId: "run-1" },
    ]);

    expect(await planConnectionSync(connection.id, {})).toEqual({ status: "unavailable", reason: "Syncing Shopify is not available yet" });
    expect(await planConnectionSync("missing", registry)).toMatchObject({ status: "unavailable" });
    await db.connection.update({ where: { id: connection.id }, data: { status: "NEEDS_REAUTH" } });
    expect(await planConnectionSync(connection.id, registry)).toEqual({ status: "skipped", reason: "The connection needs to be re-authorized" });

    const now = new Date();
    await completeConnectionSync(connection.id, now);
    expect((await db.connection.findUniqueOrThrow({ where: { id: connection.id } })).lastSyncedAt).toEqual(now);
  });
});
