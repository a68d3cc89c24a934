import type { Prisma } from "@/server/generated/prisma/client";

// How the reconciliation emails write figures: a 0–1 rate as a percentage with one decimal, money
// as its exact decimal with the currency's code.
export const percent = (rate: Prisma.Decimal) => `${rate.mul(100).toDecimalPlaces(1).toString()}%`;

export const money = (value: Prisma.Decimal, currency: string) => `${value.toFixed(2)} ${currency}`;
