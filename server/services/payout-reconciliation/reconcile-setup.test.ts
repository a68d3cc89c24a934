import { describe, expect, it } from "vitest";
import { bankTransactionRecord, payoutRecord } from "@/prisma/factories/accounting";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { buildReconciliationSetup, plantedPayouts, sandboxPayoutRecord } from "@/prisma/factories/payout-reconciliation";
import { db } from "@/server/db";
import { ingestRecords } from "@/server/ingest";
import { reconcileSetup } from "./reconcile-setup";

const EPOCH = Date.parse("2026-03-01T00:00:00Z");
const gbp = (amount: string) => ({ amount, currency: "GBP" });

async function setUp(overrides: Parameters<typeof buildReconciliationSetup>[1] = {}, currency?: string) {
  const { workspace } = await buildWorkspaceWithOwner();
  const built = await buildReconciliationSetup(workspace.id, { depositDescription: "shopify payments", ...overrides }, currency);
  const account = built.setup.bankAccountExternalId;
  const payouts = (records: Parameters<typeof ingestRecords>[1]["records"]) => ingestRecords(built.storeScope, { kind: "payouts", records } as never);
  const deposits = (records: ReturnType<typeof bankTransactionRecord>[]) =>
    ingestRecords(built.booksScope, { kind: "bankTransactions", records: records.map((r) => ({ ...r, bankAccountExternalId: account })) });
  return { ...built, workspace, account, payouts, deposits };
}

/** Each payout's state, deposit and candidates by external ids, and the unmatched deposits. */
async function results(setupId: string, storeId: string) {
  const txs = await db.bankTransaction.findMany({ select: { id: true, externalId: true } });
  const ext = new Map(txs.map((t) => [t.id, t.externalId.split("/").pop()!]));
  const rows = await db.payoutReconciliation.findMany({ where: { payout: { connectionId: storeId } }, include: { payout: true } });
  const byPayout = Object.fromEntries(
    rows.map((r) => [
      r.payout.externalId,
      { state: r.state, deposit: r.bankTransactionId ? ext.get(r.bankTransactionId) : null, candidates: r.candidateIds.map((id) => ext.get(id)).sort(), difference: r.amountDifference?.toFixed(2) ?? null },
    ]),
  );
  const unmatched = (await db.unmatchedDeposit.findMany({ where: { setupId } })).map((u) => ext.get(u.bankTransactionId)).sort();
  return { byPayout, unmatched, rows };
}

describe("payout matching", () => {
  it("finds every planted case of the sandboxes: exact, short by a fee, missing, duplicated", async () => {
    const w = await setUp({ depositDescription: "SHOPIFY" });
    const { payouts, deposits, planted } = plantedPayouts(
      { seed: 14, epoch: EPOCH, volume: { orders: 120 }, currency: "GBP" },
      { seed: 14, epoch: EPOCH, volume: { bankTransactions: 0, invoices: 0 } },
      w.account,
    );
    await w.payouts(payouts);
    await w.deposits(deposits);

    expect(await reconcileSetup(w.setup.id)).toMatchObject({ payouts: payouts.length, written: payouts.length });
    const { byPayout, unmatched } = await results(w.setup.id, w.store.id);
    const kinds = new Set(planted.map((p) => p.kind));
    expect(kinds).toEqual(new Set(["exact", "fee", "missing", "duplicated"]));
    for (const plant of planted) {
      const ids = plant.depositIds.map(String).sort();
      const got = byPayout[plant.payout.id];
      if (plant.kind === "exact") expect(got, plant.payout.id).toEqual({ state: "MATCHED", deposit: ids[0], candidates: [], difference: null });
      if (plant.kind === "duplicated") expect(got, plant.payout.id).toEqual({ state: "AMBIGUOUS", deposit: null, candidates: ids, difference: null });
      if (plant.kind === "missing") expect(got, plant.payout.id).toEqual({ state: "UNMATCHED_PAYOUT", deposit: null, candidates: [], difference: null });
      if (plant.kind === "fee") {
        const short = ((plant.depositCents! - Math.round(Number(plant.payout.amount) * 100)) / 100).toFixed(2);
        expect(got, plant.payout.id).toEqual({ state: "AMOUNT_DIFFERS", deposit: ids[0], candidates: [], difference: short });
      }
    }
    // Every planted deposit belongs to a payout.
    expect(unmatched).toEqual([]);
  });

  it("writes nothing when nothing changed, and only what changed after a new deposit arrives", async () => {
    const w = await setUp();
    await w.payouts([sandboxPayoutRecord({ id: "p1", date: "2026-01-05", amount: "100.00" }), sandboxPayoutRecord({ id: "p2", date: "2026-01-06", amount: "250.00" })]);
    await w.deposits([bankTransactionRecord("d1", { datedOn: "2026-01-06", amount: "100.0", unexplainedAmount: "100.0" })]);
    expect(await reconcileSetup(w.setup.id)).toEqual({ payouts: 2, written: 2, unmatchedDepositsAdded: 0, unmatchedDepositsRemoved: 0 });
    const before = await results(w.setup.id, w.store.id);
    expect(await reconcileSetup(w.setup.id)).toEqual({ payouts: 2, written: 0, unmatchedDepositsAdded: 0, unmatchedDepositsRemoved: 0 });
    expect((await results(w.setup.id, w.store.id)).rows).toEqual(before.rows);

    await w.deposits([bankTransactionRecord("d2", { datedOn: "2026-01-08", amount: "250.0", unexplainedAmount: "250.0" })]);
    expect(await reconcileSetup(w.setup.id)).toMatchObject({ written: 1 });
    expect((await results(w.setup.id, w.store.id)).byPayout.p2).toMatchObject({ state: "MATCHED", deposit: "d2" });
  });

  it("never matches one deposit to two payouts of the same amount: both are ambiguous", async () => {
    const w = await setUp();
    await w.payouts([sandboxPayoutRecord({ id: "p1", date: "2026-01-05", amount: "80.00" }), sandboxPayoutRecord({ id: "p2", date: "2026-01-07", amount: "80.00" })]);
    await w.deposits([bankTransactionRecord("d1", { datedOn: "2026-01-08", amount: "80.0", unexplainedAmount: "80.0" })]);
    await reconcileSetup(w.setup.id);
    const { byPayout, unmatched } = await results(w.setup.id, w.store.id);
    expect(byPayout.p1).toEqual({ state: "AMBIGUOUS", deposit: null, candidates: ["d1"], difference: null });
    expect(byPayout.p2).toEqual({ state: "AMBIGUOUS", deposit: null, candidates: ["d1"], difference: null });
    expect(unmatched).toEqual([]);
  });

  it("keeps to the window, the description and the currency, and lists the deposits no payout claims", async () => {
    const w = await setUp({ dateWindowDays: 3 });
    await w.payouts([
      sandboxPayoutRecord({ id: "before", date: "2026-01-10", amount: "10.00" }),
      sandboxPayoutRecord({ id: "late", date: "2026-01-10", amount: "20.00" }),
      sandboxPayoutRecord({ id: "wording", date: "2026-01-10", amount: "30.00" }),
      payoutRecord("usd", { issuedAt: "2026-01-10T00:00:00.000Z", net: { amount: "40.00", currency: "USD" }, gross: null }),
      sandboxPayoutRecord({ id: "edge", date: "2026-01-10", amount: "50.00" }),
    ]);
    await w.deposits([
      bankTransactionRecord("d-before", { datedOn: "2026-01-09", amount: "10.0" }), // the day before its payout
      bankTransactionRecord("d-late", { datedOn: "2026-01-14", amount: "20.0" }), // a day past the window
      bankTransactionRecord("d-wording", { datedOn: "2026-01-11", amount: "30.0", description: "STRIPE PAYMENTS UK" }),
      bankTransactionRecord("d-usd", { datedOn: "2026-01-11", amount: "40.0" }),
      bankTransactionRecord("d-edge", { datedOn: "2026-01-13", amount: "50.0", description: "Shopify Payments GB" }), // last day, other case
    ]);
    await reconcileSetup(w.setup.id);
    const { byPayout, unmatched } = await results(w.setup.id, w.store.id);
    expect(byPayout.edge).toMatchObject({ state: "MATCHED", deposit: "d-edge" });
    expect(byPayout.usd).toMatchObject({ state: "UNMATCHED_PAYOUT" });
    // Exact amounts outside the window, another wording or another currency never match. The USD
    // deposit is still payout-like: it differs from the one payout nearest to it, and only that one.
    expect(byPayout.wording).toMatchObject({ state: "AMOUNT_DIFFERS", deposit: "d-usd", difference: "10.00" });
    expect(byPayout.late).toMatchObject({ state: "UNMATCHED_PAYOUT", deposit: null });
    expect(byPayout.before).toMatchObject({ state: "UNMATCHED_PAYOUT", deposit: null });
    // d-before is older than the store's first payout; d-late is no payout's.
    expect(unmatched).toEqual(["d-late"]);
  });

  it("drops an unmatched deposit once a payout claims it", async () => {
    const w = await setUp();
    await w.payouts([sandboxPayoutRecord({ id: "p1", date: "2026-01-05", amount: "100.00" })]);
    await w.deposits([bankTransactionRecord("d1", { datedOn: "2026-01-06", amount: "100.0" }), bankTransactionRecord("d2", { datedOn: "2026-01-09", amount: "75.5" })]);
    expect(await reconcileSetup(w.setup.id)).toMatchObject({ unmatchedDepositsAdded: 1 });
    expect((await results(w.setup.id, w.store.id)).unmatched).toEqual(["d2"]);
    await w.payouts([sandboxPayoutRecord({ id: "p2", date: "2026-01-08", amount: "75.50" })]);
    expect(await reconcileSetup(w.setup.id)).toMatchObject({ unmatchedDepositsAdded: 0, unmatchedDepositsRemoved: 1 });
    expect((await results(w.setup.id, w.store.id)).unmatched).toEqual([]);
  });

  it("is exact to the cent on large amounts", async () => {
    const w = await setUp();
    await w.payouts([payoutRecord("big", { issuedAt: "2026-01-05T00:00:00.000Z", net: gbp("9007199254740.99"), gross: null })]);
    await w.deposits([bankTransactionRecord("near", { datedOn: "2026-01-06", amount: "9007199254740.98" }), bankTransactionRecord("exact", { datedOn: "2026-01-07", amount: "9007199254740.99" })]);
    await reconcileSetup(w.setup.id);
    expect((await results(w.setup.id, w.store.id)).byPayout.big).toMatchObject({ state: "MATCHED", deposit: "exact" });
  });
});
