import { z } from "zod";

export const workspaceName = z.string().trim().min(2, "At least 2 characters").max(64, "At most 64 characters");

export const createWorkspaceInput = z.object({ name: workspaceName });
export type CreateWorkspaceInput = z.infer<typeof createWorkspaceInput>;

export const updateWorkspaceInput = z.object({ name: workspaceName });
export type UpdateWorkspaceInput = z.infer<typeof updateWorkspaceInput>;
