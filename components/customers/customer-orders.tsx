"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { errorMessageOf } from "@/components/forms/api-error";
import { OrdersTable } from "@/components/orders/orders-table";
import { useTRPC } from "@/components/trpc/client";
import { ErrorState } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { Pagination } from "@/components/ui/pagination";
import { TableSkeleton } from "@/components/ui/skeleton";
import { useCursorPages } from "@/components/ui/use-cursor-pages";
import { useWorkspace } from "@/components/workspace/workspace-context";
import { ORDER_PAGE_SIZE } from "@/server/services/orders/schema";

export function CustomerOrders({ customerId }: { customerId: string }) {
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const pages = useCursorPages();
  const orders = useQuery({
    ...trpc.customer.orders.queryOptions({ workspaceSlug: slug, customerId, cursor: pages.cursor, limit: ORDER_PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      {orders.isPending ? (
        <TableSkeleton rows={4} columns={5} label="Loading orders" />
      ) : orders.isError ? (
        <ErrorState title="Could not load this customer's orders" message={errorMessageOf(orders.error)} onRetry={() => orders.refetch()} />
      ) : orders.data.items.length === 0 ? (
        <EmptyState title="No orders synced" description="Orders of this customer appear here once a sync has read them." />
      ) : (
        <OrdersTable slug={slug} orders={orders.data.items} showCustomer={false} busy={orders.isPlaceholderData} caption="This customer's orders, newest first" />
      )}
      {orders.data && (pages.hasPrevious || orders.data.nextCursor) && (
        <Pagination
          className="border-t px-4 py-3"
          label={`Page ${pages.pageNumber}`}
          hasPrevious={pages.hasPrevious}
          hasNext={Boolean(orders.data.nextCursor)}
          onPrevious={pages.previous}
          onNext={() => orders.data.nextCursor && pages.next(orders.data.nextCursor)}
          pending={orders.isPlaceholderData}
        />
      )}
    </>
  );
}
