import { shipmentStatusLabel } from "@/components/orders/order-fulfilment-status";
import { DateTimeOrDash } from "@/components/ui/fact";

type StatusChange = { status: string; occurredAt: Date };

// A 3PL record's status changes, oldest first. Collapsed by default like a shipment's timeline:
// <details> is a keyboard-operable disclosure without script.
export function StatusHistory({ history, label }: { history: readonly StatusChange[]; label: string }) {
  if (history.length === 0) return null;
  return (
    <details className="text-xs" data-testid="status-history">
      {/* 24 px tall (a pointer target); the name starts with the visible text, so speech input can say what it sees. */}
      <summary
        className="w-fit cursor-pointer rounded-sm leading-6 text-muted-foreground focus-visible:outline-2 focus-visible:outline-ring"
        aria-label={`History (${history.length}): status changes of ${label}`}
      >
        History ({history.length})
      </summary>
      <ol className="mt-1 grid gap-1 border-l pl-3">
        {history.map((change, index) => (
          <li key={`${change.occurredAt.toISOString()}-${index}`} data-testid="status-change">
            <span className="font-medium">{shipmentStatusLabel(change.status)}</span>{" "}
            <span className="text-muted-foreground">
              <DateTimeOrDash value={change.occurredAt} />
            </span>
          </li>
        ))}
      </ol>
    </details>
  );
}
