"use client";

import Link from "next/link";
import { ConnectFirstEmpty } from "@/components/connections/connect-first-empty";
import { buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { FiltersMatchNothing } from "@/components/ui/filters-match-nothing";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { useWorkspace } from "@/components/workspace/workspace-context";
import { useSyncActivity } from "./sync-activity";

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
  const { connections, syncing } = useSyncActivity();

  if (filtered) return <FiltersMatchNothing what={what} hint="Try another search or fewer filters." onClearFilters={onClearFilters} />;
  if (connections.isPending) return <Skeleton className="m-6 h-24" />;
  if (connections.data?.length === 0) return <ConnectFirstEmpty testId="empty-no-connection" title={`No ${what} yet`} system="a store" what={what} />;
  const [first] = syncing;
  if (first) {
    return (
      <div data-testid="empty-syncing">
        <EmptyState
          icon={<Spinner className="size-6" />}
          title={`Syncing ${first.displayName}…`}
          description={`Its ${what} appear here as the sync reads them.`}
          action={
            <Link href={`/w/${slug}/jobs/${first.jobRunId}`} className={buttonVariants({ variant: "outline", size: "sm" })}>
              View progress
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
