// The Reconciliation pages on rows the engine would have written: the empty state leads to
// Connections; the list shows each pair's latest match rate and trend; a pair's page has the
// match-rate chart (with its table) and the days, filtered in the URL and paged; a day's page lists
// its missing orders (linked), extras, value mismatches with their reason, duplicates, the
// breakdown and the earlier figures; its Issues view lists a kind of issue across a range with
// their count and value, filtered in the URL and exported to CSV. Settings → Analytics reconciliation saves the threshold and a
// pair's tolerance; Recompute asks behind a confirmation; the alert emails are switched on in
// Settings → Notifications.
import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import ExcelJS from "exceljs";
import { axeViolations } from "../support/axe";
import { query } from "../support/database";
import { expect, test } from "../support/fixtures";
import { signInWithNewWorkspace } from "../support/workspaces";

/**
 * A paused store and GA4 property, and their pair with 40 days back from 10 November 2026: 19 of 20
 * orders recorded each day, except 2 November (16 of 20, with its issues and an earlier revision)
 * and 10 November (10 of 20, not final yet). Order #1001 is synced, so its miss links to it.
 */
async function seedReconciliation(slug: string): Promise<{ pairId: string }> {
  const rows = await query<{ id: string; workspaceId: string; provider: string }>(
    `INSERT INTO "Connection" (id, "workspaceId", provider, "externalAccountId", "displayName", status, "authMethod", "updatedAt")
     SELECT 'e2e-' || md5(random()::text), w.id, p.provider, 'e2e-' || md5(random()::text), p.name, 'PAUSED', p.method::"ConnectionAuthMethod", now()
     FROM "Workspace" w, (VALUES ('SHOPIFY', 'Demo Store', 'OAUTH'), ('GA4', 'GA4 · Demo Brand', 'CREDENTIALS')) AS p(provider, name, method) WHERE w.slug = $1
     RETURNING id, "workspaceId", provider`,
    [slug],
  );
  const workspaceId = rows[0]!.workspaceId;
  const store = rows.find((row) => row.provider === "SHOPIFY")!.id;
  const analytics = rows.find((row) => row.provider === "GA4")!.id;
  const [pair] = await query<{ id: string }>(
    `INSERT INTO "ReconciliationPair" (id, "workspaceId", "storeConnectionId", "analyticsConnectionId", "timeZone", "lastComputedAt", "updatedAt")
     VALUES ('e2e-pair-' || md5(random()::text), $1, $2, $3, 'Europe/London', now(), now()) RETURNING id`,
    [workspaceId, store, analytics],
  );
  const pairId = pair!.id;
  await query(
    `INSERT INTO "ReconciliationDay" (id, "workspaceId", "pairId", date, currency, "storeOrders", "storeValue", "analyticsTransactions", "analyticsValue", matched, "matchRate",
                                      "missingCount", "missingValue", "extraCount", "extraValue", "mismatchCount", "duplicateCount", "notSetCount", "notSetValue", breakdown, final, "computedAt")
     SELECT 'e2e-day-' || i || '-' || $2, $1, $2, date '2026-11-10' - i, 'GBP', 20, 200, m + x, (m + x) * 10, m, round(m / 20.0, 6),
            20 - m, (20 - m) * 10, x, x * 10, CASE WHEN i = 8 THEN 1 ELSE 0 END, CASE WHEN i = 8 THEN 1 ELSE 0 END, CASE WHEN i = 8 THEN 2 ELSE 0 END, CASE WHEN i = 8 THEN 20 ELSE 0 END,
            CASE WHEN i = 8 THEN '{"channel": {"Online Store": {"count": 3, "value": "30.00"}, "POS": {"count": 1, "value": "10.00"}}, "source": {"google / cpc": {"count": 4, "value": "40.00"}}}'::jsonb ELSE '{}'::jsonb END,
            i > 0, now()
     FROM generate_series(0, 39) AS i, LATERAL (SELECT CASE i WHEN 0 THEN 10 WHEN 8 THEN 16 ELSE 19 END AS m, CASE WHEN i = 8 THEN 1 ELSE 0 END AS x) AS f`,
    [workspaceId, pairId],
  );
  await query(
    `INSERT INTO "ReconciliationDayRevision" (id, "workspaceId", "dayId", "matchRate", figures, "computedAt", "replacedAt")
     VALUES ('e2e-' || md5(random()::text), $1, 'e2e-day-8-' || $2, 0.7, '{"storeOrders": 20, "matched": 14, "missingCount": 6}', timestamptz '2026-11-03 02:00Z', timestamptz '2026-11-04 02:00Z')`,
    [workspaceId, pairId],
  );
  const [order] = await query<{ id: string }>(
    `INSERT INTO "Order" (id, "workspaceId", "connectionId", "externalId", name, "nameLower", currency, "totalPrice", tags, "processedAt", "sourceCreatedAt", "sourceUpdatedAt", "sourceHash", "updatedAt")
     VALUES ('e2e-' || md5(random()::text), $1, $2, 'order-1001', '#1001', '#1001', 'GBP', 10.00, '{}', timestamptz '2026-11-02 12:00Z', now(), now(), 'e2e', now()) RETURNING id`,
    [workspaceId, store],
  );
  await query(
    `INSERT INTO "ReconciliationIssue" (id, "workspaceId", "pairId", date, kind, "orderId", "orderName", "transactionId", currency, "storeValue", "analyticsCurrency", "analyticsValue",
                                        difference, explanation, occurrences, channel, source, device)
     VALUES ('e2e-' || md5(random()::text), $1, $2, date '2026-11-02', 'MISSING_IN_ANALYTICS', $3, '#1001', NULL, 'GBP', 10, NULL, NULL, NULL, NULL, NULL, 'Online Store', 'google / cpc', NULL),
            ('e2e-' || md5(random()::text), $1, $2, date '2026-11-02', 'MISSING_IN_ANALYTICS', NULL, '#1002', NULL, 'GBP', 10, NULL, NULL, NULL, NULL, NULL, 'POS', NULL, NULL),
            ('e2e-' || md5(random()::text), $1, $2, date '2026-11-02', 'EXTRA_IN_ANALYTICS', NULL, NULL, 'T-77', 'GBP', NULL, 'GBP', 10, NULL, NULL, NULL, NULL, 'google / cpc', 'mobile'),
            ('e2e-' || md5(random()::text), $1, $2, date '2026-11-02', 'VALUE_MISMATCH', NULL, '#1003', '1003', 'GBP', 12, 'GBP', 10, -2, 'TAX', NULL, NULL, NULL, 'desktop'),
            ('e2e-' || md5(random()::text), $1, $2, date '2026-11-02', 'DUPLICATE', NULL, '#1004', '1004', 'GBP', 10, 'GBP', 20, NULL, NULL, 2, NULL, NULL, 'mobile')`,
    [workspaceId, pairId, order!.id],
  );
  return { pairId };
}

// An unknown day's page may be answered 404 for the document, which Chromium reports as a console error.
test.use({ allowedConsoleErrors: [/status of 404/] });

// The page's own content (#main): the app shell's menus are outside this spec's area.
async function expectAxeClean(page: Page): Promise<void> {
  expect(await axeViolations(page, page.locator("#main"))).toEqual([]);
}

test("with nothing connected, the Reconciliation page says what to connect and leads to Connections", async ({ page, uniqueEmail }) => {
  const slug = await signInWithNewWorkspace(page, uniqueEmail("recon-empty"), "Empty Analytics");
  await page.goto(`/w/${slug}`);
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Reconciliation", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Reconciliation", exact: true })).toBeVisible();
  await expect(page.getByText("Nothing to reconcile yet")).toBeVisible();
  await expect(page.getByText("Connect a store and a Google Analytics 4 property")).toBeVisible();
  await expectAxeClean(page);
  await page.getByTestId("reconciliation-connect").click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/connections$`));
});

test("a pair's match rate over days, its days filtered and paged, and a day's misses with their reasons", async ({ page, uniqueEmail }) => {
  const slug = await signInWithNewWorkspace(page, uniqueEmail("recon"), "Analytics & Co");
  const { pairId } = await seedReconciliation(slug);

  await test.step("the list: latest day, its match rate and the trend", async () => {
    await page.goto(`/w/${slug}/reconciliation`);
    const row = page.getByTestId("reconciliation-pair-row");
    await expect(row).toHaveCount(1);
    await expect(row).toContainText("Demo Store");
    await expect(row).toContainText("GA4 · Demo Brand");
    await expect(row).toContainText("2026-11-10");
    await expect(row).toContainText("not final yet");
    await expect(row.getByTestId("match-rate")).toHaveText("50.0%below threshold");
    await expect(row.getByRole("img", { name: /Match rate over 30 days, from 95\.0% on 2026-10-12 to 50\.0% on 2026-11-10/ })).toBeVisible();
    await expectAxeClean(page);
  });

  await test.step("the pair: chart with its table, 31 days a page, filters in the URL", async () => {
    await page.getByTestId("reconciliation-pair-link").click();
    await expect(page.getByRole("heading", { name: "Demo Store ↔ GA4 · Demo Brand" })).toBeVisible();
    const chart = page.getByTestId("match-rate-chart");
    await expect(chart.getByRole("application", { name: /Match rate by day, 2026-10-02 to 2026-11-10/ })).toBeVisible();
    await chart.getByTestId("match-rate-chart-toggle").click();
    await expect(chart.getByRole("row").filter({ hasText: "2026-11-02" })).toContainText("80.0%");
    await expect(chart.getByRole("row").filter({ hasText: "2026-11-10" })).toContainText("50.0% (not final yet)");
    const rows = page.getByTestId("reconciliation-day-row");
    await expect(rows).toHaveCount(31);
    await expect(rows.first()).toHaveAttribute("data-date", "2026-11-10");
    await expect(rows.first()).toContainText("not final yet");
    await expectAxeClean(page);
    await page.getByTestId("pagination-next").click();
    await expect(rows).toHaveCount(9);
    await expect(rows.last()).toHaveAttribute("data-date", "2026-10-02");

    await page.getByTestId("reconciliation-filter-rate").selectOption("below");
    await expect(page).toHaveURL(/rate=below/);
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(1)).toHaveAttribute("data-date", "2026-11-02");
    await expect(rows.nth(1).getByTestId("match-rate")).toHaveText("80.0%below threshold");
    await expect(rows.nth(1)).toContainText("£40.00 (4)");
    await page.getByTestId("reconciliation-filter-from").fill("2026-11-01");
    await expect(page).toHaveURL(/from=2026-11-01/);
    await page.reload();
    await expect(rows).toHaveCount(2);
  });

  await test.step("the day: misses linked to their orders, extras, mismatches with their reason, duplicates, breakdown, earlier figures", async () => {
    await page.getByTestId("reconciliation-day-link").filter({ hasText: "2026-11-02" }).click();
    await expect(page.getByRole("heading", { name: "2026-11-02: Demo Store" })).toBeVisible();
    await expect(page.getByTestId("day-match-rate")).toHaveText("80.0%below threshold");
    await expect(page.getByTestId("reconciliation-missing-row")).toHaveCount(2);
    await expect(page.getByTestId("reconciliation-extras-row")).toContainText("T-77");
    await expect(page.getByTestId("reconciliation-mismatches-row")).toContainText("Tax");
    await expect(page.getByTestId("reconciliation-mismatches-row")).toContainText("-£2.00");
    await expect(page.getByTestId("reconciliation-duplicates-row")).toContainText("1004");
    const breakdown = page.getByTestId("reconciliation-breakdown");
    await expect(breakdown.getByRole("row").filter({ hasText: "Online Store" })).toContainText("£30.00");
    await expect(breakdown).toContainText("Nothing misrecorded.");
    await expect(page.getByTestId("reconciliation-revision-row")).toContainText("70.0%");
    await expectAxeClean(page);
  });

  await test.step("the day's missing orders export to .xlsx with what the page lists, and link to their orders", async () => {
    const missing = page.locator("section").filter({ has: page.getByRole("heading", { name: "Missing in analytics", exact: true }) });
    await missing.getByTestId("export-menu").click();
    const downloading = page.waitForEvent("download");
    await page.getByRole("menuitem", { name: "Excel (.xlsx)" }).click();
    const download = await downloading;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const cell = (row: number, name: string) => sheet.getRow(row).getCell(header.indexOf(name) + 1).value;
    const exported = Array.from({ length: sheet.rowCount - 1 }, (_, i) => [cell(i + 2, "Order"), cell(i + 2, "Issue"), cell(i + 2, "Channel")].join(" | ")).sort();
    const shown = (await page.getByTestId("reconciliation-missing-row").allInnerTexts()).map((text) => text.split("\t")[0]!.trim());
    expect(exported).toEqual(["#1001 | MISSING_IN_ANALYTICS | Online Store", "#1002 | MISSING_IN_ANALYTICS | POS"]);
    expect(exported.map((line) => line.split(" | ")[0])).toEqual(shown.sort());
    await page.getByTestId("reconciliation-missing-table").getByRole("link", { name: "#1001" }).click();
    await expect(page.getByRole("heading", { name: "Order #1001" })).toBeVisible();
  });

  await test.step("an unknown day, or another workspace's pair, is the not-found page", async () => {
    await page.goto(`/w/${slug}/reconciliation/${pairId}/2026-12-01`);
    await expect(page.getByRole("heading", { name: "Day not found" })).toBeVisible();
    await page.goto(`/w/${slug}/reconciliation/e2e-pair-of-nobody`);
    await expect(page.getByRole("heading", { name: "Reconciliation not found" })).toBeVisible();
  });
});

test("a pair's issues across a range: misses by default with their count and value, filtered in the URL, exported to CSV", async ({ page, uniqueEmail }) => {
  const slug = await signInWithNewWorkspace(page, uniqueEmail("recon-issues"), "Issues & Co");
  const { pairId } = await seedReconciliation(slug);
  // Three more misses on other days, in pence that add up exactly only in decimals.
  await query(
    `INSERT INTO "ReconciliationIssue" (id, "workspaceId", "pairId", date, kind, "orderName", currency, "storeValue", channel)
     SELECT 'e2e-' || md5(random()::text), p."workspaceId", p.id, m.date, 'MISSING_IN_ANALYTICS', m.name, 'GBP', m.value, 'Online Store'
     FROM "ReconciliationPair" p, (VALUES (date '2026-10-20', '#0990', 25.50), (date '2026-11-05', '#1010', 0.10), (date '2026-11-05', '#1011', 0.20)) AS m(date, name, value)
     WHERE p.id = $1`,
    [pairId],
  );
  const rows = page.getByTestId("reconciliation-missing-row");
  const cells = async (column: number) => (await rows.allInnerTexts()).map((text) => text.split("\t")[column]!.trim());

  await test.step("the Issues tab, reached by keyboard, lists every miss newest day first with its count and value", async () => {
    await page.goto(`/w/${slug}/reconciliation/${pairId}`);
    // The days come through the client's query: once they show, the page is hydrated and the tabs
    // will not be swapped under the focus.
    await expect(page.getByTestId("reconciliation-day-row").first()).toBeVisible();
    await page.getByTestId("pair-tab-issues").focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/reconciliation/${pairId}/issues$`));
    await expect(page.getByTestId("pair-tab-issues")).toHaveAttribute("aria-current", "page");
    await expect(page.getByTestId("pair-issues-filter-kind")).toHaveValue("MISSING_IN_ANALYTICS");
    await expect(rows).toHaveCount(5);
    expect(await cells(0)).toEqual(["2026-11-05", "2026-11-05", "2026-11-02", "2026-11-02", "2026-10-20"]);
    await expect(page.getByTestId("pair-issues-count")).toHaveText("5");
    await expect(page.getByTestId("pair-issues-value")).toHaveText("£45.80");
    await expectAxeClean(page);
  });

  await test.step("a range in the URL narrows the list and its totals, and the CSV export holds the rows shown", async () => {
    await page.getByTestId("pair-issues-filter-from").fill("2026-11-01");
    await expect(page).toHaveURL(/from=2026-11-01/);
    await expect(rows).toHaveCount(4);
    await expect(page.getByTestId("pair-issues-count")).toHaveText("4");
    await expect(page.getByTestId("pair-issues-value")).toHaveText("£20.30");

    await page.getByTestId("export-menu").focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("menuitem", { name: "CSV (.csv)" })).toBeFocused();
    const downloading = page.waitForEvent("download");
    await page.keyboard.press("Enter");
    const csv = await readFile((await (await downloading).path())!);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...lines] = csv.subarray(3).toString("utf8").trimEnd().split("\r\n").map((line) => line.split(","));
    const column = (name: string) => lines.map((line) => line[header!.indexOf(name)]);
    expect(column("Issue")).toEqual(Array(4).fill("MISSING_IN_ANALYTICS"));
    expect(column("Date")).toEqual(await cells(0));
    expect(column("Order")).toEqual(await cells(1));
    expect(column("Store value").sort()).toEqual(["0.1", "0.2", "10", "10"]);
  });

  await test.step("another kind, chosen in the filter, lists its own issues and totals", async () => {
    await page.getByTestId("pair-issues-filter-kind").selectOption("EXTRA_IN_ANALYTICS");
    await expect(page).toHaveURL(/kind=EXTRA_IN_ANALYTICS/);
    await expect(page.getByTestId("reconciliation-extras-row")).toHaveCount(1);
    await expect(page.getByTestId("reconciliation-extras-row")).toContainText("T-77");
    await expect(page.getByTestId("pair-issues-count")).toHaveText("1");
    await expect(page.getByTestId("pair-issues-value")).toHaveText("£10.00");
  });

  await test.step("a shared link opens the same view; a range with nothing clears back to the misses; a day links to its page", async () => {
    await page.goto(`/w/${slug}/reconciliation/${pairId}/issues?kind=VALUE_MISMATCH&from=2026-11-01&to=2026-11-30`);
    await expect(page.getByTestId("reconciliation-mismatches-row")).toContainText("#1003");
    await expect(page.getByTestId("pair-issues-value")).toHaveText("-£2.00");
    // One field at a time: each change rewrites the URL from the filters it holds.
    await page.getByTestId("pair-issues-filter-to").fill("2026-12-31");
    await expect(page).toHaveURL(/to=2026-12-31/);
    await page.getByTestId("pair-issues-filter-from").fill("2026-12-01");
    await expect(page).toHaveURL(/from=2026-12-01/);
    await expect(page.getByText("No issues match these filters")).toBeVisible();
    await expect(page.getByTestId("pair-issues-count")).toHaveText("0");
    await expectAxeClean(page);
    await page.getByTestId("empty-clear-filters").click();
    await expect(page).toHaveURL(new RegExp(`/reconciliation/${pairId}/issues$`));
    await expect(rows).toHaveCount(5);
    await rows.nth(2).getByRole("link", { name: "2026-11-02" }).click();
    await expect(page.getByRole("heading", { name: "2026-11-02: Demo Store" })).toBeVisible();
  });
});

test.describe("settings and Recompute", () => {
  test("an admin sets the threshold and a pair's tolerance, and asks for a recomputation behind a confirmation", async ({ page, uniqueEmail }) => {
    const slug = await signInWithNewWorkspace(page, uniqueEmail("recon-settings"), "Settings & Co");
    const { pairId } = await seedReconciliation(slug);

    await page.goto(`/w/${slug}/settings/reconciliation`);
    await expect(page.getByRole("heading", { name: "Analytics reconciliation", exact: true })).toBeVisible();
    const threshold = page.getByTestId("reconciliation-threshold");
    await expect(threshold.getByLabel("Threshold (%)")).toHaveValue("90");
    await threshold.getByLabel("Threshold (%)").fill("101");
    await threshold.getByRole("button", { name: "Save" }).click();
    await expect(threshold.getByText("At most 100 %.")).toBeVisible();
    await expect(threshold.getByLabel("Threshold (%)")).toHaveAttribute("aria-invalid", "true");
    await expectAxeClean(page);
    await threshold.getByLabel("Threshold (%)").fill("75");
    await threshold.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Threshold set to 75%")).toBeVisible();

    const tolerance = page.getByTestId(`reconciliation-tolerance-${pairId}`);
    await expect(tolerance).toContainText("Demo Store ↔ GA4 · Demo Brand");
    await tolerance.getByLabel("Tolerance (minor units)").fill("5");
    await tolerance.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Tolerance saved for Demo Store")).toBeVisible();
    const audit = await query<{ action: string }>(`SELECT action FROM "AuditLog" a JOIN "Workspace" w ON w.id = a."workspaceId" WHERE w.slug = $1 AND action LIKE 'reconciliation.%' ORDER BY a."createdAt"`, [slug]);
    expect(audit.map((row) => row.action)).toEqual(["reconciliation.settings.updated", "reconciliation.pair.tolerance.updated"]);

    // Judged by the new threshold: 80 % is no longer below it.
    await page.goto(`/w/${slug}/reconciliation/${pairId}?rate=below`);
    await expect(page.getByTestId("reconciliation-day-row")).toHaveCount(1);
    await page.getByTestId("reconciliation-recompute").click();
    const dialog = page.getByTestId("confirm-dialog");
    await expect(dialog).toContainText("Every day is computed again");
    await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
    await expectAxeClean(page);
    await dialog.getByRole("button", { name: "Recompute" }).click();
    await expect(page.getByText("Recomputation queued")).toBeVisible();
    await expect(dialog).toBeHidden();

    // The alerts are opt-in, next to the other emails.
    await page.goto(`/w/${slug}/settings/notifications`);
    const alerts = page.getByRole("switch", { name: "Match rate alerts" });
    await expect(alerts).not.toBeChecked();
    await expect(page.getByRole("switch", { name: "Weekly reconciliation summary" })).not.toBeChecked();
    await alerts.click();
    await expect(page.getByText("Match rate alerts turned on")).toBeVisible();
    await page.reload();
    await expect(alerts).toBeChecked();
    await expectAxeClean(page);
  });
});
