// "Check your email" says where the link went and sends another on request; the resent link signs
// in where the first would have.
import { magicLinkSentSince, requestMagicLink } from "../support/auth";
import { expect, test } from "../support/fixtures";

test("check your email names the address and resends the link", async ({ page, uniqueEmail }) => {
  const email = uniqueEmail("resend");
  await page.goto(`/signin?${new URLSearchParams({ callbackUrl: "/onboarding" })}`);
  await page.getByLabel("Email").fill(email);
  await requestMagicLink(page, email);
  await expect(page).toHaveURL(/\/verify-request\?/);
  await expect(page.getByTestId("verify-request-sent-to")).toContainText(`We sent a sign-in link to ${email}.`);

  const resentAt = new Date();
  await page.getByRole("button", { name: "Resend the link" }).click();
  await expect(page.getByTestId("verify-request-resent")).toHaveText("A new link is on its way.");
  await expect(page.getByTestId("verify-request-sent-to")).toContainText(email);

  await page.goto(await magicLinkSentSince(email, resentAt));
  await expect(page).toHaveURL(/\/onboarding$/);
});
