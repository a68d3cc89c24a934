// Filters are checked in the browser with the list's own server schema before anything is asked:
// "From" after "To" marks "To" with the reason and sends no list request. Filter values in the URL
// the list cannot use (a hand-edited link, a stale shared one) are named on the filter bar, each
// with a Remove that takes only that one out of the URL.
import type { Page } from "@playwright/test";
import { expect, test } from "../support/fixtures";
import { seedPopulatedWorkspace } from "../support/populated-workspace";
import { addSessionCookie } from "../support/session";

let slug: string;
let ownerSession: string;
test.beforeAll(async () => {
  const seeded = await seedPopulatedWorkspace("Filter Checks");
  slug = seeded.slug;
  ownerSession = seeded.sessions.owner;
});

/** Counts the browser's requests for the orders list (tRPC order.list, alone or in a batch). */
function countOrderListRequests(page: Page): { count: number } {
  const seen = { count: 0 };
  page.on("request", (request) => {
    if (new URL(request.url()).pathname.startsWith("/api/trpc/") && request.url().includes("order.list")) seen.count += 1;
  });
  return seen;
}

test("a backwards range marks To and asks the server nothing", async ({ page }) => {
  await addSessionCookie(page.context(), ownerSession);
  const requests = countOrderListRequests(page);
  await page.goto(`/w/${slug}/orders?from=2026-03-01`);
  const filters = page.getByRole("search", { name: "Filter orders" });
  await expect(page.getByRole("status", { name: /^Loading/ })).toHaveCount(0);
  expect(requests.count).toBeGreaterThan(0);

  requests.count = 0;
  await filters.getByTestId("order-filter-to").fill("2026-02-01");
  await expect(page).toHaveURL(/to=2026-02-01/);
  const to = filters.getByTestId("order-filter-to");
  await expect(to).toHaveAttribute("aria-invalid", "true");
  await expect(to).toHaveAccessibleDescription("“To” must not be before “From”.");
  await expect(page.getByTestId("invalid-filters")).toContainText("Fix the filters to see orders");
  expect(requests.count, "no order.list request for a range the server would refuse").toBe(0);

  // A shared link with the same range is marked as it loads, and asks nothing either. The server
  // renders the mark, so the count is read only once the hydrated page has asked for its connections
  // (the store filter's options), in the same render that would have asked for the orders.
  const connectionsAnswered = page.waitForResponse((response) => response.url().includes("/api/trpc/") && response.url().includes("connection.list"));
  await page.goto(`/w/${slug}/orders?from=2026-03-01&to=2026-02-01`);
  await connectionsAnswered;
  await expect(filters.getByTestId("order-filter-to")).toHaveAttribute("aria-invalid", "true");
  expect(requests.count).toBe(0);

  // Putting To after From again shows the orders.
  await filters.getByTestId("order-filter-to").fill("2026-03-31");
  await expect(filters.getByTestId("order-filter-to")).not.toHaveAttribute("aria-invalid");
  await expect(page.getByTestId("invalid-filters")).toHaveCount(0);
  await expect.poll(() => requests.count).toBeGreaterThan(0);
});

test("a filter value the list does not know is named on the bar, and Remove takes only it away", async ({ page }) => {
  await addSessionCookie(page.context(), ownerSession);
  await page.goto(`/w/${slug}/orders?financial=PAID&fulfillment=shipped-ish&from=2026-02-31`);
  const filters = page.getByRole("search", { name: "Filter orders" });
  const rejected = filters.getByTestId("rejected-filters");
  await expect(rejected).toContainText("Unknown fulfillment status 'shipped-ish' — ignored.");
  await expect(rejected).toContainText("From '2026-02-31' is not a date — ignored.");
  // What the list could use still applies.
  await expect(filters.locator("select#order-filter-financial option:checked")).toHaveText("Paid");

  await rejected.getByRole("button", { name: "Remove Unknown fulfillment status 'shipped-ish'" }).click();
  await expect(page).toHaveURL(/\?financial=PAID&from=2026-02-31$/);
  await expect(rejected).not.toContainText("shipped-ish");
  // Focus stays in the bar (the Remove button is gone).
  await expect(filters.getByTestId("order-search")).toBeFocused();

  await rejected.getByRole("button", { name: /^Remove From/ }).click();
  await expect(page).toHaveURL(/\?financial=PAID$/);
  await expect(rejected).toHaveCount(0);
});

test("the overview's custom range and the payout setup form are checked before anything is sent", async ({ page }) => {
  await addSessionCookie(page.context(), ownerSession);
  const sent: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && request.url().includes("/api/trpc/payouts.updateSetup")) sent.push(request.url());
  });

  // "To" is filled while the page's scripts are held back: a day typed before hydration (a slow
  // connection) is still the range Apply checks, not lost to React's first render.
  let releaseScripts = () => {};
  const scriptsHeld = new Promise<void>((resolve) => (releaseScripts = resolve));
  await page.route((url) => url.pathname.startsWith("/_next/static/") && url.pathname.endsWith(".js"), async (route) => {
    await scriptsHeld;
    await route.continue();
  });
  await page.goto(`/w/${slug}?period=custom&from=2026-03-01&to=2026-03-31`, { waitUntil: "domcontentloaded" });
  await page.getByTestId("overview-to").fill("2026-02-01");
  releaseScripts();
  await page.getByTestId("overview-apply-range").click();
  await expect(page.getByTestId("overview-to")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("overview-to")).toHaveAccessibleDescription("The last day comes before the first");
  expect(new URL(page.url()).search).toBe("?period=custom&from=2026-03-01&to=2026-03-31");

  await page.goto(`/w/${slug}/settings/payouts`);
  const form = page.getByTestId("payout-setup-form").first();
  await form.getByTestId("payout-setup-window").fill("45");
  await form.getByTestId("payout-setup-description").fill("");
  await form.getByTestId("payout-setup-save").click();
  await expect(form.getByTestId("payout-setup-window")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByTestId("payout-setup-window")).toHaveAccessibleDescription("At most 31 days");
  await expect(form.getByTestId("payout-setup-description")).toHaveAccessibleDescription("Enter the text the bank puts on a payout's deposit");
  expect(sent, "no payouts.updateSetup request for a form the server would refuse").toEqual([]);
});
