import "server-only";
import type { WorkspaceDb } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";
import { issueFilterWhere } from "./find-reconciliation-issues";
import { assertPairInWorkspace } from "./get-reconciliation-pair";
import type { IssueKind, ReconciliationIssueTotalsInput } from "./schema";

type ValueColumn = "storeValue" | "analyticsValue" | "difference";
type CurrencyColumn = "currency" | "analyticsCurrency";

/**
 * What a kind's total adds up: the value its list shows, in that value's own currency. Misses: the
 * store's revenue analytics never saw; extras and duplicates: what analytics recorded; mismatches:
 * the net difference (analytics minus store), which the engine leaves out across currencies.
 */
export const TOTALLED: Record<IssueKind, { value: ValueColumn; currency: CurrencyColumn }> = {
  MISSING_IN_ANALYTICS: { value: "storeValue", currency: "currency" },
  EXTRA_IN_ANALYTICS: { value: "analyticsValue", currency: "analyticsCurrency" },
  VALUE_MISMATCH: { value: "difference", currency: "currency" },
  DUPLICATE: { value: "analyticsValue", currency: "analyticsCurrency" },
};

export type IssueTotals = {
  /** Every issue the filters select. */
  count: number;
  /** Their value per currency (exact decimal strings), by currency code. */
  values: { currency: string; value: string }[];
};

/** How many of a pair's issues the filters select and what they are worth, exactly, per currency. */
export async function totalReconciliationIssues(wdb: WorkspaceDb, input: ReconciliationIssueTotalsInput): Promise<IssueTotals> {
  await assertPairInWorkspace(wdb, input.pairId);
  const { value, currency } = TOTALLED[input.kind];
  const groups = await wdb.reconciliationIssue.groupBy({
    by: ["currency", "analyticsCurrency"],
    where: { AND: issueFilterWhere(input) },
    _count: true,
    _sum: { storeValue: true, analyticsValue: true, difference: true },
  });
  const byCurrency = new Map<string, Prisma.Decimal>();
  for (const group of groups) {
    const sum = group._sum[value];
    const code = group[currency];
    if (sum === null || code === null) continue;
    byCurrency.set(code, (byCurrency.get(code) ?? new Prisma.Decimal(0)).plus(sum));
  }
  return {
    count: groups.reduce((count, group) => count + group._count, 0),
    values: [...byCurrency].sort(([a], [b]) => a.localeCompare(b)).map(([code, sum]) => ({ currency: code, value: sum.toString() })),
  };
}
