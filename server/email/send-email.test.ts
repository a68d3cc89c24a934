import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { createElement } from "react";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
    const sendEmail = createEmailSender({ db, transport: outboxTransport, from: "Meridian <a@b.test>", logger, logLinks: true });

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

  it("keeps links out of the logs when told to (production without a provider)", async () => {
    const { logger, lines } = capturingLogger();
    const sendEmail = createEmailSender({ db, transport: outboxTransport, from: "x <a@b.test>", logger, logLinks: false });
    await sendEmail({ to: "quiet@example.test", subject: "Sign in", template: "magic-link", react: magicLink() });
    expect(JSON.stringify(lines)).not.toContain("token=abc");
    expect(lines.some((line) => line.level === "warn")).toBe(true);
  });

  it("refuses an invalid recipient before writing anything", async () => {
    const { logger } = capturingLogger();
    const sendEmail = createEmailSender({ db, transport: outboxTransport, from: "x <a@b.test>", logger, logLinks: true });
    await expect(sendEmail({ to: "not-an-address", subject: "Hi", template: "magic-link", react: magicLink() })).rejects.toThrow();
    expect(await db.emailOutbox.count({ where: { to: "not-an-address" } })).toBe(0);
  });
});

describe("sendEmail through Resend", () => {
  // A local stand-in for api.resend.com: the real Resend SDK code runs against it.
  let server: Server;
  let baseUrl: string;
  const received: { auth: string | undefined; idempotencyKey: string | undefined; body: Record<string, unknown> }[] = [];

  async function readJson(req: IncomingMessage) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
  }

  beforeAll(async () => {
    server = createServer(async (req, res) => {
      const body = await readJson(req);
      received.push({ auth: req.headers.authorization, idempotencyKey: req.headers["idempotency-key"] as string | undefined, body });
      res.setHeader("content-type", "application/json");
      if (req.method === "POST" && req.url === "/emails" && body.to !== "bounce@example.test") {
        res.end(JSON.stringify({ id: "re_test_123" }));
      } else {
        res.statusCode = 422;
        res.end(JSON.stringify({ statusCode: 422, name: "validation_error", message: "The recipient is on the suppression list" }));
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("marks the row SENT with Resend's id and sends both parts", async () => {
    const { logger } = capturingLogger();
    const transport = resendTransport({ apiKey: "re_key_test", baseUrl });
    const sendEmail = createEmailSender({ db, transport, from: "Meridian <noreply@meridian.test>", logger, logLinks: true });

    const sent = await sendEmail({ to: "ok@example.test", subject: "Sign in", template: "magic-link", react: magicLink() });

    expect(sent.providerId).toBe("re_test_123");
    const row = await db.emailOutbox.findUniqueOrThrow({ where: { id: sent.id } });
    expect(row).toMatchObject({ status: "SENT", providerId: "re_test_123", error: null });
    const request = received.at(-1)!;
    expect(request.auth).toBe("Bearer re_key_test");
    expect(request.idempotencyKey).toBe(`email-outbox/${sent.id}`);
    expect(request.body).toMatchObject({ from: "Meridian <noreply@meridian.test>", to: "ok@example.test", subject: "Sign in" });
    expect(String(request.body.html)).toContain("Sign in to Meridian");
    expect(String(request.body.text)).toContain(LINK);
  });

  it("marks the row FAILED with the provider's error and throws so the caller can retry", async () => {
    const { logger } = capturingLogger();
    const sendEmail = createEmailSender({ db, transport: resendTransport({ apiKey: "re_key_test", baseUrl }), from: "x <a@b.test>", logger, logLinks: true });

    await expect(
      sendEmail({ to: "bounce@example.test", subject: "Sign in", template: "magic-link", react: magicLink() }),
    ).rejects.toThrow(/suppression list/);

    const row = await db.emailOutbox.findFirstOrThrow({ where: { to: "bounce@example.test" } });
    expect(row.status).toBe("FAILED");
    expect(row.error).toMatch(/validation_error: The recipient is on the suppression list/);
    expect(row.sentAt).toBeNull();
  });
});

describe("sendInvitationEmail", () => {
  it("records the invitation for its workspace with subject, inviter, role and accept link", async () => {
    const { workspace } = await buildWorkspaceWithOwner("Acme Ops");
    const { logger } = capturingLogger();
    const { sendInvitationEmail } = createTemplateSenders(
      createEmailSender({ db, transport: outboxTransport, from: "x <a@b.test>", logger, logLinks: true }),
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
