// Signing in the way a person does: the magic-link form on /signin, then the link from the email.
import { expect, type Page } from "@playwright/test";
import { emailLink } from "./mail";

const MAGIC_LINK = /\/api\/auth\/callback\/email\?/;

/** Submits the sign-in form already open on `page` (email filled) and returns the emailed link. */
export async function requestMagicLink(page: Page, email: string): Promise<string> {
  const since = new Date();
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page).toHaveURL(/\/verify-request(\?|$)/);
  return magicLinkSentSince(email, since);
}

/** The sign-in link of the newest magic-link email to `email` sent at or after `since`, once it arrives. */
export function magicLinkSentSince(email: string, since: Date): Promise<string> {
  return emailLink({ to: email, template: "magic-link", since, linkPattern: MAGIC_LINK });
}

/** Signs `email` in (a new user is created on first sign-in); the page ends where the callback leads. */
export async function signIn(page: Page, email: string, options: { callbackPath?: string } = {}): Promise<void> {
  const query = options.callbackPath ? `?${new URLSearchParams({ callbackUrl: options.callbackPath })}` : "";
  await page.goto(`/signin${query}`);
  await page.getByLabel("Email").fill(email);
  await page.goto(await requestMagicLink(page, email));
}
