import type { Locator, Page } from "@playwright/test";
import { signIn } from "../support/auth";
import { query } from "../support/database";
import { expect, test } from "../support/fixtures";
import { releaseShipBobAccount, SHIPBOB_TOKEN, shipbobControl, shipbobCounts, shipbobShipments } from "../support/shipbob";
import { installSandboxShop } from "../support/shopify";
import { createWorkspace } from "../support/workspaces";

// The refused token's connection.create is answered 400, which the browser logs.
test.use({ allowedConsoleErrors: [/status of 400/] });

// The ShipBob streams and the sandbox resource each one's first read must count in full
// (inventory reads a record per SKU and centre, which the sandbox does not count).
const STREAM_COUNTS = { locations: "fulfillment_centers", products: "products", shipments: "shipments", returns: "returns", receiving: "receiving_orders" } as const;

/** The card of the workspace's connection to `provider` (cards are titled by account, which two providers can share). */
function connectionCard(page: Page, provider: string): Locator {
  return page
    .getByRole("list", { name: "Connections" })
    .getByRole("listitem")
    .filter({ has: page.getByText(provider, { exact: true }) });
}

async function expectFirstSyncSucceeded(card: Locator): Promise<void> {
  // The list polls while a run is live; a first sync of the sandboxes takes seconds, 2 busy cores more.
  await expect(card.getByRole("link", { name: /Succeeded/ })).toBeVisible({ timeout: 45_000 });
}

/**
 * ShipBob's personal access token field. When this server also has ShipBob's OAuth app, sign-in
 * comes first and the token form opens from its "Use a personal access token" button.
 */
async function tokenField(page: Page): Promise<Locator> {
  const field = page.getByLabel("Personal access token", { exact: true });
  const choice = page.getByRole("button", { name: "Use a personal access token" });
  await expect(field.or(choice).first()).toBeVisible();
  if (!(await field.isVisible())) await choice.click();
  await expect(field).toBeVisible();
  return field;
}

test("an admin connects ShipBob with a token beside the store, watches its first sync, and sees stock and shipments across both", async ({ page, uniqueEmail }) => {
  // Two installs with their first syncs and five pages: 15-30 s here; room for 2 busy cores.
  test.setTimeout(90_000);
  let slug = "";
  await releaseShipBobAccount();

  await test.step("the workspace has the sandbox store connected", async () => {
    await signIn(page, uniqueEmail("shipbob-admin"));
    slug = await createWorkspace(page, "Warehouse Outfitters");
    await installSandboxShop(page, slug);
  });

  await test.step("a wrong token is refused under the field and nothing is stored", async () => {
    await page.getByRole("radio", { name: /^ShipBob/ }).check();
    const field = await tokenField(page);
    await field.fill("sbpat_not_a_token_of_this_account");
    await page.getByRole("button", { name: "Connect ShipBob", exact: true }).click();
    await expect(field).toHaveAccessibleDescription("ShipBob does not accept this token.");
    await expect(field).toHaveAttribute("aria-invalid", "true");
    const stored = await query(`SELECT 1 FROM "Connection" c JOIN "Workspace" w ON w.id = c."workspaceId" WHERE w.slug = $1 AND c.provider = 'SHIPBOB'`, [slug]);
    expect(stored).toHaveLength(0);
    await expect(connectionCard(page, "ShipBob")).toHaveCount(0);
  });

  await test.step("the sandbox token connects, and the ShipBob card shows its first sync finish", async () => {
    const field = await tokenField(page);
    await field.fill(SHIPBOB_TOKEN);
    await page.getByRole("button", { name: "Connect ShipBob", exact: true }).click();
    const card = connectionCard(page, "ShipBob");
    await expect(card).toBeVisible();
    await expectFirstSyncSucceeded(card);

    const streams = card.getByRole("table", { name: "Sync state of each data stream" });
    const counts = await shipbobCounts();
    for (const [stream, resource] of Object.entries(STREAM_COUNTS)) {
      const row = streams.locator(`[data-stream="${stream}"]`);
      await expect(row.getByRole("cell").nth(1)).toHaveText("Up to date");
      await expect(row.getByRole("cell").nth(0)).not.toHaveText(stream);
      await expect(row.getByRole("cell").nth(2)).toHaveText(counts[resource]!.toLocaleString("en-US"));
    }
    await expect(streams.locator('[data-stream="inventory"]').getByRole("cell").nth(1)).toHaveText("Up to date");
    // Discrepancies need the store's stock, and shipments link to its orders.
    await expectFirstSyncSucceeded(connectionCard(page, "Shopify"));
  });

  await test.step("Inventory by SKU shows where store and warehouses disagree, and SKUs only one of them knows", async () => {
    await page.getByRole("link", { name: "Inventory", exact: true }).click();
    await page.getByRole("link", { name: "By SKU" }).click();
    const table = page.getByRole("table", { name: "Stock by SKU across store and fulfilment centres, in SKU order" });
    await expect(table.getByRole("row").nth(1)).toBeVisible();

    await page.getByLabel("Show", { exact: true }).selectOption({ label: "Discrepancies" });
    await expect(page).toHaveURL(/show=discrepancies/);
    const rows = table.getByRole("row").filter({ has: page.getByRole("cell") });
    await expect(rows.first()).toBeVisible();
    // Known to both systems (no one-system badge), with a non-zero difference.
    await expect(table.getByText(/^(Store only|3PL only)$/)).toHaveCount(0);
    await expect(rows.first().getByRole("cell").last()).toHaveText(/^[+-]?[\d,]+$/);
    await expect(rows.first().getByRole("cell").last()).not.toHaveText("0");

    await page.getByLabel("Show", { exact: true }).selectOption({ label: "In one system only" });
    await expect(table.getByText("Store only").first()).toBeVisible();
    // ShipBob's own products (gift boxes, inserts...) never reach the store.
    await page.getByLabel("Search", { exact: true }).fill("SB-");
    await expect(table.getByText("3PL only").first()).toBeVisible();
    await expect(table.getByText("Store only")).toHaveCount(0);
  });

  await test.step("Fulfilment lists shipments; a delivered one opens its store order with the shipment's status, centre, carrier and tracking", async () => {
    await page.getByRole("link", { name: "Fulfilment", exact: true }).click();
    await page.getByLabel("Status", { exact: true }).selectOption({ label: "Delivered" });
    // A store order's name (#1001); the row's other link is its tracking.
    const orderLinks = page.getByRole("link", { name: /^#\d+$/ });
    const row = page.getByRole("table", { name: "Shipments, earliest estimated fulfilment first" }).getByRole("row").filter({ has: orderLinks }).first();
    await expect(row).toBeVisible();
    const shipmentId = (await row.getAttribute("data-shipment"))!;
    const orderLink = row.getByRole("link", { name: /^#\d+$/ });
    const orderName = (await orderLink.textContent())!;
    const expected = (await shipbobShipments()).find((s) => String(s.id) === shipmentId)!;

    await orderLink.click();
    await expect(page.getByRole("heading", { level: 1, name: `Order ${orderName}` })).toBeVisible();
    const shipment = page.getByRole("listitem", { name: `Shipment ${shipmentId}` });
    // ShipBob's status of a shipped (here delivered) shipment, as the badge reads it.
    await expect(shipment.getByText(expected.status, { exact: true })).toBeVisible();
    await expect(shipment).toContainText(expected.location.name);
    await expect(shipment).toContainText(expected.tracking.carrier!);
    const tracking = shipment.getByRole("link", { name: expected.tracking.tracking_number! });
    await expect(tracking).toHaveAttribute("href", expected.tracking.tracking_url!);
  });

  await test.step("a shipment ShipBob holds reaches Fulfilment through its signed webhook", async () => {
    // A shipment still on its way; an earlier attempt on this server may have held it already, so
    // it moves to the other hold.
    const open = (await shipbobShipments()).find((s) => s.delivery_date === null && s.status !== "Cancelled");
    expect(open, "the sandbox has a shipment still on its way").toBeDefined();
    const hold = open!.status === "Exception" ? { status: "OnHold", group: "On hold" } : { status: "Exception", group: "Exception" };
    const deliveries = await shipbobControl<{ status: number | null }[]>("holdShipment", { shipmentId: open!.id, status: hold.status });
    // To the subscription connecting made: the app's webhook route for this account.
    expect(deliveries.map((d) => d.status)).toEqual([200]);

    await page.getByRole("link", { name: "Fulfilment", exact: true }).click();
    await page.getByLabel("Status", { exact: true }).selectOption({ label: hold.group });
    await page.getByLabel("Search", { exact: true }).fill(open!.reference_id);
    await expect(page).toHaveURL(new RegExp(`q=${open!.reference_id}`));
    // Acknowledged first, then applied by its job run.
    await expect(async () => {
      await page.reload();
      await expect(page.getByRole("row").filter({ hasText: String(open!.id) })).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
  });
});
