import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withInngestRunner, type InngestHarness } from "@/dev/test/inngest";
import { inngest } from "@/inngest/client";
import { bankTransactionRecord } from "@/prisma/factories/accounting";
import { buildMember, buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { buildReconciliationSetup, sandboxPayoutRecord } from "@/prisma/factories/payout-reconciliation";
import { callerFor, errorOf } from "@/server/api/test-utils";
import { db } from "@/server/db";
import { ingestRecords } from "@/server/ingest";
import { payoutSummaryRequested } from "@/server/services/jobs/events";
import { completeConnectionSync } from "@/server/services/sync/complete-connection-sync";
import { payoutSummary, requestPayoutSummaries } from "./payout-summary";
import { reconcilePayouts } from "./reconcile-payouts";

let harness: InngestHarness;
beforeAll(async () => {
  harness = await withInngestRunner(inngest, [reconcilePayouts]);
});
afterAll(async () => {
  await harness?.stop();
});

/** A workspace whose store has a matched payout, a missing one and a deposit no payout claims. */
async function setUp() {
  const { workspace, owner } = await buildWorkspaceWithOwner("Acme Payouts");
  const admin = (await buildMember(workspace.id, "ADMIN")).user;
  await buildMember(workspace.id, "MEMBER");
  const w = await buildReconciliationSetup(workspace.id);
  await ingestRecords(w.storeScope, { kind: "payouts", records: [sandboxPayoutRecord({ id: "p1", date: "2026-01-05", amount: "100.00" }), sandboxPayoutRecord({ id: "p2", date: "2026-01-06", amount: "42.50" })] });
  await ingestRecords(w.booksScope, {
    kind: "bankTransactions",
    records: [bankTransactionRecord("d1", { datedOn: "2026-01-06", amount: "100.0" }), bankTransactionRecord("d9", { datedOn: "2026-01-20", amount: "77.7", description: "SHOPIFY PAYMENTS GB" })],
  });
  return { ...w, workspace, owner, admin };
}

describe("reconcile-payouts", () => {
  it("runs after a sync of either side finishes, and records a payout-reconciliation run of the workspace", async () => {
    const w = await setUp();
    await completeConnectionSync(w.books.id);
    const run = await harness.waitForRun({ functionId: "reconcile-payouts", status: "COMPLETED" }, 30_000);
    expect(run.output).toMatchObject({ outcome: "reconciled", payouts: 2, written: 2, explained: 0 });
    const states = await db.payoutReconciliation.findMany({ where: { workspaceId: w.workspace.id }, include: { payout: true }, orderBy: { payout: { externalId: "asc" } } });
    expect(states.map((s) => [s.payout.externalId, s.state])).toEqual([
      ["p1", "MATCHED"],
      ["p2", "UNMATCHED_PAYOUT"],
    ]);
    expect(await db.jobRun.findFirst({ where: { workspaceId: w.workspace.id, functionId: "reconcile-payouts" } })).toMatchObject({ kind: "payout-reconciliation", status: "SUCCEEDED", recordsRead: 2, recordsUpdated: 2 });
  });
});

describe("payout-summary", () => {
  it("emails what stays unmatched to the owners and admins who opted in, and nothing to anyone else", async () => {
    const w = await setUp();
    await new InngestTestEngine({ function: reconcilePayouts, events: [{ name: "app/payout-reconciliation.requested", data: { workspaceId: w.workspace.id, setupId: w.setup.id, trigger: "MANUAL" } }] }).execute();
    const run = (workspaceId: string) => new InngestTestEngine({ function: payoutSummary, events: [payoutSummaryRequested.create({ workspaceId })] }).execute();

    // Opt-in: nobody has turned it on yet.
    expect((await run(w.workspace.id)).result).toEqual({ outcome: "nothing-to-send" });
    expect(await callerFor(w.admin).me.get()).toMatchObject({ notificationPrefs: { payoutSummaryEmails: false, shipmentAlertEmails: true } });
    expect(await callerFor(w.admin).me.updateNotifications({ payoutSummaryEmails: true })).toMatchObject({ payoutSummaryEmails: true });
    const wrong = await errorOf(callerFor(w.admin).me.updateNotifications({ payoutSummaryEmails: "yes" } as never));
    expect(wrong.code).toBe("BAD_REQUEST");
    expect(JSON.stringify(wrong.cause)).toContain("payoutSummaryEmails");

    // The email shows a payout on its day in the workspace's zone.
    await db.workspace.update({ where: { id: w.workspace.id }, data: { timeZone: "America/New_York" } });
    expect((await run(w.workspace.id)).result).toEqual({ outcome: "email", sent: 1 });
    const [mail, ...more] = await db.emailOutbox.findMany({ where: { workspaceId: w.workspace.id, template: "payout-summary" } });
    expect(more).toEqual([]);
    expect(mail).toMatchObject({ to: w.admin.email, subject: "[Acme Payouts] 1 payout and 1 deposit to reconcile", status: "SENT" });
    expect(mail!.text).toContain("Payout p2");
    expect(mail!.text).toContain("— 42.50 GBP, issued Jan 5, 2026");
    expect(mail!.text).toContain("no deposit found");
    expect(mail!.text).toContain("Deposit of 77.70 on Jan 20, 2026 (SHOPIFY PAYMENTS GB): no payout matches it");
    const p2 = await db.payout.findFirstOrThrow({ where: { workspaceId: w.workspace.id, externalId: "p2" } });
    expect(mail!.html).toContain(`/w/${w.workspace.slug}/payouts/${p2.id}"`);
    expect(mail!.html).toContain(`/account/notifications"`);
  });

  it("is requested once a day for each workspace that reconciles payouts", async () => {
    const w = await setUp();
    const { result, ctx } = await new InngestTestEngine({ function: requestPayoutSummaries, events: [{ name: "inngest/scheduled.timer", data: { cron: "0 7 * * *" } }] }).execute({
      steps: [{ id: "request-summaries", handler: () => ({ ids: [] }) }],
    });
    type Sent = { name: string; data: { workspaceId: string }; id: string };
    const sent = (ctx.step.sendEvent as unknown as { mock: { calls: unknown[][] } }).mock.calls.flatMap(([, events]) => events as Sent[]);
    const day = new Date().toISOString().slice(0, 10);
    expect(sent.filter((e) => e.data.workspaceId === w.workspace.id)).toEqual([{ name: "app/payout-summary.requested", data: { workspaceId: w.workspace.id }, id: `payout-summary-${w.workspace.id}-${day}`, validate: expect.any(Function) }]);
    expect(result).toEqual({ requested: sent.length });
  });
});
