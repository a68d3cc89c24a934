import "server-only";
import { workspaceDb } from "@/server/db";
import { TIME_ZONES } from "./schema";
import { updateWorkspaceTimeZone } from "./update-workspace-time-zone";

const SYSTEM = { actorId: null, ip: null, userAgent: null } as const;

/**
 * A store's own zone becomes the workspace's while no zone was chosen (by a person, or by an
 * earlier store): the first store connected sets it. The zone is taken by its canonical IANA name
 * ("Etc/UTC" is "UTC"); one this runtime does not know leaves the workspace's as it is.
 */
export async function adoptStoreTimeZone(workspaceId: string, zone: string): Promise<void> {
  let timeZone: string;
  try {
    timeZone = new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return;
  }
  if (!TIME_ZONES.includes(timeZone)) return;
  await updateWorkspaceTimeZone(workspaceDb(workspaceId), workspaceId, { timeZone }, SYSTEM, "store");
}
