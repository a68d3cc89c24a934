// "Check your email" says where the link went and sends another on request; the resent link signs
// in where the first would have.
import { expect, test } from "../support/fixtures";
import { emailLink } from "../support/mail";

const MAGIC_LINK = /\/api\/auth\/callback\/email\?/;

test("check your email names the address and resends the link", async ({ page, uniqueEmail }) => {
  const email = uniqueEmail("resend");
  await page.goto(`/signin?${new URLSearchParams({ callbackUrl: "/onboarding" })}`);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page).toHaveURL(/\/verify-request\?/);
  await expect(page.getByTestId("verify-request-sent-to")).toContainText(`We sent a sign-in link to ${email}.`);

  const resentAt = new Date();
  await page.getByRole("button", { name: "Resend the link" }).click();
  await expect(page.getByTestId("verify-request-resent")).toHaveText("A new link is on its way.");
  await expect(page.getByTestId("verify-request-sent-to")).toContainText(email);

  await page.goto(await emailLink({ to: email, template: "magic-link", since: resentAt, linkPattern: MAGIC_LINK }));
  await expect(page).toHaveURL(/\/onboarding$/);
});
