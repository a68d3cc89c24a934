"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { errorMessageOf } from "@/components/forms/api-error";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useFormat } from "@/components/ui/formats";
import { useToast } from "@/components/ui/toast";
import { useWorkspace } from "@/components/workspace/workspace-context";
import { RETENTION_TARGETS, type RetentionCounts } from "@/server/services/retention/schema";
import { TARGET_LABELS } from "./retention-labels";

function summaryOf(counts: RetentionCounts | undefined, count: (value: number) => string): string {
  if (!counts) return "The preview is not loaded yet; the run removes whatever is older than the saved windows.";
  const parts = RETENTION_TARGETS.filter((target) => counts[target] > 0).map(
    (target) => `${count(counts[target])} × ${TARGET_LABELS[target].label.toLowerCase()} (${TARGET_LABELS[target].effect})`,
  );
  return parts.length === 0
    ? "Nothing is older than the windows right now; the run will find nothing to remove."
    : `This permanently removes ${parts.join(", ")}. Newer rows may also have aged out by the time it runs.`;
}

export function RunRetentionButton({ counts }: { counts: RetentionCounts | undefined }) {
  const { slug } = useWorkspace();
  const format = useFormat();
  const trpc = useTRPC();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  // Kept apart from the mutation, which is reset whenever the dialog opens again.
  const [queuedRunId, setQueuedRunId] = useState<string | null>(null);
  const run = useMutation(
    trpc.retention.runNow.mutationOptions({
      onSuccess: ({ jobRunId }) => {
        setQueuedRunId(jobRunId);
        setOpen(false);
        toast("Retention run queued");
      },
    }),
  );

  return (
    <div className="flex w-full flex-col gap-3">
      <div>
        <Button
          variant="outline"
          onClick={() => {
            run.reset();
            setOpen(true);
          }}
          data-testid="retention-run"
        >
          Run retention now
        </Button>
      </div>
      {queuedRunId && (
        <Alert variant="success" data-testid="retention-run-queued">
          Retention run queued.{" "}
          <Link href={`/w/${slug}/jobs/${queuedRunId}`} className="font-medium underline" data-testid="retention-run-link">
            Follow it in Jobs
          </Link>
        </Alert>
      )}
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title="Run retention now?"
        description={summaryOf(counts, format.quantity)}
        confirmLabel="Run retention"
        onConfirm={() => run.mutate({ workspaceSlug: slug })}
        pending={run.isPending}
        error={run.error ? errorMessageOf(run.error) : null}
      />
    </div>
  );
}
