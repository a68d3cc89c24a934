import "server-only";
import { cache } from "react";
import { api } from "@/server/api/caller";
import { orNotFound } from "../../or-not-found";

// A pair's pages load it themselves (and their titles with it), so an unknown pair (or another
// workspace's, or a malformed id) is a real 404 rather than an error inside the page.
export const loadPair = cache(async (workspaceSlug: string, pairId: string) =>
  orNotFound((await api()).reconciliation.pair({ workspaceSlug, pairId })),
);
