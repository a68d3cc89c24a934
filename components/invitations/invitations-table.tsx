"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { errorMessageOf } from "@/components/forms/api-error";
import { useTRPC } from "@/components/trpc/client";
import { ErrorState } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { RelativeDays } from "@/components/ui/time";
import { TableSkeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { RoleBadge } from "@/components/workspace/role-badge";
import { useCan, useWorkspace } from "@/components/workspace/workspace-context";

type Pending = { id: string; email: string };

export function InvitationsTable() {
  const { slug } = useWorkspace();
  const canResend = useCan("invitations.resend");
  const canRevoke = useCan("invitations.revoke");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [revoking, setRevoking] = useState<Pending | null>(null);
  // Revoking takes the row, and its button, away: focus goes to the invitations' card instead of the
  // page body. Runs after the mutation's own onSuccess. (Resend keeps its row and its focused button.)
  const card = useRef<HTMLElement>(null);
  const focusCard = () => card.current?.focus();

  const invitations = useQuery(trpc.invitation.list.queryOptions({ workspaceSlug: slug }));
  const refreshList = () => queryClient.invalidateQueries({ queryKey: trpc.invitation.list.pathKey() });

  const resend = useMutation(
    trpc.invitation.resend.mutationOptions({
      onSuccess: async (invitation) => {
        toast(`Invitation resent to ${invitation.email}`);
        await refreshList();
      },
      onError: (error) => toast(errorMessageOf(error), "error"),
    }),
  );
  const revoke = useMutation(
    trpc.invitation.revoke.mutationOptions({
      onSuccess: async () => {
        toast(`Invitation to ${revoking?.email ?? "teammate"} revoked`);
        setRevoking(null);
        await refreshList();
      },
    }),
  );

  return (
    <Card ref={card} tabIndex={-1} aria-label="Pending invitations" className="focus-visible:outline-2 focus-visible:outline-ring">
      <CardHeader className="pb-4">
        <CardTitle>Pending invitations</CardTitle>
        <CardDescription>Invitations that have not been accepted yet.</CardDescription>
      </CardHeader>
      {invitations.isPending ? (
        <TableSkeleton rows={2} columns={4} label="Loading invitations" />
      ) : invitations.isError ? (
        <ErrorState
          title="Could not load invitations"
          message={errorMessageOf(invitations.error)}
          onRetry={() => invitations.refetch()}
        />
      ) : invitations.data.length === 0 ? (
        <EmptyState
          title="No pending invitations"
          description="Invite teammates with the form above; they appear here until they accept."
          className="border-t"
        />
      ) : (
        <Table data-testid="invitations-table">
          <TableCaption>Pending invitations</TableCaption>
          <TableHeader className="border-t">
            <TableRow>
              <TableHead>Email</TableHead>
              <TableHead>Role</TableHead>
              <TableHead className="hidden md:table-cell">Invited by</TableHead>
              <TableHead>Expires</TableHead>
              <TableHead>
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {invitations.data.map((invitation) => {
              const resending = resend.isPending && resend.variables.invitationId === invitation.id;
              return (
                <TableRow key={invitation.id} data-testid="pending-invitation-row" data-email={invitation.email}>
                  <TableCell className="font-medium">{invitation.email}</TableCell>
                  <TableCell>
                    <RoleBadge role={invitation.role} />
                  </TableCell>
                  <TableCell className="hidden text-muted-foreground md:table-cell">
                    {invitation.invitedBy?.name ?? invitation.invitedBy?.email ?? "—"}
                  </TableCell>
                  <TableCell>
                    {invitation.expired ? (
                      <Badge variant="warning">Expired</Badge>
                    ) : (
                      <span className="text-muted-foreground">
                        <RelativeDays value={invitation.expiresAt} />
                      </span>
                    )}
                  </TableCell>
                  <TableCell>
                    <div className="flex justify-end gap-1">
                      {canResend && (
                        <Button
                          variant="ghost"
                          size="sm"
                          loading={resending}
                          onClick={() => resend.mutate({ workspaceSlug: slug, invitationId: invitation.id })}
                          aria-label={`Resend invitation to ${invitation.email}`}
                          data-testid="invitation-resend"
                        >
                          Resend
                        </Button>
                      )}
                      {canRevoke && (
                        <Button
                          variant="ghost"
                          size="sm"
                          className="text-destructive hover:bg-destructive-soft"
                          onClick={() => {
                            revoke.reset();
                            setRevoking({ id: invitation.id, email: invitation.email });
                          }}
                          aria-label={`Revoke invitation to ${invitation.email}`}
                          data-testid="invitation-revoke"
                        >
                          Revoke
                        </Button>
                      )}
                    </div>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
      <ConfirmDialog
        open={revoking !== null}
        onOpenChange={(open) => !open && setRevoking(null)}
        title="Revoke invitation?"
        description={
          revoking && (
            <>
              The link sent to <span className="font-medium text-foreground">{revoking.email}</span> will stop working.
            </>
          )
        }
        confirmLabel="Revoke invitation"
        pending={revoke.isPending}
        error={revoke.error ? errorMessageOf(revoke.error) : null}
        onConfirm={() => revoking && revoke.mutate({ workspaceSlug: slug, invitationId: revoking.id }, { onSuccess: focusCard })}
      />
    </Card>
  );
}
