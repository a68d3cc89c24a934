// Inventory by SKU as a table people can work in (issue 16): sorted by the difference between the
// store and the 3PL, its page and sort live in the URL (a reload lands on the same rows, Previous
// works from the URL alone), and two ticked SKUs export as exactly those two.
import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { axeViolations } from "../support/axe";
import { query } from "../support/database";
import { expect, test } from "../support/fixtures";
import { seedPopulatedWorkspace, type PopulatedWorkspace } from "../support/populated-workspace";
import { addSessionCookie } from "../support/session";

const SKUS = 60;
const PAGE_SIZE = 50;

// SKU n: the store has n % 7 available, the 3PL n % 5 fulfillable; every tenth is the store's only
// (no difference). Differences tie in groups, so the SKU breaks ties across the page boundary.
type Stock = { sku: string; store: number; centre: number | null };
const STOCK: Stock[] = Array.from({ length: SKUS }, (_, i) => {
  const n = i + 1;
  return { sku: `E2E-SKU-${String(n).padStart(3, "0")}`, store: n % 7, centre: n % 10 === 0 ? null : n % 5 };
});

/** The list sorted by difference, largest first, the SKU (descending) breaking ties, one-system SKUs last. */
function byDifferenceDesc(): string[] {
  const difference = (s: Stock) => (s.centre === null ? null : s.store - s.centre);
  return [...STOCK]
    .sort((a, b) => {
      const [da, db] = [difference(a), difference(b)];
      if ((da === null) !== (db === null)) return da === null ? 1 : -1;
      return (db ?? 0) - (da ?? 0) || (a.sku < b.sku ? 1 : -1);
    })
    .map((s) => s.sku);
}

let seeded: PopulatedWorkspace;

test.beforeAll(async () => {
  seeded = await seedPopulatedWorkspace("SKU Table Trading");
  // A 3PL beside the seeded store, paused so no sync runs against it.
  await query(
    `INSERT INTO "Connection" (id, "workspaceId", provider, "externalAccountId", "displayName", status, "authMethod", "updatedAt")
     SELECT 'e2e-3pl-' || w.id, w.id, 'SHIPBOB', 'e2e-channel-' || w.id, 'ShipBob · E2E', 'PAUSED', 'CREDENTIALS', now() FROM "Workspace" w WHERE w.slug = $1`,
    [seeded.slug],
  );
  const sides = [
    { provider: "SHOPIFY", connection: `(SELECT id FROM "Connection" WHERE "workspaceId" = w.id AND provider = 'SHOPIFY' LIMIT 1)`, location: "e2e-shop", rows: STOCK.map((s) => [s.sku, s.store]) },
    { provider: "SHIPBOB", connection: `'e2e-3pl-' || w.id`, location: "e2e-centre", rows: STOCK.flatMap((s) => (s.centre === null ? [] : [[s.sku, s.centre]])) },
  ];
  for (const side of sides) {
    const skus = side.rows.map(([sku]) => sku);
    const available = side.rows.map(([, n]) => n);
    const scope = `FROM "Workspace" w, unnest($2::text[], $3::int[]) AS s(sku, available) WHERE w.slug = $1`;
    const key = `w.id || '-${side.provider}-' || s.sku`;
    await query(
      `INSERT INTO "Product" (id, "workspaceId", "connectionId", "externalId", title, "titleLower", status, tags, "sourceCreatedAt", "sourceUpdatedAt", "sourceHash", "updatedAt")
       SELECT ${key}, w.id, ${side.connection}, s.sku, 'Product ' || s.sku, 'product ' || lower(s.sku), 'ACTIVE', '{}', now(), now(), 'e2e', now() ${scope}`,
      [seeded.slug, skus, available],
    );
    await query(
      `INSERT INTO "ProductVariant" (id, "workspaceId", "connectionId", "productId", "externalId", "inventoryItemExternalId", title, sku, "sourceUpdatedAt", "updatedAt")
       SELECT ${key} || '-v', w.id, ${side.connection}, ${key}, s.sku || '-v', 'item-' || s.sku, 'Default', s.sku, now(), now() ${scope}`,
      [seeded.slug, skus, available],
    );
    await query(
      `INSERT INTO "InventoryLevel" (id, "workspaceId", "connectionId", "inventoryItemExternalId", "locationExternalId", available, "onHand", committed, incoming, "sourceUpdatedAt", "updatedAt")
       SELECT ${key} || '-l', w.id, ${side.connection}, 'item-' || s.sku, '${side.location}', s.available, s.available, 0, 0, now(), now() ${scope}`,
      [seeded.slug, skus, available],
    );
  }
});

const shownSkus = (page: Page) => page.getByTestId("inventory-sku-row").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-sku")));

test("sorted by difference, Next and a reload land on the same rows and sort; Previous works from the URL alone", async ({ page }) => {
  await addSessionCookie(page.context(), seeded.sessions.owner);
  const expected = byDifferenceDesc();

  await page.goto(`/w/${seeded.slug}/inventory?view=sku&q=E2E-SKU-`);
  await expect(page.getByTestId("inventory-sku-row").first()).toBeVisible();
  await page.getByTestId("sort-difference").click();
  await expect(page).toHaveURL(/view=sku&q=E2E-SKU-&sort=difference&dir=desc$/);
  await expect(page.getByRole("columnheader", { name: /Difference/ })).toHaveAttribute("aria-sort", "descending");
  await expect.poll(() => shownSkus(page)).toEqual(expected.slice(0, PAGE_SIZE));
  const pager = page.getByRole("navigation", { name: "Pagination" });
  await expect(pager).toContainText(`1–50 of ${SKUS}`);

  await page.getByTestId("pagination-next").click();
  await expect(pager).toContainText(`51–60 of ${SKUS}`);
  await expect(page.getByTestId("inventory-sku-table")).toBeFocused();
  await expect.poll(() => shownSkus(page)).toEqual(expected.slice(PAGE_SIZE));
  // The page's last rows are the SKUs the store alone knows.
  await expect(page.getByTestId("inventory-sku-row").last()).toContainText("Store only");
  const pageTwo = page.url();
  expect(pageTwo).toMatch(/sort=difference&dir=desc&page=2&after=/);

  await page.reload();
  await expect(page).toHaveURL(pageTwo);
  await expect(pager).toContainText(`51–60 of ${SKUS}`);
  await expect.poll(() => shownSkus(page)).toEqual(expected.slice(PAGE_SIZE));
  await expect(page.getByRole("columnheader", { name: /Difference/ })).toHaveAttribute("aria-sort", "descending");

  await page.getByTestId("pagination-prev").click();
  await expect(pager).toContainText(`1–50 of ${SKUS}`);
  await expect.poll(() => shownSkus(page)).toEqual(expected.slice(0, PAGE_SIZE));
  await expect(page).not.toHaveURL(/after=|before=|page=/);
  await expect(page.getByTestId("pagination-prev")).toBeDisabled();
});

test("two SKUs ticked, Export selected downloads a file with exactly those SKUs", async ({ page }) => {
  await addSessionCookie(page.context(), seeded.sessions.owner);
  const expected = byDifferenceDesc();
  const [first, , third] = expected;

  await page.goto(`/w/${seeded.slug}/inventory?view=sku&q=E2E-SKU-&sort=difference&dir=desc`);
  await expect.poll(() => shownSkus(page)).toEqual(expected.slice(0, PAGE_SIZE));
  for (const sku of [third!, first!]) await page.getByRole("checkbox", { name: `Select ${sku}` }).check();
  const bar = page.getByTestId("selection-bar");
  await expect(bar).toContainText("2 selected");

  await bar.getByTestId("export-menu").click();
  await expect(page.getByRole("menuitem", { name: "CSV (.csv)" })).toBeVisible();
  const downloading = page.waitForEvent("download");
  await page.getByRole("menuitem", { name: "CSV (.csv)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^inventory-by-sku-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = (await readFile((await download.path())!)).subarray(3).toString("utf8").trimEnd().split("\r\n");
  expect(lines[0]).toMatch(/^SKU,Title,/);
  expect(lines.slice(1).map((line) => line.split(",")[0])).toEqual([first, third]);
});

// every-page-a11y walks /inventory as it opens (by location) and cannot be narrowed to one page, so
// the By SKU table is checked here: wide, and as labelled cards on a phone.
test("the By SKU table has no serious axe violation at 1440 px or on a phone, where its rows are labelled cards no wider than the screen", async ({ page }) => {
  await addSessionCookie(page.context(), seeded.sessions.owner);
  for (const viewport of [{ width: 1440, height: 900 }, { width: 390, height: 844 }]) {
    await page.setViewportSize(viewport);
    await page.goto(`/w/${seeded.slug}/inventory?view=sku&q=E2E-SKU-&sort=difference&dir=desc`);
    await expect(page.getByTestId("inventory-sku-row").first()).toBeVisible();
    await page.getByTestId("inventory-sku-row").first().getByTestId("select-row").check();
    const serious = (await axeViolations(page, undefined, { targetSize: true })).filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious, `${viewport.width}px: ${JSON.stringify(serious)}`).toEqual([]);
    if (viewport.width === 390) {
      const cell = page.getByTestId("inventory-sku-row").first().locator('td[data-label="Committed"]');
      await expect(cell).toBeVisible();
      expect(await cell.evaluate((td) => [getComputedStyle(td).display, getComputedStyle(td, "::before").content])).toEqual(["flex", '"Committed"']);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    }
  }
});
