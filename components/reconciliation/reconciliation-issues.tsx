"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import type { ReactNode } from "react";
import { useTRPC } from "@/components/trpc/client";
import { EmptyState } from "@/components/ui/empty-state";
import { PaginationFooter } from "@/components/ui/pagination";
import { RowLink, Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { TableCard } from "@/components/ui/table-card";
import { useCursorPages } from "@/components/ui/use-cursor-pages";
import { useWorkspace } from "@/components/workspace/workspace-context";
import type { AppRouter } from "@/server/api/root";
import type { IssueKind } from "@/server/services/reconciliation/schema";
import { explanationLabel, ISSUE_KIND } from "./reconciliation-labels";
import { ReconciliationExport } from "./reconciliation-export";
import { useFormat } from "@/components/ui/formats";

type Issue = inferRouterOutputs<AppRouter>["reconciliation"]["issues"]["items"][number];

type Column = { header: string; numeric?: boolean; cell: (issue: Issue, slug: string, format: ReturnType<typeof useFormat>) => ReactNode };

const dash = <span className="text-muted-foreground">—</span>;

function OrderCell(issue: Issue, slug: string) {
  if (issue.orderId) return <RowLink href={`/w/${slug}/orders/${issue.orderId}`}>{issue.orderName ?? "Order"}</RowLink>;
  return issue.orderName ?? dash;
}

const storeValue: Column = { header: "Store value", numeric: true, cell: (i, _, format) => format.money(i.storeValue, i.currency) };
const analyticsValue: Column = { header: "Analytics value", numeric: true, cell: (i, _, format) => format.money(i.analyticsValue, i.analyticsCurrency) };
const transaction: Column = { header: "Transaction id", cell: (i) => i.transactionId ?? dash };
const order: Column = { header: "Order", cell: OrderCell };
const source: Column = { header: "Source / medium", cell: (i) => i.source ?? dash };
const device: Column = { header: "Device", cell: (i) => i.device ?? dash };
const dayColumn = (pairId: string): Column => ({
  header: "Day",
  cell: (i, slug) => <RowLink href={`/w/${slug}/reconciliation/${pairId}/${i.date}`}>{i.date}</RowLink>,
});

// What each kind of issue shows: a miss has no transaction, an extra no order.
const COLUMNS: Record<IssueKind, Column[]> = {
  MISSING_IN_ANALYTICS: [order, storeValue, { header: "Channel", cell: (i) => i.channel ?? dash }, source, device],
  EXTRA_IN_ANALYTICS: [transaction, analyticsValue, source, device],
  VALUE_MISMATCH: [
    order,
    transaction,
    storeValue,
    analyticsValue,
    { header: "Difference", numeric: true, cell: (i, _, format) => (i.difference === null ? dash : format.money(i.difference, i.currency)) },
    { header: "Why", cell: (i) => explanationLabel(i.explanation) },
  ],
  DUPLICATE: [transaction, order, { header: "Times recorded", numeric: true, cell: (i) => i.occurrences ?? dash }, analyticsValue],
};

// One kind of a day's issues, paged, with its export.
export function ReconciliationIssues({ pairId, date, kind }: { pairId: string; date: string; kind: IssueKind }) {
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const pages = useCursorPages();
  const filters = { pairId, kind, date };
  const issues = useQuery({ ...trpc.reconciliation.issues.queryOptions({ workspaceSlug: slug, cursor: pages.cursor, ...filters }), placeholderData: keepPreviousData });
  const { title, empty } = ISSUE_KIND[kind];
  return (
    <TableCard
      query={issues}
      what={title.toLowerCase()}
      title={title}
      notice={<ReconciliationExport list="reconciliation-issues" filters={filters} what={title.toLowerCase()} />}
      skeleton={{ rows: 3, columns: COLUMNS[kind].length }}
      empty={<EmptyState title="None on this day" description={empty} />}
      footer={<PaginationFooter pages={pages} nextCursor={issues.data?.nextCursor} pending={issues.isPlaceholderData} />}
    >
      {(page) => <IssuesTable kind={kind} issues={page.items} busy={issues.isPlaceholderData} />}
    </TableCard>
  );
}

/**
 * A page of issues of one kind, with the columns that kind has. `daysOf` (a pair's id) adds each
 * issue's day first, linked to that day's page: for a list spanning days.
 */
export function IssuesTable({ kind, issues, busy, daysOf }: { kind: IssueKind; issues: Issue[]; busy: boolean; daysOf?: string }) {
  const { slug } = useWorkspace();
  const format = useFormat();
  const { title, testId } = ISSUE_KIND[kind];
  const columns = daysOf ? [dayColumn(daysOf), ...COLUMNS[kind]] : COLUMNS[kind];
  return (
    <Table data-testid={`reconciliation-${testId}-table`} aria-busy={busy || undefined} stacked>
      <TableCaption>{daysOf ? `${title}, newest day first` : title}</TableCaption>
      <TableHeader>
        <TableRow>
          {columns.map((column) => (
            <TableHead key={column.header} className={column.numeric ? "text-right" : undefined}>
              {column.header}
            </TableHead>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {issues.map((issue) => (
          <TableRow key={issue.id} data-testid={`reconciliation-${testId}-row`}>
            {columns.map((column) => (
              <TableCell key={column.header} label={column.header} className={column.numeric ? "text-right whitespace-nowrap tabular-nums" : "whitespace-nowrap"}>
                {column.cell(issue, slug, format)}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
