"use client";

import { ConnectFirstEmpty } from "@/components/connections/connect-first-empty";
import { EmptyState } from "@/components/ui/empty-state";
import { FiltersMatchNothing } from "@/components/ui/filters-match-nothing";

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
  if (!hasFulfilmentConnection) {
    return <ConnectFirstEmpty testId="empty-no-fulfilment-connection" title="No 3PL connected" system="a fulfilment provider (3PL)" what={what} />;
  }
  if (filtered) return <FiltersMatchNothing what={what} hint={filteredHint} onClearFilters={onClearFilters} />;
  return <EmptyState title={`No ${what} yet`} description={`${what.charAt(0).toUpperCase()}${what.slice(1)} appear here as soon as a sync of your 3PL has read them.`} />;
}
