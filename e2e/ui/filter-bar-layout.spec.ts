// Every list page's filter bar at the widths people use, from a phone to a wide desktop: the bar
// wraps instead of letting controls overlap, and no select cuts its chosen option short. Every
// filter is set through the URL so each control shows a long value (a store's full name, "Partially
// refunded", two dates), which is when a cramped bar shows. The lists are those of a workspace
// holding one of each record (prisma/factories' populated workspace).
import type { Locator } from "@playwright/test";
import { query } from "../support/database";
import { expect, test } from "../support/fixtures";
import { seedPopulatedWorkspace } from "../support/populated-workspace";
import { addSessionCookie } from "../support/session";

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

test("the lists' filter bars wrap at every width instead of overlapping or cutting values off", async ({ page }) => {
  test.setTimeout(300_000);
  const seeded = await seedPopulatedWorkspace("Layout Outfitters");
  await addSessionCookie(page.context(), seeded.sessions.owner);
  const { slug, pairId } = seeded;

  // The store and one of its locations get realistic long names (the selects show them).
  const [store] = await query<{ id: string }>(`UPDATE "Connection" SET "displayName" = $2 WHERE "externalAccountId" = $1 RETURNING id`, [seeded.storeAccount, STORE]);
  const [location] = await query<{ id: string }>(
    `UPDATE "Location" SET name = $2, "isActive" = true WHERE id = (SELECT id FROM "Location" WHERE "connectionId" = $1 ORDER BY id LIMIT 1) RETURNING id`,
    [store!.id, LOCATION],
  );

  const dates = "from=2026-01-01&to=2026-12-31";
  const w = `/w/${slug}`;
  const pages = [
    {
      name: "orders",
      path: `${w}/orders?q=1001&financial=PARTIALLY_REFUNDED&fulfillment=PARTIALLY_FULFILLED&connection=${store!.id}&${dates}`,
      bar: "Filter orders",
      chosen: { "order-filter-financial": "Partially refunded", "order-filter-fulfillment": "Partially fulfilled", "order-filter-connection": STORE },
    },
    { name: "products", path: `${w}/products?q=Canvas%20tote&status=ARCHIVED`, bar: "Filter products", chosen: { "product-filter-status": "Archived" } },
    { name: "customers", path: `${w}/customers?q=ada%40example.com`, bar: "Search customers", chosen: {} },
    { name: "inventory", path: `${w}/inventory?location=${location!.id}&q=TOTE-01&low=5`, bar: "Filter inventory", chosen: { "inventory-location": LOCATION } },
    { name: "inventory by SKU", path: `${w}/inventory?view=sku&q=TOTE-01&show=discrepancies&diff=2`, bar: "Filter inventory by SKU", chosen: { "inventory-sku-show": "Discrepancies" } },
    {
      name: "jobs",
      path: `${w}/jobs?status=SUCCEEDED&connection=${store!.id}&${dates}`,
      bar: "Filter jobs",
      chosen: { "job-filter-status": "Succeeded", "job-filter-connection": STORE },
    },
    { name: "audit log", path: `${w}/settings/audit?action=connection.needs_reauth`, bar: "Filter the audit log", chosen: { "audit-action-filter": "Connection needs re-authorization" } },
    { name: "invoices", path: `${w}/accounting/invoices?status=Part%20written-off&q=INV-00001`, bar: "Filter invoices", chosen: { "invoice-filter-status": "Part written-off" } },
    { name: "bills", path: `${w}/accounting/bills?q=BILL-777`, bar: "Filter bills", chosen: {} },
    { name: "bank transactions", path: `${w}/accounting/bank-transactions?show=unexplained&q=PAYMENTS`, bar: "Filter bank transactions", chosen: { "bank-transaction-filter-explained": "Unexplained" } },
    { name: "contacts", path: `${w}/accounting/contacts?q=Acme`, bar: "Filter contacts", chosen: {} },
    {
      name: "payouts",
      path: `${w}/payouts?state=AMOUNT_DIFFERS&breakdown=flagged&${dates}`,
      bar: "Filter payouts",
      chosen: { "payout-filter-state": "Amount differs", "payout-filter-breakdown": "Parts do not add up" },
    },
    { name: "returns", path: `${w}/returns?status=AwaitingArrival&q=RMA-1001`, bar: "Filter returns", chosen: { "return-filter-status": "Awaiting arrival" } },
    {
      name: "receiving",
      path: `${w}/receiving?show=arriving_soon&status=PartiallyArrivedAtHub`,
      bar: "Filter receiving orders",
      chosen: { "receiving-filter-view": "Arriving soon (7 days)", "receiving-filter-status": "Partially arrived at hub" },
    },
    { name: "fulfilment", path: `${w}/fulfilment?status=in_transit&q=1001`, bar: "Filter shipments", chosen: { "shipment-filter-status": "In transit" } },
    { name: "reconciliation days", path: `${w}/reconciliation/${pairId}?${dates}&rate=below`, bar: "Filter days", chosen: { "reconciliation-filter-rate": "Below threshold" } },
    {
      name: "reconciliation issues",
      path: `${w}/reconciliation/${pairId}/issues?kind=EXTRA_IN_ANALYTICS&${dates}`,
      bar: "Filter issues",
      chosen: { "pair-issues-filter-kind": "In analytics, not in the store" },
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
        await expect(filters.getByTestId("rejected-filters"), `${name}: every filter in the URL is one the list takes`).toHaveCount(0);
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
