import { z } from "zod";

// What the reconciliation reads from an analytics connection's settings (written when its
// property is chosen): the property's time zone, whose days the report counts in, and its currency.
const analyticsSettings = z.object({ timeZone: z.string().min(1).optional(), currencyCode: z.string().length(3).optional() });

export type AnalyticsProperty = { timeZone: string; currency: string | null };

export function analyticsPropertyOf(settings: unknown): AnalyticsProperty {
  const parsed = analyticsSettings.safeParse(settings);
  const { timeZone, currencyCode } = parsed.success ? parsed.data : {};
  return { timeZone: timeZone && isTimeZone(timeZone) ? timeZone : "UTC", currency: currencyCode ?? null };
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
