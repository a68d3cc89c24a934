import "server-only";
import type { WorkspaceDb } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";
import { DEFAULT_MATCH_RATE_THRESHOLD } from "./schema";

export type ReconciliationSettingsView = {
  /** The threshold as a 0–1 fraction (decimal string) and as the percentage the form edits. */
  matchRateThreshold: string;
  matchRateThresholdPercent: number;
  /** Nothing saved yet: the default applies. */
  isDefault: boolean;
};

/** The workspace's match-rate threshold (the default until an admin saves one). */
export async function matchRateThreshold(wdb: Pick<WorkspaceDb, "reconciliationSettings">): Promise<{ value: Prisma.Decimal; isDefault: boolean }> {
  const row = await wdb.reconciliationSettings.findFirst({ select: { matchRateThreshold: true } });
  return row ? { value: row.matchRateThreshold, isDefault: false } : { value: new Prisma.Decimal(DEFAULT_MATCH_RATE_THRESHOLD), isDefault: true };
}

export function settingsView(threshold: { value: Prisma.Decimal; isDefault: boolean }): ReconciliationSettingsView {
  return {
    matchRateThreshold: threshold.value.toString(),
    // Two decimals of a percent are exact in a float, which the form's number field needs.
    matchRateThresholdPercent: threshold.value.mul(100).toDecimalPlaces(2).toNumber(),
    isDefault: threshold.isDefault,
  };
}
