"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/components/trpc/client";
import { Button, buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { useCan, useWorkspace } from "@/components/workspace/workspace-context";

// The empty state of every synced-data list, telling the viewer what to do next: clear the
// filters, connect a store, or wait for the first sync.
export function SyncedDataEmpty({
  what,
  filtered,
  onClearFilters,
}: {
  /** Plural noun: "orders", "products". */
  what: string;
  filtered: boolean;
  onClearFilters: () => void;
}) {
  const { slug } = useWorkspace();
  const canConnect = useCan("connections.manage");
  const trpc = useTRPC();
  const connections = useQuery({ ...trpc.connection.list.queryOptions({ workspaceSlug: slug }), enabled: !filtered });

  if (filtered) {
    return (
      <EmptyState
        title={`No ${what} match these filters`}
        description="Try another search or fewer filters."
        action={
          <Button variant="outline" size="sm" onClick={onClearFilters} data-testid="empty-clear-filters">
            Clear filters
          </Button>
        }
      />
    );
  }
  if (connections.isPending) return <Skeleton className="m-6 h-24" />;
  if (connections.data?.length === 0) {
    return (
      <div data-testid="empty-no-connection">
        <EmptyState
          title={`No ${what} yet`}
          description={
            canConnect
              ? `Connect a Shopify store on the Connections page; its ${what} appear here after the first sync.`
              : `An admin of this workspace connects the Shopify store on the Connections page; its ${what} appear here after the first sync.`
          }
          action={
            <Link href={`/w/${slug}/connections`} className={buttonVariants({ size: "sm" })}>
              Go to Connections
            </Link>
          }
        />
      </div>
    );
  }
  return (
    <div data-testid="empty-not-synced">
      <EmptyState
        title={`No ${what} synced yet`}
        description="They appear here as soon as a sync has read them. Follow the syncs on the Jobs page, or start one from Connections."
        action={
          <Link href={`/w/${slug}/jobs`} className={buttonVariants({ variant: "outline", size: "sm" })}>
            View jobs
          </Link>
        }
      />
    </div>
  );
}
