import "server-only";
import type { MatchRateAlertEmailProps } from "@/emails/match-rate-alert";
import type { MatchRateRecoveredEmailProps } from "@/emails/match-rate-recovered";
import { db, workspaceDb } from "@/server/db";
import { Role } from "@/server/generated/prisma/enums";
import { calendarDay } from "@/server/services/accounting/calendar-day";
import { findAlertRecipients } from "@/server/services/job-alerts/find-alert-recipients";
import { matchRateThreshold } from "../get-reconciliation-settings";
import { money, percent } from "./format";
import { reconciliationLinks } from "./pair-links";

/** What one evaluation sends (the same email to each recipient); plain JSON, a step's output. */
export type MatchRateAlert =
  | { outcome: "unchanged"; alerting: boolean }
  | { outcome: "alerted"; workspaceId: string; recipients: string[]; email: MatchRateAlertEmailProps }
  | { outcome: "recovered"; workspaceId: string; recipients: string[]; email: MatchRateRecoveredEmailProps };

// Anyone who can read the reconciliation may opt in to its emails.
const EVERY_ROLE = Object.values(Role);

// After a reconcile run: judge the pair by its latest FINAL day with orders (a day still inside the
// analytics provider's processing window may yet change). Below the workspace's threshold while not
// alerting → alert (alertingSince/alertDate set); at or above it while alerting → recover (cleared).
// Anything else sends nothing, so a pair stays at one alert however many days stay below. Each
// transition is claimed by a conditional update, so two runs at once cannot both send it.
export async function evaluateMatchRateAlert(pairId: string, now = new Date()): Promise<MatchRateAlert> {
  const pair = await db.reconciliationPair.findUnique({
    where: { id: pairId },
    include: { storeConnection: { select: { displayName: true } }, analyticsConnection: { select: { displayName: true } } },
  });
  if (!pair) return { outcome: "unchanged", alerting: false };
  const wdb = workspaceDb(pair.workspaceId);
  const [workspace, threshold, day] = await Promise.all([
    wdb.workspace.findFirstOrThrow({ select: { name: true, slug: true } }),
    matchRateThreshold(wdb),
    wdb.reconciliationDay.findFirst({ where: { pairId, final: true, matchRate: { not: null } }, orderBy: { date: "desc" } }),
  ]);
  const alerting = pair.alertingSince !== null;
  if (!day?.matchRate) return { outcome: "unchanged", alerting };
  const below = day.matchRate.lessThan(threshold.value);
  if (below === alerting) return { outcome: "unchanged", alerting };

  const claimed = await wdb.reconciliationPair.updateMany({
    where: { id: pairId, alertingSince: below ? null : { not: null } },
    data: below ? { alertingSince: now, alertDate: day.date } : { alertingSince: null, alertDate: null },
  });
  if (claimed.count === 0) return { outcome: "unchanged", alerting };

  const recipients = (await findAlertRecipients(pair.workspaceId, "matchRateAlertEmails", EVERY_ROLE)).map((r) => r.email);
  const links = reconciliationLinks(workspace.slug);
  const date = calendarDay(day.date);
  const common = {
    workspaceName: workspace.name,
    storeName: pair.storeConnection.displayName,
    analyticsName: pair.analyticsConnection.displayName,
    date,
    matchRate: percent(day.matchRate),
    threshold: percent(threshold.value),
    settingsUrl: links.settings,
  };
  if (below) {
    return {
      outcome: "alerted",
      workspaceId: pair.workspaceId,
      recipients,
      email: { ...common, storeOrders: day.storeOrders, missingCount: day.missingCount, missingValue: money(day.missingValue, day.currency), dayUrl: links.day(pairId, date) },
    };
  }
  return { outcome: "recovered", workspaceId: pair.workspaceId, recipients, email: { ...common, alertDate: calendarDay(pair.alertDate), pairUrl: links.pair(pairId) } };
}
