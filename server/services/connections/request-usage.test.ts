import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { connectedKeyring, keyringConnector, startKeyringApi, type KeyringApi } from "@/dev/test/keyring";
import { buildConnection } from "@/prisma/factories/connections";
import { buildTrackedJobRun } from "@/prisma/factories/job-runs";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { workspaceDb } from "@/server/db";
import { findConnections } from "./find-connections";
import { requestWindows } from "./request-windows";

// The Connections list reports a provider's request budget and a sync waiting for it, for any
// provider whose connector declares request windows: Keyring (dev/test/keyring.ts), registered
// for this file.
vi.mock("@/server/connectors/providers", async (importOriginal) => {
  const { PROVIDERS } = await importOriginal<typeof import("@/server/connectors/providers")>();
  return { PROVIDERS: [...PROVIDERS, "KEYRING"] };
});
vi.mock("@/server/connectors/registry", async (importOriginal) => (await import("@/dev/test/keyring")).registerKeyring(await importOriginal<object & { connectors: object }>()));

const HOUR = { seconds: 3600, limit: 3600 };
const MINUTE = { seconds: 60, limit: 120 };

let keyring: KeyringApi;
beforeAll(async () => {
  keyring = await startKeyringApi();
  keyring.requestWindows = [MINUTE, HOUR];
});
afterAll(() => keyring.stop());

describe("the Connections list", () => {
  it("reports how full each declared request window of a connection's allowance is, and nothing for a provider without windows", async () => {
    const { workspace } = await buildWorkspaceWithOwner();
    const connection = await connectedKeyring(workspace.id, keyring, `acct-${workspace.id}`);
    const store = await buildConnection(workspace.id);
    const key = keyringConnector.requestWindows.key({ externalAccountId: connection.externalAccountId, settings: {} });
    for (let i = 0; i < 3; i++) await requestWindows.take(key, [MINUTE, HOUR]);

    const listed = await findConnections(workspaceDb(workspace.id));
    const hourEnds = (Math.floor(Date.now() / 3_600_000) + 1) * 3_600_000;
    expect(listed.find((c) => c.id === connection.id)!.requests).toEqual([
      { ...MINUTE, used: expect.any(Number), resetsAt: expect.any(Number) },
      { ...HOUR, used: 3, resetsAt: hourEnds },
    ]);
    expect(listed.find((c) => c.id === store.id)!.requests).toBeNull();

    // Windows declared as none on this server's configuration: nothing to show.
    keyring.requestWindows = [];
    try {
      expect((await findConnections(workspaceDb(workspace.id))).find((c) => c.id === connection.id)!.requests).toBeNull();
    } finally {
      keyring.requestWindows = [MINUTE, HOUR];
    }
  });

  it("shows the latest sync run waiting for the allowance, with its progress, only while the wait lies ahead", async () => {
    const { workspace } = await buildWorkspaceWithOwner();
    const connection = await connectedKeyring(workspace.id, keyring, `acct-${workspace.id}`);
    const until = new Date(Date.now() + 30 * 60_000);
    const startedAt = new Date(Date.now() - 30 * 60_000);
    const run = await buildTrackedJobRun({ workspaceId: workspace.id, connectionId: connection.id, kind: "sync", status: "RUNNING", startedAt, waitingUntil: until, progressDone: 3600, progressTotal: 9000 });
    const wdb = workspaceDb(workspace.id);

    expect((await findConnections(wdb))[0]!.waiting).toEqual({ until, startedAt, progressDone: 3600, progressTotal: 9000 });
    await wdb.jobRun.update({ where: { id: run.id }, data: { waitingUntil: new Date(Date.now() - 1_000) } });
    expect((await findConnections(wdb))[0]!.waiting).toBeNull();
    await wdb.jobRun.update({ where: { id: run.id }, data: { waitingUntil: until, status: "SUCCEEDED" } });
    expect((await findConnections(wdb))[0]!.waiting).toBeNull();
  });
});
