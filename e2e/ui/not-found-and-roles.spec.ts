// Pages inside a workspace that find nothing: a bad record id, a reconciliation day the pair does
// not have, a page the workspace does not have. Each answers with a real 404 (the document's own
// status, not a 200 that later shows "not found"), inside the app's shell, under its own tab
// title, with a way back to the list it came from.
import type { Page } from "@playwright/test";
import { query } from "../support/database";
import { expect, test } from "../support/fixtures";
import { signInWithSession } from "../support/session";
import { trpcMutation } from "../support/trpc";
import { signInWithNewWorkspace } from "../support/workspaces";

// The not-found documents answer 404, which Chromium reports as a console error.
test.use({ allowedConsoleErrors: [/status of 404/] });

/** A store, an analytics property and their reconciliation pair, with no days computed yet. */
async function seedReconciliationPair(slug: string): Promise<string> {
  const [pair] = await query<{ id: string }>(
    `WITH ws AS (SELECT id FROM "Workspace" WHERE slug = $1),
     store AS (
       INSERT INTO "Connection" (id, "workspaceId", provider, "externalAccountId", "displayName", status, "authMethod", "updatedAt")
       SELECT 'e2e-' || md5(random()::text), id, 'SHOPIFY', 'nf-' || md5(random()::text) || '.myshopify.com', 'Not Found Store', 'PAUSED', 'OAUTH', now() FROM ws
       RETURNING id, "workspaceId"),
     analytics AS (
       INSERT INTO "Connection" (id, "workspaceId", provider, "externalAccountId", "displayName", status, "authMethod", "updatedAt")
       SELECT 'e2e-' || md5(random()::text), id, 'GA4', 'properties/' || floor(random() * 1e9)::text, 'Not Found Property', 'PAUSED', 'CREDENTIALS', now() FROM ws
       RETURNING id)
     INSERT INTO "ReconciliationPair" (id, "workspaceId", "storeConnectionId", "analyticsConnectionId", "updatedAt")
     SELECT 'e2e-' || md5(random()::text), store."workspaceId", store.id, analytics.id, now() FROM store, analytics
     RETURNING id`,
    [slug],
  );
  return pair!.id;
}

test("a bad id or page inside a workspace is a 404 in the shell, with its title and a way back", async ({ page, uniqueEmail }) => {
  const slug = await signInWithNewWorkspace(page, uniqueEmail("not-found"), "Missing Things Ltd");
  const pairId = await seedReconciliationPair(slug);
  const w = `/w/${slug}`;

  const cases = [
    { path: `${w}/orders/no-such-order`, title: "Order not found", back: "All orders", backTo: `${w}/orders` },
    { path: `${w}/products/no-such-product`, title: "Product not found", back: "All products", backTo: `${w}/products` },
    { path: `${w}/customers/no-such-customer`, title: "Customer not found", back: "All customers", backTo: `${w}/customers` },
    { path: `${w}/jobs/no-such-run`, title: "Job run not found", back: "All jobs", backTo: `${w}/jobs` },
    { path: `${w}/payouts/no-such-payout`, title: "Payout not found", back: "All payouts", backTo: `${w}/payouts` },
    { path: `${w}/reconciliation/no-such-pair`, title: "Reconciliation not found", back: "All reconciliations", backTo: `${w}/reconciliation` },
    { path: `${w}/reconciliation/no-such-pair/issues`, title: "Reconciliation not found", back: "All reconciliations", backTo: `${w}/reconciliation` },
    { path: `${w}/reconciliation/${pairId}/2001-01-01`, title: "Day not found", back: "All days", backTo: `${w}/reconciliation/${pairId}` },
    { path: `${w}/reconciliation/${pairId}/not-a-date`, title: "Day not found", back: "All days", backTo: `${w}/reconciliation/${pairId}` },
    { path: `${w}/no-such-page`, title: "Page not found", back: "Go to the overview", backTo: w },
    { path: `${w}/settings/no-such-setting`, title: "Page not found", back: "Go to the overview", backTo: w },
  ];

  for (const { path, title, back, backTo } of cases) {
    await test.step(path, async () => {
      const response = await page.goto(path);
      expect(response?.status(), `${path} answers`).toBe(404);
      await expect(page).toHaveTitle(`${title} · Meridian`);
      await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
      // Inside the shell: the workspace's navigation is there.
      await expect(page.getByRole("navigation", { name: "Workspace" })).toBeVisible();
      await page.getByRole("link", { name: back }).click();
      await expect(page).toHaveURL(backTo);
    });
  }

  await test.step("a workspace the person is not in", async () => {
    const response = await page.goto("/w/no-such-workspace");
    expect(response?.status()).toBe(404);
    await expect(page).toHaveTitle("Page not found · Meridian");
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    await page.getByRole("link", { name: "Go to Meridian" }).click();
    await expect(page).toHaveURL(w);
  });
});

test("the members page offers each role only what the server allows: the sole owner can neither step down nor leave", async ({ page, newContext, uniqueEmail }) => {
  const ownerEmail = uniqueEmail("sole-owner");
  const viewerEmail = uniqueEmail("members-viewer");
  const slug = await signInWithNewWorkspace(page, ownerEmail, "Sole Owner Goods");
  const viewer = await (await newContext()).newPage();
  await signInWithSession(viewer.context(), viewerEmail);
  await query(
    `INSERT INTO "Membership" (id, "workspaceId", "userId", role, "updatedAt")
     SELECT 'e2e-' || md5(random()::text), w.id, u.id, 'VIEWER', now() FROM "Workspace" w, "User" u WHERE w.slug = $1 AND u.email = $2`,
    [slug, viewerEmail],
  );
  const row = (p: Page, email: string) => p.locator(`[data-testid="member-row"][data-email="${email}"]`);

  await test.step("the sole owner: no role select for themself, no Leave, and why", async () => {
    await page.goto(`/w/${slug}/settings/members`);
    await expect(row(page, ownerEmail).getByTestId("member-role-locked")).toHaveText(/only owner/);
    await expect(row(page, ownerEmail).getByTestId("member-role-select")).toHaveCount(0);
    await expect(row(page, viewerEmail).getByTestId("member-role-select").locator("option")).toHaveText(["Owner", "Admin", "Member", "Viewer"]);
    await expect(page.getByTestId("leave-workspace-description")).toContainText("You are the only owner, so you cannot leave.");
    await expect(page.getByTestId("leave-workspace")).toHaveCount(0);
  });

  await test.step("the viewer: roles as badges, nothing to change, and free to leave", async () => {
    await viewer.goto(`/w/${slug}/settings/members`);
    await expect(row(viewer, ownerEmail)).toContainText("Owner");
    await expect(viewer.getByTestId("member-role-select")).toHaveCount(0);
    await expect(viewer.getByTestId("member-remove")).toHaveCount(0);
    await expect(viewer.getByTestId("member-transfer-ownership")).toHaveCount(0);
    await expect(viewer.getByTestId("leave-workspace")).toBeVisible();
  });

  await test.step("with a second owner, the first may step down or leave", async () => {
    await query(`UPDATE "Membership" m SET role = 'OWNER' FROM "User" u WHERE u.id = m."userId" AND u.email = $1`, [viewerEmail]);
    await page.reload();
    await expect(row(page, ownerEmail).getByTestId("member-role-select").locator("option")).toHaveText(["Owner", "Admin", "Member", "Viewer"]);
    await expect(page.getByTestId("leave-workspace")).toBeVisible();
  });

  await test.step("removing a member leaves focus on the members' table", async () => {
    await row(page, viewerEmail).getByTestId("member-remove").click();
    await page.getByTestId("confirm-dialog-confirm").click();
    await expect(row(page, viewerEmail)).toHaveCount(0);
    await expect(page.getByRole("region", { name: "Workspace members" })).toBeFocused();
  });

  await test.step("revoking an invitation leaves focus on the invitations' card", async () => {
    const invited = await trpcMutation(page.request, "invitation.create", { workspaceSlug: slug, email: uniqueEmail("invited"), role: "VIEWER" });
    expect(invited.status()).toBe(200);
    await page.goto(`/w/${slug}/settings/invitations`);
    await page.getByTestId("invitation-revoke").click();
    await page.getByTestId("confirm-dialog-confirm").click();
    await expect(page.getByTestId("invitation-revoke")).toHaveCount(0);
    await expect(page.getByRole("region", { name: "Pending invitations" })).toBeFocused();
  });
});

test("Pause asks nothing, keeps focus on its button and offers Undo, which resumes; both are audited", async ({ page, uniqueEmail }) => {
  const slug = await signInWithNewWorkspace(page, uniqueEmail("pause-undo"), "Pause Undo Co");
  // Active, but synced just now on a daily schedule: the scheduler leaves it alone during the test.
  const [connection] = await query<{ id: string }>(
    `INSERT INTO "Connection" (id, "workspaceId", provider, "externalAccountId", "displayName", status, "authMethod", "syncFrequencyMinutes", "lastSyncedAt", "updatedAt")
     SELECT 'e2e-' || md5(random()::text), id, 'SHOPIFY', 'pause-' || md5(random()::text) || '.myshopify.com', 'Pausable Store', 'ACTIVE', 'OAUTH', 1440, now(), now()
     FROM "Workspace" WHERE slug = $1 RETURNING id`,
    [slug],
  );
  await page.goto(`/w/${slug}/connections`);
  const card = page.locator(`[data-testid="connection-card"][data-connection-id="${connection!.id}"]`);
  const pause = card.getByTestId("connection-pause");

  await pause.focus();
  await page.keyboard.press("Enter");
  await expect(card).toHaveAttribute("data-status", "PAUSED");
  await expect(pause).toHaveText("Resume");
  await expect(pause).toBeFocused();
  const toast = page.getByTestId("toast").filter({ hasText: "Pausable Store is paused" });
  await expect(toast).toBeVisible();

  await toast.getByRole("button", { name: "Undo" }).click();
  await expect(card).toHaveAttribute("data-status", "ACTIVE");
  await expect(pause).toHaveText("Pause");
  await expect(pause).toBeFocused();
  await expect(toast).toHaveCount(0);

  const audited = await query<{ action: string }>(`SELECT action FROM "AuditLog" WHERE "targetId" = $1 ORDER BY "createdAt"`, [connection!.id]);
  expect(audited.map((a) => a.action)).toEqual(["connection.paused", "connection.resumed"]);
});
