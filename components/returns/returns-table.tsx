import type { inferRouterOutputs } from "@trpc/server";
import { CentreName } from "@/components/fulfilment/centre-name";
import { StatusHistory } from "@/components/fulfilment/status-history";
import { StoreOrderLink } from "@/components/fulfilment/store-order-link";
import { shipmentStatusLabel } from "@/components/orders/order-fulfilment-status";
import { Badge, type BadgeVariant } from "@/components/ui/badge";
import { DateTimeOrDash } from "@/components/ui/fact";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AppRouter } from "@/server/api/root";

export type ReturnListItem = inferRouterOutputs<AppRouter>["returns"]["list"]["items"][number];

const STATUS_VARIANT: Record<string, BadgeVariant> = { Arrived: "primary", Processing: "primary", Completed: "success", Cancelled: "outline" };

// The returns of the Returns page: status (its history behind a disclosure), the store order, the
// shipment returned from, items and dates. Columns that matter least fold away on small screens.
export function ReturnsTable({ slug, returns, busy = false, caption }: { slug: string; returns: ReturnListItem[]; busy?: boolean; caption: string }) {
  return (
    <Table data-testid="returns-table" aria-busy={busy || undefined} stacked>
      <TableCaption>{caption}</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHead>Return</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>Order</TableHead>
          <TableHead className="hidden md:table-cell">Shipment</TableHead>
          <TableHead>Items</TableHead>
          <TableHead className="hidden lg:table-cell">Created</TableHead>
          <TableHead className="hidden lg:table-cell">Updated</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {returns.map((ret) => (
          <TableRow key={ret.id} data-testid="return-row" data-return={ret.externalId}>
            <TableCell label="Return" className="whitespace-nowrap">
              <span className="font-medium">{ret.externalId}</span>
              {ret.reference && <span className="ml-2 text-sm text-muted-foreground">{ret.reference}</span>}
              <div className="text-xs text-muted-foreground">
                <CentreName centre={ret.centre} /> · {ret.connection.displayName}
              </div>
            </TableCell>
            <TableCell label="Status" className="align-top">
              <Badge variant={STATUS_VARIANT[ret.status] ?? "neutral"} data-testid="return-status" data-status={ret.status}>
                {shipmentStatusLabel(ret.status)}
              </Badge>
              <StatusHistory history={ret.statusHistory} label={`return ${ret.externalId}`} />
            </TableCell>
            <TableCell label="Order" className="whitespace-nowrap">
              <StoreOrderLink slug={slug} order={ret.order} reference={ret.storeOrderReference} testId="return-order-link" />
            </TableCell>
            <TableCell label="Shipment" className="hidden md:table-cell">
              {ret.shipmentExternalId ?? <span className="text-muted-foreground">—</span>}
              {ret.trackingNumber && <div className="break-all font-mono text-xs text-muted-foreground">{ret.trackingNumber}</div>}
            </TableCell>
            <TableCell label="Items">
              {ret.items.length ? (
                <ul className="text-sm" aria-label={`Items of return ${ret.externalId}`}>
                  {ret.items.map((item, index) => (
                    <li key={`${item.sku ?? "no-sku"}-${index}`} data-testid="return-item">
                      {item.quantity} × <span className="font-mono text-xs">{item.sku ?? "No SKU"}</span>
                    </li>
                  ))}
                </ul>
              ) : (
                <span className="text-muted-foreground">—</span>
              )}
            </TableCell>
            <TableCell label="Created" className="hidden whitespace-nowrap text-muted-foreground lg:table-cell">
              <DateTimeOrDash value={ret.createdAt} />
            </TableCell>
            <TableCell label="Updated" className="hidden whitespace-nowrap text-muted-foreground lg:table-cell">
              <DateTimeOrDash value={ret.updatedAt} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
