import type { ReactNode } from "react";
import { errorMessageOf } from "@/components/forms/api-error";
import { tryAgainAdvice } from "@/components/trpc/retry-policy";
import { ErrorState } from "./alert";
import { Card, CardHeader, CardTitle } from "./card";
import { TableSkeleton } from "./skeleton";

/** What TableCard reads of a list's query (a TanStack Query result has all of it). */
export type ListQuery<Page> = {
  data: Page | undefined;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
};

// The card a list's table sits in, showing the state its query is in: a skeleton of the table's
// shape while the first page loads, the load error with "Try again" (or, when asking again would get
// the same answer, what to do instead), the empty state, or the rows.
// `notice` goes above them (a warning about the results), `footer` below (the PaginationFooter).
export function TableCard<Page extends { items: readonly unknown[] }>({
  query,
  what,
  skeleton,
  empty,
  title,
  notice,
  footer,
  children,
}: {
  query: ListQuery<Page>;
  /** What the list holds, for "Loading orders" and "Could not load orders". */
  what: string;
  skeleton: { rows: number; columns: number };
  empty: ReactNode;
  title?: string;
  notice?: ReactNode;
  footer?: ReactNode;
  children: (page: Page) => ReactNode;
}) {
  const { data } = query;
  const advice = query.isError ? tryAgainAdvice(query.error) : null;
  return (
    <Card>
      {title && (
        <CardHeader className="pb-5">
          <CardTitle>{title}</CardTitle>
        </CardHeader>
      )}
      {notice}
      {/* An error outranks data kept from before, as a failed refetch should be seen. */}
      {query.isError ? (
        <ErrorState
          title={`Could not load ${what}`}
          message={advice?.worthIt === false ? `${errorMessageOf(query.error)} ${advice.instead}` : errorMessageOf(query.error)}
          onRetry={advice?.worthIt === false ? undefined : () => query.refetch()}
        />
      ) : !data ? (
        <TableSkeleton rows={skeleton.rows} columns={skeleton.columns} label={`Loading ${what}`} />
      ) : data.items.length === 0 ? (
        empty
      ) : (
        children(data)
      )}
      {footer}
    </Card>
  );
}
