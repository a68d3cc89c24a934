import "server-only";
import type { WorkspaceDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { recordAudit, type AuditActor } from "@/server/services/audit/record-audit";
import { BREAKDOWN_PARTS } from "./breakdown";
import { requestPayoutReconciliation } from "./request-payout-reconciliation";
import type { UpdatePayoutSetupInput } from "./schema";

const fieldError = (field: string, message: string) => new AppError("BAD_REQUEST", `${field}: ${message}`);

// Creates or changes the reconciliation of one store's payouts (one setup per store connection),
// audited, then has it recomputed. The bank account and every mapped category must be among what
// the accounting connection has synced, so a typo cannot post explanations to nowhere.
export async function updatePayoutSetup(wdb: WorkspaceDb, workspaceId: string, input: UpdatePayoutSetupInput, actor: AuditActor) {
  if (input.storeConnectionId === input.accountingConnectionId) throw fieldError("accountingConnectionId", "must be another connection than the store's");
  const [store, books, account, categories] = await Promise.all([
    wdb.connection.findFirst({ where: { id: input.storeConnectionId }, select: { id: true } }),
    wdb.connection.findFirst({ where: { id: input.accountingConnectionId }, select: { id: true } }),
    wdb.bankAccount.findFirst({ where: { connectionId: input.accountingConnectionId, externalId: input.bankAccountExternalId }, select: { id: true } }),
    wdb.accountingCategory.findMany({ where: { connectionId: input.accountingConnectionId, externalId: { in: Object.values(input.categoryMap) } }, select: { externalId: true } }),
  ]);
  // Another workspace's connection reads as none at all, like an unknown id.
  if (!store) throw new AppError("NOT_FOUND", "storeConnectionId: no such connection in this workspace");
  if (!books) throw new AppError("NOT_FOUND", "accountingConnectionId: no such connection in this workspace");
  if (!account) throw fieldError("bankAccountExternalId", "not a bank account this accounting connection has synced");
  const known = new Set(categories.map((c) => c.externalId));
  const unknown = BREAKDOWN_PARTS.filter((part) => input.categoryMap[part] !== undefined && !known.has(input.categoryMap[part]!));
  if (unknown.length > 0) throw fieldError(`categoryMap.${unknown[0]}`, "not a category this accounting connection has synced");

  const { storeConnectionId } = input;
  // Named one by one: the router's input also carries the workspace's slug.
  const fields = {
    accountingConnectionId: input.accountingConnectionId,
    bankAccountExternalId: input.bankAccountExternalId,
    dateWindowDays: input.dateWindowDays,
    depositDescription: input.depositDescription,
    categoryMap: input.categoryMap,
    autoExplain: input.autoExplain,
  };
  const setup = await wdb.$transaction(async (tx) => {
    const saved = await tx.payoutReconciliationSetup.upsert({
      where: { workspaceId_storeConnectionId: { workspaceId, storeConnectionId } },
      create: { workspaceId, storeConnectionId, ...fields },
      update: fields,
      select: { id: true, workspaceId: true },
    });
    await recordAudit(tx, { ...actor, workspaceId, action: "payouts.setup.updated", targetType: "PayoutReconciliationSetup", targetId: saved.id, metadata: { storeConnectionId, ...fields } });
    return saved;
  });
  await requestPayoutReconciliation([setup], "MANUAL");
  return setup;
}
