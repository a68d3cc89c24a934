"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { errorMessageOf, fieldErrorsOf } from "@/components/forms/api-error";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useCan, useWorkspace } from "@/components/workspace/workspace-context";
import { deleteWorkspaceConfirmation } from "@/server/services/workspaces/schema";
import { WorkspaceDeletionProgress } from "./workspace-deletion-progress";

// The settings page's danger zone: an owner deletes the workspace after typing its name (or its
// address); the server checks the same. Afterwards the dialog follows the background erasure.
export function DeleteWorkspaceCard() {
  const workspace = useWorkspace();
  const canDelete = useCan("workspace.delete");
  const trpc = useTRPC();
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState("");
  const [clientError, setClientError] = useState<string | undefined>();
  const remove = useMutation(trpc.workspace.delete.mutationOptions());

  const onConfirm = (event?: FormEvent) => {
    event?.preventDefault();
    const parsed = deleteWorkspaceConfirmation(workspace).safeParse({ confirmation: typed });
    if (!parsed.success) {
      setClientError(parsed.error.issues[0]?.message);
      return;
    }
    setClientError(undefined);
    remove.mutate({ workspaceSlug: workspace.slug, ...parsed.data });
  };

  if (remove.data) return <WorkspaceDeletionProgress deletionId={remove.data.deletionId} workspace={workspace} />;

  const fieldError = clientError ?? fieldErrorsOf(remove.error).confirmation;
  const formError = remove.error && !fieldErrorsOf(remove.error).confirmation ? errorMessageOf(remove.error) : null;

  return (
    <Card className="border-destructive/30" aria-labelledby="danger-zone-title" data-testid="danger-zone">
      <div className="flex flex-col gap-4 p-5 sm:flex-row sm:items-center sm:justify-between">
        <CardHeader className="p-0">
          <CardTitle id="danger-zone-title">Danger zone</CardTitle>
          <CardDescription>
            {canDelete
              ? "Delete this workspace with all its members, connections and synced data. This cannot be undone."
              : "Only an owner can delete this workspace."}
          </CardDescription>
        </CardHeader>
        {canDelete && (
          <Button
            variant="outline"
            className="text-destructive"
            onClick={() => {
              remove.reset();
              setTyped("");
              setClientError(undefined);
              setConfirming(true);
            }}
            data-testid="delete-workspace"
          >
            Delete workspace
          </Button>
        )}
      </div>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Delete ${workspace.name}?`}
        description={
          <ul className="list-disc space-y-1 pl-5">
            <li>Every member loses access at once, and pending invitations stop working.</li>
            <li>Connections stop syncing and their credentials are erased.</li>
            <li>Orders, products, customers, inventory, job history and the audit log are erased in the background.</li>
            <li>The address /w/{workspace.slug} becomes free for a new workspace.</li>
          </ul>
        }
        confirmLabel="Delete workspace"
        pending={remove.isPending}
        error={formError}
        onConfirm={() => onConfirm()}
      >
        <form onSubmit={onConfirm} noValidate>
          <Field
            label={
              <>
                Type <span className="font-semibold">{workspace.name}</span> to confirm
              </>
            }
            error={fieldError}
          >
            <Input
              name="confirmation"
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
              autoComplete="off"
              spellCheck={false}
              data-autofocus
              data-testid="delete-workspace-confirmation"
            />
          </Field>
        </form>
      </ConfirmDialog>
    </Card>
  );
}
