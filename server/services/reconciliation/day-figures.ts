import type { ReconciliationDay } from "@/server/generated/prisma/client";

/** A day's counts and values as the pages and exports show them (money as exact decimal strings). */
export type DayFigures = {
  currency: string;
  storeOrders: number;
  storeValue: string;
  analyticsTransactions: number;
  analyticsValue: string;
  matched: number;
  /** 0–1 as a decimal string; null on a day without orders. */
  matchRate: string | null;
  missingCount: number;
  missingValue: string;
  extraCount: number;
  extraValue: string;
  mismatchCount: number;
  duplicateCount: number;
  notSetCount: number;
  notSetValue: string;
};

export function dayFigures(day: ReconciliationDay): DayFigures {
  return {
    currency: day.currency,
    storeOrders: day.storeOrders,
    storeValue: day.storeValue.toString(),
    analyticsTransactions: day.analyticsTransactions,
    analyticsValue: day.analyticsValue.toString(),
    matched: day.matched,
    matchRate: day.matchRate?.toString() ?? null,
    missingCount: day.missingCount,
    missingValue: day.missingValue.toString(),
    extraCount: day.extraCount,
    extraValue: day.extraValue.toString(),
    mismatchCount: day.mismatchCount,
    duplicateCount: day.duplicateCount,
    notSetCount: day.notSetCount,
    notSetValue: day.notSetValue.toString(),
  };
}

export const dayStart = (day: string) => new Date(`${day}T00:00:00.000Z`);
