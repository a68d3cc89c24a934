import { describe, expect, it } from "vitest";
import { explainBlocker } from "./explain-blocker";
import { payoutQueryOf, readPayoutFilters } from "./payout-filters";
import { isNonZero } from "./payout-labels";

type Payout = Parameters<typeof explainBlocker>[0];

const deposit = { id: "bt", externalId: "https://x/bank_transactions/1", datedOn: "2026-04-02", description: "PAYMENTS", amount: "1095.10", unexplainedAmount: "1095.10" };
const breakdown = { grossSales: "1095.10", refunds: "0.00", shipping: "0.00", taxes: "0.00", fees: "0.00", adjustments: "0.00", reservedFunds: "0.00", other: "0.00" };

function payout(overrides: { reconciliation?: Partial<NonNullable<Payout["reconciliation"]>> | null; categoryExternalId?: string | null } = {}): Payout {
  const reconciliation =
    overrides.reconciliation === null
      ? null
      : { state: "MATCHED" as const, deposit, candidates: [], amountDifference: null, breakdown, breakdownDifference: "0.00", computedAt: new Date(), ...overrides.reconciliation };
  return {
    reconciliation,
    explanation: { posted: [], proposed: [{ part: "grossSales", label: "Sales", grossValue: "1095.10", categoryExternalId: overrides.categoryExternalId === undefined ? "cat-001" : overrides.categoryExternalId }] },
  } as unknown as Payout;
}

describe("explainBlocker", () => {
  it("lets an admin explain a matched deposit whose parts add up and are all mapped", () => {
    expect(explainBlocker(payout(), true)).toBeNull();
  });

  it.each<[string, Payout, boolean, RegExp]>([
    ["not an admin", payout(), false, /Only an admin/],
    ["not reconciled", payout({ reconciliation: null }), true, /matched to one deposit/],
    ["ambiguous", payout({ reconciliation: { state: "AMBIGUOUS", deposit: null } }), true, /matched to one deposit/],
    ["parts off by a penny", payout({ reconciliation: { breakdownDifference: "-0.01" } }), true, /do not add up/],
    ["deposit partly explained by a person", payout({ reconciliation: { deposit: { ...deposit, unexplainedAmount: "95.10" } } }), true, /already explained/],
    ["a part without a category", payout({ categoryExternalId: null }), true, /No category is mapped for Sales/],
  ])("refuses with the reason when %s", (_case, detail, canExplain, reason) => {
    expect(explainBlocker(detail, canExplain)).toMatch(reason);
  });
});

describe("payout filters in the URL", () => {
  it("keeps known states, breakdown flags and calendar days; reports the rest", () => {
    expect(readPayoutFilters(new URLSearchParams("state=AMBIGUOUS&breakdown=flagged&from=2026-03-01&to=2026-03-31")).filters).toEqual({ state: "AMBIGUOUS", breakdown: "flagged", from: "2026-03-01", to: "2026-03-31" });
    const unusable = readPayoutFilters(new URLSearchParams("state=PAID&breakdown=yes&from=2026-02-30&to=soon"));
    expect(unusable.filters).toEqual({});
    expect(unusable.rejected.map((r) => r.param)).toEqual(["state", "breakdown", "from", "to"]);
  });

  it("asks the list for flagged or not only when a breakdown is chosen", () => {
    expect(payoutQueryOf({ breakdown: "flagged" })).toEqual({ flagged: true });
    expect(payoutQueryOf({ breakdown: "adds_up", state: "MATCHED" })).toEqual({ flagged: false, state: "MATCHED" });
    expect(payoutQueryOf({})).toEqual({ flagged: undefined });
  });
});

describe("isNonZero", () => {
  it.each([["0.00", false], ["-0.00", false], ["0", false], ["0.01", true], ["-2.50", true], ["100", true]])("%s → %s", (amount, expected) => {
    expect(isNonZero(amount)).toBe(expected);
  });
});
