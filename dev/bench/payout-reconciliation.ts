// `npm run bench:payout-reconciliation [-- --orders 100000] [-- --payouts 2000]`
// Payout reconciliation on a throwaway embedded PostgreSQL: a store with `orders` orders, each paid
// by one charge (one in ten also refunded) and settled across `payouts` payouts, and a bank account
// holding their deposits as the sandbox FreeAgent plants them (exact, short by a fee, missing,
// duplicated). Loading is untimed; timed are the first reconciliation (every payout written) and a
// second one (nothing changed, nothing written), with the tables' statistics as a sync leaves them.
import { parseArgs } from "node:util";
import { benchCleanups, throwawayBenchDatabase } from "@/dev/bench/bench-lifecycle";
import { centsToAmount } from "@/dev/sandbox/_kit/money";
import { Rng } from "@/dev/sandbox/_kit/random";
import type { OrderRecord, PayoutBalanceTransactionRecord, PayoutRecord } from "@/server/connectors/_core/records";

const TARGET_SECONDS = 5;
const BATCH = 5_000;
const DAY = 86_400_000;
const EPOCH = Date.parse("2026-01-01T00:00:00Z");

const { values: args } = parseArgs({ options: { orders: { type: "string", default: "100000" }, payouts: { type: "string", default: "2000" } } });
const log = (message: string) => console.log(`[bench:payout-reconciliation] ${message}`);

async function main() {
  const lifecycle = benchCleanups("bench:payout-reconciliation");
  try {
    const { databaseUrl } = await throwawayBenchDatabase("bench_payout_reconciliation", lifecycle);
    // server/env reads these once, on first import: everything from server/ is imported below.
    Object.assign(process.env, { DATABASE_URL: databaseUrl, ENCRYPTION_KEYS: "bench1:yet0uc6xGJcUvZCPaprucssr1qykS09sLLqzrSa5WEw=", INNGEST_DEV: "0", LOG_LEVEL: "error" });
    const { db } = await import("@/server/db");
    const { ingestRecords } = await import("@/server/ingest");
    const { buildWorkspaceWithOwner } = await import("@/prisma/factories/members");
    const { buildReconciliationSetup } = await import("@/prisma/factories/payout-reconciliation");
    const { bankTransactionRecord, payoutBalanceTransactionRecord, payoutRecord } = await import("@/prisma/factories/accounting");
    const { orderRecord } = await import("@/prisma/factories/commerce");
    const { reconcileSetup } = await import("@/server/services/payout-reconciliation/reconcile-setup");
    lifecycle.cleanups.push(() => db.$disconnect());

    const orderCount = Number(args.orders);
    const payoutCount = Number(args.payouts);
    const { workspace } = await buildWorkspaceWithOwner("Bench");
    const w = await buildReconciliationSetup(workspace.id);
    const gbp = (cents: number) => ({ amount: centsToAmount(cents), currency: "GBP" });
    const rng = new Rng(14);

    log(`loading ${orderCount} orders across ${payoutCount} payouts (untimed)`);
    const nets = new Array<number>(payoutCount).fill(0);
    for (let start = 0; start < orderCount; start += BATCH) {
      const orders: OrderRecord[] = [];
      const transactions: PayoutBalanceTransactionRecord[] = [];
      for (let i = start; i < Math.min(orderCount, start + BATCH); i++) {
        const payout = Math.floor((i * payoutCount) / orderCount);
        const subtotal = rng.int(1_000, 20_000);
        const shipping = rng.int(0, 1) * 495;
        const tax = Math.round(subtotal / 5);
        const total = subtotal + shipping + tax;
        const fee = Math.round(total * 0.029) + 30;
        orders.push(orderRecord(`o${i}`, { currency: "GBP", subtotal: gbp(subtotal), totalTax: gbp(tax), totalPrice: gbp(total), totalDiscounts: null, currentTotalPrice: null, totalRefunded: null, lineItems: [], transactions: [] }));
        const settled = { payoutExternalId: `p${payout}`, orderExternalId: `o${i}`, currency: "GBP" };
        transactions.push(payoutBalanceTransactionRecord(`c${i}`, { ...settled, type: "CHARGE", amount: gbp(total), fee: gbp(fee), net: gbp(total - fee) }));
        nets[payout]! += total - fee;
        if (i % 10 === 0) {
          transactions.push(payoutBalanceTransactionRecord(`r${i}`, { ...settled, type: "REFUND", amount: gbp(-subtotal), fee: gbp(0), net: gbp(-subtotal) }));
          nets[payout]! -= subtotal;
        }
      }
      await ingestRecords(w.storeScope, { kind: "orders", records: orders });
      await ingestRecords(w.storeScope, { kind: "payoutBalanceTransactions", records: transactions });
    }
    const issued = (p: number) => EPOCH + p * DAY;
    const payouts: PayoutRecord[] = nets.map((net, p) => payoutRecord(`p${p}`, { issuedAt: new Date(issued(p)).toISOString(), net: gbp(net), gross: null, summary: {} }));
    for (let start = 0; start < payouts.length; start += BATCH) await ingestRecords(w.storeScope, { kind: "payouts", records: payouts.slice(start, start + BATCH) });
    // As the sandbox FreeAgent plants them: one missing in 50, one duplicated in 50, a quarter short by a fee.
    const deposits = nets.flatMap((net, p) => {
      if (p % 50 === 7) return [];
      const cents = p % 4 === 1 ? net - rng.int(25, 450) : net;
      const datedOn = new Date(issued(p) + rng.int(1, 2) * DAY).toISOString().slice(0, 10);
      const deposit = (id: string) => bankTransactionRecord(id, { bankAccountExternalId: w.setup.bankAccountExternalId, datedOn, amount: centsToAmount(cents), unexplainedAmount: centsToAmount(cents) });
      return p % 50 === 23 ? [deposit(`d${p}`), deposit(`d${p}-copy`)] : [deposit(`d${p}`)];
    });
    for (let start = 0; start < deposits.length; start += BATCH) await ingestRecords(w.booksScope, { kind: "bankTransactions", records: deposits.slice(start, start + BATCH) });

    let started = performance.now();
    const first = await reconcileSetup(w.setup.id);
    const firstSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    const second = await reconcileSetup(w.setup.id);
    const secondSeconds = (performance.now() - started) / 1000;

    const states = await db.payoutReconciliation.groupBy({ by: ["state"], where: { workspaceId: workspace.id }, _count: true, orderBy: { state: "asc" } });
    const flagged = await db.payoutReconciliation.count({ where: { workspaceId: workspace.id, breakdownDifference: { not: 0 } } });
    console.log("");
    console.log(`reconcile ${orderCount} orders across ${payoutCount} payouts: ${firstSeconds.toFixed(2)} s (target < ${TARGET_SECONDS} s) ${firstSeconds < TARGET_SECONDS ? "OK" : "OVER TARGET"}; ${first?.written} written`);
    console.log(`again, nothing changed:            ${secondSeconds.toFixed(2)} s; ${second?.written} written`);
    console.log(`states: ${states.map((s) => `${s.state} ${s._count}`).join(", ")}; parts not adding up: ${flagged}; unmatched deposits: ${first?.unmatchedDepositsAdded}`);
  } finally {
    await lifecycle.stopAll();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
