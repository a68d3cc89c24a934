import { render } from "@react-email/render";
import { describe, expect, it } from "vitest";
import MatchRateAlertEmail, { matchRateAlertSubject, type MatchRateAlertEmailProps } from "./match-rate-alert";
import MatchRateRecoveredEmail, { matchRateRecoveredSubject } from "./match-rate-recovered";
import ReconciliationWeeklySummaryEmail, { reconciliationWeeklySummarySubject, type ReconciliationWeeklySummaryEmailProps } from "./reconciliation-weekly-summary";

const pair = { storeName: "Acme Shop", analyticsName: "Acme GA4" };
const settingsUrl = "https://m.test/account/notifications";

// Reconciliation days are already days of the pair's zone: shown as they are, in the emails' locale.
describe("reconciliation emails' days", () => {
  const alert: MatchRateAlertEmailProps = {
    ...pair,
    workspaceName: "Acme Ops",
    date: "2026-11-02",
    matchRate: "80%",
    threshold: "90%",
    storeOrders: 10,
    missingCount: 2,
    missingValue: "20.00 GBP",
    dayUrl: "https://m.test/w/acme/reconciliation/p1/2026-11-02",
    settingsUrl,
  };

  it("the match-rate alert names its day as 'Nov 2, 2026'", async () => {
    expect(matchRateAlertSubject(alert)).toBe("[Acme Ops] Acme Shop in Acme GA4: match rate 80% on Nov 2, 2026, below 90%");
    const text = await render(<MatchRateAlertEmail {...alert} />, { plainText: true });
    expect(text).toContain("recorded 80% of Acme Shop's orders on Nov 2, 2026");
    expect(text).toContain("Day: Nov 2, 2026");
  });

  it("the recovery names its day and the day that alerted", async () => {
    const recovered = { ...pair, workspaceName: "Acme Ops", date: "2026-11-04", alertDate: "2026-11-02", matchRate: "90%", threshold: "90%", pairUrl: "https://m.test/w/acme/reconciliation/p1", settingsUrl };
    expect(matchRateRecoveredSubject(recovered)).toBe("[Acme Ops] Acme Shop in Acme GA4: match rate back to 90% on Nov 4, 2026");
    const text = await render(<MatchRateRecoveredEmail {...recovered} />, { plainText: true });
    expect(text).toContain("on Nov 4, 2026, back at or above the threshold of 90% since the alert for Nov 2, 2026.");
  });

  it("the weekly summary names its week and worst days", async () => {
    const summary: ReconciliationWeeklySummaryEmailProps = {
      workspaceName: "Acme Ops",
      weekStart: "2026-11-02",
      weekEnd: "2026-11-08",
      pairs: [{ ...pair, matchRate: "90%", previousMatchRate: "100%", storeOrders: 30, missingCount: 3, missingValues: ["30.00 GBP"], worstDays: [{ date: "2026-11-03", matchRate: "80%", url: "https://m.test/w/acme/reconciliation/p1/2026-11-03" }], url: "https://m.test/w/acme/reconciliation/p1" }],
      reconciliationUrl: "https://m.test/w/acme/reconciliation",
      settingsUrl,
    };
    expect(reconciliationWeeklySummarySubject(summary)).toBe("[Acme Ops] Analytics match rates for the week of Nov 2, 2026");
    const text = await render(<ReconciliationWeeklySummaryEmail {...summary} />, { plainText: true });
    expect(text).toContain("from Nov 2, 2026 to Nov 8, 2026:");
    expect(text).toMatch(/Worst days: Nov 3, 2026 .*\(80%\)/);
  });
});
