import { expect, type Page } from "@playwright/test";
import superjson from "superjson";
import { signInWithSession } from "./session";
import { trpcMutation } from "./trpc";

/** Creates a workspace from /onboarding and returns its slug once its overview is open. */
export async function createWorkspace(page: Page, name: string): Promise<string> {
  await page.goto("/onboarding");
  await page.getByTestId("workspace-name-input").fill(name);
  await page.getByTestId("create-workspace-submit").click();
  await expect(page).toHaveURL(/\/w\/[^/]+$/);
  await expect(page.getByRole("heading", { name })).toBeVisible();
  return new URL(page.url()).pathname.split("/")[2]!;
}

/**
 * Signs `email` in on `page`'s context (a database session) and creates a workspace through the API,
 * for specs about what happens inside one rather than how it is made; returns its slug.
 */
export async function signInWithNewWorkspace(page: Page, email: string, name: string): Promise<string> {
  await signInWithSession(page.context(), email);
  const created = await trpcMutation(page.request, "workspace.create", { name });
  expect(created.status()).toBe(200);
  return (superjson.deserialize((await created.json()).result.data) as { slug: string }).slug;
}
