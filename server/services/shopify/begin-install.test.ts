import { beforeEach, describe, expect, it } from "vitest";
import { buildConnection } from "@/prisma/factories/connections";
import { buildMember, buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { db } from "@/server/db";
import { beginShopifyInstall, listInstallableWorkspaces, verifyShopifyLaunch } from "./begin-install";
import { ShopifyInstallError } from "./install-errors";
import { receiveShopifyWebhook, webhookDedupeKey } from "./receive-webhook";

const SHOP = "picker-test.myshopify.com";

beforeEach(async () => {
  await db.connection.deleteMany();
});

describe("Shopify switched off (no SHOPIFY_API_KEY/SECRET)", () => {
  it("refuses installs with a clear reason and answers webhooks 404", async () => {
    const { workspace, owner } = await buildWorkspaceWithOwner();
    const refusal = beginShopifyInstall({ userId: owner.id, workspaceSlug: workspace.slug, shop: SHOP }, { config: null });
    await expect(refusal).rejects.toThrow(ShopifyInstallError);
    await expect(refusal).rejects.toMatchObject({ reason: "not_configured", message: expect.stringContaining("SHOPIFY_API_KEY") });
    await expect(verifyShopifyLaunch(new URLSearchParams({ shop: SHOP }), { config: null })).rejects.toMatchObject({ reason: "not_configured" });

    const reply = await receiveShopifyWebhook(new Request("http://x/api/webhooks/shopify", { method: "POST", body: "{}" }), { config: null });
    expect(reply).toEqual({ status: 404, body: { ok: false, result: "shopify_not_configured" } });
  });
});

describe("listInstallableWorkspaces", () => {
  it("lists the user's OWNER/ADMIN workspaces, marks the one holding the shop, and flags a shop held elsewhere", async () => {
    const a = await buildWorkspaceWithOwner("Alpha");
    const user = a.owner;
    const b = await buildWorkspaceWithOwner("Beta");
    await buildMember(b.workspace.id, "ADMIN", user);
    const c = await buildWorkspaceWithOwner("Gamma");
    await buildMember(c.workspace.id, "MEMBER", user);

    const none = await listInstallableWorkspaces(user.id, SHOP);
    expect(none.workspaces.map((w) => [w.name, w.connectionStatus])).toEqual([
      ["Alpha", null],
      ["Beta", null],
    ]);
    expect(none.connectedElsewhere).toBe(false);

    await buildConnection(b.workspace.id, { externalAccountId: SHOP, status: "DISCONNECTED" });
    const mine = await listInstallableWorkspaces(user.id, SHOP);
    expect(mine.workspaces.map((w) => [w.name, w.connectionStatus])).toEqual([
      ["Alpha", null],
      ["Beta", "DISCONNECTED"],
    ]);
    expect(mine.connectedElsewhere).toBe(false);

    await db.connection.deleteMany();
    await buildConnection(c.workspace.id, { externalAccountId: SHOP });
    expect((await listInstallableWorkspaces(user.id, SHOP)).connectedElsewhere).toBe(true);
  });
});

describe("webhookDedupeKey", () => {
  it("keys on shop, topic and X-Shopify-Event-Id, falling back to the Webhook-Id", () => {
    const base = { shop: SHOP, topic: "orders/updated", webhookId: "w1" };
    expect(webhookDedupeKey({ ...base, eventId: "e1" })).toBe(`${SHOP}/orders/updated/event:e1`);
    expect(webhookDedupeKey({ ...base, eventId: "e1", webhookId: "w2" })).toBe(webhookDedupeKey({ ...base, eventId: "e1" }));
    expect(webhookDedupeKey({ ...base, topic: "orders/cancelled", eventId: "e1" })).not.toBe(webhookDedupeKey({ ...base, eventId: "e1" }));
    expect(webhookDedupeKey({ ...base, eventId: null })).toBe(`${SHOP}/orders/updated/webhook:w1`);
  });
});
