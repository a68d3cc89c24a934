import { CHANNELS, SHIPBOB_DEFAULT_CHANNEL, SHIPBOB_DEV } from "@/dev/sandbox/shipbob";
import { signIn } from "../support/auth";
import { query } from "../support/database";
import { expect, test } from "../support/fixtures";
import { createWorkspace } from "../support/workspaces";

test("an admin connects ShipBob through ShipBob's sign-in, its token form a keyboard press away", async ({ page, uniqueEmail }) => {
  // An account belongs to one workspace: an earlier attempt's gives it up.
  await query(`DELETE FROM "Connection" WHERE provider = 'SHIPBOB' AND "externalAccountId" = ANY($1)`, [CHANNELS.map((c) => String(c.id))]);
  await signIn(page, uniqueEmail("shipbob-oauth"));
  const slug = await createWorkspace(page, "Signed-in Outfitters");
  await page.goto(`/w/${slug}/connections`);
  await page.getByRole("radio", { name: /^ShipBob/ }).check();
  await expect(page.getByTestId("connect-provider-shipbob")).toContainText("Sign in on ShipBob or paste Personal access token");

  // The token form waits behind its button; opened by keyboard, it takes the focus.
  const useToken = page.getByRole("button", { name: "Use a personal access token" });
  await expect(page.getByLabel("Personal access token", { exact: true })).toHaveCount(0);
  await useToken.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("region", { name: "Use a personal access token" })).toBeVisible();
  await expect(page.getByLabel("Personal access token", { exact: true })).toBeFocused();
  await expect(useToken).toHaveCount(0);

  await page.getByRole("button", { name: "Connect with ShipBob" }).click();
  await expect(page.getByRole("heading", { name: "Authorize Meridian" })).toBeVisible();
  await page.getByRole("button", { name: "Allow" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/connections`));
  await expect(page.getByTestId("connection-installed")).toContainText("ShipBob · meridian-demo.myshopify.com");

  // The account is its ShipBob Default channel; writes go through the installation's own channel.
  const [row] = await query<{ authMethod: string; externalAccountId: string; settings: { channelId: number; channelName: string } }>(
    `SELECT c."authMethod", c."externalAccountId", c.settings FROM "Connection" c JOIN "Workspace" w ON w.id = c."workspaceId" WHERE w.slug = $1 AND c.provider = 'SHIPBOB'`,
    [slug],
  );
  expect(row).toMatchObject({ authMethod: "OAUTH", externalAccountId: String(SHIPBOB_DEFAULT_CHANNEL.id), settings: { channelName: SHIPBOB_DEV.appName } });
  expect(CHANNELS.map((c) => c.id)).not.toContain(row!.settings.channelId);
});
