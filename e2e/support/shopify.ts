// The sandbox Shopify's demo shop as a spec's workspace gets it: installed through Shopify's
// install flow on the Connections page, as a person does it.
import { expect, type Page } from "@playwright/test";
import { query } from "./database";

export const SANDBOX_SHOP = "meridian-demo.myshopify.com";

/**
 * A shop belongs to one workspace: the one an earlier spec (or a retried attempt) installed it on
 * gives it up, so the next install attaches it to the caller's.
 */
export async function releaseSandboxShop(): Promise<void> {
  await query(`DELETE FROM "Connection" WHERE provider = 'SHOPIFY' AND "externalAccountId" = $1`, [SANDBOX_SHOP]);
}

/** Installs the sandbox shop on the workspace (Connections → Shopify → Install app); its first sync starts. */
export async function installSandboxShop(page: Page, slug: string): Promise<void> {
  await releaseSandboxShop();
  await page.goto(`/w/${slug}/connections`);
  await page.getByRole("radio", { name: /^Shopify/ }).check();
  await page.getByLabel("Store address").fill(SANDBOX_SHOP.replace(".myshopify.com", ""));
  await page.getByRole("button", { name: "Connect Shopify" }).click();
  await page.getByRole("button", { name: "Install app" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/connections`));
  await expect(page.getByRole("status").filter({ hasText: "is connected. Its first sync has started" })).toContainText("meridian-demo");
}
