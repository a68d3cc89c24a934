"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { errorMessageOf } from "@/components/forms/api-error";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import { useCan, useWorkspace } from "@/components/workspace/workspace-context";

// Re-sends a failed run's event as a new run, then opens that run. Admins and owners only.
export function RetryJobButton({ jobRunId, kindLabel, blockedReason }: { jobRunId: string; kindLabel: string; blockedReason: string | null }) {
  const { slug } = useWorkspace();
  const canRetry = useCan("jobs.retry");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const [open, setOpen] = useState(false);

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.job.list.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.job.get.queryKey({ workspaceSlug: slug, jobRunId }) }),
    ]);

  const retry = useMutation(
    trpc.job.retry.mutationOptions({
      onSuccess: async ({ jobRunId: newRunId }) => {
        toast("Retry queued");
        setOpen(false);
        await refresh();
        router.push(`/w/${slug}/jobs/${newRunId}`);
      },
      // A retry whose event could not be sent is recorded as a failed run; show it in the lists.
      onError: () => void refresh(),
    }),
  );

  if (!canRetry) return null;

  return (
    <>
      <Button
        onClick={() => {
          retry.reset();
          setOpen(true);
        }}
        disabled={blockedReason !== null}
        title={blockedReason ?? undefined}
        aria-describedby={blockedReason ? "job-retry-blocked" : undefined}
        data-testid="job-retry"
      >
        Retry
      </Button>
      {blockedReason && (
        <span id="job-retry-blocked" className="sr-only">
          {blockedReason}
        </span>
      )}
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={`Retry this ${kindLabel.toLowerCase()} run?`}
        description="The job runs again from the start with the same input, as a new run linked to this one."
        confirmLabel="Retry run"
        destructive={false}
        pending={retry.isPending}
        error={retry.isError ? errorMessageOf(retry.error) : null}
        onConfirm={() => retry.mutate({ workspaceSlug: slug, jobRunId })}
      />
    </>
  );
}
