import "server-only";
import { db } from "@/server/db";

// One page of workspace ids for the daily fan-out, in id order so paging is stable while
// workspaces are created.
export async function listWorkspaceIdsForRetention(afterId: string | null, limit: number): Promise<string[]> {
  const rows = await db.workspace.findMany({
    where: afterId ? { id: { gt: afterId } } : {},
    orderBy: { id: "asc" },
    take: limit,
    select: { id: true },
  });
  return rows.map((row) => row.id);
}
