import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { buildMember, buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { buildReconciliationDay, buildReconciliationPair } from "@/prisma/factories/reconciliation";
import { callerFor } from "@/server/api/test-utils";
import { db } from "@/server/db";
import { formatEmailDay } from "@/emails/email-time";
import { calendarDay } from "@/server/services/accounting/calendar-day";
import { reconciliationWeeklySummaryRequested } from "@/server/services/jobs/events";
import { summaryWeek } from "@/server/services/reconciliation/alerts/weekly-summary";
import { reconciliationWeeklySummary, requestReconciliationWeeklySummaries } from "./reconciliation-weekly-summary";

type Mocked = { mock: { calls: unknown[][] } };
const DAY_MS = 86_400_000;

// The days of the week the summary covers (and the one before) as of now: the tests run any day.
const { week, previous } = summaryWeek(new Date());
const dayOf = (start: Date, offset: number) => calendarDay(new Date(start.getTime() + offset * DAY_MS));

// A workspace with a pair: last week 30 orders, 27 recorded (two days: 8/10 and 19/20), the week
// before 10/10; a member and a viewer, the viewer opted in to the weekly email.
async function setUp() {
  const { workspace, owner } = await buildWorkspaceWithOwner("Acme Analytics");
  const member = (await buildMember(workspace.id, "MEMBER")).user;
  const viewer = (await buildMember(workspace.id, "VIEWER")).user;
  const { pair, store, analytics } = await buildReconciliationPair(workspace.id);
  await buildReconciliationDay(pair, dayOf(week.from, 1), { storeOrders: 10, matched: 8 });
  await buildReconciliationDay(pair, dayOf(week.from, 5), { storeOrders: 20, matched: 19 });
  await buildReconciliationDay(pair, dayOf(previous.from, 3), { storeOrders: 10, matched: 10 });
  // This week's day counts in next week's summary, not this one.
  await buildReconciliationDay(pair, dayOf(week.to, 1), { storeOrders: 10, matched: 0 }, { final: false });
  return { workspace, owner, member, viewer, pair, store, analytics };
}

const run = (workspaceId: string) => new InngestTestEngine({ function: reconciliationWeeklySummary, events: [reconciliationWeeklySummaryRequested.create({ workspaceId })] }).execute();

describe("reconciliation-weekly-summary", () => {
  it("emails each pair's week against the week before to the members who opted in, once a week", async () => {
    const w = await setUp();
    expect((await run(w.workspace.id)).result).toEqual({ outcome: "nothing-to-send" });

    await callerFor(w.viewer).me.updateNotifications({ reconciliationWeeklyEmails: true });
    expect(await callerFor(w.viewer).me.get()).toMatchObject({ notificationPrefs: { reconciliationWeeklyEmails: true, matchRateAlertEmails: false } });
    const { result, ctx } = await run(w.workspace.id);
    expect(result).toEqual({ outcome: "email", sent: 1 });
    expect((ctx.step.run as unknown as Mocked).mock.calls.map(([id]) => id).filter((id) => !String(id).startsWith("job-run-"))).toEqual(["gather-weekly-summary", "send-email-1", "mark-sent"]);
    const [mail, ...more] = await db.emailOutbox.findMany({ where: { workspaceId: w.workspace.id } });
    expect(more).toEqual([]);
    expect(mail).toMatchObject({ to: w.viewer.email, template: "reconciliation-weekly-summary", subject: `[Acme Analytics] Analytics match rates for the week of ${formatEmailDay(calendarDay(week.from))}` });
    // 27 of 30 orders; the week before 10 of 10; 3 missed at 10.00 each; the worst days first.
    expect(mail!.text).toContain("Match rate: 90% (the week before: 100%)");
    expect(mail!.text).toContain("Missing in analytics: 3 of 30 orders, worth 30.00 GBP");
    expect(mail!.text).toMatch(new RegExp(`Worst days: ${formatEmailDay(dayOf(week.from, 1))}.*\\(80%\\), ${formatEmailDay(dayOf(week.from, 5))}.*\\(95%\\)`));
    expect(mail!.html).toContain(`/w/${w.workspace.slug}/reconciliation/${w.pair.id}/${dayOf(week.from, 1)}"`);
    expect((await db.reconciliationSettings.findUniqueOrThrow({ where: { workspaceId: w.workspace.id } })).weeklySummarySentAt).toEqual(expect.any(Date));

    // Requested again the same week (a repeated tick, a retried run): nothing more is sent.
    expect((await run(w.workspace.id)).result).toEqual({ outcome: "nothing-to-send" });
    expect(await db.emailOutbox.count({ where: { workspaceId: w.workspace.id } })).toBe(1);
  });

  it("is requested once a week for each workspace that reconciles analytics", async () => {
    const w = await setUp();
    const { workspace: none } = await buildWorkspaceWithOwner("No Analytics");
    const { result, ctx } = await new InngestTestEngine({ function: requestReconciliationWeeklySummaries, events: [{ name: "inngest/scheduled.timer", data: { cron: "0 7 * * 1" } }] }).execute({
      steps: [{ id: "request-summaries", handler: () => ({ ids: [] }) }],
    });
    const sent = (ctx.step.sendEvent as unknown as Mocked).mock.calls.flatMap(([, events]) => events as { data: { workspaceId: string } }[]);
    expect(sent.filter((e) => [w.workspace.id, none.id].includes(e.data.workspaceId))).toEqual([
      { name: "app/reconciliation-weekly-summary.requested", data: { workspaceId: w.workspace.id }, id: `reconciliation-weekly-summary-${w.workspace.id}-${calendarDay(week.from)}`, validate: expect.any(Function) },
    ]);
    expect(result).toEqual({ requested: sent.length });
  });

  it("covers the last full Monday-to-Sunday before the current week", () => {
    const monday = summaryWeek(new Date("2026-12-07T07:00:00Z"));
    expect([monday.week.from, monday.week.to, monday.previous.from, monday.previous.to, monday.currentWeekStart].map(calendarDay)).toEqual(["2026-11-30", "2026-12-06", "2026-11-23", "2026-11-29", "2026-12-07"]);
    const sunday = summaryWeek(new Date("2026-12-06T23:59:59Z"));
    expect([sunday.week.from, sunday.week.to, sunday.currentWeekStart].map(calendarDay)).toEqual(["2026-11-23", "2026-11-29", "2026-11-30"]);
  });
});
