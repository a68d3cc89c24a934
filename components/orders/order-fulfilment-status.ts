import type { BadgeVariant } from "@/components/ui/badge";

// 3PL shipment statuses come PascalCase ("OnHold", "LabeledCreated"); people read "On hold".
export function shipmentStatusLabel(status: string): string {
  const words = status
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replaceAll("_", " ")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const SHIPMENT_VARIANT: Record<string, BadgeVariant> = {
  Completed: "success",
  Processing: "primary",
  LabeledCreated: "primary",
  OnHold: "warning",
  Exception: "destructive",
  Cancelled: "outline",
};

export function shipmentStatusVariant(status: string): BadgeVariant {
  return SHIPMENT_VARIANT[status] ?? "neutral";
}

/** The URL when it is http(s): a 3PL's tracking URL goes into an href, where `javascript:` would run. */
export function httpUrl(value: string | null): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch {
    return null;
  }
}
