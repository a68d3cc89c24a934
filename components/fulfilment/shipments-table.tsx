import type { inferRouterOutputs } from "@trpc/server";
import { ShipmentStatusBadges, Tracking } from "@/components/orders/order-fulfilment";
import { DateTimeOrDash } from "@/components/ui/fact";
import { RowLink, Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AppRouter } from "@/server/api/root";

export type ShipmentListItem = inferRouterOutputs<AppRouter>["fulfilment"]["list"]["items"][number];

function OrderCell({ slug, shipment }: { slug: string; shipment: ShipmentListItem }) {
  if (shipment.order) {
    return (
      <RowLink href={`/w/${slug}/orders/${shipment.order.id}`} data-testid="shipment-order-link">
        {shipment.order.name}
      </RowLink>
    );
  }
  // The store order has not been synced here (or the 3PL order names none).
  return shipment.storeOrderReference ? <span>{shipment.storeOrderReference}</span> : <span className="text-muted-foreground">—</span>;
}

// The shipments of the Fulfilment page: status, its order, centre, carrier and tracking. Columns
// that matter least fold away on small screens.
export function ShipmentsTable({ slug, shipments, busy = false, caption }: { slug: string; shipments: ShipmentListItem[]; busy?: boolean; caption: string }) {
  return (
    <Table data-testid="shipments-table" aria-busy={busy || undefined}>
      <TableCaption>{caption}</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHead>Shipment</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>Order</TableHead>
          <TableHead className="hidden md:table-cell">Centre</TableHead>
          <TableHead>Carrier and tracking</TableHead>
          <TableHead className="hidden lg:table-cell">Estimated fulfilment</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {shipments.map((shipment) => (
          <TableRow key={shipment.id} data-testid="shipment-row" data-shipment={shipment.externalId}>
            <TableCell className="whitespace-nowrap">
              <span className="font-medium">{shipment.externalId}</span>
              <div className="text-xs text-muted-foreground">{shipment.connection.displayName}</div>
            </TableCell>
            <TableCell>
              <ShipmentStatusBadges shipment={shipment} />
            </TableCell>
            <TableCell className="whitespace-nowrap">
              <OrderCell slug={slug} shipment={shipment} />
            </TableCell>
            <TableCell className="hidden md:table-cell">
              {shipment.centre ? (shipment.centre.name ?? shipment.centre.externalId) : <span className="text-muted-foreground">—</span>}
            </TableCell>
            <TableCell className="max-w-64">
              <Tracking shipment={shipment} />
            </TableCell>
            <TableCell className="hidden whitespace-nowrap text-muted-foreground lg:table-cell">
              <DateTimeOrDash value={shipment.estimatedFulfillmentAt} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
