// Reads links out of the mail the app wrote to EmailOutbox (the e2e server has no RESEND_API_KEY).
// /dev/outbox would show the same, but it is never served by a production build.
import { expect } from "@playwright/test";
import { extractLinks } from "@/server/email/links";
import { query } from "./database";

type Template = "magic-link" | "invitation";

/**
 * The first link matching `linkPattern` in the newest `template` email to `to` written at or after
 * `since`, waiting for the email to arrive.
 */
export async function emailLink(options: { to: string; template: Template; since: Date; linkPattern: RegExp }): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(
      async () => {
        const rows = await query<{ html: string }>(
          `SELECT html FROM "EmailOutbox" WHERE lower("to") = lower($1) AND template = $2 AND "createdAt" >= $3 ORDER BY "createdAt" DESC LIMIT 1`,
          [options.to, options.template, options.since],
        );
        link = rows[0] && extractLinks(rows[0].html).find((href) => options.linkPattern.test(href));
        return link;
      },
      { message: `a ${options.template} email to ${options.to} with a link matching ${options.linkPattern}`, timeout: 10_000 },
    )
    .toBeTruthy();
  return link!;
}
