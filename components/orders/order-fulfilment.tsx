import type { inferRouterOutputs } from "@trpc/server";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { DateTimeOrDash, Fact } from "@/components/ui/fact";
import type { AppRouter } from "@/server/api/root";
import { httpUrl, shipmentStatusLabel, shipmentStatusVariant } from "./order-fulfilment-status";

type OrderFulfilment = inferRouterOutputs<AppRouter>["order"]["get"]["fulfilment"];
type Shipment = OrderFulfilment["shipments"][number];

const linkClass = "font-medium underline-offset-4 hover:underline rounded-sm focus-visible:outline-2 focus-visible:outline-ring";

/** Carrier and tracking number, linked to the 3PL's tracking page when that is http(s). */
export function Tracking({ shipment }: { shipment: Pick<Shipment, "carrier" | "trackingNumber" | "trackingUrl"> }) {
  const url = httpUrl(shipment.trackingUrl);
  if (!shipment.carrier && !shipment.trackingNumber) return <span className="text-muted-foreground">—</span>;
  const number = shipment.trackingNumber ?? "Track";
  return (
    <>
      {shipment.carrier && <span>{shipment.carrier}</span>}
      {shipment.carrier && (shipment.trackingNumber || url) && " · "}
      {url ? (
        <a href={url} target="_blank" rel="noopener noreferrer" className={`${linkClass} inline-block min-h-6 leading-6 break-all`} data-testid="shipment-tracking-link">
          {number}
          <span className="sr-only"> (tracking, opens in a new tab)</span>
        </a>
      ) : (
        shipment.trackingNumber && <span className="break-all font-mono text-xs">{shipment.trackingNumber}</span>
      )}
    </>
  );
}

// The 3PL's description, then its type when that says more (ShipBob's "Picked" is described "Picked").
function TimelineEventText({ type, description }: { type: string; description: string | null }) {
  const label = shipmentStatusLabel(type);
  if (!description) return <span>{label}</span>;
  return (
    <span>
      {description}
      {description.toLowerCase() !== label.toLowerCase() && <span className="text-muted-foreground"> · {label}</span>}
    </span>
  );
}

// Collapsed by default: a timeline is long and mostly read when something went wrong. <details>
// gives the keyboard and screen-reader behaviour of a disclosure without script.
function Timeline({ timeline }: { timeline: Shipment["timeline"] }) {
  if (timeline === null) return <p className="text-xs text-muted-foreground">The timeline has not been read from the 3PL yet.</p>;
  return (
    <details className="group text-sm" data-testid="shipment-timeline">
      <summary className="w-fit cursor-pointer rounded-sm font-medium focus-visible:outline-2 focus-visible:outline-ring">
        Timeline ({timeline.length} {timeline.length === 1 ? "event" : "events"})
      </summary>
      {timeline.length > 0 && (
        <ol className="mt-2 grid gap-2 border-l pl-4">
          {timeline.map((event, index) => (
            <li key={`${event.occurredAt.toISOString()}-${index}`} className="grid gap-0.5" data-testid="shipment-event">
              <TimelineEventText type={event.type} description={event.description} />
              <span className="text-xs text-muted-foreground">
                <DateTimeOrDash value={event.occurredAt} />
              </span>
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}

export function ShipmentStatusBadges({ shipment }: { shipment: Pick<Shipment, "status" | "late"> }) {
  return (
    <div className="flex flex-wrap gap-2">
      <Badge variant={shipmentStatusVariant(shipment.status)} data-testid="shipment-status" data-status={shipment.status}>
        {shipmentStatusLabel(shipment.status)}
      </Badge>
      {shipment.late && (
        <Badge variant="warning" data-testid="shipment-late">
          Late
        </Badge>
      )}
    </div>
  );
}

function ShipmentItem({ shipment }: { shipment: Shipment }) {
  const headingId = `shipment-${shipment.id}`;
  return (
    <li className="grid gap-3 rounded-lg border p-3" data-testid="order-shipment" aria-labelledby={headingId}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="grid gap-0.5">
          <span id={headingId} className="font-medium">
            Shipment {shipment.externalId}
          </span>
          <span className="text-xs text-muted-foreground">
            {shipment.connection.displayName}
            {shipment.connection.displayName !== shipment.connection.providerName && ` · ${shipment.connection.providerName}`}
          </span>
        </div>
        <ShipmentStatusBadges shipment={shipment} />
      </div>

      <dl className="grid gap-3 sm:grid-cols-2">
        <Fact label="Centre" testId="shipment-centre">
          {shipment.centre ? (shipment.centre.name ?? shipment.centre.externalId) : <span className="text-muted-foreground">—</span>}
        </Fact>
        <Fact label="Carrier and tracking">
          <Tracking shipment={shipment} />
        </Fact>
        <Fact label="Estimated fulfilment" testId="shipment-estimate">
          <DateTimeOrDash value={shipment.estimatedFulfillmentAt} />
          {shipment.late && <span className="text-warning"> · late</span>}
        </Fact>
        <Fact label={shipment.deliveredAt ? "Delivered" : "Shipped"}>
          <DateTimeOrDash value={shipment.deliveredAt ?? shipment.shippedAt} />
        </Fact>
      </dl>

      {shipment.items.length > 0 && (
        <ul className="grid gap-1 text-sm" aria-label={`Items of shipment ${shipment.externalId}`}>
          {shipment.items.map((item, index) => (
            <li key={`${item.sku ?? "no-sku"}-${index}`} data-testid="shipment-item">
              {item.quantity} × <span className="font-mono text-xs">{item.sku ?? "No SKU"}</span>
            </li>
          ))}
        </ul>
      )}

      <Timeline timeline={shipment.timeline} />
    </li>
  );
}

// How a connected 3PL is fulfilling the order. Nothing at all when the workspace has no 3PL: an
// empty card would only say something people cannot act on here.
export function OrderFulfilmentCard({ fulfilment }: { fulfilment: OrderFulfilment }) {
  if (fulfilment.shipments.length === 0 && !fulfilment.hasFulfilmentConnection) return null;
  return (
    <Card data-testid="order-fulfilment">
      <CardHeader>
        <CardTitle>Fulfilment</CardTitle>
      </CardHeader>
      <CardContent>
        {fulfilment.shipments.length === 0 ? (
          <EmptyState title="No shipments from a connected 3PL yet" description="Shipments appear here once the 3PL starts fulfilling this order." />
        ) : (
          <ul className="grid gap-4">
            {fulfilment.shipments.map((shipment) => (
              <ShipmentItem key={shipment.id} shipment={shipment} />
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
