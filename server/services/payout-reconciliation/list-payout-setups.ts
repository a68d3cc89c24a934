import type { WorkspaceDb } from "@/server/db";
import { categoryMapSchema } from "./schema";

// The workspace's reconciliation setups, one per store connection, with both connections' names.
export async function listPayoutSetups(wdb: WorkspaceDb) {
  const setups = await wdb.payoutReconciliationSetup.findMany({
    orderBy: { createdAt: "asc" },
    include: { storeConnection: { select: { id: true, displayName: true } }, accountingConnection: { select: { id: true, displayName: true } } },
  });
  return setups.map((setup) => {
    const categoryMap = categoryMapSchema.safeParse(setup.categoryMap);
    return {
      id: setup.id,
      storeConnection: setup.storeConnection,
      accountingConnection: setup.accountingConnection,
      bankAccountExternalId: setup.bankAccountExternalId,
      dateWindowDays: setup.dateWindowDays,
      depositDescription: setup.depositDescription,
      categoryMap: categoryMap.success ? categoryMap.data : {},
      autoExplain: setup.autoExplain,
      updatedAt: setup.updatedAt,
    };
  });
}
