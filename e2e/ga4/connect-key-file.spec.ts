import { writeFileSync } from "node:fs";
import { DEMO_PROPERTY, SECOND_PROPERTY } from "@/dev/sandbox/ga4/config";
import { signIn } from "../support/auth";
import { axeViolations } from "../support/axe";
import { expect, test } from "../support/fixtures";
import { downloadGa4KeyFile, releaseGa4Property } from "../support/ga4";
import { createWorkspace } from "../support/workspaces";

// The refused key file's credentialAccounts call is answered 400, which the browser logs.
test.use({ allowedConsoleErrors: [/status of 400/] });

test("an admin uploads a GA4 service account key, picks the property among those it reads, and sees the connection", async ({ page, uniqueEmail }, testInfo) => {
  test.setTimeout(60_000);
  await releaseGa4Property();
  const keyPath = testInfo.outputPath("meridian-sandbox-key.json");
  await downloadGa4KeyFile(keyPath);

  await signIn(page, uniqueEmail("ga4-admin"));
  const slug = await createWorkspace(page, "Analytics Outfitters");
  await page.goto(`/w/${slug}/connections`);
  await page.getByRole("radio", { name: /^Google Analytics 4/ }).check();
  const keyField = page.getByLabel("Service account key file (.json)");

  await test.step("a file that is not a key is refused under the field, naming what is wrong", async () => {
    const notAKey = testInfo.outputPath("client-secret.json");
    writeFileSync(notAKey, JSON.stringify({ type: "authorized_user", client_id: "x" }));
    await keyField.setInputFiles(notAKey);
    await expect(keyField).toHaveAttribute("aria-invalid", "true");
    await expect(keyField).toHaveAccessibleDescription(/^type is "authorized_user", not "service_account"/);
  });

  await test.step("the key lists the two properties its service account reads; the admin picks one by keyboard", async () => {
    await keyField.setInputFiles(keyPath);
    const property = page.getByLabel("GA4 property");
    await expect(property).toBeVisible();
    await expect(property.getByRole("option")).toHaveText([
      `${DEMO_PROPERTY.displayName} (${DEMO_PROPERTY.account.displayName} · properties/${DEMO_PROPERTY.id})`,
      `${SECOND_PROPERTY.displayName} (${SECOND_PROPERTY.account.displayName} · properties/${SECOND_PROPERTY.id})`,
    ]);
    await property.selectOption(SECOND_PROPERTY.id);
    await property.focus();
    await page.keyboard.press("ArrowUp");
    await expect(property).toHaveValue(DEMO_PROPERTY.id);
    expect(await axeViolations(page, page.getByTestId("connect-provider-picker"))).toEqual([]);
  });

  await test.step("connecting shows the property's connection", async () => {
    await page.getByRole("button", { name: "Connect Google Analytics 4", exact: true }).click();
    await expect(page.getByText(`GA4 · ${DEMO_PROPERTY.displayName} is connected. Its first sync has started.`)).toBeVisible();
    const card = page.getByRole("list", { name: "Connections" }).getByRole("listitem").filter({ hasText: `GA4 · ${DEMO_PROPERTY.displayName}` });
    await expect(card).toBeVisible();
    // The connections and the picker: what this spec drives (the page's shell is checked by the shell's own specs).
    expect(await axeViolations(page, page.getByRole("list", { name: "Connections" }))).toEqual([]);
    expect(await axeViolations(page, page.getByTestId("connect-provider-picker"))).toEqual([]);
  });
});
