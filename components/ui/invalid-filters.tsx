import type { InputErrors } from "@/components/forms/input-errors";
import { Button } from "./button";
import { Card } from "./card";
import { EmptyState } from "./empty-state";

/**
 * In place of a list whose filters its own schema refuses (a range running backwards): nothing was
 * asked of the server. Says what is wrong (the field itself is marked on the filter bar).
 */
export function InvalidFilters({ what, errors, onClearFilters }: { what: string; errors: InputErrors; onClearFilters: () => void }) {
  return (
    <Card data-testid="invalid-filters">
      <EmptyState
        title={`Fix the filters to see ${what}`}
        description={Object.values(errors)[0]}
        action={
          <Button variant="outline" size="sm" onClick={onClearFilters}>
            Clear filters
          </Button>
        }
      />
    </Card>
  );
}
