"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTRPC } from "@/components/trpc/client";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterBar, FilterSelect } from "@/components/ui/filter-bar";
import { Time } from "@/components/ui/time";
import { PaginationFooter } from "@/components/ui/pagination";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { TableCard } from "@/components/ui/table-card";
import { useCursorPages } from "@/components/ui/use-cursor-pages";
import { filtersToSearch, urlFilterReader } from "@/components/ui/url-filters";
import { useWorkspace } from "@/components/workspace/workspace-context";
import { AUDIT_ACTION_LABELS, auditActionLabel, auditTargetLabel } from "./audit-actions";
import { ExportMenu } from "@/components/exports/export-menu";

const PAGE_SIZE = 25;
const ACTION_OPTIONS = Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => ({ value, label }));

// The Audit log page: the action filter is kept in the URL (?action=), like the other lists'.
export function AuditLogTable() {
  const router = useRouter();
  const pathname = usePathname();
  const read = urlFilterReader(useSearchParams());
  const { filters: { action }, rejected } = read.result({ action: read.text("action", "Action") });
  const apply = (next: string | undefined) => {
    const query = filtersToSearch({ action: next }, { action: "action" });
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };

  return (
    <div className="flex flex-col gap-4">
      <div className="flex justify-end">
        <ExportMenu list="audit-log" what="the audit log" filters={{ action }} />
      </div>
      <FilterBar label="Filter the audit log" rejected={rejected} clear={{ onClear: () => apply(undefined), disabled: !action, testId: "audit-filter-clear" }}>
        <FilterSelect id="audit-action-filter" label="Action" placeholder="All actions" options={ACTION_OPTIONS} value={action} onChange={apply} />
      </FilterBar>
      {/* Keyed on the filter: a new action starts again from the first page. */}
      <AuditEntries key={action ?? ""} action={action} />
    </div>
  );
}

function AuditEntries({ action }: { action: string | undefined }) {
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const pages = useCursorPages();
  const entries = useQuery({
    ...trpc.audit.list.queryOptions({ workspaceSlug: slug, cursor: pages.cursor, limit: PAGE_SIZE, action }),
    placeholderData: keepPreviousData,
  });

  return (
    <TableCard
      query={entries}
      what="the audit log"
      skeleton={{ rows: 6, columns: 5 }}
      empty={<EmptyState title={action ? "No entries for this action" : "No audit entries yet"} description="Changes to members, invitations and settings are recorded here." />}
      footer={<PaginationFooter pages={pages} nextCursor={entries.data?.nextCursor} pending={entries.isPlaceholderData} />}
    >
      {(page) => (
        <Table data-testid="audit-table" aria-busy={entries.isPlaceholderData || undefined} stacked>
          <TableCaption>Audit log</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>Time</TableHead>
              <TableHead>Actor</TableHead>
              <TableHead>Action</TableHead>
              <TableHead>Target</TableHead>
              <TableHead className="hidden md:table-cell">IP</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {page.items.map((entry) => (
              <TableRow key={entry.id} data-testid="audit-row" data-action={entry.action}>
                <TableCell label="Time" className="whitespace-nowrap text-muted-foreground">
                  <Time value={entry.createdAt} />
                </TableCell>
                <TableCell label="Actor">
                  {entry.actor ? <span title={entry.actor.email}>{entry.actor.name ?? entry.actor.email}</span> : <span className="text-muted-foreground">System</span>}
                </TableCell>
                <TableCell label="Action" className="font-medium whitespace-nowrap">{auditActionLabel(entry.action)}</TableCell>
                <TableCell label="Target" className="max-w-64 truncate" title={auditTargetLabel(entry)}>
                  {auditTargetLabel(entry)}
                </TableCell>
                <TableCell label="IP" className="hidden font-mono text-xs text-muted-foreground md:table-cell">{entry.ip ?? "—"}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </TableCard>
  );
}
