"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import type { InputErrors } from "@/components/forms/input-errors";
import { useTRPC } from "@/components/trpc/client";
import { useFormat } from "@/components/ui/formats";
import { DropdownMenu, DropdownMenuItem, DropdownMenuLabel } from "@/components/ui/dropdown-menu";
import { Button, buttonVariants } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { useWorkspace } from "@/components/workspace/workspace-context";
import type { ExportFormat } from "@/server/generated/prisma/enums";
import type { ExportList } from "@/server/services/exports/schema";

const FORMATS: { format: ExportFormat; label: string }[] = [
  { format: "CSV", label: "CSV (.csv)" },
  { format: "XLSX", label: "Excel (.xlsx)" },
  { format: "NDJSON", label: "JSON lines (.ndjson)" },
];

const POLL_MS = 1000;

/**
 * Export the list as it is filtered: `filters` is the same object the page passes to its list
 * query (without workspace, cursor and limit); with `selection`, only those rows (the ids picked in
 * the table). A small export downloads at once; a large one runs in the background, shows its
 * progress here, and ends in a download link (also under Settings → Exports). While the list's
 * filters are `invalid` (the filter bar's errors), it is disabled with the reason: the server would
 * refuse them.
 */
export function ExportMenu({
  list,
  filters,
  what,
  selection,
  invalid,
}: {
  list: ExportList;
  filters: Record<string, unknown>;
  what: string;
  selection?: readonly string[];
  invalid?: InputErrors | null;
}) {
  if (invalid) return <ExportBlocked reason={Object.values(invalid)[0] ?? "The filters are not valid."} />;
  return <ExportChoices list={list} filters={filters} what={what} selection={selection} />;
}

function ExportBlocked({ reason }: { reason: string }) {
  const id = useId();
  return (
    <div className="flex flex-col items-end gap-1">
      <Button variant="outline" size="sm" disabled aria-describedby={id} data-testid="export-menu">
        Export
      </Button>
      <p id={id} className="text-right text-xs text-muted-foreground">
        Fix the filters to export: {reason}
      </p>
    </div>
  );
}

function ExportChoices({ list, filters, what, selection }: { list: ExportList; filters: Record<string, unknown>; what: string; selection?: readonly string[] }) {
  const format = useFormat();
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const [exportId, setExportId] = useState<string | null>(null);
  const start = useMutation(
    trpc.dataExport.start.mutationOptions({
      onSuccess: (started) => {
        if (started.mode === "direct") window.location.assign(started.href);
        else setExportId(started.exportId);
      },
    }),
  );

  return (
    <div className="flex flex-col items-end gap-1">
      <DropdownMenu
        align="end"
        data-testid="export-menu"
        triggerClassName={buttonVariants({ variant: "outline", size: "sm" })}
        trigger={
          <>
            {start.isPending && <Spinner />}
            {selection ? "Export selected" : "Export"}
          </>
        }
      >
        <DropdownMenuLabel>{selection ? `Export the ${format.quantity(selection.length)} selected ${what}` : `Export ${what} with the current filters`}</DropdownMenuLabel>
        {FORMATS.map(({ format, label }) => (
          <DropdownMenuItem
            key={format}
            disabled={start.isPending}
            onSelect={() => start.mutate({ workspaceSlug: slug, list, format, filters: selection ? { ...filters, ids: [...selection] } : filters })}
          >
            {label}
          </DropdownMenuItem>
        ))}
      </DropdownMenu>
      <div aria-live="polite" className="text-right text-xs text-muted-foreground">
        {start.error && <p className="text-destructive">{start.error.message}</p>}
        {exportId && <BackgroundExport exportId={exportId} />}
      </div>
    </div>
  );
}

function BackgroundExport({ exportId }: { exportId: string }) {
  const format = useFormat();
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const file = useQuery({
    ...trpc.dataExport.get.queryOptions({ workspaceSlug: slug, exportId }),
    refetchInterval: (query) => (query.state.data?.status === "SUCCEEDED" || query.state.data?.status === "FAILED" ? false : POLL_MS),
  });
  const data = file.data;
  if (!data) return <p>Preparing the export…</p>;
  if (data.status === "FAILED") return <p className="text-destructive">The export failed: {data.error ?? "unknown error"}</p>;
  if (data.download) {
    return (
      <a className="font-medium text-primary underline" href={data.download.href} data-testid="export-download">
        Download {data.fileName}
      </a>
    );
  }
  return (
    <p data-testid="export-progress">
      Exporting… {format.quantity(data.rowsWritten)} of {format.quantity(data.rowsTotal ?? 0)} rows
    </p>
  );
}
