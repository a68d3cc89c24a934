import { centsToAmount, amountToCents } from "../_kit/money";
import { rngFor } from "../_kit/random";
import { generateCatalog, generateOrder, ID_BASE, resolvedVolume, type GeneratorOptions } from "./generate";
import type { OrderRecord } from "./records";

/**
 * Shopify Payments as the sandbox pays it out: every successful `shopify_payments` sale becomes a
 * CHARGE balance transaction, every refund a REFUND, a few charges later get an ADJUSTMENT
 * (chargeback fee or fee refund); transactions are paid out daily, two days after the UTC day
 * they happened on. Money is integer cents throughout so a payout's net is exactly the sum of its
 * transactions' nets. Derived from the orders alone (plus its own random stream), so generating it
 * changes nothing about the orders.
 */

const DAY = 86_400_000;
/** Shopify Payments pays out a day's balance on a rolling schedule; T+2 is a common one. */
const PAYOUT_DELAY_DAYS = 2;
const ADJUSTMENT_CHANCE = 0.02;
const CHARGEBACK_FEE_CENTS = 1500;

export const PAYOUT_ID_BASE = 80_000_000;
export const BALANCE_TRANSACTION_ID_BASE = 60_000_000_000;

export type BalanceTransactionType = "CHARGE" | "REFUND" | "ADJUSTMENT";
export type PayoutStatus = "PAID" | "IN_TRANSIT" | "SCHEDULED";

export interface BalanceTransactionRecord {
  id: number;
  type: BalanceTransactionType;
  amountCents: number;
  feeCents: number;
  netCents: number;
  transactionDate: number;
  orderId: number;
  orderName: string;
  /** The order transaction (sale or refund) this settles; for an adjustment, the sale it adjusts. */
  orderTransactionId: number;
  adjustmentReason: string | null;
  payoutId: number;
}

export interface PayoutRecord {
  id: number;
  issuedAt: number;
  netCents: number;
  /** Per type: gross (amounts) and fees, signed like the transactions. */
  gross: Record<BalanceTransactionType, number>;
  fees: Record<BalanceTransactionType, number>;
  transactionIds: number[];
}

export interface PayoutLedger {
  currency: string;
  payouts: PayoutRecord[];
  /** Sorted by id. */
  transactions: BalanceTransactionRecord[];
}

/** A card payment's processing fee: 2.9 % + 30¢, in cents. */
export function cardFeeCents(amountCents: number): number {
  return Math.round((amountCents * 29) / 1000) + 30;
}

export function payoutIdForDate(ms: number): number {
  return PAYOUT_ID_BASE + Math.floor(ms / DAY);
}

/** A bank transfer takes a day or two to land. */
const IN_TRANSIT_DAYS = 2;

/** Scheduled until issued, then in transit for two days, then paid. */
export function payoutStatus(payout: PayoutRecord, now: number): PayoutStatus {
  if (payout.issuedAt > now) return "SCHEDULED";
  return now - payout.issuedAt < IN_TRANSIT_DAYS * DAY ? "IN_TRANSIT" : "PAID";
}

function transactionsOf(seed: number | string, epoch: number, order: OrderRecord, currency: string): Omit<BalanceTransactionRecord, "payoutId">[] {
  // Other currencies would be paid out from their own balance; the sandbox's shops have one.
  if (order.currency !== currency) return [];
  const sale = order.transactions.find((t) => t.kind === "SALE" && t.status === "SUCCESS" && t.gateway === "shopify_payments");
  if (!sale) return [];
  const base = { orderId: order.id, orderName: order.name, adjustmentReason: null };
  const chargeCents = amountToCents(sale.amount);
  const chargeFee = cardFeeCents(chargeCents);
  const out: Omit<BalanceTransactionRecord, "payoutId">[] = [
    { ...base, id: BALANCE_TRANSACTION_ID_BASE + (sale.id - ID_BASE.transaction), type: "CHARGE", amountCents: chargeCents, feeCents: chargeFee, netCents: chargeCents - chargeFee, transactionDate: sale.processedAt, orderTransactionId: sale.id },
  ];
  for (const refund of order.transactions) {
    if (refund.kind !== "REFUND" || refund.status !== "SUCCESS" || refund.parentId !== sale.id) continue;
    // Shopify keeps the processing fee of a refunded charge: the refund itself carries none.
    const cents = -amountToCents(refund.amount);
    out.push({ ...base, id: BALANCE_TRANSACTION_ID_BASE + (refund.id - ID_BASE.transaction), type: "REFUND", amountCents: cents, feeCents: 0, netCents: cents, transactionDate: refund.processedAt, orderTransactionId: refund.id });
  }
  const rng = rngFor(seed, "payout-adjustment", order.id);
  if (rng.chance(ADJUSTMENT_CHANCE)) {
    const chargeback = rng.chance(0.5);
    const cents = chargeback ? -CHARGEBACK_FEE_CENTS : chargeFee;
    out.push({
      ...base,
      // Slot 3 of the order's four transaction ids is never used by an order transaction.
      id: BALANCE_TRANSACTION_ID_BASE + (sale.id - ID_BASE.transaction) + 3,
      type: "ADJUSTMENT",
      amountCents: cents,
      feeCents: 0,
      netCents: cents,
      transactionDate: Math.min(Math.max(epoch, sale.processedAt), sale.processedAt + rng.int(3, 20) * DAY),
      orderTransactionId: sale.id,
      adjustmentReason: chargeback ? "chargeback_fee" : "fee_refund",
    });
  }
  return out;
}

const zero = (): Record<BalanceTransactionType, number> => ({ CHARGE: 0, REFUND: 0, ADJUSTMENT: 0 });

/** The ledger of a shop's orders (any iterable of its current order records). */
export function buildPayoutLedger(options: { seed: number | string; epoch: number; currency: string }, orders: Iterable<OrderRecord>): PayoutLedger {
  const transactions: BalanceTransactionRecord[] = [];
  const payouts = new Map<number, PayoutRecord>();
  for (const order of orders) {
    for (const t of transactionsOf(options.seed, options.epoch, order, options.currency)) {
      const payoutId = payoutIdForDate(t.transactionDate);
      let payout = payouts.get(payoutId);
      if (!payout) {
        payout = { id: payoutId, issuedAt: (payoutId - PAYOUT_ID_BASE + PAYOUT_DELAY_DAYS) * DAY, netCents: 0, gross: zero(), fees: zero(), transactionIds: [] };
        payouts.set(payoutId, payout);
      }
      payout.netCents += t.netCents;
      payout.gross[t.type] += t.amountCents;
      payout.fees[t.type] += t.feeCents;
      payout.transactionIds.push(t.id);
      transactions.push({ ...t, payoutId });
    }
  }
  transactions.sort((a, b) => a.id - b.id);
  return { currency: options.currency, payouts: [...payouts.values()].sort((a, b) => a.id - b.id), transactions };
}

/** What the sandbox FreeAgent takes as `payouts`: one deposit per payout, in the shop currency. */
export interface PayoutDeposit {
  id: string;
  /** YYYY-MM-DD, the day the payout was issued. */
  date: string;
  amount: string;
  status: PayoutStatus;
}

export function payoutDeposits(ledger: PayoutLedger, now: number): PayoutDeposit[] {
  return ledger.payouts.map((p) => ({ id: String(p.id), date: new Date(p.issuedAt).toISOString().slice(0, 10), amount: centsToAmount(p.netCents), status: payoutStatus(p, now) }));
}

/** The payouts of a shop generated from these options, untouched by later edits; statuses as of its epoch. */
export function generatedPayouts(opts: GeneratorOptions): PayoutDeposit[] {
  const catalog = generateCatalog(opts);
  const count = resolvedVolume(opts.volume).orders;
  function* orders(): Generator<OrderRecord> {
    for (let i = 0; i < count; i++) yield generateOrder(opts, catalog, i);
  }
  return payoutDeposits(buildPayoutLedger({ seed: opts.seed, epoch: opts.epoch, currency: opts.currency ?? "USD" }, orders()), opts.epoch);
}
