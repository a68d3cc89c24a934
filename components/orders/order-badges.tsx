import { Badge } from "@/components/ui/badge";
import { statusBadge } from "./order-status";

export function StatusBadge({ kind, status }: { kind: "financial" | "fulfillment" | "product"; status: string | null }) {
  const { label, variant } = statusBadge(kind, status);
  return (
    <Badge variant={variant} data-testid={`${kind}-status`} data-status={status ?? ""}>
      {label}
    </Badge>
  );
}

export function CancelledBadge() {
  return (
    <Badge variant="destructive" data-testid="order-cancelled">
      Cancelled
    </Badge>
  );
}
