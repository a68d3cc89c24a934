import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withInngestRunner, type InngestHarness } from "@/dev/test/inngest";
import { reconcilePayouts } from "@/inngest/functions/reconcile-payouts";
import { inngest } from "@/inngest/client";
import { accountingCategoryRecord, bankTransactionRecord, payoutBalanceTransactionRecord } from "@/prisma/factories/accounting";
import { orderRecord } from "@/prisma/factories/commerce";
import { buildMember, buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { buildReconciliationSetup, sandboxPayoutRecord } from "@/prisma/factories/payout-reconciliation";
import { callerFor, errorOf } from "@/server/api/test-utils";
import { db } from "@/server/db";
import { ingestRecords } from "@/server/ingest";
import { reconcileSetup } from "./reconcile-setup";

let harness: InngestHarness;
beforeAll(async () => {
  harness = await withInngestRunner(inngest, [reconcilePayouts]);
});
afterAll(async () => {
  await harness?.stop();
});

const gbp = (amount: string) => ({ amount, currency: "GBP" });

// Three payouts a day apart: p1 matched (a £100 order: £80 + £20 VAT, fee £3), p2 with two
// deposits, p3 without one; and a deposit no payout claims.
async function setUp() {
  const { workspace, owner } = await buildWorkspaceWithOwner("Acme Payouts");
  const member = (await buildMember(workspace.id, "MEMBER")).user;
  const w = await buildReconciliationSetup(workspace.id, { categoryMap: { grossSales: "https://api.freeagent.test/v2/categories/002" } });
  await ingestRecords(w.storeScope, { kind: "orders", records: [orderRecord("o1", { name: "#1001", currency: "GBP", totalPrice: gbp("100.00"), totalTax: gbp("20.00"), subtotal: gbp("80.00"), totalDiscounts: null, currentTotalPrice: null, totalRefunded: null, lineItems: [], transactions: [] })] });
  await ingestRecords(w.storeScope, {
    kind: "payouts",
    records: [
      sandboxPayoutRecord({ id: "p1", date: "2026-01-05", amount: "97.00" }),
      sandboxPayoutRecord({ id: "p2", date: "2026-01-06", amount: "50.00" }),
      sandboxPayoutRecord({ id: "p3", date: "2026-01-07", amount: "12.00" }),
    ],
  });
  await ingestRecords(w.storeScope, { kind: "payoutBalanceTransactions", records: [payoutBalanceTransactionRecord("c1", { payoutExternalId: "p1", orderExternalId: "o1", orderName: "#1001", amount: gbp("100.00"), fee: gbp("3.00"), net: gbp("97.00") })] });
  await ingestRecords(w.booksScope, {
    kind: "bankTransactions",
    records: [
      bankTransactionRecord("d1", { datedOn: "2026-01-06", amount: "97.0" }),
      bankTransactionRecord("d2a", { datedOn: "2026-01-07", amount: "50.0" }),
      bankTransactionRecord("d2b", { datedOn: "2026-01-08", amount: "50.0" }),
      bankTransactionRecord("d9", { datedOn: "2026-02-20", amount: "31.0" }),
    ],
  });
  await ingestRecords(w.booksScope, { kind: "accountingCategories", records: [accountingCategoryRecord("002"), accountingCategoryRecord("250")] });
  await reconcileSetup(w.setup.id);
  const slug = workspace.slug;
  return { ...w, workspace, owner, member, slug, caller: callerFor(owner) };
}

describe("payouts router", () => {
  it("lists payouts newest first with their state and deposit, filtered and paged, and never another workspace's", async () => {
    const w = await setUp();
    const other = await setUp();
    const all = await w.caller.payouts.list({ workspaceSlug: w.slug });
    expect(all.items.map((p) => [p.externalId, p.reconciliation?.state, p.reconciliation?.deposit?.externalId.split("/").pop() ?? null, p.reconciliation?.candidateCount])).toEqual([
      ["p3", "UNMATCHED_PAYOUT", null, 0],
      ["p2", "AMBIGUOUS", null, 2],
      ["p1", "MATCHED", "d1", 0],
    ]);
    expect(all.items[2]!.reconciliation).toMatchObject({ breakdown: { grossSales: "80.00", taxes: "20.00", fees: "-3.00" }, breakdownDifference: "0.00" });
    const matched = await w.caller.payouts.list({ workspaceSlug: w.slug, state: "MATCHED" });
    expect(matched.items.map((p) => p.externalId)).toEqual(["p1"]);
    const flagged = await w.caller.payouts.list({ workspaceSlug: w.slug, flagged: true });
    expect(flagged.items.map((p) => p.externalId)).toEqual(["p3", "p2"]);
    const days = await w.caller.payouts.list({ workspaceSlug: w.slug, from: "2026-01-06", to: "2026-01-06" });
    expect(days.items.map((p) => p.externalId)).toEqual(["p2"]);
    const first = await w.caller.payouts.list({ workspaceSlug: w.slug, limit: 2 });
    const second = await w.caller.payouts.list({ workspaceSlug: w.slug, limit: 2, cursor: first.nextCursor! });
    expect([...first.items, ...second.items].map((p) => p.externalId)).toEqual(["p3", "p2", "p1"]);
    expect(second.nextCursor).toBeNull();

    const bad = await errorOf(w.caller.payouts.list({ workspaceSlug: w.slug, from: "2026-02-30" }));
    expect(bad.code).toBe("BAD_REQUEST");
    expect(JSON.stringify(bad.cause)).toContain("from");

    const theirs = (await other.caller.payouts.list({ workspaceSlug: other.slug })).items[0]!;
    expect((await errorOf(w.caller.payouts.get({ workspaceSlug: w.slug, payoutId: theirs.id }))).code).toBe("NOT_FOUND");
  });

  it("shows one payout with its deposit or candidates, the orders it settles and the explanation it would post", async () => {
    const w = await setUp();
    const [p3, p2, p1] = (await w.caller.payouts.list({ workspaceSlug: w.slug })).items;
    const one = await w.caller.payouts.get({ workspaceSlug: w.slug, payoutId: p1!.id });
    const order = await db.order.findFirstOrThrow({ where: { workspaceId: w.workspace.id, externalId: "o1" } });
    expect(one.reconciliation?.deposit?.externalId).toMatch(/\/d1$/);
    expect(one.settled).toEqual([expect.objectContaining({ type: "CHARGE", amount: "100.00", fee: "3.00", order: { id: order.id, externalId: "o1", name: "#1001" } })]);
    // Each part with its own sign (the fee out of the deposit); taxes and fees have no category yet.
    expect(one.explanation).toEqual({
      posted: [],
      proposed: [
        { part: "grossSales", label: "Gross sales", grossValue: "80.00", categoryExternalId: "https://api.freeagent.test/v2/categories/002" },
        { part: "taxes", label: "Taxes", grossValue: "20.00", categoryExternalId: null },
        { part: "fees", label: "Fees", grossValue: "-3.00", categoryExternalId: null },
      ],
    });
    const ambiguous = await w.caller.payouts.get({ workspaceSlug: w.slug, payoutId: p2!.id });
    expect(ambiguous.reconciliation?.candidates.map((c) => c.externalId.split("/").pop()).sort()).toEqual(["d2a", "d2b"]);
    expect(ambiguous.explanation.proposed).toBeNull();
    expect((await w.caller.payouts.get({ workspaceSlug: w.slug, payoutId: p3!.id })).reconciliation?.state).toBe("UNMATCHED_PAYOUT");

    const deposits = await w.caller.payouts.unmatchedDeposits({ workspaceSlug: w.slug });
    expect(deposits.items.map((d) => [d.externalId.split("/").pop(), d.amount, d.datedOn])).toEqual([["d9", "31.00", "2026-02-20"]]);
  });

  it("lets an admin change the setup (audited, then recomputed), naming a bad field; a member may not", async () => {
    const w = await setUp();
    const input = {
      workspaceSlug: w.slug,
      storeConnectionId: w.store.id,
      accountingConnectionId: w.books.id,
      bankAccountExternalId: w.setup.bankAccountExternalId,
      dateWindowDays: 1,
      depositDescription: "shopify",
      categoryMap: { grossSales: "https://api.freeagent.test/v2/categories/002", taxes: "https://api.freeagent.test/v2/categories/250" },
      autoExplain: false,
    };
    expect((await errorOf(callerFor(w.member).payouts.updateSetup(input))).code).toBe("FORBIDDEN");
    const badAccount = await errorOf(w.caller.payouts.updateSetup({ ...input, bankAccountExternalId: "https://api.freeagent.test/v2/bank_accounts/nope" }));
    expect([badAccount.code, badAccount.message]).toEqual(["BAD_REQUEST", "bankAccountExternalId: not a bank account this accounting connection has synced"]);
    const badCategory = await errorOf(w.caller.payouts.updateSetup({ ...input, categoryMap: { fees: "https://api.freeagent.test/v2/categories/999" } }));
    expect(badCategory.message).toBe("categoryMap.fees: not a category this accounting connection has synced");
    const badWindow = await errorOf(w.caller.payouts.updateSetup({ ...input, dateWindowDays: 99 }));
    expect(JSON.stringify(badWindow.cause)).toContain("dateWindowDays");

    await w.caller.payouts.updateSetup(input);
    expect(await db.auditLog.findFirst({ where: { workspaceId: w.workspace.id, action: "payouts.setup.updated" } })).toMatchObject({ actorId: w.owner.id, targetId: w.setup.id });
    expect((await w.caller.payouts.setups({ workspaceSlug: w.slug }))[0]).toMatchObject({ dateWindowDays: 1, depositDescription: "shopify", categoryMap: input.categoryMap });
    // A one-day window leaves p2 only the deposit of its next day: matched.
    await harness.waitForRun({ functionId: "reconcile-payouts", status: "COMPLETED" }, 30_000);
    const p2 = await db.payout.findFirstOrThrow({ where: { workspaceId: w.workspace.id, externalId: "p2" }, include: { reconciliation: true } });
    expect(p2.reconciliation?.state).toBe("MATCHED");
  });
});
