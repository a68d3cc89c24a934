import { requestMagicLink, signIn } from "../support/auth";
import { expect, test } from "../support/fixtures";
import { createWorkspace } from "../support/workspaces";

test("unauthenticated visits to app pages redirect to sign-in", async ({ page }) => {
  for (const path of ["/w/some-workspace", "/w/some-workspace/settings/members", "/onboarding"]) {
    await page.goto(path);
    await expect(page).toHaveURL(`/signin?${new URLSearchParams({ callbackUrl: path })}`);
    await expect(page.getByRole("heading", { name: "Sign in to Meridian" })).toBeVisible();
  }
});

test("signing out ends the session, and signing in again returns to the page asked for", async ({ page, uniqueEmail }) => {
  const email = uniqueEmail("returning");
  await signIn(page, email);
  const slug = await createWorkspace(page, "Short Stay Ltd");

  await page.getByTestId("user-menu").click();
  await page.getByTestId("sign-out").click();
  await expect(page).toHaveURL("/signin");

  const workspacePath = `/w/${slug}/settings/members`;
  await page.goto(workspacePath);
  await expect(page).toHaveURL(`/signin?${new URLSearchParams({ callbackUrl: workspacePath })}`);

  await page.getByLabel("Email").fill(email);
  await page.goto(await requestMagicLink(page, email));
  await expect(page).toHaveURL(workspacePath);
  await expect(page.locator(`[data-testid="member-row"][data-email="${email}"]`)).toBeVisible();
});
