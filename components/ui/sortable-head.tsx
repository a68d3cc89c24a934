import { cn } from "./cn";
import type { SortDirection } from "./list-url-state";
import { TableHead } from "./table";

/** Which column a table is sorted by, each column's natural direction, and how to sort by another (useListUrl's `table`). */
export type TableSort<S extends string> = { sort: S; dir: SortDirection; first: Record<S, SortDirection>; onSort: (sort: S, dir: SortDirection) => void };

const ARROW: Record<SortDirection, string> = { asc: "↑", desc: "↓" };

/**
 * A column header that sorts the table: a button naming the column, its state in `aria-sort` for
 * screen readers and an arrow for everyone. Pressing the sorted column turns it around; another
 * column starts in its own natural direction (newest, largest, A first).
 */
export function SortableHead<S extends string>({ label, sort, table, className }: { label: string; sort: S; table: TableSort<S>; className?: string }) {
  const active = table.sort === sort;
  const first = table.first[sort];
  const next: SortDirection = active ? (table.dir === "asc" ? "desc" : "asc") : first;
  return (
    <TableHead aria-sort={active ? (table.dir === "asc" ? "ascending" : "descending") : undefined} className={className}>
      <button
        type="button"
        onClick={() => table.onSort(sort, next)}
        className={cn(
          "inline-flex min-h-6 items-center gap-1 rounded-sm uppercase hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring",
          active && "text-foreground",
          className?.includes("text-right") && "flex-row-reverse",
        )}
        data-testid={`sort-${sort}`}
      >
        {label}
        <span aria-hidden="true" className={cn("text-[0.7rem]", !active && "opacity-0")}>
          {ARROW[active ? table.dir : first]}
        </span>
        <span className="sr-only">{active ? `, sorted ${table.dir === "asc" ? "ascending" : "descending"}` : ""}</span>
      </button>
    </TableHead>
  );
}
