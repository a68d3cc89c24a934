import { expect, type Page } from "@playwright/test";

/** Creates a workspace from /onboarding and returns its slug once its overview is open. */
export async function createWorkspace(page: Page, name: string): Promise<string> {
  await page.goto("/onboarding");
  await page.getByTestId("workspace-name-input").fill(name);
  await page.getByTestId("create-workspace-submit").click();
  await expect(page).toHaveURL(/\/w\/[^/]+$/);
  await expect(page.getByRole("heading", { name })).toBeVisible();
  return new URL(page.url()).pathname.split("/")[2]!;
}
