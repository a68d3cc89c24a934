"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { errorMessageOf } from "@/components/forms/api-error";
import { useTRPC } from "@/components/trpc/client";
import { ErrorState } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Pagination } from "@/components/ui/pagination";
import { Select } from "@/components/ui/select";
import { TableSkeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { useCursorPages } from "@/components/ui/use-cursor-pages";
import { ROLE_OPTIONS, RoleBadge } from "@/components/workspace/role-badge";
import { useCurrentUser, useWorkspace } from "@/components/workspace/workspace-context";
import type { Role } from "@/server/generated/prisma/enums";
import { memberActions } from "./member-actions";
import { Time } from "@/components/ui/time";

type Member = { membershipId: string; userId: string; name: string | null; email: string; role: Role; joinedAt: Date };

export function MembersTable() {
  const { slug, role } = useWorkspace();
  const me = useCurrentUser();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const pages = useCursorPages();
  const [removing, setRemoving] = useState<Member | null>(null);
  const [transferringTo, setTransferringTo] = useState<Member | null>(null);
  // Removing a member or handing them ownership takes away the button that was pressed (and the
  // dialog gives focus back to it): focus goes to the members' table instead of the page body.
  const tableCard = useRef<HTMLElement>(null);
  // Runs after the mutation's own onSuccess (the list refreshed).
  const focusTable = () => tableCard.current?.focus();

  const members = useQuery({
    ...trpc.member.list.queryOptions({ workspaceSlug: slug, cursor: pages.cursor }),
    placeholderData: keepPreviousData,
  });
  const refreshList = () => queryClient.invalidateQueries({ queryKey: trpc.member.list.pathKey() });

  const updateRole = useMutation(
    trpc.member.updateRole.mutationOptions({
      onSuccess: async (_, { membershipId }) => {
        toast("Role updated");
        await refreshList();
        // Changing your own role changes what this page may show.
        if (members.data?.items.some((m) => m.membershipId === membershipId && m.userId === me.id)) router.refresh();
      },
      onError: (error) => toast(errorMessageOf(error), "error"),
    }),
  );

  const remove = useMutation(
    trpc.member.remove.mutationOptions({
      onSuccess: async () => {
        toast(`${removing?.name ?? removing?.email ?? "Member"} was removed`);
        setRemoving(null);
        await refreshList();
      },
    }),
  );

  const transfer = useMutation(
    trpc.member.transferOwnership.mutationOptions({
      onSuccess: async () => {
        toast(`${transferringTo?.name ?? transferringTo?.email ?? "The member"} is now an owner, and you are an admin`);
        setTransferringTo(null);
        await refreshList();
        // Your own role changed, and with it what this page may show.
        router.refresh();
      },
    }),
  );

  if (members.isPending) {
    return (
      <Card>
        <TableSkeleton rows={3} columns={4} label="Loading members" />
      </Card>
    );
  }
  if (members.isError) {
    return (
      <Card>
        <ErrorState title="Could not load members" message={errorMessageOf(members.error)} onRetry={() => members.refetch()} />
      </Card>
    );
  }

  const { items, nextCursor, ownerCount } = members.data;

  return (
    <Card ref={tableCard} tabIndex={-1} aria-label="Workspace members" className="focus-visible:outline-2 focus-visible:outline-ring">
      {items.length === 0 ? (
        <EmptyState title="No members on this page" />
      ) : (
        <Table data-testid="members-table">
          <TableCaption>Workspace members</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>Member</TableHead>
              <TableHead>Role</TableHead>
              <TableHead className="hidden sm:table-cell">Joined</TableHead>
              <TableHead>
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {items.map((member) => {
              const isMe = member.userId === me.id;
              const actions = memberActions({ callerRole: role, target: member, isMe, ownerCount });
              const pendingRole =
                updateRole.isPending && updateRole.variables.membershipId === member.membershipId ? updateRole.variables.role : null;
              return (
                <TableRow key={member.membershipId} data-testid="member-row" data-email={member.email}>
                  <TableCell>
                    <div className="flex items-center gap-2">
                      <span className="font-medium">{member.name ?? member.email}</span>
                      {isMe && <Badge variant="outline">You</Badge>}
                    </div>
                    {member.name && <div className="text-xs text-muted-foreground">{member.email}</div>}
                  </TableCell>
                  <TableCell>
                    {actions.roles.length > 0 ? (
                      <Select
                        aria-label={`Role of ${member.name ?? member.email}`}
                        data-testid="member-role-select"
                        className="w-32"
                        value={pendingRole ?? member.role}
                        // Busy rather than disabled while saving: a disabled select drops focus to the page body.
                        aria-busy={pendingRole !== null || undefined}
                        onChange={(event) =>
                          updateRole.mutate({
                            workspaceSlug: slug,
                            membershipId: member.membershipId,
                            role: event.target.value as Role,
                          })
                        }
                      >
                        {ROLE_OPTIONS.filter((option) => actions.roles.includes(option.value)).map((option) => (
                          <option key={option.value} value={option.value}>
                            {option.label}
                          </option>
                        ))}
                      </Select>
                    ) : (
                      <div className="grid justify-items-start gap-1">
                        <RoleBadge role={member.role} />
                        {actions.lockedBecause && (
                          <span className="max-w-56 text-xs text-muted-foreground" data-testid="member-role-locked">
                            {actions.lockedBecause}
                          </span>
                        )}
                      </div>
                    )}
                  </TableCell>
                  <TableCell className="hidden text-muted-foreground sm:table-cell"><Time value={member.joinedAt} date /></TableCell>
                  <TableCell className="text-right">
                    {actions.transferOwnership && (
                      <Button
                        variant="ghost"
                        size="sm"
                        aria-label={`Transfer ownership to ${member.name ?? member.email}`}
                        onClick={() => {
                          transfer.reset();
                          setTransferringTo(member);
                        }}
                        data-testid="member-transfer-ownership"
                      >
                        Transfer ownership
                      </Button>
                    )}
                    {actions.remove && (
                      <Button
                        variant="ghost"
                        size="sm"
                        className="text-destructive hover:bg-destructive-soft"
                        onClick={() => {
                          remove.reset();
                          setRemoving(member);
                        }}
                        data-testid="member-remove"
                      >
                        Remove
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
      {(pages.hasPrevious || nextCursor) && (
        <Pagination
          className="border-t px-4 py-3"
          label={`Page ${pages.pageNumber}`}
          hasPrevious={pages.hasPrevious}
          hasNext={Boolean(nextCursor)}
          onPrevious={pages.previous}
          onNext={() => nextCursor && pages.next(nextCursor)}
          pending={members.isPlaceholderData}
        />
      )}
      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(open) => !open && setRemoving(null)}
        title="Remove member?"
        description={
          removing && (
            <>
              <span className="font-medium text-foreground">{removing.name ?? removing.email}</span> will lose access to this
              workspace immediately. You can invite them again later.
            </>
          )
        }
        confirmLabel="Remove member"
        pending={remove.isPending}
        error={remove.error ? errorMessageOf(remove.error) : null}
        onConfirm={() => removing && remove.mutate({ workspaceSlug: slug, membershipId: removing.membershipId }, { onSuccess: focusTable })}
      />
      <ConfirmDialog
        open={transferringTo !== null}
        onOpenChange={(open) => !open && setTransferringTo(null)}
        title="Transfer ownership?"
        description={
          transferringTo && (
            <>
              <span className="font-medium text-foreground">{transferringTo.name ?? transferringTo.email}</span> becomes an owner
              of this workspace and you become an admin. Only an owner can make you an owner again.
            </>
          )
        }
        confirmLabel="Transfer ownership"
        pending={transfer.isPending}
        error={transfer.error ? errorMessageOf(transfer.error) : null}
        onConfirm={() => transferringTo && transfer.mutate({ workspaceSlug: slug, membershipId: transferringTo.membershipId }, { onSuccess: focusTable })}
      />
    </Card>
  );
}
