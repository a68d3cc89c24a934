import { createHmac, randomUUID } from "node:crypto";
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { serveWebhookIntake, type WebhookIntake } from "@/dev/test/serve-webhook-intake";
import { withInngestRunner, type InngestHarness } from "@/dev/test/inngest";
import { inngest, inngestServeLocation } from "@/inngest/client";
import { diagnosticsNoop } from "@/inngest/functions/diagnostics-noop";
import { buildConnection } from "@/prisma/factories/connections";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { callerFor } from "@/server/api/test-utils";
import { db } from "@/server/db";
import { sendMagicLinkEmail } from "@/server/email";
import { appUrl } from "@/server/env";
import { receiveWebhook } from "@/server/services/webhooks/receive-webhook";

// Attacker probes (issue 10) against background jobs, mail and webhooks: an unsigned Inngest sync
// naming another host, the mail table read after delivery, and a huge signed webhook. Each ran
// against a live Meridian and each failed before its fix.

// Mail goes out as in production, through Resend (the local one in dev/sandbox/resend). Set
// before anything reads server/env.
const resend = await vi.hoisted(async () => {
  const { startResendSandbox } = await import("@/dev/sandbox/resend/server");
  const sandbox = await startResendSandbox({ apiKey: "re_probe_key" });
  Object.assign(process.env, { RESEND_API_KEY: "re_probe_key", RESEND_BASE_URL: sandbox.url });
  return sandbox;
});
afterAll(() => resend.stop());

/** A request with a Host header of our choosing (fetch does not let a caller set one). */
function sendWithHost(url: string, method: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers: { host } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("an unsigned Inngest sync naming another host", () => {
  let harness: InngestHarness;
  beforeAll(async () => {
    // The app's functions served as its route serves them, synced with the local runner.
    harness = await withInngestRunner(inngest, [diagnosticsNoop], {}, inngestServeLocation());
  });
  afterAll(() => harness?.stop());

  it("leaves the runner calling the app at its configured URL only", async () => {
    expect(await sendWithHost(harness.appUrl, "PUT", "evil.example")).toBe(200);

    const urls = harness.runner.listFunctions().flatMap((fn) => Object.values(fn.steps).map((step) => step.runtime.url));
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url.startsWith(`${appUrl()}/api/inngest?`)).toBe(true);
    expect(urls.join(" ")).not.toContain("evil.example");
  });
});

describe("the mail table, read after delivery", () => {
  it("holds no sign-in or invitation link once Resend has the mail", async () => {
    const tag = randomUUID().slice(0, 8);
    const signingIn = `probe-${tag}@example.test`;
    const invited = `invited-${tag}@example.test`;
    // What Auth.js's email provider calls with the link it made, and an owner's invitation.
    const link = `${appUrl()}/api/auth/callback/email?callbackUrl=%2F&token=live-${tag}&email=${encodeURIComponent(signingIn)}`;
    await sendMagicLinkEmail({ to: signingIn, url: link, expires: new Date(Date.now() + 15 * 60_000) });
    const { workspace, owner } = await buildWorkspaceWithOwner("Probe");
    await callerFor(owner).invitation.create({ workspaceSlug: workspace.slug, email: invited, role: "MEMBER" });

    // The people asked for got working links...
    const delivered = [...resend.emails({ to: signingIn }), ...resend.emails({ to: invited })];
    expect(delivered.map((email) => email.text)).toEqual([expect.stringContaining(`token=live-${tag}`), expect.stringMatching(/\/invite\/\S+/)]);
    // ...and whoever reads EmailOutbox (a backup, a support tool, an injected query) gets none.
    const rows = await db.emailOutbox.findMany({ where: { to: { in: [signingIn, invited] } }, orderBy: { createdAt: "asc" } });
    expect(rows.map((row) => [row.template, row.status, row.html, row.text])).toEqual([
      ["magic-link", "SENT", null, null],
      ["invitation", "SENT", null, null],
    ]);
  });
});

describe("a huge signed Shopify webhook", () => {
  const SECRET = "probe-webhook-secret";
  const SHOP = "probe-shop.myshopify.com";
  let intake: WebhookIntake;
  beforeAll(async () => {
    const config = { apiKey: "probe-key", apiSecret: SECRET, scopes: [], appUrl: "https://meridian.test", shopOriginTemplate: "https://{shop}" };
    intake = await serveWebhookIntake((request, provider) => receiveWebhook(request, provider, { config, sendEvents: async () => undefined }));
  });
  afterAll(() => intake?.close());

  it("is refused with 413 and not stored", async () => {
    const { workspace } = await buildWorkspaceWithOwner("Huge webhook");
    await buildConnection(workspace.id, { externalAccountId: SHOP });
    const body = JSON.stringify({ id: 1, updated_at: "2026-11-01T00:00:00Z", note: "x".repeat(20 * 1024 * 1024) });

    const response = await fetch(`${intake.url}/shopify`, {
      method: "POST",
      body,
      headers: {
        "content-type": "application/json",
        "x-shopify-topic": "orders/updated",
        "x-shopify-hmac-sha256": createHmac("sha256", SECRET).update(body).digest("base64"),
        "x-shopify-shop-domain": SHOP,
        "x-shopify-api-version": "2026-10",
        "x-shopify-webhook-id": randomUUID(),
        "x-shopify-event-id": randomUUID(),
      },
    });

    expect(response.status).toBe(413);
    expect(await db.webhookEvent.count({ where: { workspaceId: workspace.id } })).toBe(0);
  });
});
