import { describe, expect, it } from "vitest";
import { findJobRunsInput } from "@/server/services/job-history/schema";
import { findOrdersInput } from "@/server/services/orders/schema";
import { findPayoutsInput } from "@/server/services/payout-reconciliation/schema";
import { findReconciliationDaysInput } from "@/server/services/reconciliation/schema";
import { inputErrors } from "./input-errors";

const BACKWARDS = "“To” must not be before “From”.";

describe("inputErrors", () => {
  it("marks To when a list's range runs backwards, with the server's own schema", () => {
    const [from, to] = [new Date(2026, 1, 10), new Date(2026, 1, 1)];
    expect(inputErrors(findOrdersInput, { from, to })).toEqual({ to: BACKWARDS });
    expect(inputErrors(findJobRunsInput, { from, to })).toEqual({ to: BACKWARDS });
    expect(inputErrors(findPayoutsInput, { from: "2026-02-10", to: "2026-02-01" })).toEqual({ to: BACKWARDS });
    expect(inputErrors(findReconciliationDaysInput, { pairId: "pair_1", from: "2026-02-10", to: "2026-02-01" })).toEqual({ to: BACKWARDS });
  });

  it("passes what the server would take, a one-day range included", () => {
    const day = new Date(2026, 1, 10);
    expect(inputErrors(findOrdersInput, { from: day, to: day, financialStatus: "PAID" })).toBeNull();
    expect(inputErrors(findOrdersInput, {})).toBeNull();
  });

  it("keeps the first message of each field", () => {
    expect(inputErrors(findOrdersInput, { search: "x".repeat(101), financialStatus: "LOST" })).toEqual({
      search: "Search for at most 100 characters.",
      financialStatus: expect.any(String),
    });
  });
});
