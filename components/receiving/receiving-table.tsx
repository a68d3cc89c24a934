import type { inferRouterOutputs } from "@trpc/server";
import { CentreName } from "@/components/fulfilment/centre-name";
import { StatusHistory } from "@/components/fulfilment/status-history";
import { shipmentStatusLabel } from "@/components/orders/order-fulfilment-status";
import { formatQuantity } from "@/components/orders/format-money";
import { Badge, type BadgeVariant } from "@/components/ui/badge";
import { DateTimeOrDash } from "@/components/ui/fact";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AppRouter } from "@/server/api/root";

export type ReceivingOrderListItem = inferRouterOutputs<AppRouter>["receiving"]["list"]["items"][number];

const STATUS_VARIANT: Record<string, BadgeVariant> = { Completed: "success", Cancelled: "outline", Incomplete: "warning", Awaiting: "neutral" };

// Expected against received (and stowed) per SKU, behind a disclosure: the row shows the totals.
function PerSku({ wro }: { wro: ReceivingOrderListItem }) {
  if (wro.items.length === 0) return <span className="text-muted-foreground">—</span>;
  return (
    <details className="text-xs" data-testid="receiving-skus">
      <summary className="w-fit cursor-pointer rounded-sm focus-visible:outline-2 focus-visible:outline-ring" aria-label={`Quantities per SKU of ${wro.purchaseOrderNumber ?? wro.externalId}`}>
        {wro.items.length} {wro.items.length === 1 ? "SKU" : "SKUs"}
      </summary>
      <ul className="mt-1 grid gap-1 border-l pl-3">
        {wro.items.map((item, index) => (
          <li key={`${item.sku ?? "no-sku"}-${index}`} data-testid="receiving-sku" className="whitespace-nowrap">
            <span className="font-mono">{item.sku ?? "No SKU"}</span>: {formatQuantity(item.received)} of {formatQuantity(item.expected)} received
            {item.stowed !== null && `, ${formatQuantity(item.stowed)} stowed`}
          </li>
        ))}
      </ul>
    </details>
  );
}

// The inbound receiving orders of the Receiving page: PO number, centre, expected arrival (flagged
// arriving soon or overdue), status and its history, and quantities. Columns that matter least
// fold away on small screens.
export function ReceivingTable({ orders, busy = false, caption }: { orders: ReceivingOrderListItem[]; busy?: boolean; caption: string }) {
  return (
    <Table data-testid="receiving-table" aria-busy={busy || undefined}>
      <TableCaption>{caption}</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHead>Purchase order</TableHead>
          <TableHead>Status</TableHead>
          <TableHead className="hidden md:table-cell">Centre</TableHead>
          <TableHead>Expected arrival</TableHead>
          <TableHead className="text-right">Expected</TableHead>
          <TableHead className="text-right">Received</TableHead>
          <TableHead className="hidden text-right md:table-cell">Stowed</TableHead>
          <TableHead>Per SKU</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {orders.map((wro) => (
          <TableRow key={wro.id} data-testid="receiving-row" data-receiving={wro.externalId}>
            <TableCell className="whitespace-nowrap">
              <span className="font-medium">{wro.purchaseOrderNumber ?? <span className="text-muted-foreground">No PO number</span>}</span>
              <div className="text-xs text-muted-foreground">
                WRO {wro.externalId} · {wro.connection.displayName}
              </div>
            </TableCell>
            <TableCell className="align-top">
              <Badge variant={STATUS_VARIANT[wro.status] ?? "primary"} data-testid="receiving-status" data-status={wro.status}>
                {shipmentStatusLabel(wro.status)}
              </Badge>
              <StatusHistory history={wro.statusHistory} label={`receiving order ${wro.purchaseOrderNumber ?? wro.externalId}`} />
            </TableCell>
            <TableCell className="hidden md:table-cell">
              <CentreName centre={wro.centre} />
            </TableCell>
            <TableCell className="whitespace-nowrap">
              <DateTimeOrDash value={wro.expectedArrivalAt} />
              {wro.overdue && (
                <Badge variant="warning" className="ml-2" data-testid="receiving-overdue">
                  Overdue
                </Badge>
              )}
              {wro.arrivingSoon && (
                <Badge variant="primary" className="ml-2" data-testid="receiving-arriving-soon">
                  Arriving soon
                </Badge>
              )}
            </TableCell>
            <TableCell className="text-right tabular-nums">{formatQuantity(wro.totals.expected)}</TableCell>
            <TableCell className="text-right tabular-nums">
              <span className={wro.totals.received < wro.totals.expected && wro.status === "Completed" ? "text-warning" : undefined}>{formatQuantity(wro.totals.received)}</span>
            </TableCell>
            <TableCell className="hidden text-right tabular-nums md:table-cell">{formatQuantity(wro.totals.stowed)}</TableCell>
            <TableCell>
              <PerSku wro={wro} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
