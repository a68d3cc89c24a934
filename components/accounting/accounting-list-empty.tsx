"use client";

import { ConnectFirstEmpty } from "@/components/connections/connect-first-empty";
import { EmptyState } from "@/components/ui/empty-state";
import { FiltersMatchNothing } from "@/components/ui/filters-match-nothing";

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
  if (!hasAccountingConnection) {
    return <ConnectFirstEmpty testId="empty-no-accounting-connection" title="No accounting system connected" system="your accounting system" what={what} />;
  }
  if (filtered) return <FiltersMatchNothing what={what} hint="Try another search or clear the filters." onClearFilters={onClearFilters} />;
  return <EmptyState title={`No ${what} yet`} description={`${what.charAt(0).toUpperCase()}${what.slice(1)} appear here as soon as a sync of your accounting system has read them.`} />;
}
