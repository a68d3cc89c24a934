// Issue 15's proof, end to end on the real stack (the app's build, the local Inngest runner, the
// sandbox Shopify and the sandbox GA4 that saw its purchases): an admin connects GA4 with a key
// file next to the store, the sync and the reconciliation after it run, and the Reconciliation
// pages show each day's misses as the sandbox planted them (worked out here from the store's orders
// and the sandbox's `planted` list); the day's missing orders export to .xlsx with exactly the
// rows the page lists, and to a CSV Excel opens as UTF-8.
import { readFile } from "node:fs/promises";
import type { Download, Locator, Page } from "@playwright/test";
import ExcelJS from "exceljs";
import { formatMoney } from "@/components/ui/format-money";
import { explanationLabel, formatMatchRate, ISSUE_KIND } from "@/components/reconciliation/reconciliation-labels";
import { DEMO_PROPERTY } from "@/dev/sandbox/ga4/config";
import type { Treatment } from "@/dev/sandbox/ga4/generate";
import { dayIn } from "@/dev/sandbox/ga4/report";
import { RECONCILIATION_DAYS_PAGE_SIZE, type IssueKind } from "@/server/services/reconciliation/schema";
import { signIn } from "../support/auth";
import { axeViolations } from "../support/axe";
import { expect, test } from "../support/fixtures";
import { downloadGa4KeyFile, plantedPurchases, releaseGa4Property } from "../support/ga4";
import { PlantedDays, storeOrders, type ExpectedDay } from "../support/ga4-reconciliation";
import { installSandboxShop } from "../support/shopify";
import { createWorkspace } from "../support/workspaces";

const DAY = 86_400_000;
const PROPERTY_NAME = `GA4 · ${DEMO_PROPERTY.displayName}`;
/**
 * The planted patterns a day page is opened for, one day each ("(not set)" orders show among the
 * missing wherever they fall; a late purchase is no different from others once its day settled).
 */
const SHOWN: Treatment[] = ["blocked", "consent-denied", "duplicated", "other-currency", "without-tax-shipping"];

const card = (page: Page, name: string) => page.getByTestId("connection-card").filter({ hasText: name });

// The page's own content (#main), as the other reconciliation specs check it.
async function expectAxeClean(page: Page): Promise<void> {
  expect(await axeViolations(page, page.locator("#main"))).toEqual([]);
}

/** A day page's section for one kind of issue. */
const issueSection = (page: Page, kind: IssueKind) => page.locator("section").filter({ has: page.getByRole("heading", { name: ISSUE_KIND[kind].title, exact: true }) });
const issueRows = (page: Page, kind: IssueKind) => issueSection(page, kind).getByTestId(`reconciliation-${ISSUE_KIND[kind].testId}-row`);

const sorted = (rows: string[][]) => [...rows].sort((a, b) => a.join("|").localeCompare(b.join("|")));

/** The section's rows as their cells' text, once its table (or its empty state) has loaded, sorted. */
async function shownIssues(page: Page, kind: IssueKind): Promise<string[][]> {
  await expect(issueRows(page, kind).or(issueSection(page, kind).getByText("None on this day")).first()).toBeVisible();
  return sorted(await Promise.all((await issueRows(page, kind).all()).map(async (row) => (await row.getByRole("cell").allInnerTexts()).map((text) => text.trim()))));
}

/** A day's page, reached from the pair's days filtered to it. */
async function openDay(page: Page, pairUrl: string, date: string): Promise<void> {
  await page.goto(`${pairUrl}?${new URLSearchParams({ from: date, to: date })}`);
  await page.getByTestId("reconciliation-day-link").filter({ hasText: date }).click();
  await expect(page.getByRole("heading", { name: new RegExp(`^${date}: `) })).toBeVisible();
}

async function expectDayAsPlanted(page: Page, expected: ExpectedDay): Promise<void> {
  const money = (amount: string) => formatMoney(amount, expected.currency, "en-US");
  await expect(page.getByTestId("day-match-rate")).toHaveText(new RegExp(`^${formatMatchRate(expected.matchRate).replace(".", "\\.")}`));
  await expect(page.getByTestId("day-missing")).toHaveText(`${expected.missing.length} (${money(expected.missingValue)})`);
  expect((await shownIssues(page, "MISSING_IN_ANALYTICS")).map((cells) => cells.slice(0, 2)), "missing in analytics: order, store value").toEqual(sorted(expected.missing.map((m) => [m.name, money(m.value)])));
  expect(await shownIssues(page, "DUPLICATE"), "duplicates: transaction, order, times, analytics value").toEqual(sorted(expected.duplicates.map((d) => [d.transactionId, d.name, String(d.times), money(d.analytics)])));
  expect(await shownIssues(page, "VALUE_MISMATCH"), "value mismatches: order, transaction, values, difference, why").toEqual(
    sorted(expected.mismatches.map((m) => [m.name, m.transactionId, money(m.store), money(m.analytics), money(m.difference), explanationLabel(m.explanation)])),
  );
  expect(await shownIssues(page, "EXTRA_IN_ANALYTICS"), "every transaction is one of the store's orders").toEqual([]);
}

/** The first sheet of a downloaded .xlsx, as exceljs reads it. */
async function downloadedSheet(download: Download): Promise<ExcelJS.Worksheet> {
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
  return workbook.worksheets[0]!;
}

async function downloadFromExportMenu(page: Page, section: Locator, format: "Excel (.xlsx)" | "CSV (.csv)"): Promise<Download> {
  await section.getByTestId("export-menu").click();
  const downloading = page.waitForEvent("download");
  await page.getByRole("menuitem", { name: format }).click();
  return downloading;
}

test("an admin connects GA4 with a key file, finds each day's planted misses on the Reconciliation pages, and exports them to .xlsx and CSV as the page lists them", async ({ page, uniqueEmail }, testInfo) => {
  // The store's and the property's first syncs, the reconciliation after them, and a page a day.
  test.setTimeout(300_000);
  await releaseGa4Property();
  let slug = "";

  await test.step("the store is installed and its first sync finishes", async () => {
    await signIn(page, uniqueEmail("ga4-reconcile"));
    slug = await createWorkspace(page, "Attribution Outfitters");
    await installSandboxShop(page, slug);
    await expect(card(page, "meridian-demo").getByTestId("connection-last-run")).toContainText("Succeeded", { timeout: 90_000 });
  });

  await test.step("the admin uploads a key file downloaded from the sandbox, picks the property, and its first sync finishes", async () => {
    const keyPath = testInfo.outputPath("meridian-sandbox-key.json");
    await downloadGa4KeyFile(keyPath);
    await page.reload();
    await page.getByRole("radio", { name: /^Google Analytics 4/ }).check();
    await page.getByLabel("Service account key file (.json)").setInputFiles(keyPath);
    await page.getByLabel("GA4 property").selectOption(DEMO_PROPERTY.id);
    await page.getByRole("button", { name: "Connect Google Analytics 4", exact: true }).click();
    await expect(page.getByText(`${PROPERTY_NAME} is connected. Its first sync has started.`)).toBeVisible();
    await expect(card(page, PROPERTY_NAME).getByTestId("connection-last-run")).toContainText("Succeeded", { timeout: 90_000 });
  });

  await test.step("the reconciliation the GA4 sync asked for has run, as the Jobs page shows", async () => {
    // The sync queued it (its row exists) before it finished; it is done once every run has succeeded.
    await page.goto(`/w/${slug}/jobs?kind=analytics-reconciliation`);
    const runs = page.getByTestId("job-row");
    await expect(async () => {
      await page.reload();
      await expect(runs.first()).toBeVisible({ timeout: 2_000 });
      expect(new Set(await runs.evaluateAll((rows) => rows.map((row) => row.getAttribute("data-status"))))).toEqual(new Set(["SUCCEEDED"]));
    }).toPass({ timeout: 90_000 });
  });

  // From ten months back to five days ago: days settled (final, late purchases in) and within the
  // 13 months GA4's first sync reads. A day page is opened for each planted pattern's latest order there.
  const days = new PlantedDays(await storeOrders(slug), await plantedPurchases(), DEMO_PROPERTY.timeZone);
  const today = dayIn(DEMO_PROPERTY.timeZone)(Date.now());
  const from = dayIn("UTC")(Date.parse(`${today}T00:00:00Z`) - 300 * DAY);
  const to = dayIn("UTC")(Date.parse(`${today}T00:00:00Z`) - 5 * DAY);
  const picked = SHOWN.map((treatment) => {
    const order = days.latest(treatment, from, to);
    expect(order, `an order planted ${treatment} from ${from} to ${to}`).toBeDefined();
    return days.day(order!);
  });
  const expectedDays = [...new Set(picked)].sort().map((date) => days.expected(date));

  let pairUrl = "";
  await test.step("Reconciliation lists the store against the property and leads to the pair's days", async () => {
    await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Reconciliation", exact: true }).click();
    const row = page.getByTestId("reconciliation-pair-row");
    await expect(row).toHaveCount(1);
    await expect(row).toContainText("meridian-demo");
    await expect(row).toContainText(PROPERTY_NAME);
    await expectAxeClean(page);
    await page.getByTestId("reconciliation-pair-link").click();
    await expect(page.getByTestId("reconciliation-day-row").first()).toBeVisible();
    pairUrl = new URL(page.url()).pathname;
    await expectAxeClean(page);
  });

  await test.step(`the pair's days from ${from} to ${to}: each row's figures are what was planted, and the days export to .xlsx, every page's, exact`, async () => {
    const everyDay = days.datesWithOrders(from, to).map((date) => days.expected(date));
    await page.goto(`${pairUrl}?${new URLSearchParams({ from, to })}`);
    const rows = page.getByTestId("reconciliation-day-row");
    await expect(rows).toHaveCount(Math.min(RECONCILIATION_DAYS_PAGE_SIZE, everyDay.length));
    const shown = await Promise.all((await rows.all()).map(async (row) => (await row.getByRole("cell").allInnerTexts()).map((text) => text.trim().replace(/\s*below threshold$/, ""))));
    // Day, orders, in analytics (the matched: nothing extra), matched, match rate, missing value (count), extras, mismatches, duplicates, (not set), final.
    expect(shown).toEqual(
      everyDay.slice(0, RECONCILIATION_DAYS_PAGE_SIZE).map((day) => {
        const missing = day.missing.length > 0 ? `${formatMoney(day.missingValue, day.currency, "en-US")} (${day.missing.length})` : "—";
        return [day.date, day.orders, day.matched, day.matched, formatMatchRate(day.matchRate), missing, 0, day.mismatches.length, day.duplicates.length, day.notSet, "Final"].map(String);
      }),
    );

    const sheet = await downloadedSheet(await downloadFromExportMenu(page, page.getByTestId("reconciliation-pair"), "Excel (.xlsx)"));
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const exported = Array.from({ length: sheet.rowCount - 1 }, (_, i) => {
      const cell = (name: string) => sheet.getRow(i + 2).getCell(header.indexOf(name) + 1).value;
      const names = ["Store orders", "Analytics transactions", "Matched", "Match rate", "Missing in analytics", "Missing value", "Only in analytics", "Value mismatches", "Duplicates", "(not set) transactions", "Final"];
      return [(cell("Date") as Date).toISOString().slice(0, 10), ...names.map(cell)];
    });
    expect(exported).toEqual(
      everyDay.map((day) => [day.date, day.orders, day.matched, day.matched, Number(day.matchRate), day.missing.length, Number(day.missingValue), 0, day.mismatches.length, day.duplicates.length, day.notSet, true]),
    );
  });

  for (const expected of expectedDays) {
    await test.step(`${expected.date}: its match rate, missing orders, duplicates and value mismatches are what was planted`, async () => {
      await openDay(page, pairUrl, expected.date);
      await expectDayAsPlanted(page, expected);
      await expectAxeClean(page);
    });
  }

  const exported = expectedDays.reduce((most, day) => (day.missing.length > most.missing.length ? day : most));
  await test.step(`${exported.date}'s missing orders export to .xlsx with the rows the page lists, values exact`, async () => {
    await openDay(page, pairUrl, exported.date);
    const shown = await shownIssues(page, "MISSING_IN_ANALYTICS");
    // Each missing order links to its page, /w/<slug>/orders/<order id>.
    const links = await issueRows(page, "MISSING_IN_ANALYTICS").getByRole("link").evaluateAll((anchors) => anchors.map((a) => ({ name: a.textContent, href: a.getAttribute("href") })));
    const orderIds = new Map(links.map(({ name, href }) => [name, href?.split("/").pop()]));

    const sheet = await downloadedSheet(await downloadFromExportMenu(page, issueSection(page, "MISSING_IN_ANALYTICS"), "Excel (.xlsx)"));
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const rows = Array.from({ length: sheet.rowCount - 1 }, (_, i) => {
      const cell = (name: string) => sheet.getRow(i + 2).getCell(header.indexOf(name) + 1).value;
      return { cell, order: cell("Order") as string };
    });
    expect(rows.map((row) => row.order).sort()).toEqual(exported.missing.map((m) => m.name).sort());
    // Each row as the page shows it (order, store value, channel, source / medium, device), and its exact values.
    const text = (value: unknown) => (value === null || value === undefined ? "—" : String(value));
    expect(sorted(rows.map(({ cell }) => [text(cell("Order")), formatMoney(String(cell("Store value")), text(cell("Currency")), "en-US"), text(cell("Channel")), text(cell("Source / medium")), text(cell("Device"))]))).toEqual(shown);
    for (const { cell, order } of rows) {
      expect(cell("Date"), order).toEqual(new Date(`${exported.date}T00:00:00Z`));
      expect(cell("Issue"), order).toBe("MISSING_IN_ANALYTICS");
      expect(cell("Order id"), order).toBe(orderIds.get(order));
      expect(cell("Store value"), order).toBe(Number(exported.missing.find((m) => m.name === order)!.value));
      expect(cell("Currency"), order).toBe(exported.currency);
    }
  });

  await test.step("the same list as CSV starts with the UTF-8 BOM and has the same orders", async () => {
    const download = await downloadFromExportMenu(page, issueSection(page, "MISSING_IN_ANALYTICS"), "CSV (.csv)");
    const csv = await readFile((await download.path())!);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...lines] = csv.subarray(3).toString("utf8").split("\r\n").filter(Boolean);
    const order = header!.split(",").indexOf("Order");
    expect(lines.map((line) => line.split(",")[order]).sort()).toEqual(exported.missing.map((m) => m.name).sort());
  });
});
