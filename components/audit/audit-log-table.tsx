"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessageOf } from "@/components/forms/api-error";
import { useTRPC } from "@/components/trpc/client";
import { ErrorState } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime } from "@/components/ui/format";
import { Label } from "@/components/ui/label";
import { Pagination } from "@/components/ui/pagination";
import { Select } from "@/components/ui/select";
import { TableSkeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useCursorPages } from "@/components/ui/use-cursor-pages";
import { useWorkspace } from "@/components/workspace/workspace-context";
import { AUDIT_ACTION_LABELS, auditActionLabel, auditTargetLabel } from "./audit-actions";

const PAGE_SIZE = 25;

export function AuditLogTable() {
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const pages = useCursorPages();
  const [action, setAction] = useState("");

  const entries = useQuery({
    ...trpc.audit.list.queryOptions({
      workspaceSlug: slug,
      cursor: pages.cursor,
      limit: PAGE_SIZE,
      action: action || undefined,
    }),
    placeholderData: keepPreviousData,
  });

  return (
    <div className="flex flex-col gap-4">
      <div className="flex items-center gap-3">
        <Label htmlFor="audit-action-filter" className="shrink-0">
          Action
        </Label>
        <Select
          id="audit-action-filter"
          className="w-56"
          value={action}
          data-testid="audit-action-filter"
          onChange={(event) => {
            setAction(event.target.value);
            pages.reset();
          }}
        >
          <option value="">All actions</option>
          {Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </Select>
      </div>

      <Card>
        {entries.isPending ? (
          <TableSkeleton rows={6} columns={5} label="Loading audit log" />
        ) : entries.isError ? (
          <ErrorState title="Could not load the audit log" message={errorMessageOf(entries.error)} onRetry={() => entries.refetch()} />
        ) : entries.data.items.length === 0 ? (
          <EmptyState
            title={action ? "No entries for this action" : "No audit entries yet"}
            description="Changes to members, invitations and settings are recorded here."
          />
        ) : (
          <Table data-testid="audit-table" aria-busy={entries.isPlaceholderData || undefined}>
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
              {entries.data.items.map((entry) => (
                <TableRow key={entry.id} data-testid="audit-row" data-action={entry.action}>
                  <TableCell className="whitespace-nowrap text-muted-foreground">
                    <time dateTime={entry.createdAt.toISOString()}>{formatDateTime(entry.createdAt)}</time>
                  </TableCell>
                  <TableCell>
                    {entry.actor ? (
                      <span title={entry.actor.email}>{entry.actor.name ?? entry.actor.email}</span>
                    ) : (
                      <span className="text-muted-foreground">System</span>
                    )}
                  </TableCell>
                  <TableCell className="font-medium whitespace-nowrap">{auditActionLabel(entry.action)}</TableCell>
                  <TableCell className="max-w-64 truncate" title={auditTargetLabel(entry)}>
                    {auditTargetLabel(entry)}
                  </TableCell>
                  <TableCell className="hidden font-mono text-xs text-muted-foreground md:table-cell">{entry.ip ?? "—"}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {entries.data && (pages.hasPrevious || entries.data.nextCursor) && (
          <Pagination
            className="border-t px-4 py-3"
            label={`Page ${pages.pageNumber}`}
            hasPrevious={pages.hasPrevious}
            hasNext={Boolean(entries.data.nextCursor)}
            onPrevious={pages.previous}
            onNext={() => entries.data.nextCursor && pages.next(entries.data.nextCursor)}
            pending={entries.isPlaceholderData}
          />
        )}
      </Card>
    </div>
  );
}
