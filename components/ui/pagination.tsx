"use client";

import { Button } from "./button";
import { cn } from "./cn";
import { useFormats } from "./formats";
import type { CursorPages } from "./use-cursor-pages";

// Prev/Next for keyset pagination: the caller knows where each leads (a stack of visited cursors
// for a list that pages forward only, the service's previous cursor for one that pages both ways).
// The label is a live region, so the new page is announced.
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

/** A list's total as its service counts it: exact up to a cap, a lower bound beyond. */
export type ListTotal = { count: number; exact: boolean };

/** "26–50 of 5,000" (or "of 10,000+" beyond the count's cap); "No rows" for an empty page. */
export function rangeLabel({ page, pageSize, shown, total, locale }: { page: number; pageSize: number; shown: number; total: ListTotal; locale: string }): string {
  const number = (n: number) => n.toLocaleString(locale);
  if (shown === 0) return "No rows";
  const first = (page - 1) * pageSize + 1;
  // Rows added or removed since the first page can make the numbering and the count disagree.
  const of = total.exact ? number(Math.max(total.count, first + shown - 1)) : `${number(total.count)}+`;
  return `${number(first)}–${number(first + shown - 1)} of ${of}`;
}

/**
 * The pager of a list whose position lives in the URL (useListUrl) and whose service pages both
 * ways and counts its rows: the range shown out of the total, Previous and Next.
 */
export function ListPaginationFooter({
  page,
  pageSize,
  data,
  onNext,
  onPrevious,
  pending,
}: {
  page: number;
  pageSize: number;
  data: { items: readonly unknown[]; nextCursor: string | null; previousCursor: string | null; total: ListTotal } | undefined;
  onNext: (cursor: string) => void;
  onPrevious: (cursor: string) => void;
  pending: boolean;
}) {
  const { locale } = useFormats();
  if (!data || data.items.length === 0) return null;
  const { nextCursor, previousCursor } = data;
  return (
    <Pagination
      className="border-t px-4 py-3"
      label={rangeLabel({ page, pageSize, shown: data.items.length, total: data.total, locale })}
      hasPrevious={Boolean(previousCursor)}
      hasNext={Boolean(nextCursor)}
      onPrevious={() => previousCursor && onPrevious(previousCursor)}
      onNext={() => nextCursor && onNext(nextCursor)}
      pending={pending}
    />
  );
}
