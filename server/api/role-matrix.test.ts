import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ManualClock, startFreeAgentSandbox, type FreeAgentSandbox } from "@/dev/sandbox/freeagent";
import { KEYRING, startKeyringApi, type KeyringApi } from "@/dev/test/keyring";
import { insertCommerceSample } from "@/prisma/factories/commerce-rows";
import { buildExportFile } from "@/prisma/factories/insight";
import { buildInvitation } from "@/prisma/factories/invitations";
import { buildJobConnection, buildJobRun } from "@/prisma/factories/job-history";
import { buildMember, buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { insertPayoutSample } from "@/prisma/factories/payout-reconciliation";
import { insertReconciliationSample, RECONCILIATION_SAMPLE_DAY } from "@/prisma/factories/reconciliation";
import { buildSavedView } from "@/prisma/factories/saved-views";
import { buildInput, callProcedure, listWorkspaceProcedures } from "@/server/api/test-procedures";
import { callerFor, errorOf } from "@/server/api/test-utils";
import { can } from "@/server/auth/permissions";
import { Role } from "@/server/generated/prisma/enums";

vi.mock("@/server/email", () => ({ sendInvitationEmail: vi.fn(async () => undefined) }));
// Retry sends an event; where it goes is not what this suite checks.
vi.mock("@/inngest/client", () => ({ inngest: { send: vi.fn(async () => ({ ids: ["evt"] })) } }));
// connection.create needs a provider that connects with credentials: Keyring (test-only), with a
// real HTTP server standing in for it, so the roles allowed to connect do connect.
vi.mock("@/server/connectors/providers", async (importOriginal) => {
  const { PROVIDERS } = await importOriginal<typeof import("@/server/connectors/providers")>();
  return { PROVIDERS: [...PROVIDERS, "KEYRING"] };
});
vi.mock("@/server/connectors/registry", async (importOriginal) => (await import("@/dev/test/keyring")).registerKeyring(await importOriginal<object & { connectors: object }>()));

// payouts.explain posts to the sandbox FreeAgent, so the roles allowed to explain do explain.
const { FREEAGENT_PORT } = await vi.hoisted(async () => ({ FREEAGENT_PORT: await (await import("@/dev/test/freeagent-sandbox-env")).pointFreeAgentAtFreePort() }));

let keyring: KeyringApi;
let freeagent: FreeAgentSandbox;
beforeAll(async () => {
  keyring = await startKeyringApi();
  freeagent = await startFreeAgentSandbox({ seed: "role-matrix", epoch: Date.UTC(2026, 0, 1), volume: { bankTransactions: 0, invoices: 0 }, clock: new ManualClock(Date.UTC(2026, 0, 1)), port: FREEAGENT_PORT });
});
afterAll(async () => {
  await keyring.stop();
  await freeagent?.stop();
});

const ROLES = Object.values(Role);

// What an allowed caller gets from a procedure that Keyring (the test provider) cannot serve, which
// proves the call went past the permission check: Keyring connects without choosing an account.
const PAST_PERMISSION: Record<string, { code: string; message: string }> = {
  "connection.credentialAccounts": { code: "BAD_REQUEST", message: "Keyring has no accounts to choose from: connect it directly." },
};
const cases = listWorkspaceProcedures().flatMap((procedure) => ROLES.map((role) => [procedure.path, role, procedure] as const));

// A fresh workspace per case, holding a caller with `role`, a second owner (so even the owner may
// leave), and harmless targets: a VIEWER membership and a pending MEMBER invitation.
async function workspaceWithCaller(role: Role) {
  const { workspace, owner } = await buildWorkspaceWithOwner("Matrix");
  await buildMember(workspace.id, "OWNER");
  const caller = role === "OWNER" ? owner : (await buildMember(workspace.id, role)).user;
  const target = await buildMember(workspace.id, "VIEWER");
  const invitation = await buildInvitation({ workspaceId: workspace.id, role: "MEMBER" });
  const connection = await buildJobConnection(workspace.id);
  const failedRun = await buildJobRun(workspace.id, { connectionId: connection.id, status: "FAILED" });
  const commerce = await insertCommerceSample({ workspaceId: workspace.id, connectionId: connection.id });
  const payouts = await insertPayoutSample(workspace.id, freeagent);
  const reconciliation = await insertReconciliationSample(workspace.id);
  return {
    workspace,
    caller,
    ids: { membershipId: target.membership.id, invitationId: invitation.invitation.id, connectionId: connection.id, jobRunId: failedRun.id, exportId: (await buildExportFile(workspace.id)).id, savedViewId: (await buildSavedView(workspace.id, caller.id)).id, ...commerce, ...payouts, ...reconciliation },
  };
}

describe("role matrix (permissions.ts is the only source of expectations)", () => {
  it.each(cases)("%s as %s", async (_path, role, procedure) => {
    const { workspace, caller, ids } = await workspaceWithCaller(role);
    // connection.create: a new Keyring account per case, so every allowed role connects one.
    const credentials = { apiKey: keyring.issueKey(`acct-${randomUUID()}`), region: "eu" };
    const values = { role: "MEMBER", name: "Renamed Workspace", confirmation: workspace.name, provider: KEYRING, credentials, date: RECONCILIATION_SAMPLE_DAY, timeZone: "Europe/London" };
    const input = buildInput(procedure, { workspaceSlug: workspace.slug, ids, values });
    const call = callProcedure(callerFor(caller), procedure.path, input);
    if (can(role, procedure.action) && procedure.path in PAST_PERMISSION) {
      // Allowed, and past the permission check: the connector's own answer is what comes back.
      expect(await errorOf(call)).toMatchObject(PAST_PERMISSION[procedure.path]!);
    } else if (can(role, procedure.action)) {
      await expect(call).resolves.toBeDefined();
    } else {
      expect((await errorOf(call)).code).toBe("FORBIDDEN");
    }
  });
});
