import "server-only";
import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";
import { cache } from "react";
import { api } from "@/server/api/caller";
import { requireUser } from "@/server/auth";

// The layout and its pages all need the workspace; cache() makes that one query per request.
// Pages render in parallel with the layout, so this checks the session itself rather than relying
// on the layout's redirect having happened first. A workspace the user is not in is answered like
// one that does not exist.
export const loadWorkspace = cache(async (slug: string) => {
  await requireUser(`/w/${slug}`);
  const caller = await api();
  try {
    return await caller.workspace.get({ workspaceSlug: slug });
  } catch (error) {
    // BAD_REQUEST: a slug that cannot exist (too long, empty).
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  }
});
