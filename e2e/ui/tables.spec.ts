// Tables people can work in (issue 16): the Orders list's sort, filters and page live in the URL,
// so opening an order and coming Back, or reloading, lands on the same rows; the pager says which
// rows of how many; Next moves focus to the table; Previous works after a reload.
import type { Page } from "@playwright/test";
import { query } from "../support/database";
import { expect, test } from "../support/fixtures";
import { seedPopulatedWorkspace, type PopulatedWorkspace } from "../support/populated-workspace";
import { addSessionCookie } from "../support/session";

const EXTRA_ORDERS = 80;
let seeded: PopulatedWorkspace;

test.beforeAll(async () => {
  seeded = await seedPopulatedWorkspace("Tables Trading");
  // Enough paid orders for three pages of 25, with totals that tie in pairs (the id breaks ties).
  await query(
    `INSERT INTO "Order" (id, "workspaceId", "connectionId", "externalId", name, "nameLower", "financialStatus", currency, "totalPrice",
       "processedAt", "sourceCreatedAt", "sourceUpdatedAt", "sourceHash", "updatedAt")
     SELECT 'tables-' || n, c."workspaceId", c.id, 'tables-' || n, '#T' || n, '#t' || n, 'PAID', 'USD', (n / 2) * 3.25,
       now() - n * interval '1 hour', now(), now(), 'seed', now()
     FROM generate_series(1, $2::int) n, "Connection" c JOIN "Workspace" w ON w.id = c."workspaceId"
     WHERE w.slug = $1 AND c.provider = 'SHOPIFY'`,
    [seeded.slug, EXTRA_ORDERS],
  );
});

/** The paid orders as the list sorts them by total, largest first (ties: the larger id first). */
async function paidByTotal(): Promise<string[]> {
  const rows = await query<{ name: string }>(
    `SELECT o.name FROM "Order" o JOIN "Workspace" w ON w.id = o."workspaceId"
     WHERE w.slug = $1 AND o."deletedAt" IS NULL AND o."financialStatus" = 'PAID' ORDER BY o."totalPrice" DESC, o.id DESC`,
    [seeded.slug],
  );
  return rows.map((row) => row.name);
}

const shownOrders = (page: Page) => page.getByTestId("order-row").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-order-name")));

test("sorted by total, two pages on, an opened order and Back land on the same page, sort and filters; so does a reload", async ({ page }) => {
  await addSessionCookie(page.context(), seeded.sessions.owner);
  const expected = await paidByTotal();
  expect(expected.length).toBeGreaterThan(50);
  const total = expected.length.toLocaleString("en-US");

  await page.goto(`/w/${seeded.slug}/orders?financial=PAID`);
  await expect(page.getByTestId("order-row").first()).toBeVisible();
  await page.getByTestId("sort-total").click();
  await expect(page).toHaveURL(/sort=total&dir=desc/);
  await expect(page.getByRole("columnheader", { name: /Total/ })).toHaveAttribute("aria-sort", "descending");
  await expect.poll(() => shownOrders(page)).toEqual(expected.slice(0, 25));
  const pager = page.getByRole("navigation", { name: "Pagination" });
  await expect(pager).toContainText(`1–25 of ${total}`);

  await page.getByTestId("pagination-next").click();
  await expect(pager).toContainText(`26–50 of ${total}`);
  await page.getByTestId("pagination-next").click();
  await expect(pager).toContainText(`51–75 of ${total}`);
  await expect(page.getByTestId("orders-table")).toBeFocused();
  await expect.poll(() => shownOrders(page)).toEqual(expected.slice(50, 75));
  const pageThree = page.url();
  expect(pageThree).toMatch(/financial=PAID/);
  expect(pageThree).toMatch(/page=3/);

  await page.getByTestId("order-link").first().click();
  // The order's URL carries the list it came from (for j and k), not its page.
  await expect(page).toHaveURL(/\/orders\/[^/?]+\?list=financial%3DPAID%26sort%3Dtotal%26dir%3Ddesc$/);
  await page.goBack();
  await expect(page).toHaveURL(pageThree);
  await expect(pager).toContainText(`51–75 of ${total}`);
  await expect.poll(() => shownOrders(page)).toEqual(expected.slice(50, 75));
  await expect(page.getByTestId("order-filter-financial")).toHaveValue("PAID");

  await page.reload();
  await expect(pager).toContainText(`51–75 of ${total}`);
  await expect.poll(() => shownOrders(page)).toEqual(expected.slice(50, 75));

  // Previous after the reload: back to the second page, then the first, with nothing but the URL.
  await page.getByTestId("pagination-prev").click();
  await expect(pager).toContainText(`26–50 of ${total}`);
  await expect.poll(() => shownOrders(page)).toEqual(expected.slice(25, 50));
  await page.getByTestId("pagination-prev").click();
  await expect(pager).toContainText(`1–25 of ${total}`);
  await expect(page).not.toHaveURL(/after=|before=|page=/);
  await expect(page.getByTestId("pagination-prev")).toBeDisabled();
});

test("a saved view applies its filters and sort from the first page", async ({ page }) => {
  await addSessionCookie(page.context(), seeded.sessions.owner);
  const expected = await paidByTotal();

  await page.goto(`/w/${seeded.slug}/orders?financial=PAID&sort=total&dir=desc`);
  await expect(page.getByTestId("order-row").first()).toBeVisible();
  await page.getByTestId("saved-views-menu").click();
  await page.getByRole("menuitem", { name: "Save current view…" }).click();
  const dialog = page.getByTestId("save-view-dialog");
  await dialog.getByLabel("Name").fill("Paid, largest first");
  await dialog.getByRole("button", { name: "Save view" }).click();
  await expect(dialog).toBeHidden();

  // Elsewhere in the list, the view brings its filters and sort back.
  await page.goto(`/w/${seeded.slug}/orders?sort=number&dir=asc`);
  await expect(page.getByTestId("order-row").first()).toBeVisible();
  await page.getByTestId("saved-views-menu").click();
  await page.getByRole("menuitemradio", { name: "Paid, largest first" }).click();
  await expect(page).toHaveURL(/\?financial=PAID&sort=total&dir=desc$/);
  await expect(page.getByTestId("order-filter-financial")).toHaveValue("PAID");
  await expect.poll(() => shownOrders(page)).toEqual(expected.slice(0, 25));
});

test("j and k on an order opened from a filtered list sorted by total step through that list, not the newest first", async ({ page }) => {
  await addSessionCookie(page.context(), seeded.sessions.owner);
  const rows = await query<{ id: string; name: string }>(
    `SELECT o.id, o.name FROM "Order" o JOIN "Workspace" w ON w.id = o."workspaceId"
     WHERE w.slug = $1 AND o."deletedAt" IS NULL AND o."financialStatus" = 'PAID' ORDER BY o."totalPrice" ASC, o.id ASC LIMIT 3`,
    [seeded.slug],
  );
  const [first, second, third] = rows;

  await page.goto(`/w/${seeded.slug}/orders?financial=PAID&sort=total&dir=asc`);
  await expect.poll(() => shownOrders(page).then((names) => names.slice(0, 3))).toEqual(rows.map((row) => row.name));
  await page.getByTestId("order-link").first().click();
  await expect(page).toHaveURL(new RegExp(`/orders/${first!.id}\\?list=`));

  const stepper = page.getByRole("navigation", { name: "Previous and next order" });
  await expect(stepper.getByTestId("record-previous")).toHaveAttribute("aria-disabled", "true");
  await expect(stepper.getByRole("link", { name: /Next order/ })).toHaveAttribute("href", new RegExp(`/orders/${second!.id}\\?list=`));
  await page.keyboard.press("j");
  await expect(page).toHaveURL(new RegExp(`/orders/${second!.id}\\?list=`));
  await expect(stepper.getByRole("link", { name: /Next order/ })).toHaveAttribute("href", new RegExp(`/orders/${third!.id}\\?list=`));
  await page.keyboard.press("j");
  await expect(page).toHaveURL(new RegExp(`/orders/${third!.id}\\?list=`));
  // k acts once the third order's neighbours are in.
  await expect(stepper.getByRole("link", { name: /Previous order/ })).toHaveAttribute("href", new RegExp(`/orders/${second!.id}\\?list=`));
  await page.keyboard.press("k");
  await expect(page).toHaveURL(new RegExp(`/orders/${second!.id}\\?list=`));
});
