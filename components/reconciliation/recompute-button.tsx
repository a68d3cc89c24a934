"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessageOf } from "@/components/forms/api-error";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import { useCan, useWorkspace } from "@/components/workspace/workspace-context";

// An admin's "Recompute": every day of the pair computed again from the synced orders and analytics
// rows (audited). Hidden from roles that may not ask for it.
export function RecomputeButton({ pairId }: { pairId: string }) {
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const toast = useToast();
  const allowed = useCan("connections.manage");
  const [open, setOpen] = useState(false);
  const recompute = useMutation(
    trpc.reconciliation.recompute.mutationOptions({
      onSuccess: () => {
        setOpen(false);
        toast("Recomputation queued: the days update when it has run");
      },
    }),
  );
  if (!allowed) return null;
  return (
    <>
      <Button
        variant="outline"
        size="sm"
        onClick={() => {
          recompute.reset();
          setOpen(true);
        }}
        data-testid="reconciliation-recompute"
      >
        Recompute
      </Button>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title="Recompute this reconciliation?"
        description="Every day is computed again from what the store and the analytics property have synced. Days whose figures change keep their earlier figures as a revision."
        confirmLabel="Recompute"
        destructive={false}
        onConfirm={() => recompute.mutate({ workspaceSlug: slug, pairId })}
        pending={recompute.isPending}
        error={recompute.error ? errorMessageOf(recompute.error) : null}
      />
    </>
  );
}
