import type { Prisma } from "@/server/generated/prisma/client";

// Money leaves the services as decimal strings ("19.5"), never as Prisma's Decimal: superjson
// has no Decimal type, so a Decimal would reach the browser as a bare string anyway while the
// inferred type still claimed Decimal. A string keeps every digit; the UI formats it with
// Intl.NumberFormat, which takes decimal strings without going through a float.
export function amountOf(value: Prisma.Decimal): string;
export function amountOf(value: Prisma.Decimal | null): string | null;
export function amountOf(value: Prisma.Decimal | null): string | null {
  return value === null ? null : value.toFixed();
}
