import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../_kit/clock";
import { startShopifySandbox, type ShopifySandbox, type ShopifySandboxOptions } from "./server";
import type { ShopOptions } from "./shop";

// `npm run dev` restarts keep the shop as the controls left it: the state file holds the data
// changes over the data generated from the seed.

const DOMAIN = "kept.myshopify.com";
let dir: string;
let running: ShopifySandbox | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "sandbox-state-"));
});
afterEach(async () => {
  await running?.stop();
  running = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function start(shop: Partial<ShopOptions> = {}): Promise<ShopifySandbox> {
  const options: ShopifySandboxOptions = {
    apiKey: "key",
    apiSecret: "secret",
    clock: new ManualClock(),
    stateFile: join(dir, "state.json"),
    shops: [{ domain: DOMAIN, volume: { orders: 200, products: 30, locations: 2 }, ...shop }],
  };
  running = await startShopifySandbox(options);
  return running;
}

async function stop(): Promise<void> {
  await running!.stop();
  running = undefined;
}

async function control(sandbox: ShopifySandbox, name: string, body: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const response = await fetch(`${sandbox.url}/_sandbox/${name}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ shop: DOMAIN, ...body }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

/** Changes of every kind, through the HTTP controls as the dev UI and the crash drill make them. */
async function changeEverything(sandbox: ShopifySandbox): Promise<void> {
  const shop = sandbox.shop(DOMAIN);
  const [first, second, third] = shop.store.orders.summaries();
  await control(sandbox, "updateOrder", { id: first!.id, patch: { note: "kept", tags: ["kept"] } });
  await control(sandbox, "cancelOrder", { id: second!.id });
  await control(sandbox, "deleteOrder", { id: third!.id });
  const created = (await control(sandbox, "createOrder", { patch: { note: "new" } })) as { record: { id: number } };
  await control(sandbox, "updateOrder", { id: created.record.id, patch: { tags: ["new", "edited"] } });
  const customer = shop.store.customers.summaries()[0]!;
  await control(sandbox, "updateCustomer", { id: customer.id, patch: { email: "kept@example.com" } });
  await control(sandbox, "createCustomer");
  await control(sandbox, "deleteCustomer", { id: shop.store.customers.summaries()[1]!.id });
  const [product, doomed] = shop.store.products.summaries();
  await control(sandbox, "updateProduct", { id: product!.id, patch: { title: "Kept" } });
  await control(sandbox, "deleteProduct", { id: doomed!.id });
  await control(sandbox, "createProduct", { patch: { title: "Brand new" } });
  const location = (await control(sandbox, "addLocation", { patch: { name: "Annex" } })) as { id: number };
  const level = shop.store.allInventoryLevels()[0]!;
  await control(sandbox, "setInventory", { inventoryItemId: level.inventoryItemId, locationId: level.locationId, quantities: { on_hand: 7, committed: 2 } });
  expect(location.id).toBeGreaterThan(0);
}

describe("the state file", () => {
  it("keeps the data changed through the controls across a restart", async () => {
    const first = await start();
    const generated = first.shop(DOMAIN).snapshot();
    await changeEverything(first);
    const changed = first.shop(DOMAIN).snapshot();
    const deletionEvents = [...first.shop(DOMAIN).store.deletionEvents];
    expect(changed.checksums).not.toEqual(generated.checksums);
    await stop();

    const second = await start();
    const shop = second.shop(DOMAIN);
    expect(shop.snapshot()).toEqual(changed);
    expect(shop.store.deletionEvents).toEqual(deletionEvents);
    // New records get new ids, never one handed out before the restart.
    const ids = new Set(shop.store.orders.summaries().map((o) => o.id));
    expect(ids.has(shop.createOrder().id)).toBe(false);
  });

  it("keeps bulk operation ids unique across restarts", async () => {
    const first = await start();
    const before = first.shop(DOMAIN).bulk.nextOperationId;
    first.shop(DOMAIN).install(["read_orders"]);
    first.shop(DOMAIN).bulk.run("{ orders { edges { node { id } } } }", new Set(["read_orders"]));
    await stop();
    const second = await start();
    expect(second.shop(DOMAIN).bulk.nextOperationId).toBe(before + 1);
  });

  it("drops changes made to other generated data (another volume)", async () => {
    await changeEverything(await start());
    await stop();
    const fresh = (await start({ volume: { orders: 150, products: 30, locations: 2 } })).shop(DOMAIN);
    const regenerated = await startShopifySandbox({ apiKey: "key", apiSecret: "secret", clock: new ManualClock(), shops: [{ domain: DOMAIN, volume: { orders: 150, products: 30, locations: 2 } }] });
    try {
      expect(fresh.snapshot()).toEqual(regenerated.shop(DOMAIN).snapshot());
    } finally {
      await regenerated.stop();
    }
  });

  it("reads a state file written before the sandbox kit (the bare map of shops), and rewrites it versioned", async () => {
    const stateFile = join(dir, "state.json");
    const expiresAt = new ManualClock().now() + 3_600_000;
    const legacy = { granted: ["read_orders"], tokens: { access: [["shpat_old", { expiresAt, used: true }]], refresh: [["shprt_old", { expiresAt, pairedAccessToken: "shpat_old" }]] }, subscriptions: [] };
    writeFileSync(stateFile, JSON.stringify({ [DOMAIN]: legacy }));
    const sandbox = await start();
    expect(sandbox.shop(DOMAIN).scopes).toEqual(["read_orders"]);
    const refreshed = await fetch(`${sandbox.shopOrigin(DOMAIN)}/admin/oauth/access_token`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ client_id: "key", client_secret: "secret", grant_type: "refresh_token", refresh_token: "shprt_old" }),
    });
    expect(refreshed.status).toBe(200);
    await stop();
    expect(JSON.parse(readFileSync(stateFile, "utf8"))).toMatchObject({ format: 3, state: { [DOMAIN]: { granted: ["read_orders"] } } });
  });

  it("reads orders kept by a format 1 file (before channels, journeys and shipping) as the sandbox served them then", async () => {
    await changeEverything(await start());
    await stop();
    const stateFile = join(dir, "state.json");
    const saved = JSON.parse(readFileSync(stateFile, "utf8"));
    const shop = saved.state[DOMAIN];
    const changed = shop.data.orders.changed.map(({ channel: _c, journey: _j, shippingLines: _s, totalShipping: _t, ...order }: Record<string, unknown>) => order);
    writeFileSync(stateFile, JSON.stringify({ format: 1, state: { [DOMAIN]: { ...shop, data: { ...shop.data, orders: { ...shop.data.orders, changed } } } } }));

    const kept = (await start()).shop(DOMAIN).store.orders.get(changed[0].id)!;
    expect(kept).toMatchObject({ note: "kept", channel: { appName: "Online Store", sourceName: "web" }, journey: null, shippingLines: [], totalShipping: "0.00" });
  });

  it("reads orders kept by a format 2 file (before addresses) as having none, as the sandbox served them then", async () => {
    await changeEverything(await start());
    await stop();
    const stateFile = join(dir, "state.json");
    const saved = JSON.parse(readFileSync(stateFile, "utf8"));
    const shop = saved.state[DOMAIN];
    const changed = shop.data.orders.changed.map(({ shippingAddress: _s, billingAddress: _b, ...order }: Record<string, unknown>) => order);
    writeFileSync(stateFile, JSON.stringify({ format: 2, state: { [DOMAIN]: { ...shop, data: { ...shop.data, orders: { ...shop.data.orders, changed } } } } }));

    const kept = (await start()).shop(DOMAIN).store.orders.get(changed[0].id)!;
    expect(kept).toMatchObject({ note: "kept", shippingAddress: null, billingAddress: null });
  });
});
