"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { isActiveStatus, LIVE_REFRESH_MS, liveRefetchInterval } from "@/components/jobs/job-status";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Spinner } from "@/components/ui/spinner";
import { useWorkspace } from "@/components/workspace/workspace-context";

// The workspace's connections and which of them are syncing right now. Shares its query with the
// Connections page and polls only while a sync is queued or running.
export function useSyncActivity() {
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const connections = useQuery({
    ...trpc.connection.list.queryOptions({ workspaceSlug: slug }),
    refetchInterval: (query) => liveRefetchInterval(query.state.data?.flatMap((c) => (c.lastSync ? [c.lastSync.status] : []))),
  });
  const syncing = (connections.data ?? []).flatMap((c) =>
    c.lastSync && isActiveStatus(c.lastSync.status) ? [{ connectionId: c.id, displayName: c.displayName, jobRunId: c.lastSync.jobRunId }] : [],
  );
  return { connections, syncing };
}

/**
 * How often a synced-data list re-reads its first page: while a sync runs, new rows keep arriving
 * at the top; later pages are left still so the reader does not lose their place.
 */
export function listRefetchInterval(syncing: boolean, pageNumber: number): number | false {
  return syncing && pageNumber === 1 ? LIVE_REFRESH_MS * 2 : false;
}

export function SyncInProgress({ syncing, what }: { syncing: ReturnType<typeof useSyncActivity>["syncing"]; what: string }) {
  const { slug } = useWorkspace();
  const [first] = syncing;
  if (!first) return null;
  return (
    <Alert data-testid="sync-in-progress">
      <span className="inline-flex flex-wrap items-center gap-2">
        <Spinner className="size-3.5" />
        {syncing.length === 1 ? `Syncing ${first.displayName}` : `Syncing ${syncing.length} stores`} — new {what} appear here as they are read.
        <Link href={`/w/${slug}/jobs/${first.jobRunId}`} className="font-medium underline underline-offset-4 rounded-sm focus-visible:outline-2 focus-visible:outline-ring">
          View progress
        </Link>
      </span>
    </Alert>
  );
}
