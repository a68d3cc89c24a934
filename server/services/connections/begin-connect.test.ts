import { beforeEach, describe, expect, it } from "vitest";
import { buildConnection } from "@/prisma/factories/connections";
import { buildMember, buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { ConnectError } from "@/server/connectors/_core/auth";
import { db } from "@/server/db";
import { beginConnect, checkConnectAccount, loadConnectPicker, verifyProviderLaunch } from "./begin-connect";

const SHOP = "picker-test.myshopify.com";
const config = { apiKey: "k", apiSecret: "s", scopes: ["read_orders"], appUrl: "http://app.test", shopOriginTemplate: "https://{shop}" };

beforeEach(async () => {
  await db.connection.deleteMany();
});

describe("a provider switched off (Shopify without SHOPIFY_API_KEY/SECRET)", () => {
  it("refuses connects and launches with a clear reason", async () => {
    const { workspace, owner } = await buildWorkspaceWithOwner();
    const refusal = beginConnect({ userId: owner.id, provider: "SHOPIFY", query: new URLSearchParams({ workspace: workspace.slug, shop: SHOP }) }, { config: null });
    await expect(refusal).rejects.toThrow(ConnectError);
    await expect(refusal).rejects.toMatchObject({ reason: "not_configured", message: expect.stringContaining("SHOPIFY_API_KEY") });
    await expect(verifyProviderLaunch("SHOPIFY", new URLSearchParams({ shop: SHOP }), { config: null })).rejects.toMatchObject({ reason: "not_configured" });
    expect(await checkConnectAccount(workspace.id, { provider: "SHOPIFY", account: SHOP }, { config: null })).toEqual({
      ok: false,
      message: expect.stringContaining("SHOPIFY_API_KEY"),
    });
  });

  it("refuses a sign-in connect when the provider works but its OAuth app is not configured (ShipBob without SHIPBOB_CLIENT_ID/SECRET)", async () => {
    const { workspace, owner } = await buildWorkspaceWithOwner();
    const refusal = beginConnect({ userId: owner.id, provider: "SHIPBOB", query: new URLSearchParams({ workspace: workspace.slug }) });
    await expect(refusal).rejects.toMatchObject({ reason: "sign_in_not_configured", message: expect.stringMatching(/^Connecting through ShipBob's sign-in is not set up .*SHIPBOB_CLIENT_ID/) });
  });
});

describe("checkConnectAccount (the Connections form, before it leaves)", () => {
  it("answers the account as the install takes it, or the field's message", async () => {
    const { workspace } = await buildWorkspaceWithOwner();
    expect(await checkConnectAccount(workspace.id, { provider: "SHOPIFY", account: " Picker-Test " }, { config })).toEqual({ ok: true, account: SHOP });
    expect(await checkConnectAccount(workspace.id, { provider: "SHOPIFY", account: "www.acme.com" }, { config })).toEqual({
      ok: false,
      message: "Enter your store's myshopify.com address, e.g. acme.myshopify.com",
    });
    const other = await buildWorkspaceWithOwner("Other");
    await buildConnection(other.workspace.id, { externalAccountId: SHOP });
    expect(await checkConnectAccount(workspace.id, { provider: "SHOPIFY", account: SHOP }, { config })).toMatchObject({
      ok: false,
      message: expect.stringContaining("already connected to another Meridian workspace"),
    });
  });
});

describe("loadConnectPicker", () => {
  it("lists the user's OWNER/ADMIN workspaces, marks the one holding the account, and flags an account held elsewhere", async () => {
    const a = await buildWorkspaceWithOwner("Alpha");
    const user = a.owner;
    const b = await buildWorkspaceWithOwner("Beta");
    await buildMember(b.workspace.id, "ADMIN", user);
    const c = await buildWorkspaceWithOwner("Gamma");
    await buildMember(c.workspace.id, "MEMBER", user);

    const none = (await loadConnectPicker(user.id, "shopify", SHOP))!;
    expect(none).toMatchObject({ providerName: "Shopify", account: SHOP, install: { path: "/api/connections/shopify/install", query: { shop: SHOP } } });
    expect(none.workspaces.map((w) => [w.name, w.connectionStatus])).toEqual([
      ["Alpha", null],
      ["Beta", null],
    ]);
    expect(none.connectedElsewhere).toBe(false);

    await buildConnection(b.workspace.id, { externalAccountId: SHOP, status: "DISCONNECTED" });
    const mine = (await loadConnectPicker(user.id, "shopify", SHOP))!;
    expect(mine.workspaces.map((w) => [w.name, w.connectionStatus])).toEqual([
      ["Alpha", null],
      ["Beta", "DISCONNECTED"],
    ]);
    expect(mine.connectedElsewhere).toBe(false);

    await db.connection.deleteMany();
    await buildConnection(c.workspace.id, { externalAccountId: SHOP });
    expect((await loadConnectPicker(user.id, "shopify", SHOP))!.connectedElsewhere).toBe(true);

    expect(await loadConnectPicker(user.id, "shopify", "evil.com")).toMatchObject({ account: null, workspaces: [] });
    expect(await loadConnectPicker(user.id, "shipbob", SHOP)).toBeNull();
  });
});
