import { Prisma } from "@/server/generated/prisma/client";

// How much of each line the order's refunds gave back: the quantities and the subtotals summed
// over every refund that names the line (a line may be refunded in several goes).
export function refundedByLine(entries: { lineItemExternalId: string; quantity: number; subtotal: { amount: string } }[]) {
  const byLine = new Map<string, { quantity: number; amount: Prisma.Decimal }>();
  for (const entry of entries) {
    const sum = byLine.get(entry.lineItemExternalId) ?? { quantity: 0, amount: new Prisma.Decimal(0) };
    byLine.set(entry.lineItemExternalId, { quantity: sum.quantity + entry.quantity, amount: sum.amount.add(entry.subtotal.amount) });
  }
  return (lineExternalId: string): { refundedQuantity: number; refundedAmount: string | null } => {
    const sum = byLine.get(lineExternalId);
    return { refundedQuantity: sum?.quantity ?? 0, refundedAmount: sum ? sum.amount.toFixed() : null };
  };
}
