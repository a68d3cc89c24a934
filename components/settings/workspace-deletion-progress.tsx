"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useFormat } from "@/components/ui/formats";
import { JobProgress } from "@/components/jobs/job-progress";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";

const REFRESH_MS = 2_000;

// Shown once the workspace is deleted (it can no longer be opened): what has already happened,
// and the background erasure as it goes.
export function WorkspaceDeletionProgress({ deletionId, workspace }: { deletionId: string; workspace: { name: string; slug: string } }) {
  const format = useFormat();
  const trpc = useTRPC();
  const router = useRouter();
  const deletion = useQuery({
    ...trpc.workspace.deletion.queryOptions({ deletionId }),
    refetchInterval: (query) => (query.state.data?.status === "completed" || query.state.data?.status === "failed" ? false : REFRESH_MS),
  });
  const status = deletion.data?.status;

  return (
    <Dialog
      open
      onOpenChange={() => undefined}
      dismissible={false}
      title={`${workspace.name} was deleted`}
      description={`Nobody can open it any more, its connections have stopped, and the address /w/${workspace.slug} is free.`}
      data-testid="workspace-deleted"
      footer={
        <Button
          data-autofocus
          onClick={() => {
            // "/" picks another workspace of yours, or onboarding when none is left.
            router.push("/");
            router.refresh();
          }}
          data-testid="workspace-deleted-continue"
        >
          Go to your workspaces
        </Button>
      }
    >
      <div className="grid gap-3" aria-live="polite" data-testid="workspace-deletion-status" data-status={status ?? "loading"}>
        {status === "completed" ? (
          <Alert variant="success" title="All of its data has been erased.">
            {format.quantity(deletion.data!.rowsDeleted)} records removed. A record of the deletion is kept.
          </Alert>
        ) : status === "failed" ? (
          <Alert variant="error" title="Erasing its data stopped with an error.">
            The workspace stays deleted. The failure is recorded as a failed job, and an operator can resume the erasure.
          </Alert>
        ) : (
          <>
            <p className="text-sm">
              {status === "erasing" ? "Erasing its data…" : "Erasing its data shortly…"} This usually takes a few minutes; you
              can leave this page.
            </p>
            {deletion.data?.progress && <JobProgress done={deletion.data.progress.done} total={deletion.data.progress.total} />}
            {deletion.data && deletion.data.rowsDeleted > 0 && (
              <p className="text-xs text-muted-foreground tabular-nums">{format.quantity(deletion.data.rowsDeleted)} records removed so far</p>
            )}
          </>
        )}
        {deletion.isError && <Alert variant="error">Could not load the progress of the erasure. It goes on regardless.</Alert>}
      </div>
    </Dialog>
  );
}
