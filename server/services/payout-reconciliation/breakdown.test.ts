import { describe, expect, it } from "vitest";
import { Rng } from "@/dev/sandbox/_kit/random";
import { centsToAmount } from "@/dev/sandbox/_kit/money";
import { payoutBalanceTransactionRecord, payoutRecord } from "@/prisma/factories/accounting";
import { orderRecord } from "@/prisma/factories/commerce";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { buildReconciliationSetup } from "@/prisma/factories/payout-reconciliation";
import type { OrderRecord, PayoutBalanceTransactionRecord, PayoutRecord } from "@/server/connectors/_core/records";
import { db } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";
import { ingestRecords } from "@/server/ingest";
import { BREAKDOWN_PARTS, readBreakdown } from "./breakdown";
import { reconcileSetup } from "./reconcile-setup";

const gbp = (amount: string) => ({ amount, currency: "GBP" });
const ISSUED = "2026-01-05T00:00:00.000Z";

async function setUp() {
  const { workspace } = await buildWorkspaceWithOwner();
  const built = await buildReconciliationSetup(workspace.id);
  return {
    ...built,
    async ingest(payouts: PayoutRecord[], transactions: PayoutBalanceTransactionRecord[], orders: OrderRecord[] = []) {
      if (orders.length) await ingestRecords(built.storeScope, { kind: "orders", records: orders });
      await ingestRecords(built.storeScope, { kind: "payouts", records: payouts });
      await ingestRecords(built.storeScope, { kind: "payoutBalanceTransactions", records: transactions });
      await reconcileSetup(built.setup.id);
      const rows = await db.payoutReconciliation.findMany({ where: { payout: { connectionId: built.store.id } }, include: { payout: true } });
      return new Map(rows.map((r) => [r.payout.externalId, { breakdown: readBreakdown(r.breakdown), difference: r.breakdownDifference.toFixed(2) }]));
    },
  };
}

const order = (id: string, total: string, tax: string, subtotal: string) =>
  orderRecord(id, { currency: "GBP", totalPrice: gbp(total), totalTax: gbp(tax), subtotal: gbp(subtotal), totalDiscounts: null, currentTotalPrice: null, totalRefunded: null, lineItems: [], transactions: [] });
const tx = (id: string, payout: string, type: string, amount: string, fee: string, orderId: string | null = null) =>
  payoutBalanceTransactionRecord(id, { payoutExternalId: payout, type, amount: gbp(amount), fee: gbp(fee), net: gbp(new Prisma.Decimal(amount).minus(fee).toFixed(2)), orderExternalId: orderId });

describe("a payout's expected accounting", () => {
  it("splits each charge's shipping and taxes pro rata from its order, rounding into gross sales, and adds up to the net", async () => {
    const w = await setUp();
    // £120 = £90 of goods + £10 shipping + £20 VAT, paid in two charges of £70 and £50.
    const result = await w.ingest(
      [payoutRecord("p1", { issuedAt: ISSUED, net: gbp("105.22") })],
      [
        tx("c1", "p1", "CHARGE", "70.00", "2.33", "o1"),
        tx("c2", "p1", "CHARGE", "50.00", "1.75", "o1"),
        tx("r1", "p1", "REFUND", "-10.00", "0.00", "o1"),
        tx("a1", "p1", "ADJUSTMENT", "-15.00", "0.00", "o1"),
        tx("f1", "p1", "RESERVED_FUNDS", "14.30", "0.00"),
        tx("x1", "p1", "CHARGEBACK_FEE", "0.00", "0.00"),
      ],
      [order("o1", "120.00", "20.00", "90.00")],
    );
    expect(result.get("p1")).toEqual({
      breakdown: { grossSales: "90.00", refunds: "-10.00", shipping: "10.00", taxes: "20.00", fees: "-4.08", adjustments: "-15.00", reservedFunds: "14.30", other: "0.00" },
      difference: "0.00",
    });
  });

  it("flags a payout whose parts do not add up, with the exact difference; a charge without its order is all gross sales", async () => {
    const w = await setUp();
    const result = await w.ingest(
      [payoutRecord("p1", { issuedAt: ISSUED, net: gbp("100.00") }), payoutRecord("p2", { issuedAt: ISSUED, net: gbp("42.00") })],
      // p1 is missing a transaction the provider has not sent yet; p2 has none at all.
      [tx("c1", "p1", "CHARGE", "98.00", "2.99", "not-synced")],
    );
    expect(result.get("p1")).toEqual({ breakdown: expect.objectContaining({ grossSales: "98.00", shipping: "0.00", taxes: "0.00", fees: "-2.99" }), difference: "-4.99" });
    expect(result.get("p2")!.difference).toBe("-42.00");
  });

  it("holds for random payouts: the parts add up to the net, or the payout is flagged with the exact difference", async () => {
    const w = await setUp();
    const rng = new Rng(20_261_206);
    const cents = (min: number, max: number) => rng.int(min, max);
    const payouts: PayoutRecord[] = [];
    const transactions: PayoutBalanceTransactionRecord[] = [];
    const orders: OrderRecord[] = [];
    const expected = new Map<string, string>();
    for (let p = 0; p < 150; p++) {
      const id = `p${p}`;
      let net = 0;
      for (let t = 0, count = rng.int(0, 12); t < count; t++) {
        const txId = `${id}-t${t}`;
        const kind = rng.pick(["CHARGE", "CHARGE", "CHARGE", "SPLIT", "REFUND", "ADJUSTMENT", "RESERVED_FUNDS", "DISPUTE_WITHDRAWAL", "ADVANCE"] as const);
        if (kind === "CHARGE" || kind === "SPLIT") {
          // An order with shipping and taxes, paid in one charge or in several (here up to three).
          const subtotal = cents(100, 50_000);
          const shipping = rng.chance(0.3) ? 0 : cents(0, 2_000);
          const tax = cents(0, Math.floor(subtotal / 4));
          const total = subtotal + shipping + tax;
          orders.push(order(txId, centsToAmount(total), centsToAmount(tax), centsToAmount(subtotal)));
          let left = total;
          const charges = kind === "SPLIT" ? rng.int(2, 3) : 1;
          for (let c = 0; c < charges; c++) {
            const amount = c === charges - 1 ? left : cents(1, left - (charges - c - 1));
            left -= amount;
            const fee = cents(0, Math.floor(amount / 20));
            transactions.push(tx(`${txId}-c${c}`, id, "CHARGE", centsToAmount(amount), centsToAmount(fee), txId));
            net += amount - fee;
          }
        } else {
          const amount = kind === "RESERVED_FUNDS" || kind === "ADVANCE" ? cents(-20_000, 20_000) : -cents(1, 20_000);
          const fee = kind === "REFUND" ? 0 : cents(0, 300);
          transactions.push(tx(txId, id, kind, centsToAmount(amount), centsToAmount(fee)));
          net += amount - fee;
        }
      }
      // One payout in four is reported with a net its transactions do not explain.
      const off = rng.chance(0.25) ? cents(-5_000, 5_000) || 1 : 0;
      payouts.push(payoutRecord(id, { issuedAt: ISSUED, net: gbp(centsToAmount(net + off)) }));
      expected.set(id, centsToAmount(-off));
    }
    const result = await w.ingest(payouts, transactions, orders);

    for (const payout of payouts) {
      const got = result.get(payout.externalId)!;
      const sum = BREAKDOWN_PARTS.reduce((total, part) => total.plus(got.breakdown[part]), new Prisma.Decimal(0));
      expect(sum.minus(payout.net.amount).toFixed(2), payout.externalId).toBe(got.difference);
      expect(got.difference, payout.externalId).toBe(expected.get(payout.externalId));
      // Shipping and taxes never exceed what the order charged for them, and never go negative.
      expect(new Prisma.Decimal(got.breakdown.shipping).isNegative() || new Prisma.Decimal(got.breakdown.taxes).isNegative(), payout.externalId).toBe(false);
    }
  });
});
