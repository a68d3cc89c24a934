"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { inputErrors } from "@/components/forms/input-errors";
import { useTRPC } from "@/components/trpc/client";
import { InvalidFilters } from "@/components/ui/invalid-filters";
import { ListTableCard } from "@/components/ui/list-table-card";
import { positionQuery, useListUrl, type ListUrl } from "@/components/ui/list-url-state";
import { hasFilters } from "@/components/ui/url-filters";
import { useWorkspace } from "@/components/workspace/workspace-context";
import { findOrdersInput, ORDER_PAGE_SIZE, ORDER_SORTS, type OrderSort } from "@/server/services/orders/schema";
import { OrderFiltersBar } from "./order-filters-bar";
import { orderFiltersToQuery, orderFiltersToSearch, readOrderFilters, type OrderFilters } from "./order-filters";
import { OrdersTable } from "./orders-table";
import { listRefetchInterval, SyncInProgress, useSyncActivity } from "./sync-activity";
import { SyncedDataEmpty } from "./synced-data-empty";
import { ExportMenu } from "@/components/exports/export-menu";
import { SavedViewsMenu } from "@/components/saved-views/saved-views-menu";

const SORT_CAPTIONS: Record<OrderSort, Record<"asc" | "desc", string>> = {
  date: { desc: "newest first", asc: "oldest first" },
  total: { desc: "largest total first", asc: "smallest total first" },
  number: { desc: "highest number first", asc: "lowest number first" },
};

// The Orders page: filters, sort and page kept in the URL, and the orders for them.
export function OrdersList() {
  const { filters, rejected } = readOrderFilters(useSearchParams());
  const url = useListUrl(ORDER_SORTS, "date");
  const { timeZone } = useWorkspace();
  const { connections, syncing } = useSyncActivity();
  // Checked here as the server would: a range running backwards is marked, and not sent.
  const errors = inputErrors(findOrdersInput, orderFiltersToQuery(filters, timeZone));

  const applyFilters = (next: OrderFilters) => url.applyFilters(orderFiltersToSearch(next));

  return (
    <div className="flex flex-col gap-4">
      <div className="flex justify-end gap-2">
        <SavedViewsMenu list="orders" current={url.viewQuery()} apply={url.applyView} />
        <ExportMenu list="orders" what="orders" filters={orderFiltersToQuery(filters, timeZone)} invalid={errors} />
      </div>
      <OrderFiltersBar filters={filters} rejected={[...rejected, ...url.rejected]} errors={errors} connections={connections.data} onChange={applyFilters} />
      <SyncInProgress syncing={syncing} what="orders" />
      {/* Keyed on the filters: new filters start again, with nothing selected. */}
      {errors ? (
        <InvalidFilters what="orders" errors={errors} onClearFilters={() => applyFilters({})} />
      ) : (
        <OrdersPages key={orderFiltersToSearch(filters)} filters={filters} url={url} syncing={syncing.length > 0} onClearFilters={() => applyFilters({})} />
      )}
    </div>
  );
}

function OrdersPages({ filters, url, syncing, onClearFilters }: { filters: OrderFilters; url: ListUrl<OrderSort>; syncing: boolean; onClearFilters: () => void }) {
  const { slug, timeZone } = useWorkspace();
  const trpc = useTRPC();
  const query = orderFiltersToQuery(filters, timeZone);
  const orders = useQuery({
    ...trpc.order.list.queryOptions({ workspaceSlug: slug, limit: ORDER_PAGE_SIZE, ...query, ...positionQuery(url.position) }),
    placeholderData: keepPreviousData,
    refetchInterval: listRefetchInterval(syncing, url.position.page),
  });

  return (
    <ListTableCard
      query={orders}
      url={url}
      pageSize={ORDER_PAGE_SIZE}
      what="orders"
      skeleton={{ rows: 8, columns: 6 }}
      empty={<SyncedDataEmpty what="orders" filtered={hasFilters(filters)} onClearFilters={onClearFilters} />}
      bulk={(ids) => <ExportMenu list="orders" what="orders" filters={query} selection={ids} />}
    >
      {(page, { selection, tableRef }) => (
        <OrdersTable
          slug={slug}
          orders={page.items}
          busy={orders.isPlaceholderData}
          caption={`Orders, ${SORT_CAPTIONS[url.table.sort][url.table.dir]}`}
          sort={url.table}
          selection={selection}
          tableRef={tableRef}
          listQuery={url.viewQuery()}
        />
      )}
    </ListTableCard>
  );
}
