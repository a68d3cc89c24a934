import "server-only";
import { cache } from "react";
import { api } from "@/server/api/caller";
import { requireUser } from "@/server/auth";
import { orNotFound } from "./or-not-found";

// The layout and its pages all need the workspace; cache() makes that one query per request.
// Pages render in parallel with the layout, so this checks the session itself rather than relying
// on the layout's redirect having happened first. A workspace the user is not in is answered like
// one that does not exist (and a slug that cannot exist, too long or empty, likewise).
export const loadWorkspace = cache(async (slug: string) => {
  await requireUser(`/w/${slug}`);
  return orNotFound((await api()).workspace.get({ workspaceSlug: slug }));
});
