import type { PayoutBalanceTransactionRecord, PayoutRecord } from "@/server/connectors/_core/records";
import { flatRecordIngest } from "./flat-records";
import { amountIn } from "./shared";

/** Upserts a store's payouts with their summary; an older copy never replaces a newer one. */
export const ingestPayouts = flatRecordIngest<PayoutRecord>({
  what: "payouts",
  table: "Payout",
  columns: [
    ["status", "text"],
    ["transactionType", "text"],
    ["issuedAt", "timestamptz"],
    ["net", "numeric"],
    ["gross", "numeric"],
    ["currency", "text"],
    ["summary", "jsonb"],
  ],
  row: (payout) => ({
    ...payout,
    net: payout.net.amount,
    gross: amountIn(payout.net.currency, payout.gross, `payout ${payout.externalId} gross`),
    currency: payout.net.currency,
    summary: JSON.stringify(payout.summary),
  }),
});

/** Upserts a store's payment balance transactions, each with the payout that settles it once there is one. */
export const ingestPayoutBalanceTransactions = flatRecordIngest<PayoutBalanceTransactionRecord>({
  what: "payout balance transactions",
  table: "PayoutBalanceTransaction",
  columns: [
    ["payoutExternalId", "text"],
    ["type", "text"],
    ["amount", "numeric"],
    ["fee", "numeric"],
    ["net", "numeric"],
    ["currency", "text"],
    ["transactionDate", "timestamptz"],
    ["orderExternalId", "text"],
    ["orderName", "text"],
    ["orderTransactionExternalId", "text"],
    ["sourceType", "text"],
    ["sourceId", "text"],
    ["adjustmentReason", "text"],
  ],
  row: (t) => {
    const where = `balance transaction ${t.externalId}`;
    return {
      ...t,
      amount: t.amount.amount,
      fee: amountIn(t.amount.currency, t.fee, `${where} fee`),
      net: amountIn(t.amount.currency, t.net, `${where} net`),
      currency: t.amount.currency,
    };
  },
});
