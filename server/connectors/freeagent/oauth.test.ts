import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ADMIN_USER_ID, FREEAGENT_DEV, ManualClock, startFreeAgentSandbox, type FreeAgentSandbox } from "@/dev/sandbox/freeagent";
import { connectThroughConsent, expireStoredAccessToken, storedTokens } from "@/dev/test/oauth-consent";
import { buildWorkspaceWithOwner, type TestUser } from "@/prisma/factories/members";
import { AuthExpiredError } from "@/server/connectors/_core/errors";
import { db } from "@/server/db";
import { getConnectionAccess } from "@/server/services/connections/get-connection-access";
import { z } from "zod";
import { freeagentConnector } from ".";
import { connectionClient } from "./context";

// Connecting FreeAgent through its consent screen: the services of the connect flow, the database,
// and the sandbox FreeAgent's approve_app, token_endpoint (HTTP Basic client auth only) and API
// over real HTTP. Its refresh tokens rotate strictly: a spent or revoked one is refused.

const { SANDBOX_PORT } = await vi.hoisted(async () => ({ SANDBOX_PORT: await (await import("@/dev/test/freeagent-sandbox-env")).pointFreeAgentAtFreePort() }));

const EPOCH = Date.UTC(2026, 9, 15);
const HOUR = 3_600_000;
const clock = new ManualClock(EPOCH);
let sandbox: FreeAgentSandbox;

beforeAll(async () => {
  sandbox = await startFreeAgentSandbox({ seed: "connector-oauth", epoch: EPOCH, volume: { bankTransactions: 3, invoices: 2 }, clock, port: SANDBOX_PORT });
});
afterAll(async () => {
  await sandbox?.stop();
});

const refresh = vi.spyOn(freeagentConnector.auth.oauth, "refresh");
let owner: TestUser;
let slug: string;
let workspaceId: string;
beforeEach(async () => {
  refresh.mockClear();
  await db.connection.deleteMany({ where: { provider: "FREEAGENT" } });
  ({ owner, workspace: { slug, id: workspaceId } } = await buildWorkspaceWithOwner("FreeAgent OAuth"));
});

/** Meridian's start, the admin pressing Approve on FreeAgent's consent page, and the callback. */
const connectThroughFreeAgent = (user: TestUser) => connectThroughConsent("FREEAGENT", user.id, new URLSearchParams({ workspace: slug }));

const stored = (id: string) => db.connection.findUniqueOrThrow({ where: { id } });
/** The connection's context an hour on: its stored access token has expired, at the sandbox too. */
async function anHourLater(id: string) {
  clock.advance(HOUR);
  await expireStoredAccessToken(id);
  return getConnectionAccess(id, { provider: "FREEAGENT" });
}
const companyWith = (accessToken: string) => fetch(`${sandbox.base}/company`, { headers: { authorization: `Bearer ${accessToken}` } });

describe("connecting FreeAgent through OAuth", () => {
  it("approves at approve_app, exchanges the code with HTTP Basic client auth, and names the connection by the company, keeping the authorising user", async () => {
    const { connected, consent } = await connectThroughFreeAgent(owner);
    expect(`${consent.origin}${consent.pathname}`).toBe(`${sandbox.base}/approve_app`);
    expect(consent.searchParams.get("client_id")).toBe(FREEAGENT_DEV.client.clientId);
    expect(connected).toMatchObject({ workspaceSlug: slug, externalAccountId: "demo-brand", displayName: "FreeAgent · Demo Brand Ltd", reconnected: false });
    const row = await stored(connected.connectionId);
    expect(row).toMatchObject({ provider: "FREEAGENT", authMethod: "OAUTH", status: "ACTIVE", settings: { userUrl: `${sandbox.base}/users/${ADMIN_USER_ID}`, permissionLevel: 8 } });
    const tokens = await storedTokens(row.id);
    // FreeAgent's refresh token lifetime, read from the answer (about 20 years), never assumed.
    expect(new Date(tokens.refreshTokenExpiresAt!).getTime() - Date.now()).toBeGreaterThan(19 * 365 * 24 * HOUR);
    expect(new Date(tokens.accessTokenExpiresAt!).getTime() - Date.now()).toBeGreaterThan(HOUR - 60_000);
    expect((await companyWith(tokens.accessToken)).status).toBe(200);
    // The token endpoint takes the client's credentials only through HTTP Basic: the exchange above used it.
    const inBody = await fetch(`${sandbox.base}/token_endpoint`, {
      method: "POST",
      body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: tokens.refreshToken!, client_id: FREEAGENT_DEV.client.clientId, client_secret: FREEAGENT_DEV.client.clientSecret }),
    });
    expect(inBody.status).toBe(401);
  });

  it("refreshes an expired access token once for concurrent callers and saves the rotated refresh token with its lifetime", async () => {
    const { connected } = await connectThroughFreeAgent(owner);
    const first = await storedTokens(connected.connectionId);
    const expired = await anHourLater(connected.connectionId);
    const results = await Promise.all(Array.from({ length: 4 }, async () => (await getConnectionAccess(expired.connectionId, { provider: "FREEAGENT" })).credentials()));
    expect(refresh).toHaveBeenCalledTimes(1);
    const renewed = await storedTokens(connected.connectionId);
    expect(new Set(results.map((r) => r.accessToken))).toEqual(new Set([renewed.accessToken]));
    expect(renewed.refreshToken).not.toBe(first.refreshToken);
    expect(renewed.refreshTokenExpiresAt).not.toBeNull();
    expect((await companyWith(renewed.accessToken)).status).toBe(200);
    expect((await stored(connected.connectionId)).status).toBe("ACTIVE");
  });

  it("an access token FreeAgent refuses before its stored expiry (401) is refreshed once and the request made again", async () => {
    const { connected } = await connectThroughFreeAgent(owner);
    const first = await storedTokens(connected.connectionId);
    // An hour on at FreeAgent: its token has expired there, while the stored expiry says otherwise.
    clock.advance(HOUR);
    const ctx = await getConnectionAccess(connected.connectionId, { provider: "FREEAGENT" });
    const { body } = await connectionClient(ctx, Date.now() + 5_000).get("/company", z.looseObject({ company: z.looseObject({ name: z.string() }) }));
    expect(body.company.name).toBe("Demo Brand Ltd");
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(refresh.mock.calls[0]![1]).toMatchObject({ refreshToken: first.refreshToken });
    expect((await storedTokens(connected.connectionId)).accessToken).not.toBe(first.accessToken);
    expect((await stored(connected.connectionId)).status).toBe("ACTIVE");
  });

  it("a refused access token whose refresh is refused too (the grant revoked) needs re-authorization", async () => {
    const { connected } = await connectThroughFreeAgent(owner);
    sandbox.revokeRefreshToken({});
    clock.advance(HOUR);
    const ctx = await getConnectionAccess(connected.connectionId, { provider: "FREEAGENT" });
    await expect(connectionClient(ctx, Date.now() + 5_000).get("/company", z.unknown())).rejects.toThrow(AuthExpiredError);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(await stored(connected.connectionId)).toMatchObject({ status: "NEEDS_REAUTH", encryptedCredentials: null });
  });

  it("a revoked refresh token needs re-authorization: NEEDS_REAUTH, credentials erased, audited", async () => {
    const { connected } = await connectThroughFreeAgent(owner);
    sandbox.revokeRefreshToken({});
    await expect((await anHourLater(connected.connectionId)).credentials()).rejects.toThrow(AuthExpiredError);
    expect(await stored(connected.connectionId)).toMatchObject({ status: "NEEDS_REAUTH", encryptedCredentials: null });
    const audit = await db.auditLog.findFirstOrThrow({ where: { targetId: connected.connectionId, action: "connection.needs_reauth" } });
    expect(audit.metadata).toMatchObject({ provider: "FREEAGENT", reason: expect.stringContaining("FreeAgent refused the refresh token (400) (invalid_grant") });
    expect(await db.emailOutbox.count({ where: { workspaceId, template: "connection-needs-reauth" } })).toBe(1);
  });
});
