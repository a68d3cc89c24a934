"use client";

import { useQuery } from "@tanstack/react-query";
import { useFormat } from "@/components/ui/formats";
import { useTRPC } from "@/components/trpc/client";
import { EmptyState } from "@/components/ui/empty-state";
import { Time } from "@/components/ui/time";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { TableCard } from "@/components/ui/table-card";
import { useWorkspace } from "@/components/workspace/workspace-context";

const POLL_MS = 2000;

// Settings → Exports: the workspace's latest background exports with their state and, while the
// file is kept, a freshly signed download link.
export function RecentExports() {
  const format = useFormat();
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const exports = useQuery({
    ...trpc.dataExport.recent.queryOptions({ workspaceSlug: slug }),
    refetchInterval: (query) => (query.state.data?.items.some((e) => e.status === "QUEUED" || e.status === "RUNNING") ? POLL_MS : false),
  });

  return (
    <TableCard
      query={exports}
      what="exports"
      skeleton={{ rows: 4, columns: 4 }}
      empty={<EmptyState title="No exports yet" description="Large exports started from a list's Export menu appear here with their download links." />}
    >
      {(page) => (
        <Table data-testid="exports-table">
          <TableCaption>Recent exports, newest first</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>Started</TableHead>
              <TableHead>File</TableHead>
              <TableHead>Rows</TableHead>
              <TableHead>File status</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {page.items.map((file) => (
              <TableRow key={file.id} data-testid="export-row">
                <TableCell className="whitespace-nowrap text-muted-foreground">
                  <Time value={file.createdAt} />
                </TableCell>
                <TableCell className="font-medium">{file.fileName}</TableCell>
                <TableCell className="tabular-nums">
                  {format.quantity(file.rowsWritten)}
                  {file.rowsTotal !== null && file.rowsWritten !== file.rowsTotal && ` of ${format.quantity(file.rowsTotal)}`}
                </TableCell>
                <TableCell>
                  {file.download ? (
                    <a className="inline-flex min-h-6 items-center font-medium text-primary underline" href={file.download.href}>
                      Download
                    </a>
                  ) : file.status === "FAILED" ? (
                    <span className="text-destructive">Failed{file.error ? `: ${file.error}` : ""}</span>
                  ) : file.status === "SUCCEEDED" ? (
                    <span className="text-muted-foreground">Removed (retention)</span>
                  ) : (
                    <span className="text-muted-foreground">Exporting…</span>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </TableCard>
  );
}
