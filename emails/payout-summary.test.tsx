import { render } from "@react-email/render";
import { describe, expect, it } from "vitest";
import PayoutSummaryEmail, { type PayoutSummaryEmailProps } from "./payout-summary";

const props: PayoutSummaryEmailProps = {
  workspaceName: "Acme Payouts",
  timeZone: "America/New_York",
  counts: { unmatchedPayouts: 1, ambiguous: 0, amountDiffers: 0, unmatchedDeposits: 1 },
  // Issued at midnight UTC: still the evening before in New York.
  payouts: [{ externalId: "p2", issuedAt: "2026-01-06T00:00:00.000Z", net: "42.50", currency: "GBP", state: "UNMATCHED_PAYOUT", amountDifference: null, candidates: 0, url: "https://m.test/w/acme/payouts/p2" }],
  deposits: [{ datedOn: "2026-01-20", amount: "77.70", description: "SHOPIFY PAYMENTS GB" }],
  payoutsUrl: "https://m.test/w/acme/payouts",
  settingsUrl: "https://m.test/account/notifications",
};

describe("PayoutSummaryEmail", () => {
  it("shows a payout on its day in the workspace's zone and a deposit on the bank's date, in the emails' locale", async () => {
    const text = await render(<PayoutSummaryEmail {...props} />, { plainText: true });
    expect(text).toContain("42.50 GBP, issued Jan 5, 2026");
    expect(text).toContain("Deposit of 77.70 on Jan 20, 2026 (SHOPIFY PAYMENTS GB): no payout matches it");
  });
});
