"use client";

import { useQuery } from "@tanstack/react-query";
import { errorMessageOf } from "@/components/forms/api-error";
import { useTRPC } from "@/components/trpc/client";
import { ErrorState } from "@/components/ui/alert";
import { Card, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { useFormat } from "@/components/ui/formats";
import { Time } from "@/components/ui/time";
import { TableSkeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useWorkspace } from "@/components/workspace/workspace-context";
import { RETENTION_TARGETS } from "@/server/services/retention/schema";
import { TARGET_LABELS } from "./retention-labels";
import { RunRetentionButton } from "./run-retention-button";

export function RetentionPreview() {
  const { slug } = useWorkspace();
  const format = useFormat();
  const trpc = useTRPC();
  const preview = useQuery(trpc.retention.preview.queryOptions({ workspaceSlug: slug }));

  return (
    <Card>
      <CardHeader>
        <CardTitle>What the next run removes</CardTitle>
        <CardDescription>
          A dry run with the saved windows
          {preview.data && <> as of <Time value={preview.data.asOf} /></>}. Nothing is removed until a run starts.
        </CardDescription>
      </CardHeader>
      {preview.isPending ? (
        <TableSkeleton rows={5} columns={3} label="Loading retention preview" />
      ) : preview.isError ? (
        <ErrorState title="Could not load the preview" message={errorMessageOf(preview.error)} onRetry={() => preview.refetch()} />
      ) : (
        <Table data-testid="retention-preview" aria-busy={preview.isFetching || undefined}>
          <TableCaption>Rows the next retention run would remove</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>Data</TableHead>
              <TableHead>Effect</TableHead>
              <TableHead className="text-right">Rows</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {RETENTION_TARGETS.map((target) => (
              <TableRow key={target} data-testid="retention-preview-row" data-table={target} data-count={preview.data.counts[target]}>
                <TableCell className="font-medium">{TARGET_LABELS[target].label}</TableCell>
                <TableCell className="text-muted-foreground">{TARGET_LABELS[target].effect}</TableCell>
                <TableCell className="text-right tabular-nums">{format.quantity(preview.data.counts[target])}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <CardFooter className="border-t">
        <RunRetentionButton counts={preview.data?.counts} />
      </CardFooter>
    </Card>
  );
}
