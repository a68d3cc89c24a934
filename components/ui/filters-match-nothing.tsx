import { Button } from "./button";
import { EmptyState } from "./empty-state";

/** A filtered list's empty state: nothing matches, with what else to try and a way to clear the filters. */
export function FiltersMatchNothing({ what, hint, onClearFilters }: { what: string; hint: string; onClearFilters: () => void }) {
  return (
    <EmptyState
      title={`No ${what} match these filters`}
      description={hint}
      action={
        <Button variant="outline" size="sm" onClick={onClearFilters} data-testid="empty-clear-filters">
          Clear filters
        </Button>
      }
    />
  );
}
