import type { WorkspaceDb } from "@/server/db";

type VariantRef = { connectionId: string; inventoryItemExternalId: string | null };

const keyOf = (connectionId: string, itemId: string) => `${connectionId}\u0000${itemId}`;

// Inventory levels name their variant by (connectionId, inventoryItemExternalId), not by a
// foreign key; this reads the levels of any number of variants in one query.
export async function inventoryLevelsOf(wdb: WorkspaceDb, variants: readonly VariantRef[]) {
  const wanted = variants.flatMap((v) => (v.inventoryItemExternalId ? [{ connectionId: v.connectionId, inventoryItemExternalId: v.inventoryItemExternalId }] : []));
  const rows = wanted.length
    ? await wdb.inventoryLevel.findMany({
        where: { OR: wanted },
        select: {
          connectionId: true,
          inventoryItemExternalId: true,
          locationExternalId: true,
          available: true,
          onHand: true,
          committed: true,
          incoming: true,
        },
      })
    : [];
  const byVariant = new Map<string, typeof rows>();
  for (const row of rows) {
    const key = keyOf(row.connectionId, row.inventoryItemExternalId);
    byVariant.set(key, [...(byVariant.get(key) ?? []), row]);
  }
  return {
    rows,
    of: (variant: VariantRef) => (variant.inventoryItemExternalId ? (byVariant.get(keyOf(variant.connectionId, variant.inventoryItemExternalId)) ?? []) : []),
  };
}
