import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ManualClock, SHIPBOB_DEV, startShipBobSandbox, type ShipBobSandbox } from "@/dev/sandbox/shipbob";
import { withInngestRunner, type InngestHarness } from "@/dev/test/inngest";
import { inngest } from "@/inngest/client";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { callerFor, errorOf, snapshotTables } from "@/server/api/test-utils";
import { db } from "@/server/db";
import { openCredentialValues } from "@/server/services/connections/credentials";
import { getConnectionAccess } from "@/server/services/connections/get-connection-access";
import { shipbobConnector } from ".";

// Connecting ShipBob with a personal access token through connection.create: the tRPC caller, the
// database, the Inngest client (to a local runner) and the sandbox ShipBob over real HTTP.

// server/env reads the environment once, on first import: the sandbox's port is reserved first.
const { SANDBOX_PORT } = await vi.hoisted(async () => {
  const net = await import("node:net");
  const port = await new Promise<number>((resolve, reject) => {
    const probe = net.createServer().on("error", reject);
    probe.listen(0, () => {
      const { port: free } = probe.address() as { port: number };
      probe.close(() => resolve(free));
    });
  });
  process.env.SHIPBOB_API_URL = `http://localhost:${port}`;
  return { SANDBOX_PORT: port };
});

const EPOCH = Date.UTC(2026, 9, 15);
let sandbox: ShipBobSandbox;
let harness: InngestHarness;

beforeAll(async () => {
  sandbox = await startShipBobSandbox({
    seed: "connector-auth",
    epoch: EPOCH,
    volume: { orders: 2, products: 5, centres: 2 },
    shopify: { seed: "meridian-demo.myshopify.com", epoch: EPOCH, volume: { orders: 2, products: 5 } },
    clock: new ManualClock(EPOCH),
    port: SANDBOX_PORT,
  });
  harness = await withInngestRunner(inngest, []);
});
afterAll(async () => {
  await harness?.stop();
  await sandbox?.stop();
});

const create = (as: { id: string; email: string }, slug: string, credentials: Record<string, string>) =>
  callerFor(as).connection.create({ workspaceSlug: slug, provider: "SHIPBOB", credentials });

describe("connecting ShipBob with a personal access token", () => {
  it("refuses a token ShipBob does not accept: nothing is stored and the token field says why", async () => {
    const { owner, workspace } = await buildWorkspaceWithOwner("ShipBob Refused");
    const before = await snapshotTables();
    const refused = await errorOf(create(owner, workspace.slug, { token: "sbpat_not-a-token" }));
    expect(refused.code).toBe("BAD_REQUEST");
    expect(refused.cause).toMatchObject({ issues: [{ path: ["token"], message: "ShipBob does not accept this token." }] });

    const empty = await errorOf(create(owner, workspace.slug, { token: "  " }));
    expect(empty.cause).toMatchObject({ issues: [{ path: ["token"], message: "Enter the personal access token." }] });
    expect(await snapshotTables()).toEqual(before);
  });

  it("stores an accepted token encrypted, with the channel writes go through in the settings", async () => {
    const { owner, workspace } = await buildWorkspaceWithOwner("ShipBob Accepted");
    const created = await create(owner, workspace.slug, { token: SHIPBOB_DEV.pat });
    // The sandbox's channels: the store's (allowed to write orders) and ShipBob's default (no scopes).
    expect(created).toMatchObject({ displayName: "meridian-demo.myshopify.com", reconnected: false });

    const row = await db.connection.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({ provider: "SHIPBOB", externalAccountId: "100001", status: "ACTIVE", settings: { channelId: 100_001, channelName: "meridian-demo.myshopify.com" } });
    expect(row.encryptedCredentials).toMatch(/^v1:/);
    expect(JSON.stringify(row)).not.toContain(SHIPBOB_DEV.pat);
    expect(openCredentialValues(row.encryptedCredentials!, shipbobConnector.auth.credentials.schema)).toEqual({ token: SHIPBOB_DEV.pat });

    const run = await db.jobRun.findFirstOrThrow({ where: { connectionId: created.id } });
    expect(run).toMatchObject({ kind: "sync", trigger: "BACKFILL", status: "QUEUED" });
    const ctx = await getConnectionAccess(created.id, { provider: "SHIPBOB" });
    expect(await ctx.credentials()).toEqual({ token: SHIPBOB_DEV.pat });
  });
});
