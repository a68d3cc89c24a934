import { z } from "zod";
import { MoneyV2, PageInfo } from "./types";

// The Shopify Payments payloads the connector reads (PAYOUTS_PAGE, BALANCE_TRANSACTIONS_PAGE), as
// zod schemas like types.ts's: a payload that does not match fails as a PermanentError naming the
// problem. Amounts must be decimal strings, so money is never a float on its way to the database.

const Decimal = z.string().regex(/^-?\d+(\.\d+)?$/, "a decimal string");
const Money = MoneyV2.extend({ amount: Decimal });
/** BigInt arrives as a string; a JSON number is taken only while it is exact. */
const BigIntId = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).transform(String)]);

export const PAYOUT_SUMMARY_FIELDS = [
  "chargesGross",
  "chargesFee",
  "refundsFeeGross",
  "refundsFee",
  "adjustmentsGross",
  "adjustmentsFee",
  "reservedFundsGross",
  "reservedFundsFee",
  "retriedPayoutsGross",
  "retriedPayoutsFee",
  "advanceGross",
  "advanceFees",
  "usdcRebateCreditAmount",
] as const;

export const PayoutNode = z.object({
  id: z.string().min(1),
  issuedAt: z.string().min(1),
  status: z.string(),
  transactionType: z.string(),
  net: Money,
  summary: z.object(Object.fromEntries(PAYOUT_SUMMARY_FIELDS.map((field) => [field, Money])) as Record<(typeof PAYOUT_SUMMARY_FIELDS)[number], typeof Money>),
});
export type PayoutNode = z.infer<typeof PayoutNode>;

export const BalanceTransactionNode = z.object({
  id: z.string().min(1),
  type: z.string(),
  test: z.boolean(),
  transactionDate: z.string().min(1),
  amount: Money,
  fee: Money,
  net: Money,
  sourceId: BigIntId.nullable(),
  sourceType: z.string().nullable(),
  sourceOrderTransactionId: BigIntId.nullable(),
  adjustmentReason: z.string().nullable(),
  associatedOrder: z.object({ id: z.string().min(1), name: z.string() }).nullable(),
  associatedPayout: z.object({ id: z.string().min(1).nullable(), status: z.string().nullable() }),
});
export type BalanceTransactionNode = z.infer<typeof BalanceTransactionNode>;

function account<K extends string, T extends z.ZodType>(field: K, node: T) {
  // Null: the shop has no Shopify Payments account.
  return z.object({ shopifyPaymentsAccount: z.object({ [field]: z.object({ pageInfo: PageInfo, nodes: z.array(node) }) } as { [P in K]: z.ZodObject<{ pageInfo: typeof PageInfo; nodes: z.ZodArray<T> }> }).nullable() });
}

export const PayoutsPage = account("payouts", PayoutNode);
export const BalanceTransactionsPage = account("balanceTransactions", BalanceTransactionNode);
