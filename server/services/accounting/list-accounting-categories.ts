import type { WorkspaceDb } from "@/server/db";

export type AccountingCategoryOption = { connectionId: string; externalId: string; nominalCode: string; description: string; group: string };

// The synced accounting categories, by nominal code: for naming a mapped category and choosing one.
export async function listAccountingCategories(wdb: WorkspaceDb, connectionIds?: string[]): Promise<AccountingCategoryOption[]> {
  return wdb.accountingCategory.findMany({
    where: connectionIds ? { connectionId: { in: connectionIds } } : {},
    orderBy: [{ nominalCode: "asc" }, { id: "asc" }],
    select: { connectionId: true, externalId: true, nominalCode: true, description: true, group: true },
  });
}
