import type { inferRouterOutputs } from "@trpc/server";
import type { Ref } from "react";
import { recordHref } from "@/components/ui/list-origin";
import { Time } from "@/components/ui/time";
import { SelectPageHead, SelectRowCell, type RowSelection } from "@/components/ui/row-selection";
import { SortableHead, type TableSort } from "@/components/ui/sortable-head";
import { RowLink, Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AppRouter } from "@/server/api/root";
import type { OrderSort } from "@/server/services/orders/schema";
import { CancelledBadge, StatusBadge } from "./order-badges";
import { useFormat } from "@/components/ui/formats";

export type OrderListItem = inferRouterOutputs<AppRouter>["order"]["list"]["items"][number];

export function CustomerCell({ slug, order }: { slug: string; order: Pick<OrderListItem, "customer" | "email" | "redacted"> }) {
  const { customer } = order;
  if (customer?.redacted || (!customer && order.redacted)) return <span className="text-muted-foreground italic">Redacted</span>;
  if (customer) {
    return (
      <RowLink href={`/w/${slug}/customers/${customer.id}`} data-testid="order-customer-link">
        {customer.name ?? customer.email ?? "Unnamed customer"}
      </RowLink>
    );
  }
  return order.email ? <span>{order.email}</span> : <span className="text-muted-foreground">No customer</span>;
}

function Head({ label, sort, table, className }: { label: string; sort: OrderSort; table?: TableSort<OrderSort>; className?: string }) {
  return table ? <SortableHead label={label} sort={sort} table={table} className={className} /> : <TableHead className={className}>{label}</TableHead>;
}

// The orders of a list page (or of one customer). Columns that matter least fold away on small
// screens, and under 640 px rows become cards; the table scrolls sideways when it still does not
// fit. The Orders page passes `sort` (sortable headers), `selection` (a checkbox per row), a
// `tableRef` (focus after paging) and `listQuery` (its filters and sort, which j and k on an order
// opened from it follow: list-origin.ts).
export function OrdersTable({
  slug,
  orders,
  showCustomer = true,
  busy = false,
  caption,
  sort,
  selection,
  tableRef,
  listQuery = "",
}: {
  slug: string;
  orders: OrderListItem[];
  showCustomer?: boolean;
  busy?: boolean;
  caption: string;
  sort?: TableSort<OrderSort>;
  selection?: RowSelection;
  tableRef?: Ref<HTMLTableElement | null>;
  listQuery?: string;
}) {
  const format = useFormat();
  return (
    <Table data-testid="orders-table" aria-busy={busy || undefined} stacked ref={tableRef} tabIndex={tableRef ? -1 : undefined}>
      <TableCaption>{caption}</TableCaption>
      <TableHeader>
        <TableRow>
          {selection && <SelectPageHead selection={selection} what="order" />}
          <Head label="Order" sort="number" table={sort} />
          <Head label="Date" sort="date" table={sort} />
          {showCustomer && <TableHead className="hidden md:table-cell">Customer</TableHead>}
          <TableHead>Payment</TableHead>
          <TableHead className="hidden sm:table-cell">Fulfillment</TableHead>
          <TableHead className="hidden lg:table-cell text-right">Items</TableHead>
          <Head label="Total" sort="total" table={sort} className="text-right" />
        </TableRow>
      </TableHeader>
      <TableBody>
        {orders.map((order) => (
          <TableRow key={order.id} data-testid="order-row" data-order-name={order.name}>
            {selection && <SelectRowCell selection={selection} id={order.id} name={`order ${order.name}`} />}
            <TableCell className="whitespace-nowrap">
              <RowLink href={recordHref(`/w/${slug}/orders/${order.id}`, listQuery)} data-testid="order-link">
                {order.name}
              </RowLink>
              <div className="mt-0.5 flex flex-wrap gap-1">
                {order.cancelledAt && <CancelledBadge />}
                {order.test && <span className="text-xs text-muted-foreground">Test order</span>}
              </div>
            </TableCell>
            <TableCell label="Date" className="whitespace-nowrap text-muted-foreground">
              <Time value={order.processedAt} />
            </TableCell>
            {showCustomer && (
              <TableCell label="Customer" className="hidden max-w-56 truncate md:table-cell">
                <CustomerCell slug={slug} order={order} />
              </TableCell>
            )}
            <TableCell label="Payment">
              <StatusBadge kind="financial" status={order.financialStatus} />
            </TableCell>
            <TableCell label="Fulfillment" className="hidden sm:table-cell">
              <StatusBadge kind="fulfillment" status={order.fulfillmentStatus} />
            </TableCell>
            <TableCell label="Items" className="hidden text-right tabular-nums lg:table-cell">{order.lineItemCount}</TableCell>
            <TableCell
              label="Total"
              className={order.cancelledAt ? "text-right whitespace-nowrap tabular-nums line-through text-muted-foreground" : "text-right whitespace-nowrap tabular-nums"}
            >
              {format.money(order.totalPrice, order.currency)}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
