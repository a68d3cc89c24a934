// Keyboard speed and dark mode (issue 16): Ctrl-K opens the command palette, an order's number and
// Enter open that order, a SKU its product; `/` puts the cursor in the list's search; j and k step through the orders
// in the list's order (newest first); the theme chosen in the user menu survives a reload, renders
// dark from the server's HTML, and axe finds no serious or critical violation in it.
import type { Page } from "@playwright/test";
import { axeViolations } from "../support/axe";
import { query } from "../support/database";
import { expect, test } from "../support/fixtures";
import { seedPopulatedWorkspace, type PopulatedWorkspace } from "../support/populated-workspace";
import { addSessionCookie } from "../support/session";

let seeded: PopulatedWorkspace;

test.beforeAll(async () => {
  seeded = await seedPopulatedWorkspace("Palette Provisions");
});

/** The workspace's orders as the Orders list shows them: newest first, ties by id. */
async function ordersInListOrder(): Promise<{ id: string; name: string }[]> {
  return query<{ id: string; name: string }>(
    `SELECT o.id, o.name FROM "Order" o JOIN "Workspace" w ON w.id = o."workspaceId"
     WHERE w.slug = $1 AND o."deletedAt" IS NULL ORDER BY o."processedAt" DESC, o.id DESC`,
    [seeded.slug],
  );
}

async function seriousViolations(page: Page): Promise<string[]> {
  await expect(page.getByRole("status", { name: /^Loading/ })).toHaveCount(0);
  return (await axeViolations(page))
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.targets.slice(0, 3).join(" | ")}`);
}

test("Ctrl-K opens an order by its number, / focuses the search, j and k step through the orders", async ({ page }) => {
  await addSessionCookie(page.context(), seeded.sessions.owner);
  const orders = await ordersInListOrder();
  expect(orders.length).toBeGreaterThanOrEqual(3);
  const [, second, third] = orders;

  await page.goto(`/w/${seeded.slug}/orders`);
  await expect(page.getByTestId("order-row").first()).toBeVisible();
  await page.keyboard.press("/");
  await expect(page.locator('#main input[type="search"]')).toBeFocused();
  // Typing in the field does not trigger the single-key shortcuts.
  await page.keyboard.type("j?");
  await expect(page.locator('#main input[type="search"]')).toHaveValue("j?");
  await expect(page.getByTestId("shortcuts-help")).toBeHidden();

  await page.keyboard.press("Control+k");
  const palette = page.getByRole("dialog", { name: "Command palette" });
  await expect(palette).toBeVisible();
  const input = palette.getByRole("combobox");
  await expect(input).toBeFocused();
  await input.fill(second!.name.replace(/^#/, ""));
  const option = palette.getByRole("option", { name: new RegExp(`Order ${second!.name}`) });
  await expect(option).toHaveAttribute("aria-selected", "true");
  await expect(input).toHaveAttribute("aria-activedescendant", (await option.getAttribute("id"))!);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/orders/${second!.id}$`));
  await expect(palette).toBeHidden();

  const stepper = page.getByRole("navigation", { name: "Previous and next order" });
  await expect(stepper.getByRole("link", { name: /Next order/ })).toHaveAttribute("href", `/w/${seeded.slug}/orders/${third!.id}`);
  await page.keyboard.press("j");
  await expect(page).toHaveURL(new RegExp(`/orders/${third!.id}$`));
  await expect(stepper.getByRole("link", { name: /Previous order/ })).toHaveAttribute("href", `/w/${seeded.slug}/orders/${second!.id}`);
  await page.keyboard.press("k");
  await expect(page).toHaveURL(new RegExp(`/orders/${second!.id}$`));

  // Escape closes the palette; the arrows move through pages and records alike.
  await page.keyboard.press("Control+k");
  await input.fill("settings");
  await page.keyboard.press("ArrowDown");
  await expect(palette.getByRole("option").nth(1)).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Escape");
  // Focus has left the palette by the time Esc is handled, so the next key is a shortcut again.
  expect(await page.evaluate(() => document.activeElement?.closest("dialog")?.getAttribute("aria-label") ?? null)).toBeNull();
  await expect(palette).toBeHidden();

  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
});

test("an exact SKU typed in any case opens its product", async ({ page }) => {
  await addSessionCookie(page.context(), seeded.sessions.owner);
  const [variant] = await query<{ sku: string; title: string }>(
    `SELECT v.sku, p.title FROM "ProductVariant" v JOIN "Product" p ON p.id = v."productId" WHERE p.id = $1 AND v.sku IS NOT NULL ORDER BY v.sku LIMIT 1`,
    [seeded.productId],
  );
  expect(variant).toBeDefined();

  await page.goto(`/w/${seeded.slug}`);
  await page.keyboard.press("Control+k");
  const palette = page.getByRole("dialog", { name: "Command palette" });
  await palette.getByRole("combobox").fill(variant!.sku.toLowerCase());
  await expect(palette.getByRole("group", { name: "Products" }).getByRole("option").first()).toHaveAttribute("aria-selected", "true");
  await expect(palette.getByRole("option", { selected: true })).toContainText(variant!.title);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/products/${seeded.productId}$`));
});

test("a viewer's palette offers only what a viewer may open", async ({ page }) => {
  await addSessionCookie(page.context(), seeded.sessions.viewer);
  await page.goto(`/w/${seeded.slug}`);
  await page.getByTestId("palette-trigger").click();
  const palette = page.getByRole("dialog", { name: "Command palette" });
  await palette.getByRole("combobox").fill("audit");
  await expect(palette.getByTestId("command-palette-status")).toHaveText("Nothing matches “audit”.");
  await palette.getByRole("combobox").fill("members");
  await expect(palette.getByRole("option", { name: /Members/ })).toBeVisible();
});

test("the theme follows the system, the chosen one survives a reload, and dark mode passes axe", async ({ page }) => {
  await addSessionCookie(page.context(), seeded.sessions.owner);
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

  await page.emulateMedia({ colorScheme: "light" });
  await page.goto(`/w/${seeded.slug}/orders`);
  await expect(page.locator("html")).toHaveAttribute("data-theme", "system");
  const light = await background();
  await page.emulateMedia({ colorScheme: "dark" });
  expect(await background()).not.toBe(light);
  await page.emulateMedia({ colorScheme: "light" });

  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitemradio", { name: "Dark" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  const dark = await background();
  expect(dark).not.toBe(light);

  // The server renders the choice: the document as it arrives is already dark.
  const response = await page.reload();
  expect(await response!.text()).toContain('data-theme="dark"');
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  expect(await background()).toBe(dark);
  await page.getByTestId("user-menu").click();
  await expect(page.getByRole("menuitemradio", { name: "Dark" })).toHaveAttribute("aria-checked", "true");
  await page.keyboard.press("Escape");

  for (const path of ["orders", `orders/${seeded.orderIds[0]}`, "", "settings/members", "connections"]) {
    await page.goto(`/w/${seeded.slug}/${path}`);
    expect(await seriousViolations(page), `/${path} in dark mode`).toEqual([]);
  }
  await page.keyboard.press("Control+k");
  await page.getByRole("dialog", { name: "Command palette" }).getByRole("combobox").fill("o");
  await expect(page.getByTestId("command-palette-status")).toHaveText(/results?$/);
  expect(await seriousViolations(page), "the palette in dark mode").toEqual([]);
});
