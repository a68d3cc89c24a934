// The Shopify Payments documents (Admin API 2026-10), re-exported by documents.ts so that
// documents.test.ts validates them against the pinned schema with every other document.
// `shopifyPaymentsAccount` is null for a shop without Shopify Payments.

const MONEY = `{ amount currencyCode }`;
const PAGE_INFO = `pageInfo { hasNextPage endCursor }`;

/** Every non-deprecated part of the breakdown, each in the payout's currency. */
const PAYOUT_SUMMARY = `summary {
  chargesGross ${MONEY} chargesFee ${MONEY}
  refundsFeeGross ${MONEY} refundsFee ${MONEY}
  adjustmentsGross ${MONEY} adjustmentsFee ${MONEY}
  reservedFundsGross ${MONEY} reservedFundsFee ${MONEY}
  retriedPayoutsGross ${MONEY} retriedPayoutsFee ${MONEY}
  advanceGross ${MONEY} advanceFees ${MONEY}
  usdcRebateCreditAmount ${MONEY}
}`;

/** Payouts in issue order; `query` carries the `issued_at` window. */
export const PAYOUTS_PAGE = `query PayoutsPage($first: Int!, $after: String, $query: String) {
  shopifyPaymentsAccount {
    payouts(first: $first, after: $after, query: $query, sortKey: ISSUED_AT) {
      ${PAGE_INFO}
      nodes { id legacyResourceId issuedAt status transactionType net ${MONEY} ${PAYOUT_SUMMARY} }
    }
  }
}`;

/** Balance transactions in processing order; `query` carries the `processed_at` window. */
export const BALANCE_TRANSACTIONS_PAGE = `query BalanceTransactionsPage($first: Int!, $after: String, $query: String) {
  shopifyPaymentsAccount {
    balanceTransactions(first: $first, after: $after, query: $query, sortKey: PROCESSED_AT) {
      ${PAGE_INFO}
      nodes {
        id type test transactionDate
        amount ${MONEY} fee ${MONEY} net ${MONEY}
        sourceId sourceType sourceOrderTransactionId adjustmentReason
        associatedOrder { id name }
        associatedPayout { id status }
      }
    }
  }
}`;
