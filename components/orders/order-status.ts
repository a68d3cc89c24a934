import type { BadgeVariant } from "@/components/ui/badge";
import type { FilterOption } from "@/components/ui/filter-bar";

// Providers' status codes ("PARTIALLY_REFUNDED") as people read them ("Partially refunded").
export function statusLabel(status: string | null | undefined): string {
  if (!status) return "—";
  const words = status.toLowerCase().replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Filter options for a list of status codes, labelled as people read them. */
export function statusOptions(statuses: readonly string[]): FilterOption[] {
  return statuses.map((status) => ({ value: status, label: statusLabel(status) }));
}

const FINANCIAL_VARIANT: Record<string, BadgeVariant> = {
  PAID: "success",
  PARTIALLY_PAID: "warning",
  PENDING: "warning",
  AUTHORIZED: "primary",
  PARTIALLY_REFUNDED: "neutral",
  REFUNDED: "neutral",
  VOIDED: "outline",
  EXPIRED: "destructive",
};

const FULFILLMENT_VARIANT: Record<string, BadgeVariant> = {
  FULFILLED: "success",
  PARTIALLY_FULFILLED: "warning",
  UNFULFILLED: "warning",
  IN_PROGRESS: "primary",
  ON_HOLD: "destructive",
  REQUEST_DECLINED: "destructive",
};

const PRODUCT_VARIANT: Record<string, BadgeVariant> = { ACTIVE: "success", DRAFT: "neutral", ARCHIVED: "outline" };

export function statusBadge(kind: "financial" | "fulfillment" | "product", status: string | null): { label: string; variant: BadgeVariant } {
  const table = kind === "financial" ? FINANCIAL_VARIANT : kind === "fulfillment" ? FULFILLMENT_VARIANT : PRODUCT_VARIANT;
  return { label: statusLabel(status), variant: (status && table[status]) || "outline" };
}
