import { z } from "zod";

export const workspaceName = z.string().trim().min(2, "At least 2 characters").max(64, "At most 64 characters");

export const createWorkspaceInput = z.object({ name: workspaceName });
export type CreateWorkspaceInput = z.infer<typeof createWorkspaceInput>;

export const updateWorkspaceInput = z.object({ name: workspaceName });
export type UpdateWorkspaceInput = z.infer<typeof updateWorkspaceInput>;

// Deleting asks the owner to type the workspace's name or its address (slug), exactly as shown.
const confirmation = z.string().trim().min(1, "Type the workspace's name to confirm").max(200, "At most 200 characters");

export const deleteWorkspaceInput = z.object({ confirmation });
export type DeleteWorkspaceInput = z.infer<typeof deleteWorkspaceInput>;

// The same field checked against this workspace: the form enables its button with it, the server
// refuses a mismatch with it (a 400 naming `confirmation`).
export function deleteWorkspaceConfirmation(workspace: { name: string; slug: string }) {
  return z.object({
    confirmation: confirmation.refine(
      (typed) => typed === workspace.name || typed === workspace.slug,
      `Type “${workspace.name}” exactly as shown to confirm`,
    ),
  });
}

export const workspaceDeletionInput = z.object({ deletionId: z.string().min(1).max(64) });
export type WorkspaceDeletionInput = z.infer<typeof workspaceDeletionInput>;

// The zones a workspace can report in: the IANA names this runtime knows (UTC, which it lists
// under no region, first).
export const TIME_ZONES: readonly string[] = ["UTC", ...Intl.supportedValuesOf("timeZone").filter((zone) => zone !== "UTC")];
export const updateWorkspaceTimeZoneInput = z.object({
  timeZone: z.string().refine((zone) => TIME_ZONES.includes(zone), "Choose a time zone from the list"),
});
export type UpdateWorkspaceTimeZoneInput = z.infer<typeof updateWorkspaceTimeZoneInput>;
