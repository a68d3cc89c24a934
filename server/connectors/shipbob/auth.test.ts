import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ManualClock, PAT_CHANNEL, SHIPBOB_DEFAULT_CHANNEL, SHIPBOB_DEV, startShipBobSandbox, type ShipBobSandbox } from "@/dev/sandbox/shipbob";
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
  const { freePort } = await import("@/dev/test/free-port");
  const port = await freePort();
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

  it("stores an accepted token encrypted, named by the account's ShipBob Default channel, with the token's SMA channel (writes go through it) in the settings", async () => {
    const { owner, workspace } = await buildWorkspaceWithOwner("ShipBob Accepted");
    const created = await create(owner, workspace.slug, { token: SHIPBOB_DEV.pat });
    // The token's channels, as ShipBob lists them: ShipBob Default and the Shopify store's (read-only), and its SMA channel.
    // Titled by the store ShipBob fulfils, marked ShipBob's: the store's own connection is titled by its domain alone.
    expect(created).toMatchObject({ displayName: "ShipBob · meridian-demo.myshopify.com", reconnected: false });

    const row = await db.connection.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({ provider: "SHIPBOB", externalAccountId: String(SHIPBOB_DEFAULT_CHANNEL.id), status: "ACTIVE", settings: { channelId: PAT_CHANNEL.id, channelName: "PAT Channel" } });
    expect(row.encryptedCredentials).toMatch(/^v1:/);
    expect(JSON.stringify(row)).not.toContain(SHIPBOB_DEV.pat);
    expect(openCredentialValues(row.encryptedCredentials!, shipbobConnector.auth.credentials.schema)).toEqual({ token: SHIPBOB_DEV.pat });

    const run = await db.jobRun.findFirstOrThrow({ where: { connectionId: created.id } });
    expect(run).toMatchObject({ kind: "sync", trigger: "BACKFILL", status: "QUEUED" });
    const ctx = await getConnectionAccess(created.id, { provider: "SHIPBOB" });
    expect(await ctx.credentials()).toEqual({ token: SHIPBOB_DEV.pat });
  });
});
