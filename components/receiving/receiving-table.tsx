import type { inferRouterOutputs } from "@trpc/server";
import { CentreName } from "@/components/fulfilment/centre-name";
import { StatusHistory } from "@/components/fulfilment/status-history";
import { shipmentStatusLabel } from "@/components/orders/order-fulfilment-status";
import { Badge, type BadgeVariant } from "@/components/ui/badge";
import { DateTimeOrDash } from "@/components/ui/fact";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AppRouter } from "@/server/api/root";
import { useFormat } from "@/components/ui/formats";

export type ReceivingOrderListItem = inferRouterOutputs<AppRouter>["receiving"]["list"]["items"][number];

const STATUS_VARIANT: Record<string, BadgeVariant> = { Completed: "success", Cancelled: "outline", Incomplete: "warning", Awaiting: "neutral" };

// Expected against received (and stowed) per SKU, behind a disclosure: the row shows the totals.
function PerSku({ wro }: { wro: ReceivingOrderListItem }) {
  const format = useFormat();
  if (wro.items.length === 0) return <span className="text-muted-foreground">—</span>;
  const skus = `${wro.items.length} ${wro.items.length === 1 ? "SKU" : "SKUs"}`;
  return (
    <details className="text-xs" data-testid="receiving-skus">
      {/* The name starts with the visible text, so speech input can say what it sees (WCAG 2.5.3). */}
      <summary
        className="w-fit cursor-pointer rounded-sm leading-6 focus-visible:outline-2 focus-visible:outline-ring"
        aria-label={`${skus}: quantities per SKU of ${wro.purchaseOrderNumber ?? wro.externalId}`}
      >
        {skus}
      </summary>
      <ul className="mt-1 grid gap-1 border-l pl-3">
        {wro.items.map((item, index) => (
          <li key={`${item.sku ?? "no-sku"}-${index}`} data-testid="receiving-sku" className="whitespace-nowrap">
            <span className="font-mono">{item.sku ?? "No SKU"}</span>: {format.quantity(item.received)} of {format.quantity(item.expected)} received
            {item.stowed !== null && `, ${format.quantity(item.stowed)} stowed`}
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
  const format = useFormat();
  return (
    <Table data-testid="receiving-table" aria-busy={busy || undefined} stacked>
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
            <TableCell label="Purchase order" className="whitespace-nowrap">
              <span className="font-medium">{wro.purchaseOrderNumber ?? <span className="text-muted-foreground">No PO number</span>}</span>
              <div className="text-xs text-muted-foreground">
                WRO {wro.externalId} · {wro.connection.displayName}
              </div>
            </TableCell>
            <TableCell label="Status" className="align-top">
              <Badge variant={STATUS_VARIANT[wro.status] ?? "primary"} data-testid="receiving-status" data-status={wro.status}>
                {shipmentStatusLabel(wro.status)}
              </Badge>
              <StatusHistory history={wro.statusHistory} label={`receiving order ${wro.purchaseOrderNumber ?? wro.externalId}`} />
            </TableCell>
            <TableCell label="Centre" className="hidden md:table-cell">
              <CentreName centre={wro.centre} />
            </TableCell>
            <TableCell label="Expected arrival" className="whitespace-nowrap">
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
            <TableCell label="Expected" className="text-right tabular-nums">{format.quantity(wro.totals.expected)}</TableCell>
            <TableCell label="Received" className="text-right tabular-nums">
              <span className={wro.totals.received < wro.totals.expected && wro.status === "Completed" ? "text-warning" : undefined}>{format.quantity(wro.totals.received)}</span>
            </TableCell>
            <TableCell label="Stowed" className="hidden text-right tabular-nums md:table-cell">{format.quantity(wro.totals.stowed)}</TableCell>
            <TableCell label="Per SKU">
              <PerSku wro={wro} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
