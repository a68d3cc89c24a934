// A provider that counts requests in fixed windows (FreeAgent, against the sandbox FreeAgent): the
// Connections card shows how much of the authorising user's allowance is used, and a sync that
// finds the hourly allowance spent sleeps until the hour, said on the card and on the run's page.
import { readServerInfo } from "@/dev/e2e/server-info";
import { signIn } from "../support/auth";
import { query } from "../support/database";
import { expect, test } from "../support/fixtures";
import { createWorkspace } from "../support/workspaces";

test("the FreeAgent card shows the request budget, and a sync waiting for the hourly allowance says when it resumes", async ({ page, uniqueEmail }) => {
  // A company belongs to one workspace: an earlier connection to the sandbox's gives it up.
  await query(`DELETE FROM "Connection" WHERE provider = 'FREEAGENT' AND settings->>'userUrl' LIKE $1`, [`${readServerInfo().freeagentSandboxUrl}/%`]);
  await signIn(page, uniqueEmail("freeagent-allowance"));
  const slug = await createWorkspace(page, "Allowance Outfitters");
  await page.goto(`/w/${slug}/connections`);
  await page.getByRole("radio", { name: /^FreeAgent/ }).check();
  await page.getByTestId("connect-submit").click();
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByTestId("connection-installed")).toContainText("FreeAgent");

  const card = page.getByTestId("connection-card");
  await expect(card.getByTestId("connection-last-run")).toContainText("Succeeded", { timeout: 60_000 });
  await page.reload();
  const requests = card.getByTestId("connection-requests");
  await expect(requests).toContainText(/Requests this minute: [\d,]+ of 120 \(resets \d{1,2}:\d\d(?: [AP]M)? UTC\)/);
  await expect(requests).toContainText(/Requests this hour: [1-9][\d,]* of 3,600 \(resets \d{1,2}:00(?: [AP]M)? UTC\)/);

  // Another client of the same FreeAgent user (the allowance is the authorising user's) spends the hour's.
  const [connection] = await query<{ userUrl: string }>(
    `SELECT c.settings->>'userUrl' AS "userUrl" FROM "Connection" c JOIN "Workspace" w ON w.id = c."workspaceId" WHERE w.slug = $1 AND c.provider = 'FREEAGENT'`,
    [slug],
  );
  const key = `freeagent:${connection!.userUrl}`;
  try {
    await query(`UPDATE "RequestWindowCount" SET windows = jsonb_set(windows, '{3600,used}', '3600') WHERE "allowanceKey" = $1`, [key]);
    await card.getByTestId("connection-sync-now").click();
    const waiting = card.getByTestId("sync-wait");
    await expect(waiting).toContainText(/^Waiting for the hourly request allowance, resumes at \d{1,2}:00(?: [AP]M)? UTC\./, { timeout: 30_000 });
    await expect(card.getByTestId("connection-last-run")).toContainText("Running");
    await expect(requests).toContainText("Requests this hour: 3,600 of 3,600");

    await card.getByTestId("connection-last-run").click();
    await expect(page.getByTestId("sync-wait")).toContainText(/^Waiting for the hourly request allowance, resumes at \d{1,2}:00(?: [AP]M)? UTC\./);
  } finally {
    // The next specs' FreeAgent syncs draw from the same user's allowance.
    await query(`DELETE FROM "RequestWindowCount" WHERE "allowanceKey" = $1`, [key]);
  }
});
