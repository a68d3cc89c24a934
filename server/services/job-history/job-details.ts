import { z } from "zod";
import type { Prisma } from "@/server/generated/prisma/client";

// JobRun.details as the tracking wrapper writes it (see inngest/define-job.ts). Read leniently:
// retention may have dropped it, and a malformed entry must not break the page.
const eventSchema = z.object({ name: z.string().min(1), data: z.record(z.string(), z.unknown()).default({}) });

const attemptSchema = z.object({
  attempt: z.number().int().min(0),
  startedAt: z.coerce.date(),
  finishedAt: z.coerce.date().optional(),
  error: z.string().optional(),
});

export type JobEvent = z.infer<typeof eventSchema>;
export type JobAttempt = z.infer<typeof attemptSchema>;

function asObject(value: Prisma.JsonValue | null | undefined): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? value : {};
}

export function eventOf(details: Prisma.JsonValue | null | undefined): JobEvent | null {
  const parsed = eventSchema.safeParse(asObject(details).event);
  return parsed.success ? parsed.data : null;
}

export function attemptsOf(details: Prisma.JsonValue | null | undefined): JobAttempt[] {
  const raw = asObject(details).attempts;
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((entry) => {
    const parsed = attemptSchema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
}
