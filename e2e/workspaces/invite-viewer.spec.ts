import { signIn, requestMagicLink } from "../support/auth";
import { query } from "../support/database";
import { expect, test } from "../support/fixtures";
import { emailLink } from "../support/mail";
import { trpcMutation } from "../support/trpc";
import { createWorkspace } from "../support/workspaces";

test("an owner invites a viewer, who joins by email but can neither see nor use invitations", async ({ page, newContext, uniqueEmail }) => {
  const ownerEmail = uniqueEmail("owner");
  const viewerEmail = uniqueEmail("viewer");
  let slug = "";
  let invitedAt = new Date();

  await test.step("the owner signs in by magic link and creates a workspace", async () => {
    await signIn(page, ownerEmail);
    await expect(page).toHaveURL(/\/onboarding$/);
    slug = await createWorkspace(page, "Northwind Supplies");
    await expect(page.getByTestId("overview-role")).toHaveText("Owner");
  });

  await test.step("the owner invites a teammate as viewer", async () => {
    await page.goto(`/w/${slug}/settings/invitations`);
    await page.getByTestId("invite-email").fill(viewerEmail);
    await page.getByTestId("invite-role").selectOption("VIEWER");
    invitedAt = new Date();
    await page.getByTestId("invite-submit").click();
    const pending = page.locator(`[data-testid="pending-invitation-row"][data-email="${viewerEmail}"]`);
    await expect(pending).toContainText("Viewer");
  });

  const invitationUrl = await emailLink({ to: viewerEmail, template: "invitation", since: invitedAt, linkPattern: /\/invite\/[^/?#]+$/ });
  const viewer = await (await newContext()).newPage();

  await test.step("the teammate, new to Meridian, signs in from the invitation and accepts it", async () => {
    await viewer.goto(invitationUrl);
    await expect(viewer.getByTestId("invitation-workspace")).toHaveText("Northwind Supplies");
    await expect(viewer.getByTestId("invitation-role")).toHaveText("Viewer");
    await viewer.getByTestId("sign-in-to-accept").click();
    await expect(viewer).toHaveURL(/\/signin\?/);
    await expect(viewer.getByLabel("Email")).toHaveValue(viewerEmail);
    await viewer.goto(await requestMagicLink(viewer, viewerEmail));
    await expect(viewer).toHaveURL(/\/invite\//);
    await viewer.getByTestId("accept-invitation").click();
    await expect(viewer).toHaveURL(new RegExp(`/w/${slug}$`));
    await expect(viewer.getByTestId("overview-role")).toHaveText("Viewer");
  });

  await test.step("the viewer sees no invite controls", async () => {
    await viewer.goto(`/w/${slug}/settings/members`);
    await expect(viewer.locator(`[data-testid="member-row"][data-email="${viewerEmail}"]`)).toBeVisible();
    await expect(viewer.locator(`[data-testid="member-row"][data-email="${ownerEmail}"]`)).toBeVisible();
    await expect(viewer.getByTestId("members-invite-link")).toHaveCount(0);
    await expect(viewer.getByRole("link", { name: "Invitations", exact: true })).toHaveCount(0);

    await viewer.goto(`/w/${slug}/settings/invitations`);
    await expect(viewer.getByTestId("no-access")).toBeVisible();
    await expect(viewer.getByTestId("invite-form")).toHaveCount(0);
    await expect(viewer.getByTestId("invitations-table")).toHaveCount(0);
  });

  await test.step("the API refuses the viewer's direct invitation.create with 403 and writes nothing", async () => {
    const outsider = uniqueEmail("outsider");
    const refused = await trpcMutation(viewer.request, "invitation.create", { workspaceSlug: slug, email: outsider, role: "ADMIN" });
    expect(refused.status()).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { json: { data: { code: "FORBIDDEN" } } } });
    expect(await query(`SELECT id FROM "Invitation" WHERE email = $1`, [outsider])).toHaveLength(0);

    // The same request from the owner goes through: the refusal is the viewer's role, not the request.
    const accepted = await trpcMutation(page.request, "invitation.create", { workspaceSlug: slug, email: outsider, role: "MEMBER" });
    expect(accepted.status()).toBe(200);
    expect(await query(`SELECT id FROM "Invitation" WHERE email = $1`, [outsider])).toHaveLength(1);
  });
});
