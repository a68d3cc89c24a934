"use client";

import { useQuery } from "@tanstack/react-query";
import { errorMessageOf } from "@/components/forms/api-error";
import { liveRefetchInterval } from "@/components/jobs/job-status";
import { useTRPC } from "@/components/trpc/client";
import { Alert, ErrorState } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { TableSkeleton } from "@/components/ui/skeleton";
import { useCan, useWorkspace } from "@/components/workspace/workspace-context";
import { ConnectProviderPicker } from "./connect-provider-picker";
import { ConnectionCard } from "./connection-card";

/** `connect`: the provider to preselect in the picker (a reconnect link names it). */
export function ConnectionsList({ justConnected, connect }: { justConnected?: string; connect?: string }) {
  const { slug } = useWorkspace();
  const canManage = useCan("connections.manage");
  const trpc = useTRPC();
  const connections = useQuery({
    ...trpc.connection.list.queryOptions({ workspaceSlug: slug }),
    // Polls while a sync is queued or running, so the latest run's status moves by itself.
    refetchInterval: (query) => liveRefetchInterval(query.state.data?.flatMap((c) => (c.lastSync ? [c.lastSync.status] : []))),
  });

  return (
    <div className="grid gap-6">
      {justConnected && (
        <Alert variant="success" data-testid="connection-installed">
          {justConnected} is connected. Its first sync has started: follow it under Latest run.
        </Alert>
      )}
      {connections.isPending ? (
        <Card>
          <TableSkeleton rows={3} columns={3} label="Loading connections" />
        </Card>
      ) : connections.isError ? (
        <Card>
          <ErrorState title="Could not load connections" message={errorMessageOf(connections.error)} onRetry={() => connections.refetch()} />
        </Card>
      ) : connections.data.length === 0 ? (
        <Card>
          <EmptyState
            title="No connections yet"
            description={canManage ? "Connect a provider below to start syncing your orders, products, customers and inventory." : "An admin of this workspace can connect your accounts."}
          />
        </Card>
      ) : (
        <ul className="grid gap-4" aria-label="Connections">
          {connections.data.map((connection) => (
            <li key={connection.id}>
              <ConnectionCard connection={connection} />
            </li>
          ))}
        </ul>
      )}
      {canManage && <ConnectProviderPicker initial={connect} />}
    </div>
  );
}
