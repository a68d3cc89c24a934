// Tables people can work in (issue 16), on the Jobs list and the audit log: two failed runs ticked
// and retried together are both queued again (a succeeded one ticked with them is not, and says
// why); the audit log sorted by action and a page on comes back to the same rows after a reload.
import type { Page } from "@playwright/test";
import { query } from "../support/database";
import { expect, test } from "../support/fixtures";
import { seedPopulatedWorkspace, type PopulatedWorkspace } from "../support/populated-workspace";
import { addSessionCookie } from "../support/session";

let seeded: PopulatedWorkspace;

// Retention runs: their retry deletes nothing this spec reads, unlike a sync's.
async function insertRetentionRun(id: string, status: "FAILED" | "SUCCEEDED", hoursAgo: number) {
  await query(
    `INSERT INTO "JobRun" (id, "workspaceId", kind, trigger, status, "functionId", attempts, error, details, "queuedAt", "startedAt", "finishedAt", "durationMs")
     SELECT $2, w.id, 'retention', 'SCHEDULE', $3::"JobStatus", 'retention-run', 1, CASE WHEN $3 = 'FAILED' THEN 'Database unavailable' END,
       jsonb_build_object('event', jsonb_build_object('name', 'app/retention.requested', 'data', jsonb_build_object('workspaceId', w.id, 'trigger', 'SCHEDULE'))),
       now() - $4::int * interval '1 hour', now() - $4::int * interval '1 hour', now() - $4::int * interval '1 hour' + interval '5 seconds', 5000
     FROM "Workspace" w WHERE w.slug = $1`,
    [seeded.slug, id, status, hoursAgo],
  );
}

test.beforeAll(async () => {
  seeded = await seedPopulatedWorkspace("Tables Jobs Audit");
  // Newer than anything seeded, so they head the list.
  await insertRetentionRun("e2e-failed-a", "FAILED", -1);
  await insertRetentionRun("e2e-failed-b", "FAILED", -2);
  await insertRetentionRun("e2e-succeeded", "SUCCEEDED", -3);
  // Enough entries for three pages of 25 sorted by action, with actions tying (the id breaks ties).
  await query(
    `INSERT INTO "AuditLog" (id, "workspaceId", action, "targetType", "targetId", "createdAt")
     SELECT 'e2e-audit-' || lpad(n::text, 3, '0'), w.id, (ARRAY['member.removed', 'connection.paused', 'invitation.sent'])[1 + n % 3], 'Workspace', w.id,
       now() - n * interval '1 minute'
     FROM generate_series(1, 70) n, "Workspace" w WHERE w.slug = $1`,
    [seeded.slug],
  );
});

// The audit log first: the retries below queue retention runs, which may prune old entries while later tests run.
const shownEntries = (page: Page) => page.getByTestId("audit-row").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-entry-id")));

test("the audit log sorted by action, a page on, comes back to the same rows after a reload", async ({ page }) => {
  await addSessionCookie(page.context(), seeded.sessions.owner);
  // The log as the list sorts it by action, A first (ties: the smaller id first).
  const expected = (
    await query<{ id: string }>(`SELECT a.id FROM "AuditLog" a JOIN "Workspace" w ON w.id = a."workspaceId" WHERE w.slug = $1 ORDER BY a.action, a.id`, [seeded.slug])
  ).map((row) => row.id);
  const total = expected.length.toLocaleString("en-US");

  await page.goto(`/w/${seeded.slug}/settings/audit`);
  await expect(page.getByTestId("audit-row").first()).toBeVisible();
  await page.getByTestId("sort-action").click();
  await expect(page).toHaveURL(/sort=action&dir=asc/);
  await expect(page.getByRole("columnheader", { name: /Action/ })).toHaveAttribute("aria-sort", "ascending");
  const pager = page.getByRole("navigation", { name: "Pagination" });
  await expect(pager).toContainText(`1–25 of ${total}`);
  await expect.poll(() => shownEntries(page)).toEqual(expected.slice(0, 25));

  await page.getByTestId("pagination-next").click();
  await expect(pager).toContainText(`26–50 of ${total}`);
  await expect(page.getByTestId("audit-table")).toBeFocused();
  await expect.poll(() => shownEntries(page)).toEqual(expected.slice(25, 50));
  const url = page.url();
  expect(url).toMatch(/page=2/);

  await page.reload();
  await expect(page).toHaveURL(url);
  await expect(pager).toContainText(`26–50 of ${total}`);
  await expect.poll(() => shownEntries(page)).toEqual(expected.slice(25, 50));
  await expect(page.getByRole("columnheader", { name: /Action/ })).toHaveAttribute("aria-sort", "ascending");
});

const jobRow = (page: Page, id: string) => page.locator(`[data-testid="job-row"]:has(a[href$="/jobs/${id}"])`);

test("two failed runs and a succeeded one ticked, Retry selected: both failed runs queued again, the other kept selected with why", async ({ page }) => {
  await addSessionCookie(page.context(), seeded.sessions.owner);
  await page.goto(`/w/${seeded.slug}/jobs`);
  for (const id of ["e2e-failed-a", "e2e-failed-b", "e2e-succeeded"]) await jobRow(page, id).getByTestId("select-row").check();
  const bar = page.getByTestId("selection-bar");
  await expect(bar).toContainText("3 selected");

  await bar.getByTestId("retry-selected").click();
  const dialog = page.getByRole("alertdialog").or(page.getByRole("dialog"));
  await expect(dialog).toContainText("Retry the 3 selected runs?");
  await dialog.getByRole("button", { name: "Retry runs" }).click();
  await expect(dialog).toBeHidden();

  await expect(bar).toContainText("1 selected");
  await expect(bar.getByTestId("not-retried")).toContainText("Retention run: not retried. Only failed runs can be retried.");
  const retries = await query<{ retryOfId: string }>(`SELECT "retryOfId" FROM "JobRun" WHERE "retryOfId" IN ('e2e-failed-a', 'e2e-failed-b', 'e2e-succeeded') ORDER BY "retryOfId"`);
  expect(retries.map((row) => row.retryOfId)).toEqual(["e2e-failed-a", "e2e-failed-b"]);
  const audited = await query<{ count: string }>(
    `SELECT count(*) FROM "AuditLog" a JOIN "Workspace" w ON w.id = a."workspaceId" WHERE w.slug = $1 AND a.action = 'job.retried'`,
    [seeded.slug],
  );
  expect(Number(audited[0]!.count)).toBe(2);
  // The new runs are in the list, marked as retries.
  await expect(page.locator('[data-testid="job-row"][data-kind="retention"]', { hasText: "retry" })).toHaveCount(2);
});
