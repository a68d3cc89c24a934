import type { Money, PayoutBalanceTransactionRecord, PayoutRecord } from "../_core/records";
import { PermanentError } from "../_core/errors";
import { legacyId } from "./mapper";
import { PAYOUT_SUMMARY_FIELDS, type BalanceTransactionNode, type PayoutNode } from "./payouts-types";

// Shopify Payments nodes to the normalized records. Ids are numeric (legacy) like every other
// Shopify record's, so a balance transaction's order is Order.externalId and its
// `sourceOrderTransactionId` (a BigInt, already numeric) is OrderTransaction.externalId: the sale
// for a charge, the refund's own transaction for a refund.

function money(value: { amount: string; currencyCode: string }): Money {
  return { amount: value.amount, currency: value.currencyCode };
}

export function mapPayout(node: PayoutNode, observedAt: string): PayoutRecord {
  const externalId = legacyId(node.id);
  const currency = node.net.currencyCode;
  const summary: Record<string, string> = {};
  for (const field of PAYOUT_SUMMARY_FIELDS) {
    const part = node.summary[field];
    if (part.currencyCode !== currency) throw new PermanentError(`Shopify payout ${externalId}: summary.${field} is in ${part.currencyCode}, its net in ${currency}`);
    summary[field] = part.amount;
  }
  return {
    externalId,
    status: node.status,
    transactionType: node.transactionType,
    issuedAt: node.issuedAt,
    net: money(node.net),
    // ShopifyPaymentsPayout.gross is deprecated ("use net"); the summary holds the gross parts.
    gross: null,
    summary,
    // A payout has no update time. Its issue time is the same in every read, so a copy that
    // changed nothing hashes the same and writes nothing, and of two copies the one seen later
    // (observedAt) wins: a status that moved on is never rolled back by an older read.
    sourceUpdatedAt: node.issuedAt,
    observedAt,
  };
}

/** Null for a test-mode transaction: it is never paid out. */
export function mapBalanceTransaction(node: BalanceTransactionNode, observedAt: string): PayoutBalanceTransactionRecord | null {
  if (node.test) return null;
  return {
    externalId: legacyId(node.id),
    // Null while no payout has taken it (status PENDING).
    payoutExternalId: node.associatedPayout.id ? legacyId(node.associatedPayout.id) : null,
    type: node.type,
    amount: money(node.amount),
    fee: money(node.fee),
    net: money(node.net),
    transactionDate: node.transactionDate,
    orderExternalId: node.associatedOrder ? legacyId(node.associatedOrder.id) : null,
    orderName: node.associatedOrder?.name ?? null,
    orderTransactionExternalId: node.sourceOrderTransactionId,
    sourceType: node.sourceType,
    sourceId: node.sourceId,
    adjustmentReason: node.adjustmentReason,
    // As for payouts: what changes later (the payout it joins) is ordered by observedAt.
    sourceUpdatedAt: node.transactionDate,
    observedAt,
  };
}
