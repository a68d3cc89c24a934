import { signIn } from "../support/auth";
import { query } from "../support/database";
import { expect, test } from "../support/fixtures";
import { createWorkspace } from "../support/workspaces";

test("an owner previews retention, runs it, and watches the run finish in Jobs", async ({ page, uniqueEmail }) => {
  let slug = "";
  let expiredAuditId = "";

  await test.step("the owner signs in and creates a workspace with a year-old audit entry", async () => {
    await signIn(page, uniqueEmail("retention-owner"));
    slug = await createWorkspace(page, "Retention Outfitters");
    const [row] = await query<{ id: string }>(
      `INSERT INTO "AuditLog" (id, "workspaceId", action, "createdAt")
       SELECT 'e2e-expired-' || md5(random()::text), id, 'workspace.updated', now() - interval '400 days'
       FROM "Workspace" WHERE slug = $1 RETURNING id`,
      [slug],
    );
    expiredAuditId = row!.id;
  });

  await test.step("the dry-run preview counts what would go, and nothing goes yet", async () => {
    await page.goto(`/w/${slug}/settings/retention`);
    await expect(page.locator('[data-testid="retention-preview-row"][data-table="auditLogs"]')).toHaveAttribute("data-count", "1");
    expect(await query(`SELECT 1 FROM "AuditLog" WHERE id = $1`, [expiredAuditId])).toHaveLength(1);
  });

  await test.step("running it asks for confirmation, then queues a run", async () => {
    await page.getByTestId("retention-run").click();
    const dialog = page.getByRole("alertdialog").or(page.getByRole("dialog"));
    await expect(dialog).toContainText("Run retention now?");
    await dialog.getByRole("button", { name: "Run retention" }).click();
    await expect(page.getByTestId("retention-run-queued")).toBeVisible();
  });

  await test.step("the run's page updates by itself until the run succeeds, with its counts", async () => {
    await page.getByTestId("retention-run-link").click();
    await expect(page).toHaveURL(new RegExp(`/w/${slug}/jobs/[^/]+$`));
    await expect(page.getByTestId("job-detail")).toHaveAttribute("data-status", "SUCCEEDED", { timeout: 30_000 });
    await expect(page.getByTestId("job-counts")).toContainText(/Deleted\s*1\b/);
    expect(await query(`SELECT 1 FROM "AuditLog" WHERE id = $1`, [expiredAuditId])).toHaveLength(0);
  });

  await test.step("Jobs lists the run, and the preview now has nothing left to remove", async () => {
    await page.goto(`/w/${slug}/jobs`);
    const row = page.locator('[data-testid="job-row"][data-kind="retention"]');
    await expect(row).toHaveCount(1);
    await expect(row).toHaveAttribute("data-status", "SUCCEEDED");
    await page.goto(`/w/${slug}/settings/retention`);
    await expect(page.locator('[data-testid="retention-preview-row"][data-table="auditLogs"]')).toHaveAttribute("data-count", "0");
  });
});
