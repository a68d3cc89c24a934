// The list pages' filter bars at the widths people use, from a phone to a wide desktop: the bar
// wraps instead of letting controls overlap, and no select cuts its chosen option short. Every
// filter is set through the URL so each control shows a long value (a store's full name, "Partially
// refunded", two dates), which is when a cramped bar shows.
import type { Locator } from "@playwright/test";
import superjson from "superjson";
import { query } from "../support/database";
import { expect, test } from "../support/fixtures";
import { signInWithSession } from "../support/session";

const WIDTHS = [390, 1024, 1400, 1440];
const STORE = "Northwind Outdoor Supply Co.";
const LOCATION = "Northwind Distribution Centre, Leeds";

type Layout = { overlaps: string[]; truncated: string[]; outside: string[] };

/** What is wrong with the bar's layout as drawn: controls on top of each other, cut-off select values, controls past the viewport. */
function measure(bar: Locator): Promise<Layout> {
  return bar.evaluate((root) => {
    const name = (element: Element) => element.id || element.textContent?.trim() || element.tagName;
    const controls = [...root.querySelectorAll<HTMLElement>("input, select, button")].filter((c) => c.getClientRects().length > 0);
    const boxes = controls.map((control) => ({ name: name(control), box: control.getBoundingClientRect() }));

    const overlaps: string[] = [];
    boxes.forEach((a, i) =>
      boxes.slice(i + 1).forEach((b) => {
        const width = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left);
        const height = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top);
        if (width > 0.5 && height > 0.5) overlaps.push(`${a.name} overlaps ${b.name}`);
      }),
    );

    // A select's scrollWidth only grows once its text runs past the right padding (where the
    // chevron sits), so the chosen option's text is also measured against the space inside the padding.
    const context = document.createElement("canvas").getContext("2d")!;
    const truncated = [...root.querySelectorAll("select")].flatMap((select) => {
      const style = getComputedStyle(select);
      context.font = style.font;
      const text = select.selectedOptions[0]?.text ?? "";
      const needed = context.measureText(text).width + parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
      return select.scrollWidth > select.clientWidth || needed > select.clientWidth + 0.5
        ? [`${select.id} shows "${text}" in ${select.clientWidth}px (needs ${Math.ceil(needed)}px)`]
        : [];
    });

    const viewport = document.documentElement.clientWidth;
    const outside = boxes.filter(({ box }) => box.left < 0 || box.right > viewport + 0.5).map(({ name: n, box }) => `${n} ends at ${Math.round(box.right)}px of ${viewport}px`);
    return { overlaps, truncated, outside };
  });
}

test("the lists' filter bars wrap at every width instead of overlapping or cutting values off", async ({ page, uniqueEmail }) => {
  await signInWithSession(page.context(), uniqueEmail("filter-layout"));
  const created = await page.request.post("/api/trpc/workspace.create", { data: superjson.serialize({ name: "Layout Outfitters" }) });
  expect(created.status()).toBe(200);
  const slug = (superjson.deserialize((await created.json()).result.data) as { slug: string }).slug;

  // A paused store (the scheduler leaves it alone) with a realistic long name, one run of it and
  // one of its locations (the Inventory filters show once there is one).
  const [connection] = await query<{ id: string }>(
    `INSERT INTO "Connection" (id, "workspaceId", provider, "externalAccountId", "displayName", status, "authMethod", "updatedAt")
     SELECT 'e2e-' || md5(random()::text), id, 'SHOPIFY', 'layout-' || md5(random()::text) || '.myshopify.com', $2, 'PAUSED', 'OAUTH', now()
     FROM "Workspace" WHERE slug = $1 RETURNING id`,
    [slug, STORE],
  );
  await query(
    `INSERT INTO "JobRun" (id, "workspaceId", "connectionId", kind, trigger, status, attempts, "queuedAt", "startedAt", "finishedAt", "durationMs")
     SELECT 'e2e-' || md5(random()::text), "workspaceId", id, 'sync', 'MANUAL', 'SUCCEEDED', 1, now(), now(), now(), 0 FROM "Connection" WHERE id = $1`,
    [connection!.id],
  );
  await query(
    `INSERT INTO "Location" (id, "workspaceId", "connectionId", "externalId", name, "isActive", "fulfillsOnlineOrders", "sourceUpdatedAt", "updatedAt")
     SELECT 'e2e-' || md5(random()::text), "workspaceId", id, 'location-1', $2, true, true, now(), now() FROM "Connection" WHERE id = $1`,
    [connection!.id, LOCATION],
  );

  const dates = "from=2026-01-01&to=2026-12-31";
  const pages = [
    {
      name: "orders",
      path: `/w/${slug}/orders?q=1001&financial=PARTIALLY_REFUNDED&fulfillment=PARTIALLY_FULFILLED&connection=${connection!.id}&${dates}`,
      bar: "Filter orders",
      chosen: { "order-filter-financial": "Partially refunded", "order-filter-fulfillment": "Partially fulfilled", "order-filter-connection": STORE },
    },
    {
      name: "products",
      path: `/w/${slug}/products?q=Canvas%20tote&status=ARCHIVED`,
      bar: "Filter products",
      chosen: { "product-filter-status": "Archived" },
    },
    { name: "customers", path: `/w/${slug}/customers?q=ada%40example.com`, bar: "Search customers", chosen: {} },
    {
      name: "inventory",
      path: `/w/${slug}/inventory?q=TOTE-01&low=5`,
      bar: "Filter inventory",
      chosen: { "inventory-location": LOCATION },
    },
    {
      name: "jobs",
      path: `/w/${slug}/jobs?kind=sync&status=SUCCEEDED&connection=${connection!.id}&${dates}`,
      bar: "Filter jobs",
      chosen: { "job-filter-kind": "Sync", "job-filter-status": "Succeeded", "job-filter-connection": STORE },
    },
    {
      name: "audit log",
      path: `/w/${slug}/settings/audit?action=connection.needs_reauth`,
      bar: "Filter the audit log",
      chosen: { "audit-action-filter": "Connection needs re-authorization" },
    },
  ];

  for (const { name, path, bar, chosen } of pages) {
    for (const width of WIDTHS) {
      await test.step(`${name} at ${width} px`, async () => {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(path);
        const filters = page.getByRole("search", { name: bar });
        // Options arrive with their queries: measure once each select shows its chosen value and
        // the list below has loaded.
        for (const [id, text] of Object.entries(chosen)) await expect(filters.locator(`select#${id} option:checked`)).toHaveText(text);
        await expect(page.getByRole("status", { name: /^Loading/ })).toHaveCount(0);
        // Kept with the results, to look at by eye.
        await page.screenshot({ path: test.info().outputPath(`${name.replaceAll(" ", "-")}-${width}.png`), fullPage: true });
        const layout = await measure(filters);
        expect.soft(layout.overlaps, `${name} at ${width} px: overlapping controls`).toEqual([]);
        expect.soft(layout.truncated, `${name} at ${width} px: cut-off selects`).toEqual([]);
        expect.soft(layout.outside, `${name} at ${width} px: controls outside the viewport`).toEqual([]);
      });
    }
  }
});
