import { beforeAll, describe, expect, it } from "vitest";
import { insertCommerceSample } from "@/prisma/factories/commerce-rows";
import { buildExportFile } from "@/prisma/factories/insight";
import { buildInvitation } from "@/prisma/factories/invitations";
import { buildJobConnection, buildJobRun } from "@/prisma/factories/job-history";
import { buildMember, buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { insertPayoutSample } from "@/prisma/factories/payout-reconciliation";
import { insertReconciliationSample, RECONCILIATION_SAMPLE_DAY } from "@/prisma/factories/reconciliation";
import { buildSavedView } from "@/prisma/factories/saved-views";
import { buildInput, callProcedure, idFieldsOf, listProcedures, listWorkspaceProcedures } from "@/server/api/test-procedures";
import { callerFor, errorOf, snapshotTables } from "@/server/api/test-utils";

// Every workspace procedure, found from the router. A new procedure is swept automatically; one
// whose input names a row by a field missing here fails until the field gets a fixture.
const workspaceProcedures = listWorkspaceProcedures();
// Fields that are not ids but must name something real: a reconciliation's day.
const values = { date: RECONCILIATION_SAMPLE_DAY };

async function setUp() {
  const a = await buildWorkspaceWithOwner("Tenant A");
  const b = await buildWorkspaceWithOwner("Tenant B");
  await buildMember(a.workspace.id, "VIEWER");
  const bMember = await buildMember(b.workspace.id, "VIEWER");
  await buildInvitation({ workspaceId: a.workspace.id, role: "MEMBER" });
  const bInvitation = await buildInvitation({ workspaceId: b.workspace.id, role: "MEMBER" });
  const bConnection = await buildJobConnection(b.workspace.id);
  const bJobRun = await buildJobRun(b.workspace.id, { connectionId: bConnection.id });
  // Synced data in both workspaces, so A's own rows exist while B's are asked for.
  const aConnection = await buildJobConnection(a.workspace.id);
  await insertCommerceSample({ workspaceId: a.workspace.id, connectionId: aConnection.id });
  await insertPayoutSample(a.workspace.id);
  await insertReconciliationSample(a.workspace.id);
  const bCommerce = await insertCommerceSample({ workspaceId: b.workspace.id, connectionId: bConnection.id });
  const bPayouts = await insertPayoutSample(b.workspace.id);
  const bReconciliation = await insertReconciliationSample(b.workspace.id);
  // Row ids of workspace B, keyed by the input field that carries them.
  const bIds: Record<string, string> = {
    membershipId: bMember.membership.id,
    invitationId: bInvitation.invitation.id,
    connectionId: bConnection.id,
    jobRunId: bJobRun.id,
    ...bCommerce,
    ...bPayouts,
    ...bReconciliation,
    exportId: (await buildExportFile(b.workspace.id)).id,
    savedViewId: (await buildSavedView(b.workspace.id, b.owner.id)).id,
  };
  return { a, b, bIds };
}

describe("cross-tenant isolation", () => {
  let world: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    world = await setUp();
  });

  it("finds the workspace procedures, and every procedure taking a workspaceSlug is one", () => {
    expect(workspaceProcedures.map((p) => p.path)).toEqual(
      expect.arrayContaining([
        "workspace.get",
        "workspace.delete",
        "member.updateRole",
        "member.transferOwnership",
        "invitation.revoke",
        "audit.list",
        "connection.create",
        "connection.checkAccount",
        "connection.providers",
        "job.retryMany",
      ]),
    );
    const unmarked = listProcedures().filter((p) => "workspaceSlug" in p.inputShape && !p.meta?.workspace);
    expect(unmarked.map((p) => p.path)).toEqual([]);
  });

  describe.each(workspaceProcedures.map((p) => [p.path, p] as const))("%s", (_path, procedure) => {
    it("answers a member of A asking for workspace B with NOT_FOUND and changes nothing", async () => {
      const input = buildInput(procedure, { workspaceSlug: world.b.workspace.slug, ids: world.bIds, values });
      const before = await snapshotTables();
      const error = await errorOf(callProcedure(callerFor(world.a.owner), procedure.path, input));
      expect(error.code).toBe("NOT_FOUND");
      expect(await snapshotTables()).toEqual(before);
    });

    const idFields = idFieldsOf(procedure);
    if (idFields.length === 0) return;
    it(`refuses B's ${idFields.join(", ")} inside workspace A and changes nothing`, async () => {
      const input = buildInput(procedure, { workspaceSlug: world.a.workspace.slug, ids: world.bIds, values });
      const before = await snapshotTables();
      const error = await errorOf(callProcedure(callerFor(world.a.owner), procedure.path, input));
      expect(["NOT_FOUND", "FORBIDDEN"]).toContain(error.code);
      expect(await snapshotTables()).toEqual(before);
    });
  });
});
