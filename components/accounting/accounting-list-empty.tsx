"use client";

import Link from "next/link";
import { Button, buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { useCan, useWorkspace } from "@/components/workspace/workspace-context";

// The empty state of an accounting list: no accounting system connected (say where to connect
// one), nothing matching the filters, or nothing synced yet.
export function AccountingListEmpty({
  what,
  filtered,
  hasAccountingConnection,
  onClearFilters,
}: {
  /** Plural, lower case: "invoices". */
  what: string;
  filtered: boolean;
  hasAccountingConnection: boolean;
  onClearFilters: () => void;
}) {
  const { slug } = useWorkspace();
  const canConnect = useCan("connections.manage");
  if (!hasAccountingConnection) {
    return (
      <div data-testid="empty-no-accounting-connection">
        <EmptyState
          title="No accounting system connected"
          description={`${canConnect ? "Connect" : "An admin of this workspace connects"} your accounting system on the Connections page; its ${what} appear here after the first sync.`}
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
        description="Try another search or clear the filters."
        action={
          <Button variant="outline" size="sm" onClick={onClearFilters} data-testid="empty-clear-filters">
            Clear filters
          </Button>
        }
      />
    );
  }
  return <EmptyState title={`No ${what} yet`} description={`${what.charAt(0).toUpperCase()}${what.slice(1)} appear here as soon as a sync of your accounting system has read them.`} />;
}
