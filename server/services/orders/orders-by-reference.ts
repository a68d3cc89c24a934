import type { WorkspaceDb } from "@/server/db";

export type ReferencedOrder = { id: string; name: string };

// A 3PL's shipments and returns name the store order by its id in the store; the order it means,
// when that order has been synced into the same workspace.
export async function ordersByReference(wdb: WorkspaceDb, rows: readonly { storeOrderReference: string | null }[]): Promise<Map<string, ReferencedOrder>> {
  const references = [...new Set(rows.flatMap((row) => (row.storeOrderReference ? [row.storeOrderReference] : [])))];
  const orders = references.length
    ? await wdb.order.findMany({ where: { externalId: { in: references }, deletedAt: null }, select: { id: true, name: true, externalId: true }, orderBy: { id: "asc" } })
    : [];
  return new Map(orders.map((order) => [order.externalId, { id: order.id, name: order.name }]));
}
