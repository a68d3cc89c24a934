"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useTRPC } from "@/components/trpc/client";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterBar, FilterSelect } from "@/components/ui/filter-bar";
import { useFormat } from "@/components/ui/formats";
import { ListTableCard } from "@/components/ui/list-table-card";
import { positionQuery, useListUrl, type ListUrl } from "@/components/ui/list-url-state";
import { SelectPageHead, SelectRowCell } from "@/components/ui/row-selection";
import { SortableHead } from "@/components/ui/sortable-head";
import { Time } from "@/components/ui/time";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { filtersToSearch, urlFilterReader } from "@/components/ui/url-filters";
import { useWorkspace } from "@/components/workspace/workspace-context";
import { AUDIT_PAGE_SIZE, AUDIT_SORTS, type AuditSort } from "@/server/services/audit/schema";
import { AUDIT_ACTION_LABELS, auditActionLabel, auditTargetLabel } from "./audit-actions";
import { ExportMenu } from "@/components/exports/export-menu";
import { SavedViewsMenu } from "@/components/saved-views/saved-views-menu";

const ACTION_OPTIONS = Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => ({ value, label }));

const SORT_CAPTIONS: Record<AuditSort, Record<"asc" | "desc", string>> = {
  time: { desc: "newest first", asc: "oldest first" },
  action: { asc: "by action, A to Z", desc: "by action, Z to A" },
};

// The Audit log page: the action filter, sort and page kept in the URL, like the other lists'.
export function AuditLogTable() {
  const read = urlFilterReader(useSearchParams());
  const { filters: { action }, rejected } = read.result({ action: read.text("action", "Action") });
  const url = useListUrl(AUDIT_SORTS, "time");
  const apply = (next: string | undefined) => url.applyFilters(filtersToSearch({ action: next }, { action: "action" }));

  return (
    <div className="flex flex-col gap-4">
      <div className="flex justify-end gap-2">
        <SavedViewsMenu list="audit-log" current={url.viewQuery()} apply={url.applyView} />
        <ExportMenu list="audit-log" what="the audit log" filters={{ action }} />
      </div>
      <FilterBar label="Filter the audit log" rejected={[...rejected, ...url.rejected]} clear={{ onClear: () => apply(undefined), disabled: !action, testId: "audit-filter-clear" }}>
        <FilterSelect id="audit-action-filter" label="Action" placeholder="All actions" options={ACTION_OPTIONS} value={action} onChange={apply} />
      </FilterBar>
      {/* Keyed on the filter: a new action starts again from the first page, with nothing selected. */}
      <AuditEntries key={action ?? ""} action={action} url={url} />
    </div>
  );
}

function AuditEntries({ action, url }: { action: string | undefined; url: ListUrl<AuditSort> }) {
  const { slug } = useWorkspace();
  const format = useFormat();
  const trpc = useTRPC();
  const entries = useQuery({
    ...trpc.audit.list.queryOptions({ workspaceSlug: slug, limit: AUDIT_PAGE_SIZE, action, ...positionQuery(url.position) }),
    placeholderData: keepPreviousData,
  });

  return (
    <ListTableCard
      query={entries}
      url={url}
      pageSize={AUDIT_PAGE_SIZE}
      what="the audit log"
      skeleton={{ rows: 6, columns: 5 }}
      empty={<EmptyState title={action ? "No entries for this action" : "No audit entries yet"} description="Changes to members, invitations and settings are recorded here." />}
      bulk={(ids) => <ExportMenu list="audit-log" what="entries" filters={{ action }} selection={ids} />}
    >
      {(page, { selection, tableRef }) => (
        <Table data-testid="audit-table" aria-busy={entries.isPlaceholderData || undefined} stacked ref={tableRef} tabIndex={-1}>
          <TableCaption>{`Audit log, ${SORT_CAPTIONS[url.table.sort][url.table.dir]}`}</TableCaption>
          <TableHeader>
            <TableRow>
              <SelectPageHead selection={selection} what="entry" />
              <SortableHead label="Time" sort="time" table={url.table} />
              <TableHead>Actor</TableHead>
              <SortableHead label="Action" sort="action" table={url.table} />
              <TableHead>Target</TableHead>
              <TableHead className="hidden md:table-cell">IP</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {page.items.map((entry) => (
              <TableRow key={entry.id} data-testid="audit-row" data-action={entry.action} data-entry-id={entry.id}>
                <SelectRowCell selection={selection} id={entry.id} name={`${auditActionLabel(entry.action)} at ${format.dateTime(entry.createdAt)}`} />
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
    </ListTableCard>
  );
}
