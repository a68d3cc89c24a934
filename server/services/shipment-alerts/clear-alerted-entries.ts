import "server-only";
import { workspaceDb } from "@/server/db";
import type { AlertedEntry } from "./gather-shipment-alert";

// After the email: removes the entries it reported. An entry that changed since it was gathered
// (its shipment entered a status again: a newer enteredAt) stays, for the next email.
export async function clearAlertedEntries(workspaceId: string, entries: readonly AlertedEntry[]): Promise<number> {
  if (entries.length === 0) return 0;
  const { count } = await workspaceDb(workspaceId).shipmentAlertEntry.deleteMany({
    where: { OR: entries.map((entry) => ({ shipmentId: entry.shipmentId, enteredAt: new Date(entry.enteredAt) })) },
  });
  return count;
}
