// The Returns and Receiving pages on rows a 3PL's sync would have written: both render, filter (the
// filters kept in the URL), page, and open a row's details from the keyboard.
import type { Locator, Page } from "@playwright/test";
import { query } from "../support/database";
import { expect, test } from "../support/fixtures";
import { signInWithNewWorkspace } from "../support/workspaces";

const RETURN_STATUSES = ["AwaitingArrival", "Arrived", "Processing", "Completed", "Cancelled"];

/** A workspace holding a paused ShipBob connection (the scheduler leaves it alone), one centre, 30 returns and 30 receiving orders. */
async function seedWorkspace(page: Page, email: string): Promise<string> {
  const slug = await signInWithNewWorkspace(page, email, "Inbound Outfitters");

  const [connection] = await query<{ id: string; workspaceId: string }>(
    `INSERT INTO "Connection" (id, "workspaceId", provider, "externalAccountId", "displayName", status, "authMethod", "updatedAt")
     SELECT 'e2e-' || md5(random()::text), id, 'SHIPBOB', 'e2e-' || md5(random()::text), 'Warehouse', 'PAUSED', 'CREDENTIALS', now()
     FROM "Workspace" WHERE slug = $1 RETURNING id, "workspaceId"`,
    [slug],
  );
  const scope = [connection!.workspaceId, connection!.id];
  await query(
    `INSERT INTO "Location" (id, "workspaceId", "connectionId", "externalId", name, "isActive", "fulfillsOnlineOrders", "sourceUpdatedAt", "updatedAt")
     VALUES ('e2e-' || md5(random()::text), $1, $2, 'centre-1', 'Moreno Valley (CA)', true, true, now(), now())`,
    scope,
  );
  // Returns 61000…61029, one an hour back from now, their statuses in turn.
  await query(
    `INSERT INTO "ReturnOrder" (id, "workspaceId", "connectionId", "externalId", "storeOrderReference", status, "locationExternalId", items, "statusHistory",
                                "sourceCreatedAt", "sourceUpdatedAt", "observedAt", "sourceHash", "updatedAt")
     SELECT 'e2e-' || md5(random()::text), $1, $2, (61000 + i)::text, (9000 + i)::text, ($3::text[])[1 + i % 5], 'centre-1',
            '[{"inventoryItemExternalId": "inv-1", "sku": "TEE-M", "quantity": 1}]'::jsonb,
            jsonb_build_array(jsonb_build_object('status', 'AwaitingArrival', 'occurredAt', now() - i * interval '1 hour'),
                              jsonb_build_object('status', ($3::text[])[1 + i % 5], 'occurredAt', now() - i * interval '1 hour' + interval '1 minute')),
            now() - i * interval '1 hour', now() - i * interval '1 hour', now(), 'e2e', now()
     FROM generate_series(0, 29) AS i`,
    [...scope, RETURN_STATUSES],
  );
  // Receiving orders PO-0…PO-29: 0–3 due in the next days (arriving soon), 4–6 processing past
  // their date and 7 an hour late (overdue), the rest completed weeks ago.
  await query(
    `INSERT INTO "ReceivingOrder" (id, "workspaceId", "connectionId", "externalId", "purchaseOrderNumber", status, "locationExternalId", "expectedArrivalAt",
                                   items, "statusHistory", "sourceCreatedAt", "sourceUpdatedAt", "observedAt", "sourceHash", "updatedAt")
     SELECT 'e2e-' || md5(random()::text), $1, $2, (71000 + i)::text, 'PO-' || i,
            CASE WHEN i < 4 OR i = 7 THEN 'Awaiting' WHEN i < 7 THEN 'Processing' ELSE 'Completed' END, 'centre-1',
            CASE WHEN i < 4 THEN now() + (i + 1) * interval '1 day' WHEN i < 7 THEN now() - (i - 3) * interval '1 day'
                 WHEN i = 7 THEN now() - interval '1 hour' ELSE now() - (10 + i) * interval '1 day' END,
            '[{"inventoryItemExternalId": "inv-1", "sku": "TEE-M", "expectedQuantity": 100, "receivedQuantity": 90, "stowedQuantity": 60},
              {"inventoryItemExternalId": "inv-2", "sku": "CAP", "expectedQuantity": 40, "receivedQuantity": 40, "stowedQuantity": 40}]'::jsonb,
            jsonb_build_array(jsonb_build_object('status', 'Awaiting', 'occurredAt', now() - i * interval '1 hour')),
            now() - i * interval '1 hour', now() - i * interval '1 hour', now(), 'e2e', now()
     FROM generate_series(0, 29) AS i`,
    scope,
  );
  return slug;
}

/** Tabs forward from `from` until `target` has the focus: it is in the page's tab order. */
async function tabTo(page: Page, from: Locator, target: Locator): Promise<void> {
  await from.focus();
  for (let presses = 0; presses < 40; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
}

test("the Returns and Receiving pages list a 3PL's returns and inbound orders, filter, page and open from the keyboard", async ({ page, uniqueEmail }) => {
  const slug = await seedWorkspace(page, uniqueEmail("inbound"));

  await test.step("Returns: newest first, 25 a page, then the rest", async () => {
    await page.goto(`/w/${slug}`);
    await page.getByRole("navigation").getByRole("link", { name: "Returns", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Returns", exact: true })).toBeVisible();
    const rows = page.getByTestId("return-row");
    await expect(rows).toHaveCount(25);
    await expect(rows.first()).toHaveAttribute("data-return", "61000");
    await expect(rows.first()).toContainText("Moreno Valley (CA)");
    await page.getByTestId("pagination-next").click();
    await expect(rows).toHaveCount(5);
    await expect(rows.last()).toHaveAttribute("data-return", "61029");
    await page.getByTestId("pagination-prev").click();
    await expect(rows).toHaveCount(25);
  });

  await test.step("Returns: by status and by search, in the URL", async () => {
    const rows = page.getByTestId("return-row");
    await page.getByTestId("return-filter-status").selectOption("Completed");
    await expect(page).toHaveURL(/status=Completed/);
    await expect(rows).toHaveCount(6);
    await expect(page.getByTestId("return-status").filter({ hasNotText: "Completed" })).toHaveCount(0);

    await page.getByTestId("return-filter-clear").click();
    // The cleared filters reach the URL first: a search typed before would keep the status.
    await expect(page).not.toHaveURL(/status=/);
    await expect(rows).toHaveCount(25);
    await page.getByTestId("return-search").fill("6101");
    await page.getByTestId("return-search").press("Enter");
    await expect(page).toHaveURL(/\?q=6101$/);
    await expect(rows).toHaveCount(10);
    await page.reload();
    await expect(rows).toHaveCount(10);
    await expect(page.getByTestId("return-search")).toHaveValue("6101");
  });

  await test.step("Returns: a row's status history opens from the keyboard", async () => {
    const history = page.getByTestId("return-row").first().getByTestId("status-history");
    const summary = history.locator("summary");
    await tabTo(page, page.getByTestId("return-filter-status"), summary);
    await expect(history.getByTestId("status-change").first()).toBeHidden();
    await page.keyboard.press("Enter");
    await expect(history.getByTestId("status-change")).toHaveCount(2);
    await expect(history.getByTestId("status-change").first()).toContainText("Awaiting arrival");
  });

  await test.step("Receiving: newest first, 25 a page, then the rest", async () => {
    await page.getByRole("navigation").getByRole("link", { name: "Receiving", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Receiving", exact: true })).toBeVisible();
    const rows = page.getByTestId("receiving-row");
    await expect(rows).toHaveCount(25);
    await expect(rows.first()).toContainText("PO-0");
    await expect(rows.first()).toContainText("140");
    await page.getByTestId("pagination-next").click();
    await expect(rows).toHaveCount(5);
    await expect(rows.last()).toContainText("PO-29");
  });

  await test.step("Receiving: Overdue, Arriving soon and a status, in the URL", async () => {
    const rows = page.getByTestId("receiving-row");
    await page.getByTestId("receiving-filter-view").selectOption("overdue");
    await expect(page).toHaveURL(/show=overdue/);
    // The most overdue first.
    await expect(rows).toHaveCount(4);
    await expect(rows.first()).toContainText("PO-6");
    await expect(rows.last()).toContainText("PO-7");
    await expect(page.getByTestId("receiving-overdue")).toHaveCount(4);

    await page.getByTestId("receiving-filter-view").selectOption("arriving_soon");
    await expect(page).toHaveURL(/show=arriving_soon/);
    await expect(rows).toHaveCount(4);
    await expect(rows.first()).toContainText("PO-0");
    await expect(page.getByTestId("receiving-arriving-soon")).toHaveCount(4);

    await page.getByTestId("receiving-filter-status").selectOption("Completed");
    await expect(page.getByText("No receiving orders match these filters")).toBeVisible();
    await page.getByTestId("receiving-filter-view").selectOption("");
    await expect(page).toHaveURL(/status=Completed/);
    await expect(rows).toHaveCount(22);
  });

  await test.step("Receiving: a row's quantities per SKU open from the keyboard", async () => {
    const skus = page.getByTestId("receiving-row").first().getByTestId("receiving-skus");
    const summary = skus.locator("summary");
    await tabTo(page, page.getByTestId("receiving-filter-status"), summary);
    await page.keyboard.press("Enter");
    await expect(skus.getByTestId("receiving-sku")).toHaveText(["TEE-M: 90 of 100 received, 60 stowed", "CAP: 40 of 40 received, 40 stowed"]);
  });
});
