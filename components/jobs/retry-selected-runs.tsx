"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessageOf } from "@/components/forms/api-error";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useFormat } from "@/components/ui/formats";
import type { RowSelection } from "@/components/ui/row-selection";
import { RowLink } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { useCan, useWorkspace } from "@/components/workspace/workspace-context";

type NotRetried = { jobRunId: string; kindLabel: string; reason: string };

/**
 * "Retry selected" in the Jobs list's selection bar (admins and owners, like Retry on a run): each
 * failed run is queued again; the runs that were not stay selected, each with why, and the others
 * leave the selection.
 */
export function RetrySelectedRuns({ selection }: { selection: RowSelection }) {
  const { slug } = useWorkspace();
  const canRetry = useCan("jobs.retry");
  const format = useFormat();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [notRetried, setNotRetried] = useState<NotRetried[]>([]);

  const retry = useMutation(
    trpc.job.retryMany.mutationOptions({
      onSuccess: ({ results }) => {
        const refused = results.flatMap((result) => (result.retried ? [] : [{ jobRunId: result.jobRunId, kindLabel: result.kindLabel, reason: result.reason }]));
        const retried = results.length - refused.length;
        toast(retried === 0 ? "No run was retried" : `${format.quantity(retried)} ${retried === 1 ? "run" : "runs"} retried`);
        setNotRetried(refused);
        selection.select(refused.map((run) => run.jobRunId));
        setOpen(false);
      },
      // Retries whose event could not be sent are recorded as failed runs: show them either way.
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.job.list.pathKey() }),
    }),
  );

  if (!canRetry) return null;
  const count = selection.selected.size;
  const shown = notRetried.filter((run) => selection.has(run.jobRunId));

  return (
    <>
      <Button
        variant="outline"
        size="sm"
        onClick={() => {
          retry.reset();
          setOpen(true);
        }}
        data-testid="retry-selected"
      >
        Retry selected
      </Button>
      {shown.length > 0 && (
        <ul className="w-full text-xs" data-testid="not-retried" aria-label="Not retried">
          {shown.map((run) => (
            <li key={run.jobRunId}>
              <RowLink href={`/w/${slug}/jobs/${run.jobRunId}`}>{`${run.kindLabel} run`}</RowLink>
              <span className="text-muted-foreground">: not retried. {run.reason}</span>
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={`Retry the ${format.quantity(count)} selected ${count === 1 ? "run" : "runs"}?`}
        description="Each failed run runs again from the start with the same input, as a new run linked to it. Runs that cannot be retried are left as they are, and stay selected with the reason."
        confirmLabel="Retry runs"
        destructive={false}
        pending={retry.isPending}
        error={retry.isError ? errorMessageOf(retry.error) : null}
        onConfirm={() => retry.mutate({ workspaceSlug: slug, jobRunIds: selection.ids })}
      />
    </>
  );
}
