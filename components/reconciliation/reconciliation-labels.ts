import type { IssueKind, MismatchExplanation } from "@/server/services/reconciliation/schema";

// What the reconciliation pages call things, shared by the tables and their headings.

/** A 0–1 rate (decimal string) as a percentage with one decimal; a dash on a day without orders. */
export function formatMatchRate(rate: string | null): string {
  if (rate === null) return "—";
  return `${(Number(rate) * 100).toLocaleString("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
}

/** Each kind's heading, its empty state on a day, and what its total is worth (TOTALLED in the service). */
export const ISSUE_KIND: Record<IssueKind, { title: string; empty: string; testId: string; totalLabel: string }> = {
  MISSING_IN_ANALYTICS: { title: "Missing in analytics", empty: "Analytics recorded every order of the day.", testId: "missing", totalLabel: "Store revenue missed" },
  EXTRA_IN_ANALYTICS: { title: "In analytics, not in the store", empty: "Every transaction analytics recorded is one of the store's orders.", testId: "extras", totalLabel: "Recorded by analytics" },
  VALUE_MISMATCH: { title: "Value mismatches", empty: "Every matched order has the same value in analytics, within the tolerance.", testId: "mismatches", totalLabel: "Net difference (analytics − store)" },
  DUPLICATE: { title: "Duplicates", empty: "No transaction was recorded more than once.", testId: "duplicates", totalLabel: "Recorded by analytics" },
};

export const EXPLANATION: Record<MismatchExplanation, string> = {
  TAX: "Tax",
  SHIPPING: "Shipping",
  TAX_AND_SHIPPING: "Tax and shipping",
  DISCOUNTS: "Discounts",
  CURRENCY: "Currency",
};

export function explanationLabel(explanation: string | null): string {
  return explanation ? (EXPLANATION[explanation as MismatchExplanation] ?? explanation) : "Unexplained";
}

// The engine breaks down the store's missing orders by their channel and source, and the purchases
// analytics misrecorded (value mismatches, duplicates) by the device it saw.
export const BREAKDOWN = {
  channel: { title: "Missing, by channel", caption: "Missing orders by the store's sales channel", none: "No missing order." },
  source: { title: "Missing, by source / medium", caption: "Missing orders by the store's source / medium", none: "No missing order." },
  device: { title: "Misrecorded, by device", caption: "Value mismatches and duplicates by the device analytics saw", none: "Nothing misrecorded." },
} as const;
