import { Writable } from "node:stream";
import { createElement } from "react";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startResendSandbox, type ResendSandbox } from "@/dev/sandbox/resend/server";
import MagicLinkEmail from "@/emails/magic-link";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { db } from "@/server/db";
import { createLogger } from "@/server/observability/logger";
import { createEmailSender } from "./send-email";
import { createTemplateSenders } from "./templates";
import { outboxTransport, resendTransport } from "./transport";

function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger({ level: "info", destination }), lines };
}

const LINK = "https://meridian.test/api/auth/callback/email?token=abc&email=a%40example.test";
const magicLink = () => createElement(MagicLinkEmail, { url: LINK, host: "meridian.test", expiresInMinutes: 15 });

describe("sendEmail without a provider (dev outbox)", () => {
  it("renders the template and records a SENT outbox row with html, text and the link", async () => {
    const { logger, lines } = capturingLogger();
    const sendEmail = createEmailSender({ db, transport: outboxTransport, from: "Meridian <a@b.test>", logger, devOutbox: true });

    const sent = await sendEmail({ to: "reader@example.test", subject: "Sign in", template: "magic-link", react: magicLink() });

    expect(sent.links).toEqual([LINK]);
    expect(sent.providerId).toBeNull();
    const row = await db.emailOutbox.findUniqueOrThrow({ where: { id: sent.id } });
    expect(row).toMatchObject({ to: "reader@example.test", subject: "Sign in", template: "magic-link", status: "SENT", workspaceId: null, error: null });
    expect(row.sentAt).toBeInstanceOf(Date);
    expect(row.html).toContain("<html");
    expect(row.html).toContain(LINK.replace(/&/g, "&amp;"));
    expect(row.text).toContain(LINK);
    expect(row.text).not.toContain("<");
    // The dev console line carries recipient, subject and the link to follow.
    expect(lines).toContainEqual(expect.objectContaining({ to: "reader@example.test", subject: "Sign in", links: [LINK] }));
  });

  it("keeps links out of the logs and bodies out of the row in production without a provider", async () => {
    const { logger, lines } = capturingLogger();
    const sendEmail = createEmailSender({ db, transport: outboxTransport, from: "x <a@b.test>", logger, devOutbox: false });
    const sent = await sendEmail({ to: "quiet@example.test", subject: "Sign in", template: "magic-link", react: magicLink() });
    expect(JSON.stringify(lines)).not.toContain("token=abc");
    expect(lines.some((line) => line.level === "warn")).toBe(true);
    // Nobody reads the outbox in production: the row records the mail, not its link.
    expect(await db.emailOutbox.findUniqueOrThrow({ where: { id: sent.id } })).toMatchObject({ html: null, text: null });
  });

  it("refuses an invalid recipient before writing anything", async () => {
    const { logger } = capturingLogger();
    const sendEmail = createEmailSender({ db, transport: outboxTransport, from: "x <a@b.test>", logger, devOutbox: true });
    await expect(sendEmail({ to: "not-an-address", subject: "Hi", template: "magic-link", react: magicLink() })).rejects.toThrow();
    expect(await db.emailOutbox.count({ where: { to: "not-an-address" } })).toBe(0);
  });
});

describe("sendEmail through Resend", () => {
  // The local Resend (dev/sandbox/resend): the real Resend SDK code runs against it.
  const API_KEY = "re_key_test";
  let resend: ResendSandbox;
  beforeAll(async () => {
    resend = await startResendSandbox({ apiKey: API_KEY });
  });
  afterAll(() => resend.stop());

  const resendSender = (apiKey = API_KEY) =>
    createEmailSender({ db, transport: resendTransport({ apiKey, baseUrl: resend.url }), from: "Meridian <noreply@meridian.test>", logger: capturingLogger().logger, devOutbox: true });

  it("marks the row SENT with Resend's id and sends both parts, tagged with the template", async () => {
    const sent = await resendSender()({ to: "ok@example.test", subject: "Sign in", template: "magic-link", react: magicLink() });

    const [delivered] = resend.emails({ to: "ok@example.test" });
    expect(sent.providerId).toBe(delivered!.id);
    const row = await db.emailOutbox.findUniqueOrThrow({ where: { id: sent.id } });
    expect(row).toMatchObject({ status: "SENT", providerId: delivered!.id, error: null });
    expect(delivered).toMatchObject({
      from: "Meridian <noreply@meridian.test>",
      to: ["ok@example.test"],
      subject: "Sign in",
      idempotencyKey: `email-outbox/${sent.id}`,
      tags: [{ name: "template", value: "magic-link" }],
    });
    expect(delivered!.html).toContain("Sign in to Meridian");
    expect(delivered!.text).toContain(LINK);
  });

  it("keeps no body, so no working link, in the row of a delivered magic link or invitation", async () => {
    const { sendMagicLinkEmail, sendInvitationEmail } = createTemplateSenders(resendSender());
    const { workspace } = await buildWorkspaceWithOwner("Acme Ops");
    const acceptUrl = "https://meridian.test/invite/tok_live_456";
    const magic = await sendMagicLinkEmail({ to: "kept@example.test", url: LINK, expires: new Date(Date.now() + 15 * 60_000) });
    const invitation = await sendInvitationEmail({ to: "kept@example.test", workspaceName: "Acme Ops", inviterName: "Ada", role: "VIEWER", acceptUrl, workspaceId: workspace.id });

    for (const { id } of [magic, invitation]) {
      const row = await db.emailOutbox.findUniqueOrThrow({ where: { id } });
      expect(row).toMatchObject({ status: "SENT", html: null, text: null });
      expect(JSON.stringify(row)).not.toMatch(/token=abc|tok_live_456/);
    }
    // The recipient got them.
    expect(resend.emails({ to: "kept@example.test" }).map((email) => email.text)).toEqual([expect.stringContaining(acceptUrl), expect.stringContaining(LINK)]);
  });

  it("marks the row FAILED with the provider's error, keeps no body, and throws so the caller can retry", async () => {
    await expect(resendSender("re_wrong_key")({ to: "refused@example.test", subject: "Sign in", template: "magic-link", react: magicLink() })).rejects.toThrow(
      /invalid_api_key: API key is invalid/,
    );

    const row = await db.emailOutbox.findFirstOrThrow({ where: { to: "refused@example.test" } });
    expect(row).toMatchObject({ status: "FAILED", html: null, text: null, sentAt: null });
    expect(row.error).toMatch(/invalid_api_key: API key is invalid/);
    expect(resend.emails({ to: "refused@example.test" })).toEqual([]);
  });
});

describe("sendInvitationEmail", () => {
  it("records the invitation for its workspace with subject, inviter, role and accept link", async () => {
    const { workspace } = await buildWorkspaceWithOwner("Acme Ops");
    const { logger } = capturingLogger();
    const { sendInvitationEmail } = createTemplateSenders(
      createEmailSender({ db, transport: outboxTransport, from: "x <a@b.test>", logger, devOutbox: true }),
    );
    const acceptUrl = "https://meridian.test/invite/tok_123";

    const sent = await sendInvitationEmail({
      to: "new@example.test",
      workspaceName: "Acme Ops",
      inviterName: "Ada Lovelace",
      role: "VIEWER",
      acceptUrl,
      workspaceId: workspace.id,
    });

    const row = await db.emailOutbox.findUniqueOrThrow({ where: { id: sent.id } });
    expect(row).toMatchObject({ workspaceId: workspace.id, template: "invitation", subject: "Ada Lovelace invited you to Acme Ops on Meridian" });
    expect(sent.links).toEqual([acceptUrl]);
    expect(row.text).toContain("Ada Lovelace invited you to join Acme Ops as a viewer");
    expect(row.text).toContain("expires in 7 days");
  });
});
