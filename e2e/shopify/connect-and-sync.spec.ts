import { readServerInfo } from "@/dev/e2e/server-info";
import { signIn } from "../support/auth";
import { query } from "../support/database";
import { expect, test } from "../support/fixtures";
import { createWorkspace } from "../support/workspaces";

const SHOP = "meridian-demo.myshopify.com";

test("an owner connects the sandbox store through Shopify's install flow, watches the first sync, and opens an order", async ({ page, uniqueEmail }) => {
  // Sign-in, the install round trip and a whole first sync.
  test.setTimeout(120_000);
  let slug = "";
  let orderName = "";
  // A retried attempt finds the store attached to the first attempt's workspace.
  await query(`DELETE FROM "Connection" WHERE provider = 'SHOPIFY' AND "externalAccountId" = $1`, [SHOP]);

  await test.step("the owner picks Shopify on Connections, enters the store and approves the install on it", async () => {
    await signIn(page, uniqueEmail("shopify-owner"));
    slug = await createWorkspace(page, "Sandbox Outfitters");
    await page.goto(`/w/${slug}/connections`);
    await page.getByRole("radio", { name: /Shopify/ }).check();
    // A custom domain is refused under the field before anything leaves Meridian.
    await page.getByTestId("connect-account").fill("www.example.com");
    await page.getByTestId("connect-submit").click();
    await expect(page.getByText("Enter your store's myshopify.com address")).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`/w/${slug}/connections`));
    await page.getByTestId("connect-account").fill("meridian-demo");
    await page.getByTestId("connect-submit").click();
    await expect(page).toHaveURL(new RegExp(`/shops/${SHOP.replaceAll(".", "\\.")}/admin/oauth/authorize`));
    await page.getByRole("button", { name: "Install app" }).click();
    await expect(page).toHaveURL(new RegExp(`/w/${slug}/connections`));
    await expect(page.getByTestId("connection-installed")).toContainText("meridian-demo");
    await expect(page.getByTestId("connection-card")).toContainText("meridian-demo");
  });

  await test.step("the first sync runs to the end, with its progress and counts", async () => {
    await page.getByTestId("connection-last-run").click();
    await expect(page).toHaveURL(new RegExp(`/w/${slug}/jobs/[^/]+$`));
    await expect(page.getByTestId("job-detail")).toHaveAttribute("data-status", "SUCCEEDED", { timeout: 90_000 });
    await expect(page.getByTestId("job-progress")).toHaveAttribute("aria-valuetext", "100%");
    // Every record the run read is accounted for (read = inserted + updated + unchanged + deleted).
    await expect(page.getByTestId("job-counts-check")).toHaveAttribute("data-holds", "true");
    const [counted] = await query<{ orders: string }>(
      `SELECT count(*)::text AS orders FROM "Order" o JOIN "Workspace" w ON w.id = o."workspaceId" WHERE w.slug = $1`,
      [slug],
    );
    expect(Number(counted!.orders)).toBe(300);

    // The Connections page reports what each stream read.
    await page.goto(`/w/${slug}/connections`);
    const ordersStream = page.locator('[data-testid="connection-stream"][data-stream="orders"]');
    await expect(ordersStream).toContainText("300");
    await expect(ordersStream).not.toHaveAttribute("data-warning", "true");
  });

  await test.step("an order opens with all of its line items", async () => {
    await page.goto(`/w/${slug}/orders`);
    const row = page.getByTestId("order-row").first();
    const name = await row.getAttribute("data-order-name");
    await row.getByTestId("order-link").click();
    await expect(page.getByTestId("order-detail")).toContainText(name!);
    const [lines] = await query<{ items: string }>(
      `SELECT count(*)::text AS items FROM "OrderLineItem" li JOIN "Order" o ON o.id = li."orderId"
       JOIN "Workspace" w ON w.id = o."workspaceId" WHERE w.slug = $1 AND o.name = $2`,
      [slug, name],
    );
    const items = Number(lines!.items);
    expect(items).toBeGreaterThan(0);
    await expect(page.getByTestId("order-line-item")).toHaveCount(items);
    await expect(page.getByTestId("line-item-title").first()).not.toBeEmpty();

    orderName = name!;
  });

  await test.step("a change in the store reaches the open order through a signed webhook", async () => {
    const [order] = await query<{ externalId: string }>(
      `SELECT o."externalId" FROM "Order" o JOIN "Workspace" w ON w.id = o."workspaceId" WHERE w.slug = $1 AND o.name = $2`,
      [slug, orderName],
    );
    // The store changes the order and POSTs orders/updated to the subscription made at install.
    const response = await fetch(`${readServerInfo().shopifySandboxUrl}/_sandbox/updateOrder`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ shop: SHOP, id: Number(order!.externalId), patch: { tags: ["webhook-e2e"] }, notify: true }),
    });
    const { deliveries } = (await response.json()) as { deliveries: { status: number }[] };
    expect(deliveries.length).toBeGreaterThan(0);
    expect(deliveries.every((d) => d.status === 200)).toBe(true);
    // Acknowledged first, handed to Inngest after the response, then processed by its run.
    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId("order-detail")).toContainText("webhook-e2e", { timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
  });
});
