import { z } from "zod";
import { BREAKDOWN_DIMENSIONS, type BreakdownDimension, type MissBreakdown } from "./schema";

// The engine writes ReconciliationDay.breakdown as { channel: { [name]: { count, value } }, ... };
// a value may arrive as a JSON number or a decimal string, and is kept as the digits given.
const entries = z.record(z.string(), z.object({ count: z.number().int(), value: z.union([z.string(), z.number()]).transform(String) }));
const stored = z.object(Object.fromEntries(BREAKDOWN_DIMENSIONS.map((d) => [d, entries.optional()])) as Record<BreakdownDimension, z.ZodOptional<typeof entries>>);

/** The stored breakdown, every dimension present (empty when the store did not know it). */
export function readBreakdown(json: unknown): MissBreakdown {
  const parsed = stored.safeParse(json);
  const data = parsed.success ? parsed.data : {};
  return Object.fromEntries(
    BREAKDOWN_DIMENSIONS.map((dimension) => [
      dimension,
      Object.entries(data[dimension] ?? {})
        .map(([name, { count, value }]) => ({ name, count, value }))
        .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
    ]),
  ) as MissBreakdown;
}
