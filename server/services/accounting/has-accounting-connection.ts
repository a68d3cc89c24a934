import type { WorkspaceDb } from "@/server/db";
import { hasLiveConnectionIn } from "@/server/services/connections/live-connections";

// Whether an empty first page means "connect your accounting system" rather than "nothing here yet".
export async function hasAccountingConnection(wdb: WorkspaceDb, listedAny: boolean): Promise<boolean> {
  return listedAny || hasLiveConnectionIn(wdb, "accounting");
}
