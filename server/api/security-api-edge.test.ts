import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z, ZodError } from "zod";
import { ManualClock, startFreeAgentSandbox, type FreeAgentSandbox } from "@/dev/sandbox/freeagent";
import { KEYRING, startKeyringApi, type KeyringApi } from "@/dev/test/keyring";
import { insertCommerceSample } from "@/prisma/factories/commerce-rows";
import { buildExportFile } from "@/prisma/factories/insight";
import { buildInvitation } from "@/prisma/factories/invitations";
import { buildJobConnection, buildJobRun } from "@/prisma/factories/job-history";
import { buildMember, buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { insertPayoutSample } from "@/prisma/factories/payout-reconciliation";
import { insertReconciliationSample } from "@/prisma/factories/reconciliation";
import { buildSavedView } from "@/prisma/factories/saved-views";
import { buildInput, callProcedure, listProcedures, listWorkspaceProcedures, type ProcedureInfo } from "@/server/api/test-procedures";
import { callerFor, errorOf, snapshotTables, TEST_USER_AGENT } from "@/server/api/test-utils";
import { db } from "@/server/db";
import { NUL_MESSAGE } from "@/server/security/nul-bytes";

// Attacker probes at the API edge (issue 10): NUL bytes in any string input, NUL bytes hidden in
// opaque cursors, and admin actions without an audit row. Like the cross-tenant and role-matrix
// suites, each probe sweeps every procedure found on the router, so a new one is covered without
// editing this file. What only HTTP shows (error bodies, batch cap, Cache-Control) is probed in
// app/api/trpc/[trpc]/route.test.ts and, against a production build, e2e/security/api-errors.spec.ts.

vi.mock("@/server/email", () => ({ sendInvitationEmail: vi.fn(async () => undefined) }));
// Sync now, retry and retention send events; where they go is not what this suite checks.
vi.mock("@/inngest/client", () => ({ inngest: { send: vi.fn(async () => ({ ids: ["evt"] })) } }));
// connection.create connects Keyring (test-only, an API-key provider) through a real HTTP stand-in.
vi.mock("@/server/connectors/providers", async (importOriginal) => {
  const { PROVIDERS } = await importOriginal<typeof import("@/server/connectors/providers")>();
  return { PROVIDERS: [...PROVIDERS, "KEYRING"] };
});
vi.mock("@/server/connectors/registry", async (importOriginal) => (await import("@/dev/test/keyring")).registerKeyring(await importOriginal<object & { connectors: object }>()));

// payouts.explain and undoExplanation post to and delete from the sandbox FreeAgent.
const { FREEAGENT_PORT } = await vi.hoisted(async () => ({ FREEAGENT_PORT: await (await import("@/dev/test/freeagent-sandbox-env")).pointFreeAgentAtFreePort() }));

let keyring: KeyringApi;
let freeagent: FreeAgentSandbox;
beforeAll(async () => {
  keyring = await startKeyringApi();
  freeagent = await startFreeAgentSandbox({ seed: "api-edge", epoch: Date.UTC(2026, 0, 1), volume: { bankTransactions: 0, invoices: 0 }, clock: new ManualClock(Date.UTC(2026, 0, 1)), port: FREEAGENT_PORT });
});
afterAll(async () => {
  await keyring.stop();
  await freeagent?.stop();
});

type JsonSchema = { type?: string | string[]; anyOf?: JsonSchema[] };

function acceptsString(schema: JsonSchema): boolean {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return types.includes("string") || (schema.anyOf ?? []).some(acceptsString);
}

// Every top-level input field a client can put a string into.
function stringFieldsOf(procedure: ProcedureInfo): string[] {
  const json = z.toJSONSchema(z.object(procedure.inputShape), { io: "input", unrepresentable: "any" }) as { properties?: Record<string, JsonSchema> };
  return Object.entries(json.properties ?? {}).flatMap(([field, schema]) => (acceptsString(schema) ? [field] : []));
}

// One workspace holding a row for every id field, and its owner as the caller: without the NUL
// every probed call below would be a valid request.
async function setUp() {
  const { workspace, owner } = await buildWorkspaceWithOwner("Edge");
  const member = await buildMember(workspace.id, "VIEWER");
  const { invitation, token } = await buildInvitation({ workspaceId: workspace.id, role: "MEMBER" });
  const connection = await buildJobConnection(workspace.id);
  const jobRun = await buildJobRun(workspace.id, { connectionId: connection.id });
  const commerce = await insertCommerceSample({ workspaceId: workspace.id, connectionId: connection.id });
  const payouts = await insertPayoutSample(workspace.id);
  const reconciliation = await insertReconciliationSample(workspace.id);
  const deletion = await db.workspaceDeletion.create({
    data: { deletedWorkspaceId: `gone-${workspace.id}`, workspaceName: "Gone", workspaceSlug: "gone", requestedById: owner.id, requestedByEmail: owner.email },
  });
  const ids = { membershipId: member.membership.id, invitationId: invitation.id, connectionId: connection.id, jobRunId: jobRun.id, token, deletionId: deletion.id, exportId: (await buildExportFile(workspace.id)).id, savedViewId: (await buildSavedView(workspace.id, owner.id)).id, ...commerce, ...payouts, ...reconciliation };
  return { workspace, owner, ids };
}

const nulProbes = listProcedures().flatMap((procedure) => stringFieldsOf(procedure).map((field) => [procedure.path, field, procedure] as const));

describe("a NUL byte in any string input", () => {
  let world: Awaited<ReturnType<typeof setUp>>;
  let before: Record<string, string>;
  beforeAll(async () => {
    world = await setUp();
    before = await snapshotTables();
  });

  it("finds string fields across the router", () => {
    const paths = new Set(nulProbes.map(([path]) => path));
    expect([...paths]).toEqual(expect.arrayContaining(["workspace.get", "workspace.create", "order.get", "invitation.preview", "me.update"]));
  });

  it.each(nulProbes)("%s: %s is refused with BAD_REQUEST naming the field", async (_path, field, procedure) => {
    const valid = buildInput(procedure, { workspaceSlug: world.workspace.slug, ids: world.ids });
    const input = { ...valid, [field]: `${typeof valid[field] === "string" ? valid[field] : "value"}\u0000` };
    const error = await errorOf(callProcedure(callerFor(world.owner), procedure.path, input));
    expect(error.code).toBe("BAD_REQUEST");
    // What the HTTP error formatter hands forms as data.zodError.
    expect(error.cause).toBeInstanceOf(ZodError);
    expect(z.flattenError(error.cause as ZodError).fieldErrors).toEqual({ [field]: [NUL_MESSAGE] });
  });

  it("is refused wherever it sits: nested, in an array, or in a key", async () => {
    const caller = callerFor(world.owner);
    const nested = { workspaceSlug: world.workspace.slug, filter: { tags: ["ok", "bad\u0000"] } };
    expect(((await errorOf(callProcedure(caller, "workspace.get", nested))).cause as ZodError).issues[0]?.path).toEqual(["filter", "tags", 1]);
    const key = { workspaceSlug: world.workspace.slug, ["x\u0000"]: 1 };
    expect(((await errorOf(callProcedure(caller, "workspace.get", key))).cause as ZodError).issues[0]?.path).toEqual(["x\u0000"]);
  });

  it("left every table as it was", async () => {
    expect(await snapshotTables()).toEqual(before);
  });
});

// Cursors are opaque base64url: a NUL inside them passes any check on the raw input.
const cursorProbes = listProcedures().filter((p) => "cursor" in p.inputShape);

describe("a NUL byte hidden in a page cursor", () => {
  let world: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    world = await setUp();
  });

  it("is probed on every paginated list", () => {
    expect(cursorProbes.map((p) => p.path)).toEqual(expect.arrayContaining(["audit.list", "order.list", "job.list"]));
  });

  it.each(cursorProbes.map((p) => [p.path, p] as const))("%s answers BAD_REQUEST", async (_path, procedure) => {
    const cursor = Buffer.from(`${new Date().toISOString()}|id\u0000`, "utf8").toString("base64url");
    const input = { ...buildInput(procedure, { workspaceSlug: world.workspace.slug, ids: world.ids }), cursor };
    expect((await errorOf(callProcedure(callerFor(world.owner), procedure.path, input))).code).toBe("BAD_REQUEST");
  });
});

// Every change a person makes writes an AuditLog row naming them (ARCHITECTURE.md, Tenancy).
// Mutations only because their input must not travel in a URL, that change nothing: each with why.
const READS_SENT_AS_MUTATIONS: Record<string, string> = {
  "connection.credentialAccounts": "lists the accounts a key file opens (its secret stays out of URLs); stores nothing",
};
const workspaceMutations = listWorkspaceProcedures().filter((p) => p.type === "mutation" && !(p.path in READS_SENT_AS_MUTATIONS));

describe("every workspace mutation is audited", () => {
  it("sweeps the admin actions", () => {
    expect(workspaceMutations.map((p) => p.path)).toEqual(expect.arrayContaining(["connection.syncNow", "job.retry", "job.retryMany", "member.updateRole"]));
  });

  it.each(workspaceMutations.map((p) => [p.path, p] as const))("%s writes an AuditLog row with the actor", async (_path, procedure) => {
    const { workspace, owner } = await buildWorkspaceWithOwner("Audited");
    const secondOwner = await buildMember(workspace.id, "OWNER"); // so the caller may leave
    const target = await buildMember(workspace.id, "VIEWER");
    const { invitation } = await buildInvitation({ workspaceId: workspace.id, role: "MEMBER" });
    const connection = await buildJobConnection(workspace.id);
    // The failed run is of another connection, so retrying it does not wait on a Sync now.
    const failedRun = await buildJobRun(workspace.id, { connectionId: (await buildJobConnection(workspace.id)).id, status: "FAILED" });
    const commerce = await insertCommerceSample({ workspaceId: workspace.id, connectionId: connection.id });
    const payouts = await insertPayoutSample(workspace.id, freeagent);
    const reconciliation = await insertReconciliationSample(workspace.id);
    // Undo changes something only once the payout is explained: by someone else, so the row checked below is the undo's.
    if (procedure.path === "payouts.undoExplanation") await callerFor(secondOwner.user).payouts.explain({ workspaceSlug: workspace.slug, payoutId: payouts.payoutId });
    const savedView = await buildSavedView(workspace.id, owner.id);
    const ids = { membershipId: target.membership.id, invitationId: invitation.id, connectionId: connection.id, jobRunId: failedRun.id, savedViewId: savedView.id, ...commerce, ...payouts, ...reconciliation };
    const input = buildInput(procedure, {
      workspaceSlug: workspace.slug,
      ids,
      // Values that differ from what the rows hold, so each call changes something.
      values: {
        role: "MEMBER",
        name: "Renamed Workspace",
        syncFrequencyMinutes: 15,
        paused: true,
        confirmation: "Audited",
        timeZone: "Europe/London",
        provider: KEYRING,
        credentials: { apiKey: keyring.issueKey(`acct-${workspace.id}`), region: "eu" },
      },
    });

    await callProcedure(callerFor(owner), procedure.path, input);

    const rows = await db.auditLog.findMany({ where: { workspaceId: workspace.id } });
    expect(rows).toContainEqual(expect.objectContaining({ actorId: owner.id, userAgent: TEST_USER_AGENT }));
  });
});
