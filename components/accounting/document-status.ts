import type { BadgeVariant } from "@/components/ui/badge";

// FreeAgent's invoice and bill statuses as badges: settled green, late red, drafts quiet.
const VARIANT: Record<string, BadgeVariant> = {
  Paid: "success",
  Overpaid: "success",
  "Zero Value": "outline",
  Overdue: "destructive",
  Open: "primary",
  "Scheduled To Email": "primary",
  Draft: "outline",
  Refunded: "neutral",
  "Written-off": "warning",
  "Part written-off": "warning",
};

export function documentStatusVariant(status: string): BadgeVariant {
  return VARIANT[status] ?? "neutral";
}
