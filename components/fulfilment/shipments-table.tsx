import type { inferRouterOutputs } from "@trpc/server";
import { ShipmentStatusBadges, Tracking } from "@/components/orders/order-fulfilment";
import { DateTimeOrDash } from "@/components/ui/fact";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AppRouter } from "@/server/api/root";
import { CentreName } from "./centre-name";
import { StoreOrderLink } from "./store-order-link";

export type ShipmentListItem = inferRouterOutputs<AppRouter>["fulfilment"]["list"]["items"][number];

// The shipments of the Fulfilment page: status, its order, centre, carrier and tracking. Columns
// that matter least fold away on small screens.
export function ShipmentsTable({ slug, shipments, busy = false, caption }: { slug: string; shipments: ShipmentListItem[]; busy?: boolean; caption: string }) {
  return (
    <Table data-testid="shipments-table" aria-busy={busy || undefined} stacked>
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
            <TableCell label="Shipment" className="whitespace-nowrap">
              <span className="font-medium">{shipment.externalId}</span>
              <div className="text-xs text-muted-foreground">{shipment.connection.displayName}</div>
            </TableCell>
            <TableCell label="Status">
              <ShipmentStatusBadges shipment={shipment} />
            </TableCell>
            <TableCell label="Order" className="whitespace-nowrap">
              <StoreOrderLink slug={slug} order={shipment.order} reference={shipment.storeOrderReference} testId="shipment-order-link" />
            </TableCell>
            <TableCell label="Centre" className="hidden md:table-cell">
              <CentreName centre={shipment.centre} />
            </TableCell>
            <TableCell label="Carrier and tracking" className="max-w-64">
              <Tracking shipment={shipment} />
            </TableCell>
            <TableCell label="Estimated fulfilment" className="hidden whitespace-nowrap text-muted-foreground lg:table-cell">
              <DateTimeOrDash value={shipment.estimatedFulfillmentAt} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
