"use client";

import Link from "next/link";
import { Button, buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { useCan, useWorkspace } from "@/components/workspace/workspace-context";

// The empty state of a list of a 3PL's records (shipments, returns, receiving orders): no 3PL
// connected (say where to connect one), nothing matching the filters, or nothing synced yet.
export function FulfilmentListEmpty({
  what,
  filtered,
  filteredHint,
  hasFulfilmentConnection,
  onClearFilters,
}: {
  /** Plural, lower case: "shipments". */
  what: string;
  filtered: boolean;
  /** What else to try: "Try another search or another status." */
  filteredHint: string;
  hasFulfilmentConnection: boolean;
  onClearFilters: () => void;
}) {
  const { slug } = useWorkspace();
  const canConnect = useCan("connections.manage");
  if (!hasFulfilmentConnection) {
    return (
      <div data-testid="empty-no-fulfilment-connection">
        <EmptyState
          title="No 3PL connected"
          description={
            canConnect
              ? `Connect a fulfilment provider (3PL) on the Connections page; its ${what} appear here after the first sync.`
              : `An admin of this workspace connects a fulfilment provider (3PL) on the Connections page; its ${what} appear here after the first sync.`
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
  if (filtered) {
    return (
      <EmptyState
        title={`No ${what} match these filters`}
        description={filteredHint}
        action={
          <Button variant="outline" size="sm" onClick={onClearFilters} data-testid="empty-clear-filters">
            Clear filters
          </Button>
        }
      />
    );
  }
  return <EmptyState title={`No ${what} yet`} description={`${what.charAt(0).toUpperCase()}${what.slice(1)} appear here as soon as a sync of your 3PL has read them.`} />;
}
