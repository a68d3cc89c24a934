import { z } from "zod";

export const OVERVIEW_PERIODS = ["7d", "30d", "90d", "custom"] as const;
export type OverviewPeriod = (typeof OVERVIEW_PERIODS)[number];

/** The longest custom period: a year and a day, so a leap year's same day a year ago fits. */
export const MAX_PERIOD_DAYS = 367;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const calendarDay = z
  .string()
  .regex(DAY, "A day as YYYY-MM-DD")
  .refine((value) => new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), "Not a calendar day");

export const overviewInput = z
  .object({
    period: z.enum(OVERVIEW_PERIODS).default("30d"),
    // Only for a custom period: its first and last day, in the workspace's time zone.
    from: calendarDay.optional(),
    to: calendarDay.optional(),
    // One store connection, or every store of the workspace.
    connectionId: z.string().min(1).max(64).optional(),
  })
  .superRefine((input, ctx) => {
    if (input.period !== "custom") return;
    if (!input.from) ctx.addIssue({ code: "custom", path: ["from"], message: "A custom period needs its first day" });
    if (!input.to) ctx.addIssue({ code: "custom", path: ["to"], message: "A custom period needs its last day" });
    if (!input.from || !input.to) return;
    const days = (Date.parse(input.to) - Date.parse(input.from)) / 86_400_000 + 1;
    if (days < 1) ctx.addIssue({ code: "custom", path: ["to"], message: "The last day comes before the first" });
    else if (days > MAX_PERIOD_DAYS) ctx.addIssue({ code: "custom", path: ["to"], message: `At most ${MAX_PERIOD_DAYS} days` });
  });
export type OverviewInput = z.input<typeof overviewInput>;
