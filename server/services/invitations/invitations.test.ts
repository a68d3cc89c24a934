import { beforeEach, describe, expect, it, vi } from "vitest";
import { buildInvitation } from "@/prisma/factories/invitations";
import { buildMember, buildUser, buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { callerFor, errorOf, TEST_IP, TEST_USER_AGENT } from "@/server/api/test-utils";
import { db } from "@/server/db";
import { sendInvitationEmail } from "@/server/email";
import { hashInvitationToken } from "./token";

vi.mock("@/server/email", () => ({ sendInvitationEmail: vi.fn(async () => undefined) }));
const sent = vi.mocked(sendInvitationEmail);

function lastToken(): string {
  const url = sent.mock.lastCall?.[0].acceptUrl ?? "";
  const match = /\/invite\/([A-Za-z0-9_-]+)$/.exec(url);
  if (!match) throw new Error(`no invitation link in ${url}`);
  return match[1]!;
}

async function setUp() {
  const { workspace, owner } = await buildWorkspaceWithOwner("Acme");
  const admin = (await buildMember(workspace.id, "ADMIN")).user;
  return { workspace, owner, admin, slug: workspace.slug };
}

describe("invitations", () => {
  let w: Awaited<ReturnType<typeof setUp>>;
  beforeEach(async () => {
    sent.mockClear();
    w = await setUp();
  });

  it("emails a single-use link whose token is stored only as a hash, valid for 7 days, and audits it", async () => {
    const created = await callerFor(w.admin).invitation.create({ workspaceSlug: w.slug, email: " New.Person@Example.test ", role: "VIEWER" });
    expect(created.email).toBe("new.person@example.test");
    expect(sent).toHaveBeenCalledOnce();
    expect(sent.mock.lastCall?.[0]).toMatchObject({ to: "new.person@example.test", workspaceName: "Acme", role: "VIEWER", workspaceId: w.workspace.id });
    const token = lastToken();
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    const row = await db.invitation.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.tokenHash).toBe(hashInvitationToken(token));
    expect(row.tokenHash).not.toContain(token);
    const days = (row.expiresAt.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);
    const audit = await db.auditLog.findFirstOrThrow({ where: { workspaceId: w.workspace.id, action: "invitation.created" } });
    expect(audit).toMatchObject({ actorId: w.admin.id, targetId: created.id, ip: TEST_IP, userAgent: TEST_USER_AGENT });
  });

  it("lets only an owner invite an owner, and refuses to invite an existing member", async () => {
    const asAdmin = await errorOf(callerFor(w.admin).invitation.create({ workspaceSlug: w.slug, email: "boss@example.test", role: "OWNER" }));
    expect(asAdmin.code).toBe("FORBIDDEN");
    await expect(callerFor(w.owner).invitation.create({ workspaceSlug: w.slug, email: "boss@example.test", role: "OWNER" })).resolves.toMatchObject({ role: "OWNER" });
    const existing = await errorOf(callerFor(w.owner).invitation.create({ workspaceSlug: w.slug, email: w.admin.email.toUpperCase(), role: "MEMBER" }));
    expect(existing.code).toBe("CONFLICT");
    expect(existing.message).toContain("already a member");
  });

  it("matches a member's address exactly: an underscore is a character, not a wildcard", async () => {
    const lookalike = `_${w.admin.email.slice(1)}`;
    await expect(callerFor(w.owner).invitation.create({ workspaceSlug: w.slug, email: lookalike, role: "MEMBER" })).resolves.toMatchObject({ email: lookalike });
  });

  it("replaces a pending invitation for the same address: one row, only the newest link works", async () => {
    const caller = callerFor(w.admin);
    await caller.invitation.create({ workspaceSlug: w.slug, email: "dup@example.test", role: "VIEWER" });
    const first = lastToken();
    await caller.invitation.create({ workspaceSlug: w.slug, email: "dup@example.test", role: "MEMBER" });
    const second = lastToken();
    const pending = await caller.invitation.list({ workspaceSlug: w.slug });
    expect(pending.filter((i) => i.email === "dup@example.test").map((i) => i.role)).toEqual(["MEMBER"]);
    const invitee = await buildUser({ email: "dup@example.test" });
    expect((await errorOf(callerFor(invitee).invitation.accept({ token: first }))).code).toBe("NOT_FOUND");
    await expect(callerFor(invitee).invitation.accept({ token: second })).resolves.toEqual({ workspaceSlug: w.slug });
  });

  it("accepts for an existing user, creating the membership with the invited role, once", async () => {
    const existing = await buildUser({ email: "existing@example.test" });
    await callerFor(w.admin).invitation.create({ workspaceSlug: w.slug, email: "existing@example.test", role: "MEMBER" });
    const token = lastToken();
    expect(await callerFor(null).invitation.preview({ token })).toEqual({ status: "valid", workspaceName: "Acme", email: "existing@example.test", role: "MEMBER" });
    await expect(callerFor(existing).invitation.accept({ token })).resolves.toEqual({ workspaceSlug: w.slug });
    const membership = await db.membership.findUniqueOrThrow({ where: { workspaceId_userId: { workspaceId: w.workspace.id, userId: existing.id } } });
    expect(membership.role).toBe("MEMBER");
    expect(await db.auditLog.count({ where: { workspaceId: w.workspace.id, action: "invitation.accepted", actorId: existing.id } })).toBe(1);
    expect((await callerFor(null).invitation.preview({ token })).status).toBe("accepted");
    const reused = await errorOf(callerFor(existing).invitation.accept({ token }));
    expect(reused.code).toBe("CONFLICT");
    expect(reused.message).toMatch(/already been used/);
  });

  it("accepts for a brand-new user who signed up through the link", async () => {
    await callerFor(w.admin).invitation.create({ workspaceSlug: w.slug, email: "fresh@example.test", role: "VIEWER" });
    const token = lastToken();
    expect(await db.user.count({ where: { email: "fresh@example.test" } })).toBe(0);
    const fresh = await buildUser({ email: "fresh@example.test" }); // what the magic-link sign-in creates
    await expect(callerFor(fresh).invitation.accept({ token })).resolves.toEqual({ workspaceSlug: w.slug });
    expect(await callerFor(fresh).workspace.list()).toEqual([{ id: w.workspace.id, name: "Acme", slug: w.slug, role: "VIEWER" }]);
  });

  it("lets exactly one of two concurrent accepts through", async () => {
    const invitee = await buildUser({ email: "race@example.test" });
    const { token } = await buildInvitation({ workspaceId: w.workspace.id, email: "race@example.test" });
    const results = await Promise.allSettled([0, 1, 2].map(() => callerFor(invitee).invitation.accept({ token })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.auditLog.count({ where: { action: "invitation.accepted", actorId: invitee.id } })).toBe(1);
  });

  describe("refusals (no membership is created)", () => {
    async function expectRefused(user: { id: string; email: string }, token: string, code: string, message: RegExp) {
      const error = await errorOf(callerFor(user).invitation.accept({ token }));
      expect(error.code).toBe(code);
      expect(error.message).toMatch(message);
      expect(await db.membership.count({ where: { workspaceId: w.workspace.id, userId: user.id } })).toBe(0);
    }

    it("expired", async () => {
      const user = await buildUser({ email: "late@example.test" });
      const { token } = await buildInvitation({ workspaceId: w.workspace.id, email: user.email, expiresAt: new Date(Date.now() - 1000) });
      expect((await callerFor(null).invitation.preview({ token })).status).toBe("expired");
      await expectRefused(user, token, "BAD_REQUEST", /expired/);
    });

    it("revoked", async () => {
      const user = await buildUser({ email: "revoked@example.test" });
      const { token, invitation } = await buildInvitation({ workspaceId: w.workspace.id, email: user.email });
      await callerFor(w.admin).invitation.revoke({ workspaceSlug: w.slug, invitationId: invitation.id });
      expect((await callerFor(null).invitation.preview({ token })).status).toBe("revoked");
      expect(await callerFor(w.admin).invitation.list({ workspaceSlug: w.slug })).toEqual([]);
      await expectRefused(user, token, "FORBIDDEN", /revoked/);
    });

    it("tampered: random and modified tokens", async () => {
      const user = await buildUser({ email: "tamper@example.test" });
      const { token } = await buildInvitation({ workspaceId: w.workspace.id, email: user.email });
      const modified = (token[0] === "A" ? "B" : "A") + token.slice(1);
      for (const bad of ["not-a-token", modified, `${token}x`]) {
        expect(await callerFor(null).invitation.preview({ token: bad })).toEqual({ status: "invalid", workspaceName: null, email: null, role: null });
        await expectRefused(user, bad, "NOT_FOUND", /not valid/);
      }
    });

    it("signed in with a different email: names the invited address", async () => {
      const other = await buildUser({ email: "someone-else@example.test" });
      const { token } = await buildInvitation({ workspaceId: w.workspace.id, email: "invited@example.test" });
      await expectRefused(other, token, "FORBIDDEN", /sent to invited@example\.test.*signed in as someone-else@example\.test/);
      expect((await callerFor(null).invitation.preview({ token })).status).toBe("valid");
    });

    it("not signed in", async () => {
      const { token } = await buildInvitation({ workspaceId: w.workspace.id });
      expect((await errorOf(callerFor(null).invitation.accept({ token }))).code).toBe("UNAUTHORIZED");
    });
  });

  it("resend issues a new link and invalidates the old one", async () => {
    const user = await buildUser({ email: "resend@example.test" });
    const { token: old, invitation } = await buildInvitation({ workspaceId: w.workspace.id, email: user.email, expiresAt: new Date(Date.now() - 1000) });
    await callerFor(w.admin).invitation.resend({ workspaceSlug: w.slug, invitationId: invitation.id });
    const fresh = lastToken();
    expect(fresh).not.toBe(old);
    expect((await callerFor(null).invitation.preview({ token: old })).status).toBe("invalid");
    expect((await errorOf(callerFor(user).invitation.accept({ token: old }))).code).toBe("NOT_FOUND");
    await expect(callerFor(user).invitation.accept({ token: fresh })).resolves.toEqual({ workspaceSlug: w.slug });
    expect(await db.auditLog.count({ where: { action: "invitation.resent", targetId: invitation.id } })).toBe(1);
  });

  it("keeps an existing member's role when they accept another invitation", async () => {
    const { user } = await buildMember(w.workspace.id, "ADMIN");
    const { token } = await buildInvitation({ workspaceId: w.workspace.id, email: user.email, role: "VIEWER" });
    await expect(callerFor(user).invitation.accept({ token })).resolves.toEqual({ workspaceSlug: w.slug });
    expect((await db.membership.findFirstOrThrow({ where: { userId: user.id, workspaceId: w.workspace.id } })).role).toBe("ADMIN");
    expect((await callerFor(null).invitation.preview({ token })).status).toBe("accepted");
  });
});
