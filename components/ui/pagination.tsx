import { Button } from "./button";
import { cn } from "./cn";
import type { CursorPages } from "./use-cursor-pages";

// Prev/Next for keyset pagination: the caller keeps the stack of cursors it has visited, since a
// keyset API can only step forward. The label is a live region, so the new page is announced.
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
      <p className="text-xs text-muted-foreground" aria-live="polite">
        {label}
      </p>
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

/**
 * The pager at the foot of a TableCard, for a list read through useCursorPages: nothing while the
 * list fits on one page. `pending` (the next page is loading) holds both buttons.
 */
export function PaginationFooter({ pages, nextCursor, pending }: { pages: CursorPages; nextCursor: string | null | undefined; pending: boolean }) {
  if (!pages.hasPrevious && !nextCursor) return null;
  return (
    <Pagination
      className="border-t px-4 py-3"
      label={`Page ${pages.pageNumber}`}
      hasPrevious={pages.hasPrevious}
      hasNext={Boolean(nextCursor)}
      onPrevious={pages.previous}
      onNext={() => nextCursor && pages.next(nextCursor)}
      pending={pending}
    />
  );
}
