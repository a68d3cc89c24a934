import "server-only";
import type { ReconciliationWeeklySummaryEmailProps, WeeklyPair } from "@/emails/reconciliation-weekly-summary";
import { db, workspaceDb } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";
import { Role } from "@/server/generated/prisma/enums";
import { calendarDay } from "@/server/services/accounting/calendar-day";
import { findAlertRecipients } from "@/server/services/job-alerts/find-alert-recipients";
import { reconciliationWeeklySummaryRequested } from "@/server/services/jobs/events";
import { money, percent } from "./format";
import { reconciliationLinks } from "./pair-links";

/** Each pair's lowest days of the week the email lists. */
export const WORST_DAYS = 3;

const DAY_MS = 86_400_000;
const EVERY_ROLE = Object.values(Role);

/** What one workspace's summary sends (the same email to each recipient); plain JSON, a step's output. */
export type WeeklySummary = { workspaceId: string; weekStart: string; email: ReconciliationWeeklySummaryEmailProps; recipients: string[] };

/**
 * The week a summary sent at `now` covers: the last full Monday-to-Sunday of dates before the
 * current week (UTC), the one before it, and when the current week began (a summary sent since
 * then is this week's).
 */
export function summaryWeek(now: Date) {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const monday = today - ((now.getUTCDay() + 6) % 7) * DAY_MS;
  const at = (offsetDays: number) => new Date(monday + offsetDays * DAY_MS);
  return { currentWeekStart: at(0), week: { from: at(-7), to: at(-1) }, previous: { from: at(-14), to: at(-8) } };
}

/** One event per workspace that reconciles analytics and per week: a repeated tick sends the same id. */
export async function weeklySummaryEvents(now = new Date()) {
  const workspaces = await db.reconciliationPair.findMany({ distinct: ["workspaceId"], select: { workspaceId: true }, orderBy: { workspaceId: "asc" } });
  const weekStart = calendarDay(summaryWeek(now).week.from);
  return workspaces.map(({ workspaceId }) => reconciliationWeeklySummaryRequested.create({ workspaceId }, { id: `reconciliation-weekly-summary-${workspaceId}-${weekStart}` }));
}

type Totals = { storeOrders: number; matched: number; missingCount: number; missingValues: { currency: string; value: Prisma.Decimal }[] };

/** Each pair's week in one statement: counts over every currency, missed values per currency. */
async function weekTotals(workspaceId: string, range: { from: Date; to: Date }): Promise<Map<string, Totals>> {
  const rows = await workspaceDb(workspaceId).reconciliationDay.groupBy({
    by: ["pairId", "currency"],
    where: { date: { gte: range.from, lte: range.to } },
    orderBy: [{ pairId: "asc" }, { currency: "asc" }],
    _sum: { storeOrders: true, matched: true, missingCount: true, missingValue: true },
  });
  const totals = new Map<string, Totals>();
  for (const row of rows) {
    const t = totals.get(row.pairId) ?? { storeOrders: 0, matched: 0, missingCount: 0, missingValues: [] };
    t.storeOrders += row._sum.storeOrders ?? 0;
    t.matched += row._sum.matched ?? 0;
    t.missingCount += row._sum.missingCount ?? 0;
    if (row._sum.missingValue && !row._sum.missingValue.isZero()) t.missingValues.push({ currency: row.currency, value: row._sum.missingValue });
    totals.set(row.pairId, t);
  }
  return totals;
}

const weekRate = (t: Totals | undefined) => (t && t.storeOrders > 0 ? percent(new Prisma.Decimal(t.matched).div(t.storeOrders)) : null);

// The workspace's week for the users who opted in: each pair's match rate against the week
// before, what analytics missed, and its worst days. Null when this week's summary went out
// already (ReconciliationSettings.weeklySummarySentAt), no one opted in, or there is no pair.
export async function gatherWeeklySummary(workspaceId: string, now = new Date()): Promise<WeeklySummary | null> {
  const wdb = workspaceDb(workspaceId);
  const { currentWeekStart, week, previous } = summaryWeek(now);
  const [settings, recipients, workspace, pairs] = await Promise.all([
    wdb.reconciliationSettings.findFirst({ select: { weeklySummarySentAt: true } }),
    findAlertRecipients(workspaceId, "reconciliationWeeklyEmails", EVERY_ROLE),
    wdb.workspace.findFirst({ select: { name: true, slug: true } }),
    wdb.reconciliationPair.findMany({
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, storeConnection: { select: { displayName: true } }, analyticsConnection: { select: { displayName: true } } },
    }),
  ]);
  if (settings?.weeklySummarySentAt && settings.weeklySummarySentAt >= currentWeekStart) return null;
  if (!workspace || recipients.length === 0 || pairs.length === 0) return null;

  const [thisWeek, weekBefore, worst] = await Promise.all([
    weekTotals(workspaceId, week),
    weekTotals(workspaceId, previous),
    Promise.all(
      pairs.map((pair) =>
        wdb.reconciliationDay.findMany({
          where: { pairId: pair.id, date: { gte: week.from, lte: week.to }, matchRate: { not: null } },
          orderBy: [{ matchRate: "asc" }, { date: "asc" }],
          take: WORST_DAYS,
          select: { date: true, matchRate: true },
        }),
      ),
    ),
  ]);
  const links = reconciliationLinks(workspace.slug);
  return {
    workspaceId,
    weekStart: calendarDay(week.from),
    recipients: recipients.map((r) => r.email),
    email: {
      workspaceName: workspace.name,
      weekStart: calendarDay(week.from),
      weekEnd: calendarDay(week.to),
      pairs: pairs.map((pair, index): WeeklyPair => {
        const t = thisWeek.get(pair.id);
        return {
          storeName: pair.storeConnection.displayName,
          analyticsName: pair.analyticsConnection.displayName,
          matchRate: weekRate(t),
          previousMatchRate: weekRate(weekBefore.get(pair.id)),
          storeOrders: t?.storeOrders ?? 0,
          missingCount: t?.missingCount ?? 0,
          missingValues: (t?.missingValues ?? []).map((m) => money(m.value, m.currency)),
          worstDays: worst[index]!.map((day) => ({ date: calendarDay(day.date), matchRate: percent(day.matchRate!), url: links.day(pair.id, calendarDay(day.date)) })),
          url: links.pair(pair.id),
        };
      }),
      reconciliationUrl: links.reconciliation,
      settingsUrl: links.settings,
    },
  };
}

/** After the last recipient's email: this week's summary is sent (a later run this week sends none). */
export async function markWeeklySummarySent(workspaceId: string, now = new Date()): Promise<void> {
  await db.reconciliationSettings.upsert({ where: { workspaceId }, create: { workspaceId, weeklySummarySentAt: now }, update: { weeklySummarySentAt: now } });
}
