import type { inferRouterOutputs } from "@trpc/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { DateTimeOrDash } from "@/components/ui/fact";
import { useFormat } from "@/components/ui/formats";
import type { AppRouter } from "@/server/api/root";
import { statusLabel } from "./order-status";

type TimelineEvent = inferRouterOutputs<AppRouter>["order"]["get"]["timeline"][number];

const LABELS: Record<TimelineEvent["kind"], string> = {
  placed: "Order placed",
  paid: "Paid",
  shipped: "Shipped",
  delivered: "Delivered",
  refunded: "Refunded",
  cancelled: "Cancelled",
  closed: "Closed",
  synced: "Last synced to Meridian",
};

// What happened to the order, oldest first (server/services/orders/order-timeline.ts).
export function OrderTimeline({ events }: { events: TimelineEvent[] }) {
  const format = useFormat();
  return (
    <Card data-testid="order-timeline">
      <CardHeader>
        <CardTitle>Timeline</CardTitle>
      </CardHeader>
      <CardContent>
        <ol className="grid gap-3 border-l pl-4 text-sm">
          {events.map((event, index) => (
            <li key={`${event.kind}-${index}`} className="grid gap-0.5" data-testid="order-timeline-event" data-kind={event.kind}>
              <span>
                <span className="font-medium">{LABELS[event.kind]}</span>
                {event.amount && <span className="tabular-nums"> {format.money(event.amount.amount, event.amount.currency)}</span>}
                {event.detail && <span className="text-muted-foreground"> · {event.kind === "cancelled" ? statusLabel(event.detail).toLowerCase() : event.detail}</span>}
              </span>
              <span className="text-xs text-muted-foreground">
                <DateTimeOrDash value={event.at} />
              </span>
            </li>
          ))}
        </ol>
      </CardContent>
    </Card>
  );
}
