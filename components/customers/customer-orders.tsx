"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { OrdersTable } from "@/components/orders/orders-table";
import { useTRPC } from "@/components/trpc/client";
import { EmptyState } from "@/components/ui/empty-state";
import { PaginationFooter } from "@/components/ui/pagination";
import { TableCard } from "@/components/ui/table-card";
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
    <TableCard
      title="Orders"
      query={orders}
      what="this customer's orders"
      skeleton={{ rows: 4, columns: 5 }}
      empty={<EmptyState title="No orders synced" description="Orders of this customer appear here once a sync has read them." />}
      footer={<PaginationFooter pages={pages} nextCursor={orders.data?.nextCursor} pending={orders.isPlaceholderData} />}
    >
      {(page) => <OrdersTable slug={slug} orders={page.items} showCustomer={false} busy={orders.isPlaceholderData} caption="This customer's orders, newest first" />}
    </TableCard>
  );
}
