"use client";

import type { ReactNode, RefObject } from "react";
import type { ListUrl } from "./list-url-state";
import { ListPaginationFooter, type ListTotal } from "./pagination";
import { SelectionBar, useRowSelection, type RowSelection } from "./row-selection";
import { TableCard, type ListQuery } from "./table-card";
import { usePagingFocus } from "./use-paging-focus";

/** A page of a list that sorts, pages both ways and counts its rows (keysetOn's twoWay with a total). */
export type ListPage<Item extends { id: string }> = { items: Item[]; nextCursor: string | null; previousCursor: string | null; total: ListTotal };

/** What a ListTableCard hands its table: the row selection and the ref that receives focus after paging. */
export type ListTableParts = { selection: RowSelection; tableRef: RefObject<HTMLTableElement | null> };

/**
 * A list's table as a work surface, on TableCard: its position in the URL (useListUrl), "26–50 of
 * 5,000" with Previous and Next, focus and scroll on the table after paging, and row selection with
 * the bulk actions `bulk` offers for the selected ids (export the selection). Mount it keyed on
 * the filters: new filters start with nothing selected.
 */
export function ListTableCard<S extends string, Item extends { id: string }, Page extends ListPage<Item>>({
  query,
  url,
  pageSize,
  what,
  skeleton,
  empty,
  notice,
  bulk,
  children,
}: {
  query: ListQuery<Page> & { isPlaceholderData: boolean };
  url: ListUrl<S>;
  pageSize: number;
  what: string;
  skeleton: { rows: number; columns: number };
  empty: ReactNode;
  /** Above the rows, beside the selection bar (a warning about the results). */
  notice?: ReactNode;
  bulk: (ids: string[], selection: RowSelection) => ReactNode;
  children: (page: Page, parts: ListTableParts) => ReactNode;
}) {
  const { position } = url;
  const selection = useRowSelection(query.data?.items.map((item) => item.id) ?? []);
  const focus = usePagingFocus(`${position.page}:${position.after ?? position.before ?? ""}`, !query.isPlaceholderData);
  return (
    <TableCard
      query={query}
      what={what}
      skeleton={skeleton}
      empty={empty}
      notice={
        <>
          {notice}
          <SelectionBar selection={selection}>{bulk(selection.ids, selection)}</SelectionBar>
        </>
      }
      footer={
        <ListPaginationFooter
          page={position.page}
          pageSize={pageSize}
          data={query.data}
          pending={query.isPlaceholderData}
          onNext={(cursor) => {
            focus.paged();
            url.next(cursor);
          }}
          onPrevious={(cursor) => {
            focus.paged();
            url.previous(cursor);
          }}
        />
      }
    >
      {(page) => children(page, { selection, tableRef: focus.table })}
    </TableCard>
  );
}
