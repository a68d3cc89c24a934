import "server-only";
import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";
import { api } from "@/server/api/caller";

// A pair's pages load it themselves, so an unknown pair (or another workspace's, or a malformed
// id) is a real 404 rather than an error inside the page.
export async function loadPair(workspaceSlug: string, pairId: string) {
  return (await api()).reconciliation.pair({ workspaceSlug, pairId }).catch((error: unknown) => {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  });
}
