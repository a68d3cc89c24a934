"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRef, useState } from "react";
import { errorMessageOf } from "@/components/forms/api-error";
import { JobStatusBadge } from "@/components/jobs/job-status-badge";
import { SyncWaitNotice } from "@/components/jobs/sync-wait-notice";
import { useNow } from "@/components/ui/use-now";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useFormat, useFormats } from "@/components/ui/formats";
import { Time } from "@/components/ui/time";
import { DateTimeOrDash } from "@/components/ui/fact";
import { Select } from "@/components/ui/select";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { useCan, useWorkspace } from "@/components/workspace/workspace-context";
import type { AppRouter } from "@/server/api/root";
import type { ConnectionStatus } from "@/server/generated/prisma/enums";
import { SYNC_FREQUENCIES_MINUTES, type SyncFrequencyMinutes } from "@/server/services/connections/schema";
import type { inferRouterOutputs } from "@trpc/server";
import { FREQUENCY_LABELS, connectionStatusBadge } from "./connection-status";
import { GrantAccess } from "./grant-access";
import { requestBudgetLine } from "./request-budget";

type ConnectionItem = inferRouterOutputs<AppRouter>["connection"]["list"][number];
type StreamItem = ConnectionItem["streams"][number];

// What each stream last did: a skipped stream (a scope the store did not grant) must be visible,
// or its data would silently be missing.
function StreamStates({ streams }: { streams: StreamItem[] }) {
  const format = useFormat();
  return (
    <Table data-testid="connection-streams" className="text-sm">
      <TableCaption className="sr-only">Sync state of each data stream</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHead>Data</TableHead>
          <TableHead>State</TableHead>
          <TableHead className="text-right">Records read</TableHead>
          <TableHead className="hidden sm:table-cell">Last run</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {streams.map((stream) => (
          <TableRow key={stream.stream} data-testid="connection-stream" data-stream={stream.stream} data-warning={stream.warning ? "true" : undefined}>
            <TableCell className="font-medium">{stream.label}</TableCell>
            <TableCell>
              {stream.warning ? (
                <span className="text-destructive">Skipped: {stream.warning}</span>
              ) : stream.backfilling ? (
                "Backfilling"
              ) : (
                <span className="text-muted-foreground">Up to date</span>
              )}
            </TableCell>
            <TableCell className="text-right tabular-nums">{format.quantity(stream.recordsRead)}</TableCell>
            <TableCell className="hidden text-muted-foreground sm:table-cell">
              <DateTimeOrDash value={stream.lastRunAt} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

const SYNCING: ConnectionStatus[] = ["ACTIVE", "ERROR"];

// How much of the provider's request allowance the connection's account has used in each window.
function RequestBudget({ windows }: { windows: NonNullable<ConnectionItem["requests"]> }) {
  const now = useNow(false);
  const formats = useFormats();
  if (!now) return null;
  return (
    <ul className="grid gap-0.5 text-muted-foreground" data-testid="connection-requests">
      {windows.map((window) => (
        <li key={window.seconds}>{requestBudgetLine(window, now, formats)}</li>
      ))}
    </ul>
  );
}

export function ConnectionCard({ connection }: { connection: ConnectionItem }) {
  const { slug } = useWorkspace();
  const canManage = useCan("connections.manage");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [confirmDisconnect, setConfirmDisconnect] = useState(false);
  const status = connection.status as ConnectionStatus;
  const badge = connectionStatusBadge(status);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.connection.list.queryKey({ workspaceSlug: slug }) });
  const input = { workspaceSlug: slug, connectionId: connection.id };

  const syncNow = useMutation(
    trpc.connection.syncNow.mutationOptions({
      onSuccess: ({ coalesced }) => {
        toast(coalesced ? "A sync is already on its way" : "Sync queued");
        void refresh();
      },
    }),
  );
  const setPaused = useMutation(trpc.connection.setPaused.mutationOptions({ onSuccess: () => void refresh() }));
  // Pausing asks nothing first: the toast offers Undo (a resume, audited like the pause). Focus
  // stays on the Pause/Resume button (a busy button keeps it), and returns there from Undo.
  const pauseButton = useRef<HTMLButtonElement>(null);
  const togglePaused = () => {
    const paused = status !== "PAUSED";
    setPaused.mutate({ ...input, paused }, { onSuccess: () => paused && offerUndo() });
  };
  const offerUndo = () =>
    toast(`${connection.displayName} is paused: no syncs run until it is resumed`, "success", {
      label: "Undo",
      onAction: () => {
        pauseButton.current?.focus();
        setPaused.mutate({ ...input, paused: false });
      },
    });
  const setFrequency = useMutation(
    trpc.connection.setFrequency.mutationOptions({
      onSuccess: () => {
        toast("Sync frequency saved");
        void refresh();
      },
    }),
  );
  const disconnect = useMutation(
    trpc.connection.disconnect.mutationOptions({
      onSuccess: () => {
        setConfirmDisconnect(false);
        toast("Connection disconnected");
        void refresh();
      },
    }),
  );
  const failed = [syncNow, setPaused, setFrequency].find((mutation) => mutation.isError);

  return (
    <Card id={`connection-${connection.id}`} data-testid="connection-card" data-connection-id={connection.id} data-status={status}>
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-3">
        <div className="grid gap-1">
          <CardTitle>{connection.displayName}</CardTitle>
          <p className="text-sm text-muted-foreground">{connection.providerName}</p>
        </div>
        <Badge variant={badge.variant} title={badge.help} data-testid="connection-status">
          {badge.label}
        </Badge>
      </CardHeader>
      <CardContent className="grid gap-3 text-sm">
        <p className="text-muted-foreground">{badge.help}</p>
        <dl className="grid grid-cols-1 gap-3 sm:grid-cols-3">
          <div>
            <dt className="text-xs text-muted-foreground">Last successful sync</dt>
            <dd data-testid="connection-last-synced">{connection.lastSyncedAt ? <Time value={connection.lastSyncedAt} /> : "Never"}</dd>
          </div>
          <div>
            <dt className="text-xs text-muted-foreground">Latest run</dt>
            <dd>
              {connection.lastSync ? (
                <Link href={`/w/${slug}/jobs/${connection.lastSync.jobRunId}`} className="inline-flex min-h-6 items-center gap-2 underline-offset-4 hover:underline" data-testid="connection-last-run">
                  <JobStatusBadge status={connection.lastSync.status} />
                  <Time value={connection.lastSync.queuedAt} />
                </Link>
              ) : (
                <span className="text-muted-foreground">None yet</span>
              )}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-muted-foreground">Schedule</dt>
            <dd>
              {canManage && status !== "DISCONNECTED" ? (
                <Select
                  aria-label={`Sync frequency of ${connection.displayName}`}
                  value={connection.syncFrequencyMinutes}
                  disabled={setFrequency.isPending}
                  onChange={(event) =>
                    setFrequency.mutate({ ...input, syncFrequencyMinutes: Number(event.target.value) as SyncFrequencyMinutes })
                  }
                  data-testid="connection-frequency"
                >
                  {SYNC_FREQUENCIES_MINUTES.map((minutes) => (
                    <option key={minutes} value={minutes}>
                      {FREQUENCY_LABELS[minutes]}
                    </option>
                  ))}
                </Select>
              ) : (
                (FREQUENCY_LABELS[connection.syncFrequencyMinutes] ?? `Every ${connection.syncFrequencyMinutes} minutes`)
              )}
            </dd>
          </div>
        </dl>
        {canManage && connection.grantAccess && <GrantAccess providerName={connection.providerName} grant={connection.grantAccess} />}
        {connection.waiting && <SyncWaitNotice wait={connection.waiting} />}
        {connection.requests && <RequestBudget windows={connection.requests} />}
        {connection.streams.length > 0 && <StreamStates streams={connection.streams} />}
        {failed && <Alert variant="error">{errorMessageOf(failed.error)}</Alert>}
      </CardContent>
      {canManage && status !== "DISCONNECTED" && (
        <CardFooter className="flex flex-wrap gap-2 border-t">
          {SYNCING.includes(status) && (
            <Button size="sm" onClick={() => syncNow.mutate(input)} loading={syncNow.isPending} data-testid="connection-sync-now">
              Sync now
            </Button>
          )}
          {(SYNCING.includes(status) || status === "PAUSED") && (
            <Button
              ref={pauseButton}
              size="sm"
              variant="outline"
              onClick={togglePaused}
              loading={setPaused.isPending}
              data-testid="connection-pause"
            >
              {status === "PAUSED" ? "Resume" : "Pause"}
            </Button>
          )}
          <Button
            size="sm"
            variant="ghost"
            className="text-destructive sm:ml-auto"
            onClick={() => {
              disconnect.reset();
              setConfirmDisconnect(true);
            }}
            data-testid="connection-disconnect"
          >
            Disconnect
          </Button>
          <ConfirmDialog
            open={confirmDisconnect}
            onOpenChange={setConfirmDisconnect}
            title={`Disconnect ${connection.displayName}?`}
            description="Syncing stops and the stored credentials are erased. Data already synced stays in Meridian. You can connect the account again at any time."
            confirmLabel="Disconnect"
            pending={disconnect.isPending}
            error={disconnect.isError ? errorMessageOf(disconnect.error) : null}
            onConfirm={() => disconnect.mutate(input)}
          />
        </CardFooter>
      )}
    </Card>
  );
}
