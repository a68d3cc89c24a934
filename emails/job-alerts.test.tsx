import { render } from "@react-email/render";
import { describe, expect, it } from "vitest";
import JobFailedEmail, { errorSummary, jobFailedSubject, type JobFailedEmailProps } from "./job-failed";
import JobRecoveredEmail, { jobRecoveredSubject, type JobRecoveredEmailProps } from "./job-recovered";

const runUrl = "https://m.test/w/acme/jobs/run_123";
const settingsUrl = "https://m.test/w/acme/settings/notifications";

const failed: JobFailedEmailProps = {
  workspaceName: "Acme Ops",
  jobLabel: "Sync",
  connection: { name: "Acme Shop", providerLabel: "Shopify" },
  error: "Shopify returned 401 Unauthorized\n    at fetchOrders (client.ts:12)\n    at run (sync.ts:40)",
  failedAt: "2026-03-12T14:05:09.000Z",
  timeZone: "America/New_York",
  moreFailures: 0,
  runUrl,
  settingsUrl,
};

describe("JobFailedEmail", () => {
  it("shows the job, connection, first error line, time in the workspace's zone named, run button and opt-out link", async () => {
    const html = await render(<JobFailedEmail {...failed} />);
    expect(html.match(new RegExp(`href="${runUrl}"`, "g"))).toHaveLength(2);
    expect(html).toContain(`href="${settingsUrl}"`);

    const text = await render(<JobFailedEmail {...failed} />, { plainText: true });
    expect(text).toContain("SYNC FOR ACME SHOP FAILED");
    expect(text).toContain("Connection: Acme Shop (Shopify)");
    expect(text).toContain("Error: Shopify returned 401 Unauthorized");
    expect(text).not.toContain("fetchOrders");
    expect(text).toContain("Failed at: Mar 12, 2026, 10:05 AM EDT");
    expect(text).toContain("owner or admin of Acme Ops");
    expect(text).not.toContain("since the last email");
  });

  it("reports the failures counted since the last email", async () => {
    const one = await render(<JobFailedEmail {...failed} moreFailures={1} />, { plainText: true });
    expect(one).toContain("1 more failure since the last email");
    const many = await render(<JobFailedEmail {...failed} moreFailures={4} />, { plainText: true });
    expect(many).toContain("4 more failures since the last email");
  });

  it("leaves the connection out for jobs without one", async () => {
    const text = await render(<JobFailedEmail {...failed} jobLabel="Retention" connection={null} />, { plainText: true });
    expect(text).toContain("RETENTION FAILED");
    expect(text).not.toContain("Connection:");
    expect(jobFailedSubject({ ...failed, jobLabel: "Retention", connection: null })).toBe("[Acme Ops] Retention failed");
    expect(jobFailedSubject(failed)).toBe("[Acme Ops] Sync for Acme Shop failed");
  });
});

describe("errorSummary", () => {
  it("keeps the first non-empty line and truncates long ones", () => {
    expect(errorSummary("\n  boom  \nstack")).toBe("boom");
    const summary = errorSummary("x".repeat(500));
    expect(summary).toHaveLength(200);
    expect(summary.endsWith("…")).toBe(true);
    expect(errorSummary(null)).toBe("No error message was recorded.");
    expect(errorSummary("   \n")).toBe("No error message was recorded.");
  });
});

describe("JobRecoveredEmail", () => {
  const recovered: JobRecoveredEmailProps = {
    workspaceName: "Acme Ops",
    jobLabel: "Sync",
    connection: { name: "Acme Shop", providerLabel: "Shopify" },
    // Before New York's clocks moved forward (March 8): standard time.
    recoveredAt: "2026-03-02T16:30:00.000Z",
    timeZone: "America/New_York",
    unreportedFailures: 0,
    runUrl,
    settingsUrl,
  };

  it("says the job succeeded again, when (in the workspace's zone, named), with the run link and opt-out link", async () => {
    const html = await render(<JobRecoveredEmail {...recovered} />);
    expect(html).toContain(`href="${runUrl}"`);
    expect(html).toContain(`href="${settingsUrl}"`);
    const text = await render(<JobRecoveredEmail {...recovered} unreportedFailures={2} />, { plainText: true });
    expect(text).toContain("SYNC FOR ACME SHOP RECOVERED");
    expect(text).toContain("Succeeded at: Mar 2, 2026, 11:30 AM EST");
    expect(text).toContain("It failed 2 more times after the last email");
    expect(jobRecoveredSubject(recovered)).toBe("[Acme Ops] Sync for Acme Shop recovered");
  });
});
