import type { inferRouterOutputs } from "@trpc/server";
import { Time } from "@/components/ui/time";
import { RowLink, Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AppRouter } from "@/server/api/root";
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

// The orders of a list page (or of one customer). Columns that matter least fold away on small
// screens; the table itself scrolls sideways when it still does not fit.
export function OrdersTable({
  slug,
  orders,
  showCustomer = true,
  busy = false,
  caption,
}: {
  slug: string;
  orders: OrderListItem[];
  showCustomer?: boolean;
  busy?: boolean;
  caption: string;
}) {
  const format = useFormat();
  return (
    <Table data-testid="orders-table" aria-busy={busy || undefined}>
      <TableCaption>{caption}</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHead>Order</TableHead>
          <TableHead>Date</TableHead>
          {showCustomer && <TableHead className="hidden md:table-cell">Customer</TableHead>}
          <TableHead>Payment</TableHead>
          <TableHead className="hidden sm:table-cell">Fulfillment</TableHead>
          <TableHead className="hidden lg:table-cell text-right">Items</TableHead>
          <TableHead className="text-right">Total</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {orders.map((order) => (
          <TableRow key={order.id} data-testid="order-row" data-order-name={order.name}>
            <TableCell className="whitespace-nowrap">
              <RowLink href={`/w/${slug}/orders/${order.id}`} data-testid="order-link">
                {order.name}
              </RowLink>
              <div className="mt-0.5 flex flex-wrap gap-1">
                {order.cancelledAt && <CancelledBadge />}
                {order.test && <span className="text-xs text-muted-foreground">Test order</span>}
              </div>
            </TableCell>
            <TableCell className="whitespace-nowrap text-muted-foreground">
              <Time value={order.processedAt} />
            </TableCell>
            {showCustomer && (
              <TableCell className="hidden max-w-56 truncate md:table-cell">
                <CustomerCell slug={slug} order={order} />
              </TableCell>
            )}
            <TableCell>
              <StatusBadge kind="financial" status={order.financialStatus} />
            </TableCell>
            <TableCell className="hidden sm:table-cell">
              <StatusBadge kind="fulfillment" status={order.fulfillmentStatus} />
            </TableCell>
            <TableCell className="hidden text-right tabular-nums lg:table-cell">{order.lineItemCount}</TableCell>
            <TableCell className={order.cancelledAt ? "text-right whitespace-nowrap tabular-nums line-through text-muted-foreground" : "text-right whitespace-nowrap tabular-nums"}>
              {format.money(order.totalPrice, order.currency)}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
