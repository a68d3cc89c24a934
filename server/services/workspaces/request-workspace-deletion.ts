import "server-only";
import type { WorkspaceDb } from "@/server/db";
import { AppError } from "@/server/errors";
import type { AuditActor } from "@/server/services/audit/record-audit";
import { disconnectConnectionIn } from "@/server/services/connections/disconnect-connection";
import { workspaceDeletionRequested } from "@/server/services/jobs/events";
import { jobRunner } from "@/server/services/jobs/job-runner";
import { lockWorkspaceMemberships } from "@/server/services/members/owner-rules";
import { deleteWorkspaceConfirmation, type DeleteWorkspaceInput } from "./schema";

export type SendWorkspaceDeletionEvent = (event: ReturnType<typeof workspaceDeletionRequested.create>) => Promise<unknown>;

const sendWithRunner: SendWorkspaceDeletionEvent = (event) => jobRunner().send(event);

// Never a slugify() result (those are [a-z0-9-]), so no new workspace can collide with it.
function deletedWorkspaceSlug(workspaceId: string): string {
  return `deleted~${workspaceId}`;
}

/**
 * Deletes a workspace for everyone at once, in one transaction: its members and pending
 * invitations are removed (nobody can open it or join it any more), its connections are
 * disconnected (credentials erased, off the schedule, webhooks ignored), its slug is released
 * for reuse, and a WorkspaceDeletion row records who asked, from where, and what the workspace
 * was. Its remaining data is erased in the background (inngest/functions/delete-workspace.ts).
 *
 * The event goes out inside the transaction, last: if the job runner cannot be reached the deletion
 * rolls back and the owner can try again, rather than leaving a workspace nobody can open whose
 * data is never erased. The run waits for this transaction to end before reading anything.
 */
export async function requestWorkspaceDeletion(
  wdb: WorkspaceDb,
  caller: { workspaceId: string; membershipId: string; email: string },
  input: DeleteWorkspaceInput,
  actor: AuditActor,
  deps: { sendEvent?: SendWorkspaceDeletionEvent } = {},
): Promise<{ deletionId: string }> {
  const sendEvent = deps.sendEvent ?? sendWithRunner;
  const { workspaceId } = caller;
  return wdb.$transaction(
    async (tx) => {
      await lockWorkspaceMemberships(tx, workspaceId);
      // Read again under the lock: another owner may have demoted the caller since the permission check.
      const own = await tx.membership.findUnique({ where: { id: caller.membershipId }, select: { role: true } });
      if (own?.role !== "OWNER") throw new AppError("FORBIDDEN", "Only an owner can delete this workspace.");
      const workspace = await tx.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { name: true, slug: true } });
      // A ZodError: answered 400 with the `confirmation` field's message.
      deleteWorkspaceConfirmation(workspace).parse(input);

      // Recorded first: what derives from the workspace's rows (dashboard rollups, SKU totals) stops
      // being maintained once its deletion is, so disconnecting its connections below does not
      // recompute them only for the erasure to remove them.
      const deletion = await tx.workspaceDeletion.create({
        data: {
          deletedWorkspaceId: workspaceId,
          workspaceName: workspace.name,
          workspaceSlug: workspace.slug,
          requestedById: actor.actorId,
          requestedByEmail: caller.email,
          ip: actor.ip,
          userAgent: actor.userAgent,
          deletedCounts: {},
        },
        select: { id: true },
      });
      const connections = await tx.connection.findMany({ select: { id: true } });
      for (const connection of connections) await disconnectConnectionIn(tx, workspaceId, { connectionId: connection.id }, actor);
      // Invitations before memberships: an acceptance in flight holds its invitation's row, so it
      // either commits first (and its new membership is removed below) or finds the invitation gone.
      const invitations = await tx.invitation.deleteMany({});
      const memberships = await tx.membership.deleteMany({});
      await tx.workspace.update({ where: { id: workspaceId }, data: { slug: deletedWorkspaceSlug(workspaceId) } });
      await tx.workspaceDeletion.update({ where: { id: deletion.id }, data: { deletedCounts: { Invitation: invitations.count, Membership: memberships.count } } });

      // The deletion's id as the event id: a repeated send is one run.
      await sendEvent(workspaceDeletionRequested.create({ deletionId: deletion.id, workspaceId }, { id: `workspace-deletion-${deletion.id}` }));
      return { deletionId: deletion.id };
    },
    // The send is an HTTP call made while the transaction is open.
    { timeout: 15_000 },
  );
}
