import type { WorkspaceDb } from "@/server/db";

export type LocationOption = {
  id: string;
  name: string;
  isActive: boolean;
  city: string | null;
  countryCode: string | null;
  connection: { id: string; displayName: string };
};

// Every synced location, active ones first, for the location picker.
export async function listLocations(wdb: WorkspaceDb): Promise<LocationOption[]> {
  return wdb.location.findMany({
    orderBy: [{ isActive: "desc" }, { name: "asc" }, { id: "asc" }],
    select: { id: true, name: true, isActive: true, city: true, countryCode: true, connection: { select: { id: true, displayName: true } } },
  });
}
