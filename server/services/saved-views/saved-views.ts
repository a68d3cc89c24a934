import type { WorkspaceDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { Prisma } from "@/server/generated/prisma/client";
import { recordAudit, type AuditActor } from "@/server/services/audit/record-audit";
import type { CreateSavedViewInput, ListSavedViewsInput, RenameSavedViewInput, SavedViewIdInput } from "./schema";

// A person's saved views of a list. Each is its owner's alone: every read and write is scoped to
// the workspace (the handle) and the person (`userId` in the where), so someone else's view is
// answered like one that does not exist.

export type SavedViewOwner = { userId: string; workspaceId: string; actor: AuditActor };

const select = { id: true, list: true, name: true, query: true } as const;
export type SavedView = Prisma.SavedViewGetPayload<{ select: typeof select }>;

export function listSavedViews(wdb: WorkspaceDb, userId: string, { list }: ListSavedViewsInput): Promise<SavedView[]> {
  return wdb.savedView.findMany({ where: { userId, list }, orderBy: [{ name: "asc" }, { id: "asc" }], select });
}

// One name per person and list: a second "Paid + unfulfilled" is refused, naming the field.
async function uniqueName<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new AppError("CONFLICT", "You already have a view with this name.");
    throw error;
  }
}

export function createSavedView(wdb: WorkspaceDb, owner: SavedViewOwner, { list, name, query }: CreateSavedViewInput): Promise<SavedView> {
  return uniqueName(
    wdb.$transaction(async (tx) => {
      const view = await tx.savedView.create({ data: { workspaceId: owner.workspaceId, userId: owner.userId, list, name, query }, select });
      await recordAudit(tx, { ...owner.actor, workspaceId: owner.workspaceId, action: "saved_view.created", targetType: "SavedView", targetId: view.id, metadata: { list: view.list, name: view.name } });
      return view;
    }),
  );
}

async function ownView(tx: Pick<WorkspaceDb, "savedView">, userId: string, savedViewId: string) {
  const view = await tx.savedView.findFirst({ where: { id: savedViewId, userId }, select });
  if (!view) throw new AppError("NOT_FOUND", "Saved view not found.");
  return view;
}

export function renameSavedView(wdb: WorkspaceDb, owner: SavedViewOwner, { savedViewId, name }: RenameSavedViewInput): Promise<SavedView> {
  return uniqueName(
    wdb.$transaction(async (tx) => {
      const before = await ownView(tx, owner.userId, savedViewId);
      const view = await tx.savedView.update({ where: { id: before.id }, data: { name }, select });
      await recordAudit(tx, { ...owner.actor, workspaceId: owner.workspaceId, action: "saved_view.renamed", targetType: "SavedView", targetId: view.id, metadata: { list: view.list, name: { from: before.name, to: name } } });
      return view;
    }),
  );
}

export function deleteSavedView(wdb: WorkspaceDb, owner: SavedViewOwner, { savedViewId }: SavedViewIdInput): Promise<{ id: string }> {
  return wdb.$transaction(async (tx) => {
    const view = await ownView(tx, owner.userId, savedViewId);
    await tx.savedView.delete({ where: { id: view.id } });
    await recordAudit(tx, { ...owner.actor, workspaceId: owner.workspaceId, action: "saved_view.deleted", targetType: "SavedView", targetId: view.id, metadata: { list: view.list, name: view.name } });
    return { id: view.id };
  });
}
