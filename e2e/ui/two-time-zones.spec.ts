// One time model: the same pages opened by two browsers, one in New York and one in Tokyo, show the
// same times, in the workspace's zone (Los Angeles: neither browser's, nor the server's UTC) with its
// abbreviation, and hydrate without a mismatch (the console guard fails the test on React's
// hydration errors, as on any console error).
import type { BrowserContext, Page } from "@playwright/test";
import { query } from "../support/database";
import { expect, test } from "../support/fixtures";
import { seedPopulatedWorkspace, type PopulatedWorkspace } from "../support/populated-workspace";
import { addSessionCookie } from "../support/session";

const WORKSPACE_ZONE = "America/Los_Angeles";
const ZONE_ABBREVIATION = /\bP[SD]T\b/;
const BROWSERS = [
  { timezoneId: "America/New_York", locale: "en-US" },
  { timezoneId: "Asia/Tokyo", locale: "en-US" },
] as const;

type ShownTime = { text: string; dateTime: string | null; title: string | null };

function pagesOf(w: PopulatedWorkspace): Record<string, string> {
  const ws = `/w/${w.slug}`;
  return {
    overview: ws,
    orders: `${ws}/orders`,
    order: `${ws}/orders/${w.orderIds[0]}`,
    customer: `${ws}/customers/${w.customerId}`,
    "job run": `${ws}/jobs/${w.runIds[0]}`,
    "audit log": `${ws}/settings/audit`,
  };
}

/** The page once its data is in: no loading placeholders left, every `<time>` it shows. */
async function timesOn(page: Page, url: string): Promise<ShownTime[]> {
  await page.goto(url);
  await expect(page.getByRole("status", { name: /^Loading/ })).toHaveCount(0);
  const main = page.getByRole("main");
  await expect(main.locator("time").first()).toBeVisible();
  return main.locator("time").evaluateAll((nodes) =>
    nodes.map((node) => ({ text: node.textContent ?? "", dateTime: node.getAttribute("datetime"), title: node.getAttribute("title") })),
  );
}

let seeded: PopulatedWorkspace;

test.beforeAll(async () => {
  seeded = await seedPopulatedWorkspace("Two Zones Supply");
  // Set directly: this spec is about showing times, not about recounting the dashboard's days.
  await query(`UPDATE "Workspace" SET "timeZone" = $1, "timeZoneChosenAt" = now() WHERE slug = $2`, [WORKSPACE_ZONE, seeded.slug]);
});

test("every page shows the same times in New York and Tokyo: the workspace's zone, named, and no hydration errors", async ({ newContext }) => {
  const contexts: BrowserContext[] = [];
  for (const browser of BROWSERS) {
    const context = await newContext(browser);
    await addSessionCookie(context, seeded.sessions.owner);
    contexts.push(context);
  }
  const [newYork, tokyo] = await Promise.all(contexts.map((context) => context.newPage()));

  for (const [name, url] of Object.entries(pagesOf(seeded))) {
    await test.step(name, async () => {
      const inNewYork = await timesOn(newYork!, url);
      const inTokyo = await timesOn(tokyo!, url);
      expect(inTokyo, `${name}: the times Tokyo sees`).toEqual(inNewYork);
      for (const shown of inNewYork) {
        // A time with its clock names the zone; a day alone has none to name. Either way the exact
        // instant, with the workspace zone's offset, is on hover and in the markup.
        if (/\d:\d\d/.test(shown.text)) expect(shown.text, `${name}: ${shown.text}`).toMatch(ZONE_ABBREVIATION);
        expect(shown.dateTime, `${name}: ${shown.text}`).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}-0[78]:00$/);
        expect(shown.title, `${name}: ${shown.text}`).toContain(`(${WORKSPACE_ZONE})`);
      }
      expect(inNewYork.filter((shown) => ZONE_ABBREVIATION.test(shown.text)).length, `${name}: times shown with the zone's name`).toBeGreaterThan(0);
    });
  }
});
