// Reads links out of the mail the app sent. The e2e server sends it as production does, through
// Resend's API, to a local Resend (dev/sandbox/resend) that keeps what it accepted: the app's own
// EmailOutbox keeps no bodies once mail is delivered.
import { expect } from "@playwright/test";
import { readServerInfo } from "@/dev/e2e/server-info";
import type { SandboxEmail } from "@/dev/sandbox/resend/server";
import { extractLinks } from "@/server/email/links";

type Template = "magic-link" | "invitation";

async function mailTo(to: string): Promise<SandboxEmail[]> {
  const response = await fetch(`${readServerInfo().resendSandboxUrl}/_sandbox/emails?${new URLSearchParams({ to })}`);
  if (!response.ok) throw new Error(`The local Resend answered ${response.status}`);
  return ((await response.json()) as { data: SandboxEmail[] }).data;
}

/**
 * The first link matching `linkPattern` in the newest `template` email to `to` accepted at or
 * after `since`, waiting for the email to arrive.
 */
export async function emailLink(options: { to: string; template: Template; since: Date; linkPattern: RegExp }): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(
      async () => {
        const newest = (await mailTo(options.to)).find(
          (email) => new Date(email.createdAt) >= options.since && email.tags.some((tag) => tag.name === "template" && tag.value === options.template),
        );
        link = newest?.html ? extractLinks(newest.html).find((href) => options.linkPattern.test(href)) : undefined;
        return link;
      },
      { message: `a ${options.template} email to ${options.to} with a link matching ${options.linkPattern}`, timeout: 10_000 },
    )
    .toBeTruthy();
  return link!;
}
