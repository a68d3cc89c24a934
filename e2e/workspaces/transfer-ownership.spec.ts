import { signIn } from "../support/auth";
import { query } from "../support/database";
import { expect, test } from "../support/fixtures";
import { createWorkspace } from "../support/workspaces";

test("an owner hands ownership to an admin from the Members page and becomes an admin", async ({ page, newContext, uniqueEmail }) => {
  const ownerEmail = uniqueEmail("handing-owner");
  const adminEmail = uniqueEmail("next-owner");
  let slug = "";

  await test.step("the owner's workspace has an admin", async () => {
    await signIn(page, ownerEmail);
    slug = await createWorkspace(page, "Handover Supply");
    await signIn(await (await newContext()).newPage(), adminEmail);
    await query(
      `INSERT INTO "Membership" (id, "workspaceId", "userId", role, "updatedAt")
       SELECT 'e2e-' || md5(random()::text), w.id, u.id, 'ADMIN', now() FROM "Workspace" w, "User" u WHERE w.slug = $1 AND u.email = $2`,
      [slug, adminEmail],
    );
  });

  await test.step("the owner transfers ownership from the keyboard", async () => {
    await page.goto(`/w/${slug}/settings/members`);
    const adminRow = page.locator(`[data-testid="member-row"][data-email="${adminEmail}"]`);
    const ownerRow = page.locator(`[data-testid="member-row"][data-email="${ownerEmail}"]`);
    await expect(ownerRow.getByTestId("member-transfer-ownership")).toHaveCount(0);
    await adminRow.getByRole("button", { name: `Transfer ownership to ${adminEmail}` }).focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Transfer ownership?" });
    await expect(dialog).toContainText(`${adminEmail} becomes an owner of this workspace and you become an admin`);
    await dialog.getByTestId("confirm-dialog-confirm").click();

    // The pressed button is gone: focus is on the members' table, not the page body.
    await expect(page.getByRole("region", { name: "Workspace members" })).toBeFocused();
    // The page refreshed with the owner's new role.
    await expect(page.getByTestId("workspace-switcher")).toContainText("Admin");
    // An admin now: no say over the new owner's role, and no Owner to hand out.
    await expect(adminRow.getByTestId("member-role-select")).toHaveCount(0);
    await expect(adminRow).toContainText("Owner");
    await expect(ownerRow.getByTestId("member-role-select")).toHaveValue("ADMIN");
    await expect(ownerRow.getByTestId("member-role-select").locator("option")).toHaveText(["Admin", "Member", "Viewer"]);
    await expect(page.getByTestId("member-transfer-ownership")).toHaveCount(0);
  });

  await test.step("the roles are stored and audited, and deleting is now out of the previous owner's reach", async () => {
    const roles = await query<{ email: string; role: string }>(
      `SELECT u.email, m.role::text FROM "Membership" m JOIN "User" u ON u.id = m."userId" JOIN "Workspace" w ON w.id = m."workspaceId" WHERE w.slug = $1 ORDER BY u.email`,
      [slug],
    );
    expect(Object.fromEntries(roles.map((r) => [r.email, r.role]))).toEqual({ [ownerEmail]: "ADMIN", [adminEmail]: "OWNER" });
    expect(
      await query(`SELECT 1 FROM "AuditLog" a JOIN "Workspace" w ON w.id = a."workspaceId" WHERE w.slug = $1 AND a.action = 'member.ownership_transferred'`, [slug]),
    ).toHaveLength(1);
    await page.goto(`/w/${slug}/settings/general`);
    await expect(page.getByTestId("danger-zone")).toContainText("Only an owner can delete this workspace.");
    await expect(page.getByTestId("delete-workspace")).toHaveCount(0);
  });
});
