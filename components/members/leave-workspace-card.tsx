"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { errorMessageOf } from "@/components/forms/api-error";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useWorkspace } from "@/components/workspace/workspace-context";
import { mayLeave } from "./member-actions";

export function LeaveWorkspaceCard() {
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  // The members table's first page (the same query, so no second request) carries the owner count.
  const members = useQuery(trpc.member.list.queryOptions({ workspaceSlug: workspace.slug }));
  const leave = useMutation(
    trpc.member.leave.mutationOptions({
      // "/" sends the user to another workspace, or to onboarding when none is left.
      onSuccess: () => {
        router.push("/");
        router.refresh();
      },
    }),
  );

  // Until the count arrives, an owner is not offered what the server may refuse.
  const canLeave = members.data ? mayLeave(workspace.role, members.data.ownerCount) : workspace.role !== "OWNER";

  return (
    <Card className="border-destructive/30">
      <div className="flex flex-col gap-4 p-5 sm:flex-row sm:items-center sm:justify-between">
        <CardHeader className="p-0">
          <CardTitle>Leave workspace</CardTitle>
          <CardDescription data-testid="leave-workspace-description">
            {canLeave
              ? `You will lose access to ${workspace.name} until someone invites you again.`
              : "You are the only owner, so you cannot leave. Make another member an owner first, or delete the workspace in General settings."}
          </CardDescription>
        </CardHeader>
        {canLeave && (
          <Button
            variant="outline"
            className="text-destructive"
            onClick={() => {
              leave.reset();
              setConfirming(true);
            }}
            data-testid="leave-workspace"
          >
            Leave workspace
          </Button>
        )}
      </div>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Leave ${workspace.name}?`}
        description="You will lose access immediately."
        confirmLabel="Leave workspace"
        pending={leave.isPending || leave.isSuccess}
        error={leave.error ? errorMessageOf(leave.error) : null}
        onConfirm={() => leave.mutate({ workspaceSlug: workspace.slug })}
      />
    </Card>
  );
}
