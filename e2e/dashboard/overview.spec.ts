// The workspace overview: an empty state before anything is connected, then a store's sales as
// the rollups have them (kept by the database's triggers as the orders below are inserted): the
// period's figures exactly, the charts with their figures as a table and a keyboard stop, the
// period and store in the URL, and no axe violations in the page (the shell has its own specs).
// While a change of the workspace's zone recounts the figures, the overview says so and follows it.
import pg from "pg";
import { readServerInfo } from "@/dev/e2e/server-info";
import { axeViolations } from "../support/axe";
import { query } from "../support/database";
import { expect, test } from "../support/fixtures";
import { signInWithSession } from "../support/session";
import { createWorkspace } from "../support/workspaces";

/** A store with three orders in the last week (one refunded in part) and one 20 days ago, all in dollars. */
async function seedStore(slug: string): Promise<void> {
  const [store] = await query<{ id: string; workspaceId: string }>(
    `INSERT INTO "Connection" (id, "workspaceId", provider, "externalAccountId", "displayName", status, "authMethod", "updatedAt")
     SELECT 'e2e-' || md5(random()::text), w.id, 'SHOPIFY', 'e2e-' || md5(random()::text), 'Demo Store', 'PAUSED', 'OAUTH', now()
     FROM "Workspace" w WHERE w.slug = $1 RETURNING id, "workspaceId"`,
    [slug],
  );
  await query(
    `WITH orders AS (
       INSERT INTO "Order" (id, "workspaceId", "connectionId", "externalId", name, "nameLower", currency, "totalPrice", tags, "processedAt", "sourceCreatedAt", "sourceUpdatedAt", "sourceHash", "updatedAt")
       SELECT 'e2e-' || md5(random()::text), $1, $2, o.n, '#' || o.n, '#' || o.n, 'USD', o.total, '{}', now() - o.age, now() - o.age, now(), 'e2e', now()
       FROM (VALUES ('1001', 10.10, interval '1 day'), ('1002', 20.20, interval '2 days'), ('1003', 0.30, interval '3 days'), ('0900', 99.00, interval '20 days')) AS o(n, total, age)
       RETURNING id, "externalId")
     INSERT INTO "OrderLineItem" (id, "workspaceId", "connectionId", "orderId", "externalId", "productExternalId", title, quantity, "currentQuantity", "unitPrice", "discountedUnitPrice", currency, "updatedAt")
     SELECT 'e2e-' || md5(random()::text), $1, $2, o.id, o."externalId" || '-1', 'mug', 'Enamel mug', 2, 2, 5, 5, 'USD', now() FROM orders o`,
    [store!.workspaceId, store!.id],
  );
  await query(
    `INSERT INTO "Refund" (id, "workspaceId", "connectionId", "orderId", "externalId", total, currency, "sourceCreatedAt", "updatedAt")
     SELECT 'e2e-' || md5(random()::text), o."workspaceId", o."connectionId", o.id, 'r-1002', 5.05, 'USD', now() - interval '1 day', now()
     FROM "Order" o WHERE o."connectionId" = $1 AND o."externalId" = '1002'`,
    [store!.id],
  );
}

test("the overview shows an empty state, then the period's sales with accessible charts", async ({ page, uniqueEmail }) => {
  await signInWithSession(page.context(), uniqueEmail("dashboard"));
  const slug = await createWorkspace(page, "Dashboard Brand");

  await test.step("a new workspace is asked to connect a store", async () => {
    await expect(page.getByText("Nothing to show yet")).toBeVisible();
    await expect(page.getByRole("link", { name: "Connect a store" })).toHaveAttribute("href", `/w/${slug}/connections`);
    expect(await axeViolations(page, page.locator("#main"))).toEqual([]);
  });

  await test.step("the last 30 days against the 30 before, exactly", async () => {
    await seedStore(slug);
    await page.reload();
    // 10.10 + 20.20 + 0.30 + 99.00 in the period; nothing before it.
    await expect(page.getByTestId("overview-revenue-USD")).toHaveText("$129.60");
    await expect(page.getByTestId("overview-orders-USD")).toHaveText("4");
    await expect(page.getByTestId("overview-averageOrderValue-USD")).toHaveText("$32.40");
    await expect(page.getByTestId("overview-refunded-USD")).toHaveText("$5.05 (1)");
    await expect(page.getByTestId("overview-units-USD")).toHaveText("8");
    await expect(page.getByTestId("overview-top-products")).toContainText("Enamel mug");
    await expect(page.getByTestId("overview-sync-health")).toContainText("Demo Store");
    await expect(page.getByText("No reconciliation yet")).toBeVisible();
  });

  await test.step("a chart takes keyboard focus and shows its figures as a table", async () => {
    const chart = page.getByRole("application", { name: "Revenue in USD, by day" });
    await expect(chart).toBeVisible();
    await chart.focus();
    await expect(chart).toBeFocused();
    await page.keyboard.press("ArrowRight");
    const figure = page.getByTestId("overview-revenue-chart-USD");
    await figure.getByRole("button", { name: "Show as table" }).click();
    const table = figure.getByRole("table", { name: "Revenue in USD, by day" });
    await expect(table.getByRole("row")).toHaveCount(31);
    await expect(table).toContainText("$20.20");
    await expect(figure.getByRole("button", { name: "Show as chart" })).toHaveAttribute("aria-pressed", "true");
    expect(await axeViolations(page, page.locator("#main"))).toEqual([]);
  });

  await test.step("the period is kept in the URL", async () => {
    await page.getByTestId("overview-period").selectOption("7d");
    await expect(page).toHaveURL(/period=7d/);
    await expect(page.getByTestId("overview-revenue-USD")).toHaveText("$30.60");
    await page.reload();
    await expect(page.getByTestId("overview-period")).toHaveValue("7d");
    await expect(page.getByTestId("overview-orders-USD")).toHaveText("3");
    expect(await axeViolations(page, page.locator("#main"))).toEqual([]);
  });

  await test.step("while a change of zone recounts the figures, the overview says so, then shows the new zone's once it is done", async () => {
    const [workspace] = await query<{ id: string }>(`UPDATE "Workspace" SET "timeZoneChosenAt" = now() WHERE slug = $1 RETURNING id`, [slug]);
    // The change's job switches the zone and recounts in one transaction, whose update of the
    // workspace waits on this lock (the audit row's key check does not): the change stays under
    // way until it is let go.
    const holder = new pg.Client({ connectionString: readServerInfo().databaseUrl });
    await holder.connect();
    const notice = page.getByTestId("overview-recount-notice");
    try {
      await holder.query("BEGIN");
      await holder.query(`SELECT id FROM "Workspace" WHERE id = $1 FOR NO KEY UPDATE`, [workspace!.id]);
      await page.goto(`/w/${slug}/settings/general`);
      await page.getByTestId("workspace-time-zone-select").selectOption("America/New_York");
      await page.getByTestId("workspace-time-zone-save").click();
      await expect(page.getByTestId("workspace-time-zone-change")).toBeVisible();

      await page.goto(`/w/${slug}?period=7d`);
      await expect(notice).toHaveRole("status");
      await expect(notice).toContainText("Figures are being recounted in America/New_York; until then they are in UTC.");
      await expect(notice.getByRole("link", { name: "See the change's progress in Settings → General" })).toHaveAttribute(
        "href",
        `/w/${slug}/settings/general#time-zone`,
      );
      await expect(page.getByText("days in UTC")).toBeVisible();
      expect(await axeViolations(page, page.locator("#main"))).toEqual([]);
      await holder.query("COMMIT");
    } finally {
      await holder.end();
    }
    // Polled until the change is done, then the page is rendered again in the new zone.
    await expect(notice).toHaveCount(0);
    await expect(page.getByText("days in America/New_York")).toBeVisible();
    await expect(page.getByTestId("overview-orders-USD")).toHaveText("3");
  });
});
