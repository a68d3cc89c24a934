import { signIn } from "../support/auth";
import { query } from "../support/database";
import { expect, test } from "../support/fixtures";
import { trpcMutation } from "../support/trpc";
import { createWorkspace } from "../support/workspaces";

// The teammate's reload of the deleted workspace is answered 404, which the browser logs.
test.use({ allowedConsoleErrors: [/status of 404/] });

test("an owner deletes a workspace by typing its name; it is gone for everyone and its data is erased", async ({ page, newContext, uniqueEmail }) => {
  const ownerEmail = uniqueEmail("deleting-owner");
  const memberEmail = uniqueEmail("deleted-member");
  let slug = "";
  let workspaceId = "";
  const member = await (await newContext()).newPage();

  await test.step("the owner creates a workspace, and a teammate is a member of it", async () => {
    await signIn(page, ownerEmail);
    slug = await createWorkspace(page, "Doomed Goods");
    await signIn(member, memberEmail);
    const [row] = await query<{ id: string }>(
      `INSERT INTO "Membership" (id, "workspaceId", "userId", role, "updatedAt")
       SELECT 'e2e-' || md5(random()::text), w.id, u.id, 'MEMBER', now() FROM "Workspace" w, "User" u
       WHERE w.slug = $1 AND u.email = $2 RETURNING "workspaceId" AS id`,
      [slug, memberEmail],
    );
    workspaceId = row!.id;
    await member.goto(`/w/${slug}`);
    await expect(member.getByRole("heading", { name: "Doomed Goods" })).toBeVisible();
  });

  await test.step("a confirmation that does not match is refused, in the dialog and by the API", async () => {
    await page.goto(`/w/${slug}/settings/general`);
    await page.getByTestId("delete-workspace").click();
    const dialog = page.getByTestId("confirm-dialog");
    await expect(dialog).toContainText("Delete Doomed Goods?");
    // Focus starts in the field, so the whole confirmation works from the keyboard.
    const field = dialog.getByTestId("delete-workspace-confirmation");
    await expect(field).toBeFocused();
    await field.fill("doomed goods");
    await field.press("Enter");
    await expect(dialog.getByText("Type “Doomed Goods” exactly as shown to confirm")).toBeVisible();
    await expect(field).toHaveAttribute("aria-invalid", "true");

    const refused = await trpcMutation(page.request, "workspace.delete", { workspaceSlug: slug, confirmation: "Doomed" });
    expect(refused.status()).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { json: { data: { code: "BAD_REQUEST", zodError: { fieldErrors: { confirmation: [expect.any(String)] } } } } } });
    expect(await query(`SELECT 1 FROM "Workspace" WHERE id = $1`, [workspaceId])).toHaveLength(1);
  });

  await test.step("typing the name exactly deletes it, and the dialog follows the erasure to the end", async () => {
    const field = page.getByTestId("delete-workspace-confirmation");
    await field.fill("Doomed Goods");
    await field.press("Enter");
    const deleted = page.getByTestId("workspace-deleted");
    await expect(deleted).toContainText("Doomed Goods was deleted");
    await expect(deleted).toContainText(`/w/${slug} is free`);
    await expect(page.getByTestId("workspace-deletion-status")).toHaveAttribute("data-status", "completed", { timeout: 30_000 });
    await expect(page.getByTestId("workspace-deletion-status")).toContainText("All of its data has been erased.");
  });

  await test.step("the workspace is gone: for the teammate, from the database, and its record is kept", async () => {
    await member.reload();
    await expect(member.getByRole("heading", { name: "Page not found" })).toBeVisible();
    expect(await query(`SELECT 1 FROM "Workspace" WHERE id = $1`, [workspaceId])).toHaveLength(0);
    expect(await query(`SELECT 1 FROM "Membership" WHERE "workspaceId" = $1`, [workspaceId])).toHaveLength(0);
    const [record] = await query<{ requestedByEmail: string; workspaceSlug: string; completed: boolean }>(
      `SELECT "requestedByEmail", "workspaceSlug", "completedAt" IS NOT NULL AS completed FROM "WorkspaceDeletion" WHERE "deletedWorkspaceId" = $1`,
      [workspaceId],
    );
    expect(record).toEqual({ requestedByEmail: ownerEmail, workspaceSlug: slug, completed: true });
  });

  await test.step("the owner moves on, and the freed address can be used again", async () => {
    await page.getByTestId("workspace-deleted-continue").click();
    await expect(page).toHaveURL(/\/onboarding$/);
    expect(await createWorkspace(page, "Doomed Goods")).toBe(slug);
  });
});
