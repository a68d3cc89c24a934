import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PermanentError } from "../_core/errors";
import { mapBalanceTransaction, mapPayout } from "./payouts-mapper";
import { BalanceTransactionsPage, PayoutsPage } from "./payouts-types";
import { parsePayload } from "./types";

// Responses shaped after Shopify's shopifyPaymentsAccount examples (fixtures/payouts/README.md).
const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`./fixtures/payouts/${name}`, import.meta.url), "utf8"));
const OBSERVED = "2026-10-16T10:00:00.000Z";

describe("Shopify Payments mapping", () => {
  it("maps a payout with its summary, money as the decimal strings Shopify sent", () => {
    const page = parsePayload(PayoutsPage, fixture("payouts-page.json"), "payouts page");
    const [payout] = page.shopifyPaymentsAccount!.payouts.nodes.map((node) => mapPayout(node, OBSERVED));
    expect(payout).toEqual({
      externalId: "623721858",
      status: "PAID",
      transactionType: "DEPOSIT",
      issuedAt: "2026-10-14T00:00:00Z",
      net: { amount: "41.16", currency: "USD" },
      gross: null,
      summary: {
        chargesGross: "53.00",
        chargesFee: "1.84",
        refundsFeeGross: "-10.00",
        refundsFee: "0.00",
        adjustmentsGross: "0.00",
        adjustmentsFee: "0.00",
        reservedFundsGross: "0.00",
        reservedFundsFee: "0.00",
        retriedPayoutsGross: "0.00",
        retriedPayoutsFee: "0.00",
        advanceGross: "0.00",
        advanceFees: "0.00",
        usdcRebateCreditAmount: "0.00",
      },
      // Stable across reads: an unchanged payout hashes the same.
      sourceUpdatedAt: "2026-10-14T00:00:00Z",
      observedAt: OBSERVED,
    });
  });

  it("maps balance transactions to the order, the order transaction and the payout, keeping 64-bit ids exact", () => {
    const page = parsePayload(BalanceTransactionsPage, fixture("balance-transactions-page.json"), "balance transactions page");
    const [charge, refund, adjustment, testCharge] = page.shopifyPaymentsAccount!.balanceTransactions.nodes.map((node) => mapBalanceTransaction(node, OBSERVED));
    expect(charge).toEqual({
      externalId: "1002294378",
      payoutExternalId: "623721858",
      type: "CHARGE",
      amount: { amount: "53.00", currency: "USD" },
      fee: { amount: "1.84", currency: "USD" },
      net: { amount: "51.16", currency: "USD" },
      transactionDate: "2026-10-12T15:04:05Z",
      orderExternalId: "450789469",
      orderName: "#1001",
      // Above 2^53: the BigInt string passes through untouched, comparable with OrderTransaction.externalId.
      orderTransactionExternalId: "9007199254740993",
      sourceType: "CHARGE",
      sourceId: "1002294378",
      adjustmentReason: null,
      sourceUpdatedAt: "2026-10-12T15:04:05Z",
      observedAt: OBSERVED,
    });
    expect(refund).toMatchObject({ type: "REFUND", net: { amount: "-10.00", currency: "USD" }, orderTransactionExternalId: "9007199254740995", payoutExternalId: "623721858" });
    // Pending: no payout yet, and no order behind a fee refund.
    expect(adjustment).toMatchObject({ payoutExternalId: null, orderExternalId: null, orderName: null, adjustmentReason: "fee_refund", orderTransactionExternalId: null });
    // Test-mode transactions are never paid out.
    expect(testCharge).toBeNull();
  });

  it("refuses an amount that is not a decimal string, naming the field", () => {
    const page = fixture("payouts-page.json") as { shopifyPaymentsAccount: { payouts: { nodes: { net: { amount: unknown } }[] } } };
    page.shopifyPaymentsAccount.payouts.nodes[0]!.net.amount = 41.16;
    expect(() => parsePayload(PayoutsPage, page, "payouts page")).toThrow(/net\.amount/);
  });

  it("refuses a summary in another currency than the payout", () => {
    const page = parsePayload(PayoutsPage, fixture("payouts-page.json"), "payouts page");
    const node = page.shopifyPaymentsAccount!.payouts.nodes[0]!;
    node.summary.chargesFee = { amount: "1.84", currencyCode: "EUR" };
    expect(() => mapPayout(node, OBSERVED)).toThrow(PermanentError);
    expect(() => mapPayout(node, OBSERVED)).toThrow(/summary\.chargesFee is in EUR/);
  });

  it("reads a shop without Shopify Payments as no account, not an error", () => {
    expect(parsePayload(PayoutsPage, { shopifyPaymentsAccount: null }, "payouts page").shopifyPaymentsAccount).toBeNull();
  });
});
