// Every page of the app, at 1440×900 and at 390×844, as the owner and as a viewer of a workspace
// holding one of each record (and the pages people see signed out, signed out): axe-core finds no
// serious or critical violation (WCAG 2.x A/AA, target size included), no pointer target outside a
// sentence is under 24 px, and at 390 px nothing makes the document wider than the viewport. The
// page list is checked against app/'s page.tsx and not-found.tsx files, so a new page fails here
// until it has an entry. Failures are collected per visit and reported together, so one run shows
// all that is left; the owner's visits leave a full-page screenshot of each page at each size in
// the test's output folder (the pages as they look, for a change's description; see SCREENS).
import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { Page } from "@playwright/test";
import { axeViolations } from "../support/axe";
import { expect, test } from "../support/fixtures";
import { seedPopulatedWorkspace, type PopulatedWorkspace } from "../support/populated-workspace";
import { addSessionCookie } from "../support/session";

const APP = join(__dirname, "..", "..", "app");
const VIEWPORTS = [
  { name: "desktop", width: 1440, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;

// E2E_SCREENS=<folder>: also small JPEGs of the owner's and the signed-out screens there (e2e/screens holds the set
// committed as the tables-and-phones issue's proof; `npm run screens` refreshes it).
const SCREENS = process.env.E2E_SCREENS;

type Visitor = "owner" | "viewer" | "signed out";

/**
 * The routes of app/ whose folder holds `file`, as URL patterns ("/w/[slug]/orders/[orderId]"):
 * route groups ("(app)") dropped, private folders ("_x") and route handlers' api/ skipped.
 */
function routesWith(file: "page.tsx" | "not-found.tsx"): string[] {
  const routes: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.isDirectory() && !entry.name.startsWith("_") && entry.name !== "api") walk(join(folder, entry.name));
      else if (entry.name === file) {
        const segments = relative(APP, folder).split(sep).filter((s) => s && !/^\(.+\)$/.test(s));
        routes.push(`/${segments.join("/")}`);
      }
    }
  };
  walk(APP);
  return routes.sort();
}

/** Every page's URLs in the seeded workspace; `public` pages are also visited signed out. */
function pagesOf(w: PopulatedWorkspace): Record<string, { urls: string[]; public?: true }> {
  const ws = `/w/${w.slug}`;
  const pair = `${ws}/reconciliation/${w.pairId}`;
  return {
    // Redirects to the workspace (or to sign-in): what it lands on is checked.
    "/": { urls: ["/"], public: true },
    "/signin": { urls: ["/signin", "/signin?error=Verification"], public: true },
    "/verify-request": { urls: ["/verify-request", "/verify-request?email=someone%40example.com"], public: true },
    "/invite/[token]": { urls: [`/invite/${w.invitationToken}`, "/invite/not-a-real-token"], public: true },
    "/onboarding": { urls: ["/onboarding"] },
    "/account/notifications": { urls: ["/account/notifications"] },
    "/connect/[provider]": { urls: [`/connect/shopify?account=${w.storeAccount}`, "/connect/shopify"] },
    // Without a pending account choice it sends the person to /connect/error.
    "/connect/[provider]/account": { urls: ["/connect/ga4/account"] },
    "/connect/error": { urls: ["/connect/error?provider=shopify&reason=denied"], public: true },
    // Development only: a production build answers not found.
    "/dev/outbox": { urls: ["/dev/outbox"] },
    "/w/[slug]": { urls: [ws] },
    "/w/[slug]/orders": { urls: [`${ws}/orders`] },
    // The first order and the refunded one.
    "/w/[slug]/orders/[orderId]": { urls: [w.orderIds[0]!, w.orderIds.at(-1)!].map((id) => `${ws}/orders/${id}`) },
    "/w/[slug]/products": { urls: [`${ws}/products`] },
    "/w/[slug]/products/[productId]": { urls: [`${ws}/products/${w.productId}`] },
    "/w/[slug]/customers": { urls: [`${ws}/customers`] },
    "/w/[slug]/customers/[customerId]": { urls: [`${ws}/customers/${w.customerId}`] },
    "/w/[slug]/inventory": { urls: [`${ws}/inventory`] },
    "/w/[slug]/fulfilment": { urls: [`${ws}/fulfilment`] },
    "/w/[slug]/returns": { urls: [`${ws}/returns`] },
    "/w/[slug]/receiving": { urls: [`${ws}/receiving`] },
    "/w/[slug]/payouts": { urls: [`${ws}/payouts`] },
    "/w/[slug]/payouts/[payoutId]": { urls: [`${ws}/payouts/${w.payoutId}`] },
    "/w/[slug]/accounting": { urls: [`${ws}/accounting`] },
    "/w/[slug]/accounting/invoices": { urls: [`${ws}/accounting/invoices`] },
    "/w/[slug]/accounting/bills": { urls: [`${ws}/accounting/bills`] },
    "/w/[slug]/accounting/bank-transactions": { urls: [`${ws}/accounting/bank-transactions`] },
    "/w/[slug]/accounting/contacts": { urls: [`${ws}/accounting/contacts`] },
    "/w/[slug]/reconciliation": { urls: [`${ws}/reconciliation`] },
    "/w/[slug]/reconciliation/[pairId]": { urls: [pair] },
    "/w/[slug]/reconciliation/[pairId]/issues": { urls: [`${pair}/issues`] },
    "/w/[slug]/reconciliation/[pairId]/[date]": { urls: [`${pair}/${w.reconciliationDate}`] },
    "/w/[slug]/connections": { urls: [`${ws}/connections`] },
    "/w/[slug]/jobs": { urls: [`${ws}/jobs`] },
    "/w/[slug]/jobs/[runId]": { urls: w.runIds.map((id) => `${ws}/jobs/${id}`) },
    "/w/[slug]/settings": { urls: [`${ws}/settings`] },
    "/w/[slug]/settings/general": { urls: [`${ws}/settings/general`] },
    "/w/[slug]/settings/members": { urls: [`${ws}/settings/members`] },
    "/w/[slug]/settings/invitations": { urls: [`${ws}/settings/invitations`] },
    // Moved to /account/notifications: the old address redirects there.
    "/w/[slug]/settings/notifications": { urls: [`${ws}/settings/notifications`] },
    "/w/[slug]/settings/payouts": { urls: [`${ws}/settings/payouts`] },
    "/w/[slug]/settings/reconciliation": { urls: [`${ws}/settings/reconciliation`] },
    "/w/[slug]/settings/exports": { urls: [`${ws}/settings/exports`] },
    "/w/[slug]/settings/retention": { urls: [`${ws}/settings/retention`] },
    "/w/[slug]/settings/audit": { urls: [`${ws}/settings/audit`] },
  };
}

/** URLs that are not found, at every depth a not-found.tsx may sit (a record of each kind, a workspace, the site). */
function notFoundUrls(w: PopulatedWorkspace): string[] {
  const ws = `/w/${w.slug}`;
  return [
    "/no-such-page",
    "/w/no-such-workspace",
    `${ws}/no-such-page`,
    ...["orders", "products", "customers", "jobs", "payouts", "reconciliation"].map((list) => `${ws}/${list}/no-such-record`),
    `${ws}/reconciliation/${w.pairId}/2001-01-01`,
  ];
}

/**
 * A file name for each URL's screen that is the same on every run: its route ("w-slug-orders-orderId",
 * numbered when the route has several URLs), or for a not-found URL the URL with the seeded ids named.
 */
function screenNames(w: PopulatedWorkspace): Map<string, string> {
  const file = (text: string) => text.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "") || "root";
  const names = new Map<string, string>();
  for (const [route, { urls }] of Object.entries(pagesOf(w))) urls.forEach((url, i) => names.set(url, file(urls.length > 1 ? `${route}-${i + 1}` : route)));
  for (const url of notFoundUrls(w)) names.set(url, file(`not-found-${url.replace(w.slug, "slug").replace(w.pairId, "pairId")}`));
  return names;
}

const isCatchAll = (route: string) => route.includes("/[...");

/** Whether `url`'s path lies at or under the route pattern (a [param] matches any one segment, a [...param] the rest). */
function isUnder(url: string, route: string): boolean {
  const path = new URL(url, "http://x").pathname.split("/").filter(Boolean);
  const pattern = route.split("/").filter(Boolean);
  return pattern.length <= path.length && pattern.every((segment, i) => /^\[.+\]$/.test(segment) || segment === path[i]);
}

/** The outermost elements reaching past the viewport's right edge (the cause, not every descendant). */
function overflowAt390(page: Page): Promise<{ scrollWidth: number; innerWidth: number; culprits: string[] }> {
  return page.evaluate(() => {
    const limit = window.innerWidth + 0.5;
    const describe = (element: Element) => {
      const testId = element.getAttribute("data-testid");
      const classes = typeof element.className === "string" ? element.className.trim().split(/\s+/).slice(0, 4).join(".") : "";
      return `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ""}${testId ? `[data-testid=${testId}]` : ""}${classes ? `.${classes}` : ""} (to ${Math.round(element.getBoundingClientRect().right)}px)`;
    };
    const past = (element: Element) => element.getBoundingClientRect().right > limit;
    const culprits = [...document.body.querySelectorAll("*")].filter((element) => past(element) && !(element.parentElement && past(element.parentElement)));
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, culprits: culprits.slice(0, 5).map(describe) };
  });
}

/** Cells of tables shown as cards (a phone's stacked tables) whose value is cut off rather than wrapped. */
function clippedCardCells(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll("table")]
      .filter((table) => getComputedStyle(table).display === "block")
      .flatMap((table) => [...table.querySelectorAll<HTMLElement>("td")])
      .filter((cell) => cell.scrollWidth > cell.clientWidth + 1)
      .slice(0, 5)
      .map((cell) => `${cell.getAttribute("data-label") ?? "cell"} "${(cell.textContent ?? "").trim().slice(0, 40)}" (${cell.scrollWidth}px in ${cell.clientWidth}px)`),
  );
}

/**
 * Pointer targets smaller than 24×24 px (WCAG 2.2's 2.5.8 without its spacing allowance, which would
 * pass a 20 px row link between roomy rows). A link inside a sentence is exempt, as in WCAG; a
 * checkbox or radio counts with its label; visually hidden elements (1 px) are skipped.
 */
function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const selector = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [role="link"], [role="tab"], [role="checkbox"], [role="switch"]';
    const inSentence = (element: Element) =>
      getComputedStyle(element).display === "inline" && (element.parentElement?.textContent ?? "").trim().length > (element.textContent ?? "").trim().length;
    const small: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>(selector)) {
      if (element.matches(":disabled") || element.closest("[inert], [aria-hidden='true']") || inSentence(element)) continue;
      const target = element.matches('input[type="checkbox"], input[type="radio"]') ? (element.closest("label") ?? element) : element;
      const box = target.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1 || getComputedStyle(target).visibility === "hidden") continue;
      if (box.width < 23.5 || box.height < 23.5) {
        const name = (element.getAttribute("aria-label") ?? element.textContent ?? "").trim().slice(0, 30);
        small.push(`${element.tagName.toLowerCase()} "${name}" ${Math.round(box.width)}×${Math.round(box.height)}`);
      }
    }
    return small;
  });
}

/** Problems of the page at `url` in the current viewport (a server error, and what problemsOnScreen finds). */
async function problemsOf(page: Page, url: string, phone: boolean): Promise<string[]> {
  const response = await page.goto(url);
  const status = response?.status() ?? 0;
  try {
    return [...(status >= 500 ? [`answered ${status}`] : []), ...(await problemsOnScreen(page, phone))];
  } catch (error) {
    if (!String(error).includes("Execution context was destroyed")) throw error;
    // A redirect in the browser (Accounting opens its first tab) replaced the page mid-measurement.
    await page.waitForLoadState();
    return [...(status >= 500 ? [`answered ${status}`] : []), ...(await problemsOnScreen(page, phone))];
  }
}

/** Serious or critical axe violations, small targets, and overflow on a phone (the page, or a card's value). */
async function problemsOnScreen(page: Page, phone: boolean): Promise<string[]> {
  const problems: string[] = [];
  // Lists and panels load after the first paint: measure what people end up looking at.
  await expect(page.getByRole("status", { name: /^Loading/ })).toHaveCount(0);
  // What the last rows to arrive set off settles first: a table that now overflows its box becomes
  // a focusable region when ScrollRegion's ResizeObserver has run and React has rendered again.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  for (const violation of await axeViolations(page, undefined, { targetSize: true })) {
    if (violation.impact === "serious" || violation.impact === "critical") {
      problems.push(`axe ${violation.impact} ${violation.id} (${violation.help}): ${violation.targets.slice(0, 5).join(" | ")}${violation.targets.length > 5 ? ` … ${violation.targets.length} in all` : ""}`);
    }
  }
  const small = await smallTargets(page);
  if (small.length > 0) problems.push(`${small.length} targets under 24 px: ${[...new Set(small)].slice(0, 6).join("; ")}`);
  if (phone) {
    const { scrollWidth, innerWidth, culprits } = await overflowAt390(page);
    if (scrollWidth > innerWidth) problems.push(`${scrollWidth}px wide in a ${innerWidth}px viewport: ${culprits.join("; ")}`);
    const clipped = await clippedCardCells(page);
    if (clipped.length > 0) problems.push(`card values cut off: ${clipped.join("; ")}`);
  }
  return problems;
}

// The not-found URLs answer 404, which the browser logs.
test.use({ allowedConsoleErrors: [/status of 404/] });

let seeded: PopulatedWorkspace;

test.beforeAll(async () => {
  seeded = await seedPopulatedWorkspace("Every Page Outfitters");
});

test("the page list covers every page and not-found page of app/", () => {
  const listed = Object.keys(pagesOf(seeded));
  // A catch-all page ([...missing]) answers what matches no other page: the not-found URLs reach it.
  const pages = routesWith("page.tsx").filter((route) => !isCatchAll(route));
  expect(pages.filter((route) => !listed.includes(route)), "pages without an entry").toEqual([]);
  expect(listed.filter((route) => !pages.includes(route)), "entries without a page").toEqual([]);
  const notFound = notFoundUrls(seeded);
  const notFoundRoutes = [...routesWith("not-found.tsx"), ...routesWith("page.tsx").filter(isCatchAll)];
  expect(notFoundRoutes.filter((route) => !notFound.some((url) => isUnder(url, route))), "not-found pages no URL reaches").toEqual([]);
});

for (const visitor of ["owner", "viewer", "signed out"] as const satisfies Visitor[]) {
  test(`every page as ${visitor === "signed out" ? "someone signed out" : `the ${visitor}`}: no serious axe violation, no small target, nothing wider than a phone`, async ({ newContext }) => {
    // About 60 pages, each at two sizes.
    test.setTimeout(15 * 60_000);
    const context = await newContext();
    if (visitor !== "signed out") await addSessionCookie(context, seeded.sessions[visitor]);
    const page = await context.newPage();

    const entries = Object.values(pagesOf(seeded));
    const urls = [...(visitor === "signed out" ? entries.filter((entry) => entry.public) : entries).flatMap((entry) => entry.urls), ...notFoundUrls(seeded)];
    const names = screenNames(seeded);
    const failures: string[] = [];
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport);
      for (const url of urls) {
        await test.step(`${url} at ${viewport.width}px`, async () => {
          for (const problem of await problemsOf(page, url, viewport.name === "phone")) failures.push(`${url} at ${viewport.width}px (landed on ${new URL(page.url()).pathname}): ${problem}`);
          if (visitor === "owner") await page.screenshot({ path: test.info().outputPath(`${viewport.name}-${names.get(url)}.png`), fullPage: true });
          // Signed out, the public pages look as nobody signed in sees them (the owner's visit to /signin lands on the workspace).
          if (SCREENS && visitor !== "viewer") {
            const name = `${viewport.name}-${visitor === "owner" ? "" : "signed-out-"}${names.get(url)}.jpg`;
            await page.screenshot({ path: join(SCREENS, name), type: "jpeg", quality: 45, fullPage: true });
          }
        });
      }
    }
    expect(failures, failures.join("\n")).toEqual([]);
  });
}
