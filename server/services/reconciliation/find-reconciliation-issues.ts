import "server-only";
import type { WorkspaceDb } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import { calendarDay } from "@/server/services/accounting/calendar-day";
import { keysetOn } from "@/server/services/pagination";
import { dayStart } from "./day-figures";
import { assertPairInWorkspace } from "./get-reconciliation-pair";
import type { FindReconciliationIssuesInput, IssueKind, ReconciliationIssueTotalsInput } from "./schema";

export type ReconciliationIssueRow = {
  id: string;
  date: string;
  kind: IssueKind;
  /** The store's order (its page) and name, where there is one. */
  orderId: string | null;
  orderName: string | null;
  transactionId: string | null;
  currency: string;
  storeValue: string | null;
  analyticsCurrency: string | null;
  analyticsValue: string | null;
  difference: string | null;
  explanation: string | null;
  occurrences: number | null;
  channel: string | null;
  source: string | null;
  device: string | null;
};

const byDate = keysetOn("date");

/** The issues a list's filters select: one kind of a pair's, on a day or across a range. */
export function issueFilterWhere(input: ReconciliationIssueTotalsInput): Prisma.ReconciliationIssueWhereInput[] {
  return [
    { pairId: input.pairId, kind: input.kind },
    input.date ? { date: dayStart(input.date) } : {},
    input.from ? { date: { gte: dayStart(input.from) } } : {},
    input.to ? { date: { lte: dayStart(input.to) } } : {},
  ];
}

/** A pair's issues of one kind, for a day or a range, newest day first (keyset on date desc, id desc). */
export async function findReconciliationIssues(wdb: WorkspaceDb, input: FindReconciliationIssuesInput) {
  await assertPairInWorkspace(wdb, input.pairId);
  const where = [...issueFilterWhere(input), input.cursor ? byDate.after(input.cursor, "desc") : {}];
  const rows = await wdb.reconciliationIssue.findMany({ where: { AND: where }, orderBy: byDate.orderBy("desc"), take: input.limit + 1 });
  return byDate.toPage(rows, input.limit, (issue): ReconciliationIssueRow => ({
    id: issue.id,
    date: calendarDay(issue.date),
    kind: issue.kind,
    orderId: issue.orderId,
    orderName: issue.orderName,
    transactionId: issue.transactionId,
    currency: issue.currency,
    storeValue: issue.storeValue?.toString() ?? null,
    analyticsCurrency: issue.analyticsCurrency,
    analyticsValue: issue.analyticsValue?.toString() ?? null,
    difference: issue.difference?.toString() ?? null,
    explanation: issue.explanation,
    occurrences: issue.occurrences,
    channel: issue.channel,
    source: issue.source,
    device: issue.device,
  }));
}
