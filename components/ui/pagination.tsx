import { cn } from "./cn";
import { Button } from "./button";

// Prev/Next for keyset pagination: the caller keeps the stack of cursors it has visited, since a
// keyset API can only step forward.
export function Pagination({
  hasPrevious,
  hasNext,
  onPrevious,
  onNext,
  pending = false,
  label,
  className,
}: {
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  pending?: boolean;
  label?: string;
  className?: string;
}) {
  return (
    <nav aria-label="Pagination" className={cn("flex items-center justify-between gap-2", className)}>
      <p className="text-xs text-muted-foreground">{label}</p>
      <div className="flex gap-2">
        <Button variant="outline" size="sm" onClick={onPrevious} disabled={!hasPrevious || pending} data-testid="pagination-prev">
          Previous
        </Button>
        <Button variant="outline" size="sm" onClick={onNext} disabled={!hasNext || pending} data-testid="pagination-next">
          Next
        </Button>
      </div>
    </nav>
  );
}
