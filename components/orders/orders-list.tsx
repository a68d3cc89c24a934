"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { inputErrors } from "@/components/forms/input-errors";
import { useTRPC } from "@/components/trpc/client";
import { InvalidFilters } from "@/components/ui/invalid-filters";
import { PaginationFooter } from "@/components/ui/pagination";
import { TableCard } from "@/components/ui/table-card";
import { useCursorPages } from "@/components/ui/use-cursor-pages";
import { hasFilters } from "@/components/ui/url-filters";
import { useWorkspace } from "@/components/workspace/workspace-context";
import { findOrdersInput, ORDER_PAGE_SIZE } from "@/server/services/orders/schema";
import { OrderFiltersBar } from "./order-filters-bar";
import { orderFiltersToQuery, orderFiltersToSearch, readOrderFilters, type OrderFilters } from "./order-filters";
import { OrdersTable } from "./orders-table";
import { listRefetchInterval, SyncInProgress, useSyncActivity } from "./sync-activity";
import { SyncedDataEmpty } from "./synced-data-empty";
import { ExportMenu } from "@/components/exports/export-menu";

// The Orders page: filters kept in the URL, and the orders for them.
export function OrdersList() {
  const router = useRouter();
  const pathname = usePathname();
  const { filters, rejected } = readOrderFilters(useSearchParams());
  const { timeZone } = useWorkspace();
  const { connections, syncing } = useSyncActivity();
  // Checked here as the server would: a range running backwards is marked, and not sent.
  const errors = inputErrors(findOrdersInput, orderFiltersToQuery(filters, timeZone));

  const applyFilters = (next: OrderFilters) => {
    const query = orderFiltersToSearch(next);
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };

  return (
    <div className="flex flex-col gap-4">
      <div className="flex justify-end">
        <ExportMenu list="orders" what="orders" filters={orderFiltersToQuery(filters, timeZone)} />
      </div>
      <OrderFiltersBar filters={filters} rejected={rejected} errors={errors} connections={connections.data} onChange={applyFilters} />
      <SyncInProgress syncing={syncing} what="orders" />
      {/* Keyed on the filters: new filters start again from the first page. */}
      {errors ? (
        <InvalidFilters what="orders" errors={errors} onClearFilters={() => applyFilters({})} />
      ) : (
        <OrdersPages key={orderFiltersToSearch(filters)} filters={filters} syncing={syncing.length > 0} onClearFilters={() => applyFilters({})} />
      )}
    </div>
  );
}

function OrdersPages({ filters, syncing, onClearFilters }: { filters: OrderFilters; syncing: boolean; onClearFilters: () => void }) {
  const { slug, timeZone } = useWorkspace();
  const trpc = useTRPC();
  const pages = useCursorPages();
  const orders = useQuery({
    ...trpc.order.list.queryOptions({ workspaceSlug: slug, cursor: pages.cursor, limit: ORDER_PAGE_SIZE, ...orderFiltersToQuery(filters, timeZone) }),
    placeholderData: keepPreviousData,
    refetchInterval: listRefetchInterval(syncing, pages.pageNumber),
  });

  return (
    <TableCard
      query={orders}
      what="orders"
      skeleton={{ rows: 8, columns: 6 }}
      empty={<SyncedDataEmpty what="orders" filtered={hasFilters(filters)} onClearFilters={onClearFilters} />}
      footer={<PaginationFooter pages={pages} nextCursor={orders.data?.nextCursor} pending={orders.isPlaceholderData} />}
    >
      {(page) => <OrdersTable slug={slug} orders={page.items} busy={orders.isPlaceholderData} caption="Orders, newest first" />}
    </TableCard>
  );
}
