import type { WorkspaceDb } from "@/server/db";

/** A 3PL location a row names; name null when that location has not been synced. */
export type Centre = { externalId: string; name: string | null };

type NamesLocation = { connectionId: string; locationExternalId: string | null };

// A 3PL's shipments, returns and receiving orders name their centre by the 3PL's id; its name is
// the synced Location of the same connection. One query for a whole page of rows.
export async function centreNamesFor(wdb: WorkspaceDb, rows: readonly NamesLocation[]): Promise<(row: NamesLocation) => Centre | null> {
  const wanted = rows.flatMap((row) => (row.locationExternalId ? [{ connectionId: row.connectionId, externalId: row.locationExternalId }] : []));
  const locations = wanted.length ? await wdb.location.findMany({ where: { OR: wanted }, select: { connectionId: true, externalId: true, name: true } }) : [];
  const nameOf = new Map(locations.map((location) => [`${location.connectionId}\u0000${location.externalId}`, location.name]));
  return (row) => (row.locationExternalId ? { externalId: row.locationExternalId, name: nameOf.get(`${row.connectionId}\u0000${row.locationExternalId}`) ?? null } : null);
}
