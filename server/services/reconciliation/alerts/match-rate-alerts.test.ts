import { describe, expect, it } from "vitest";
import { buildMember, buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { buildReconciliationDay, buildReconciliationPair } from "@/prisma/factories/reconciliation";
import { callerFor } from "@/server/api/test-utils";
import { db } from "@/server/db";
import { evaluateMatchRateAlert, type MatchRateAlert } from "./evaluate-match-rate-alert";
import { sendMatchRateEmail } from "./send-match-rate-email";

// A workspace with a pair whose first final day is fine; the admin and a viewer opted in to match
// rate alerts (through the notifications switch), the owner and a member did not.
async function setUp() {
  const { workspace, owner } = await buildWorkspaceWithOwner("Acme Analytics");
  const admin = (await buildMember(workspace.id, "ADMIN")).user;
  const member = (await buildMember(workspace.id, "MEMBER")).user;
  const viewer = (await buildMember(workspace.id, "VIEWER")).user;
  for (const user of [admin, viewer]) await callerFor(user).me.updateNotifications({ matchRateAlertEmails: true });
  await callerFor(member).me.updateNotifications({ reconciliationWeeklyEmails: true });
  const { pair, store, analytics } = await buildReconciliationPair(workspace.id);
  await buildReconciliationDay(pair, "2026-11-01", { storeOrders: 10, matched: 10 });
  return { workspace, owner, admin, member, viewer, pair, store, analytics };
}

/** Evaluates the pair as the reconcile run's step does, then sends each recipient's email. */
async function evaluate(pairId: string): Promise<MatchRateAlert> {
  const alert = await evaluateMatchRateAlert(pairId);
  if (alert.outcome !== "unchanged") for (const to of alert.recipients) await sendMatchRateEmail(alert, to);
  return alert;
}

const mails = (workspaceId: string) => db.emailOutbox.findMany({ where: { workspaceId }, orderBy: [{ createdAt: "asc" }, { to: "asc" }] });
const pairState = (pairId: string) => db.reconciliationPair.findUniqueOrThrow({ where: { id: pairId }, select: { alertingSince: true, alertDate: true } });

describe("match-rate alerts", () => {
  it("alerts once when the latest final day falls below the threshold, not again while it stays below, then recovers, and alerts again", async () => {
    const w = await setUp();
    expect(await evaluate(w.pair.id)).toEqual({ outcome: "unchanged", alerting: false });

    // Below: an alert to the members who opted in, whatever their role, and the pair marked.
    await buildReconciliationDay(w.pair, "2026-11-02", { storeOrders: 10, matched: 8 });
    const alert = await evaluate(w.pair.id);
    expect(alert).toMatchObject({ outcome: "alerted", email: { date: "2026-11-02", matchRate: "80%", threshold: "90%", storeOrders: 10, missingCount: 2, missingValue: "20.00 GBP" } });
    expect(await pairState(w.pair.id)).toEqual({ alertingSince: expect.any(Date), alertDate: new Date("2026-11-02T00:00:00Z") });
    const sent = await mails(w.workspace.id);
    expect(sent.map((m) => [m.to, m.template]).sort()).toEqual([
      [w.admin.email, "match-rate-alert"],
      [w.viewer.email, "match-rate-alert"],
    ].sort());
    expect(sent[0]!.subject).toBe(`[Acme Analytics] ${w.store.displayName} in ${w.analytics.displayName}: match rate 80% on Nov 2, 2026, below 90%`);
    expect(sent[0]!.html).toContain(`/w/${w.workspace.slug}/reconciliation/${w.pair.id}/2026-11-02"`);
    expect(sent[0]!.html).toContain(`/account/notifications"`);

    // Still below on a later final day, and a recent day not final yet even lower: no repeat.
    await buildReconciliationDay(w.pair, "2026-11-03", { storeOrders: 10, matched: 7 });
    await buildReconciliationDay(w.pair, "2026-11-04", { storeOrders: 10, matched: 1 }, { final: false });
    expect(await evaluate(w.pair.id)).toEqual({ outcome: "unchanged", alerting: true });
    expect(await mails(w.workspace.id)).toHaveLength(2);

    // A later final day back at the threshold: the recovery email, and the pair cleared.
    await db.reconciliationDay.updateMany({ where: { pairId: w.pair.id, date: new Date("2026-11-04T00:00:00Z") }, data: { final: true, matched: 9, missingCount: 1, matchRate: "0.9" } });
    const recovered = await evaluate(w.pair.id);
    expect(recovered).toMatchObject({ outcome: "recovered", email: { date: "2026-11-04", alertDate: "2026-11-02", matchRate: "90%" } });
    expect(await pairState(w.pair.id)).toEqual({ alertingSince: null, alertDate: null });
    const afterRecovery = await mails(w.workspace.id);
    expect(afterRecovery.filter((m) => m.template === "match-rate-recovered").map((m) => m.to).sort()).toEqual([w.admin.email, w.viewer.email].sort());
    expect(afterRecovery.find((m) => m.template === "match-rate-recovered")!.html).toContain(`/w/${w.workspace.slug}/reconciliation/${w.pair.id}"`);
    expect(await evaluate(w.pair.id)).toEqual({ outcome: "unchanged", alerting: false });

    // Below again: a new alert.
    await buildReconciliationDay(w.pair, "2026-11-05", { storeOrders: 20, matched: 17 });
    expect(await evaluate(w.pair.id)).toMatchObject({ outcome: "alerted", email: { date: "2026-11-05", matchRate: "85%" } });
    expect((await mails(w.workspace.id)).filter((m) => m.template === "match-rate-alert")).toHaveLength(4);
  });

  it("waits for a day to be final, and ignores a final day without orders", async () => {
    const w = await setUp();
    await buildReconciliationDay(w.pair, "2026-11-02", { storeOrders: 10, matched: 1 }, { final: false });
    await buildReconciliationDay(w.pair, "2026-10-31", { storeOrders: 10, matched: 1 }, { final: true });
    await buildReconciliationDay(w.pair, "2026-11-03", { storeOrders: 0, matched: 0 });
    // The latest final day with orders is 1 November (100 %): 2 November may still rise.
    expect(await evaluate(w.pair.id)).toEqual({ outcome: "unchanged", alerting: false });
  });

  it("judges by the workspace's own threshold", async () => {
    const w = await setUp();
    await callerFor(w.owner).reconciliation.updateSettings({ workspaceSlug: w.workspace.slug, matchRateThresholdPercent: 75 });
    await buildReconciliationDay(w.pair, "2026-11-02", { storeOrders: 10, matched: 8 });
    expect(await evaluate(w.pair.id)).toEqual({ outcome: "unchanged", alerting: false });
    await buildReconciliationDay(w.pair, "2026-11-03", { storeOrders: 4, matched: 2 });
    expect(await evaluate(w.pair.id)).toMatchObject({ outcome: "alerted", email: { matchRate: "50%", threshold: "75%" } });
  });

  it("keeps the alert state when no one opted in, so a later opt-in gets no stale alert", async () => {
    const w = await setUp();
    for (const user of [w.admin, w.viewer]) await callerFor(user).me.updateNotifications({ matchRateAlertEmails: false });
    await buildReconciliationDay(w.pair, "2026-11-02", { storeOrders: 10, matched: 8 });
    expect(await evaluate(w.pair.id)).toMatchObject({ outcome: "alerted", recipients: [] });
    expect(await mails(w.workspace.id)).toEqual([]);
    await callerFor(w.admin).me.updateNotifications({ matchRateAlertEmails: true });
    expect(await evaluate(w.pair.id)).toEqual({ outcome: "unchanged", alerting: true });
    expect(await mails(w.workspace.id)).toEqual([]);
  });

  it("sends one alert when two runs evaluate the same transition at once", async () => {
    const w = await setUp();
    await buildReconciliationDay(w.pair, "2026-11-02", { storeOrders: 10, matched: 8 });
    const outcomes = await Promise.all([evaluateMatchRateAlert(w.pair.id), evaluateMatchRateAlert(w.pair.id)]);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(["alerted", "unchanged"]);
  });
});
