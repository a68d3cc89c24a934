import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ManualClock } from "../_kit/clock";
import { verifyStandardWebhook } from "../_kit/signing";
import { generateCatalog } from "../shopify/generate";
import { SHIPBOB_DEV, startShipBobSandbox, type ShipBobSandbox } from ".";

// The sandbox ShipBob driven as a connector would: over real HTTP, with ShipBob's documented
// shapes as the expectation (spec/SOURCE.md, NOTES.md).

const EPOCH = Date.UTC(2026, 9, 15);
const SHOPIFY = { seed: "meridian-demo.myshopify.com", epoch: EPOCH, volume: { orders: 2000, products: 30 } };
const sandboxes: ShipBobSandbox[] = [];
let receiver: Server;
let webhookUrl: string;
const received: { headers: IncomingHttpHeaders; raw: string }[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c)).on("end", () => {
      received.push({ headers: req.headers, raw: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/webhooks/shipbob`;
});
afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((s) => s.stop()));
  received.length = 0;
});
afterAll(() => new Promise((resolve) => receiver.close(resolve)));

async function start(options: { seed?: string; stateFile?: string; clock?: ManualClock } = {}) {
  const clock = options.clock ?? new ManualClock(EPOCH);
  const sandbox = await startShipBobSandbox({ seed: options.seed ?? "demo", epoch: EPOCH, volume: { orders: 40, products: 25, centres: 3, returns: 7 }, shopify: SHOPIFY, clock, webhookUrl, stateFile: options.stateFile });
  sandboxes.push(sandbox);
  return { sandbox, clock };
}

const pat = { Authorization: `Bearer ${SHIPBOB_DEV.pat}` };
const getJson = async (url: string, headers: Record<string, string> = pat) => {
  const response = await fetch(url, { headers });
  return { response, body: (await response.json()) as unknown };
};
const bearer = (accessToken: string) => ({ Authorization: `Bearer ${accessToken}` });

type Issued = { access_token: string; refresh_token: string; expires_in: number };
const REDIRECT = "http://app.test/callback";
const tokenRequest = (sandbox: ShipBobSandbox, params: Record<string, string>) =>
  fetch(`${sandbox.url}/connect/token`, { method: "POST", body: new URLSearchParams({ client_id: SHIPBOB_DEV.client.clientId, client_secret: SHIPBOB_DEV.client.clientSecret, ...params }) });
/** The dev OAuth app granted `scope`: the consent page's Allow, then the code exchanged. */
async function grant(sandbox: ShipBobSandbox, scope: string): Promise<Issued> {
  const authorize = new URLSearchParams({ response_type: "code", client_id: SHIPBOB_DEV.client.clientId, redirect_uri: REDIRECT, scope, state: "st" });
  const approved = await fetch(`${sandbox.url}/connect/authorize`, { method: "POST", body: authorize, redirect: "manual" });
  const code = new URL(approved.headers.get("location")!).searchParams.get("code")!;
  return (await (await tokenRequest(sandbox, { grant_type: "authorization_code", code, redirect_uri: REDIRECT })).json()) as Issued;
}

describe("sandbox ShipBob", () => {
  it("pages orders with Page/Limit and ShipBob's headers, followed by Next-Page to the end, each order once", async () => {
    const { sandbox } = await start();
    const seen: number[] = [];
    let pages = 0;
    for (let next: string | null = "/2026-01/order?Limit=15"; next; pages++) {
      const { response, body } = await getJson(`${sandbox.url}${next}`);
      expect(response.status).toBe(200);
      expect([response.headers.get("page-size"), response.headers.get("total-count"), response.headers.get("total-pages")]).toEqual(["15", "40", "3"]);
      seen.push(...(body as { id: number }[]).map((o) => o.id));
      next = response.headers.get("next-page");
    }
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(40);
    expect(seen).toHaveLength(40);
  });

  it("pages cursor endpoints by the body's next, verbatim, each record once; the same for returns' numbered cursor", async () => {
    const { sandbox } = await start();
    for (const [first, key, total] of [
      ["/2026-01/inventory-level?PageSize=7", "inventory_id", sandbox.account.inventory.size],
      ["/2026-01/inventory-level/locations?PageSize=9", "inventory_id", sandbox.account.inventory.size],
      ["/2026-01/product?PageSize=4", "id", 25],
      ["/2026-01/return?Limit=3", "id", 7],
    ] as const) {
      const seen: number[] = [];
      for (let next: string | null = first; next; ) {
        const { response, body } = await getJson(`${sandbox.url}${next}`);
        expect(response.status, next).toBe(200);
        const page = body as { items: Record<string, number>[]; next: string | null };
        seen.push(...page.items.map((item) => item[key]!));
        next = page.next;
      }
      expect(seen, first).toHaveLength(total);
      expect(new Set(seen).size).toBe(total);
    }
  });

  it("mirrors most of the sandbox Shopify's SKUs, not all, and references its orders", async () => {
    const { sandbox } = await start();
    const shopifySkus = new Set(generateCatalog({ ...SHOPIFY, volume: { ...SHOPIFY.volume, locations: 0 } }).variants.flatMap((v) => (v.sku ? [v.sku] : [])));
    const shipbobSkus = [...sandbox.account.inventory.values()].map((v) => v.sku);
    const shared = shipbobSkus.filter((s) => shopifySkus.has(s));
    expect(shared.length).toBeGreaterThan(shipbobSkus.length * 0.8);
    expect(sandbox.account.onlyInShopify.length).toBeGreaterThan(0);
    expect(sandbox.account.onlyInShipBob.every((s) => !shopifySkus.has(s))).toBe(true);
    // ShipBob's 40 orders fulfil the shop's latest 40 of 2000: index 1960 is Shopify's order #2961.
    const { body } = await getJson(`${sandbox.url}/2026-01/order?ReferenceIds=5000001960`);
    expect(body).toMatchObject([{ id: 400_000_000, reference_id: "5000001960", order_number: "#2961", channel: { id: 100_002, name: "meridian-demo.myshopify.com" } }]);
  });

  it("answers the 151st request within a minute 429 with x-retry-after, per user and application", async () => {
    const { sandbox, clock } = await start();
    for (let i = 0; i < 150; i++) {
      expect((await fetch(`${sandbox.url}/2026-01/fulfillment-center`, { headers: pat })).status).toBe(200);
      clock.advance(100);
    }
    const { response, body } = await getJson(`${sandbox.url}/2026-01/fulfillment-center`);
    expect([response.status, response.headers.get("x-retry-after"), response.headers.get("x-remaining-calls")]).toEqual([429, "45", "0"]);
    expect(body).toEqual({ statusCode: 429, message: "Rate limit is exceeded. Try again in 45 seconds." });
    // The same user through the OAuth app is another user+application pair.
    const issued = sandbox.tokens.issue({ scope: "orders_read", clientId: SHIPBOB_DEV.client.clientId, subject: `${SHIPBOB_DEV.userId}:${SHIPBOB_DEV.client.clientId}` });
    expect((await fetch(`${sandbox.url}/2026-01/fulfillment-center`, { headers: { Authorization: `Bearer ${issued.accessToken}` } })).status).toBe(200);
    clock.advance(45_000);
    expect((await fetch(`${sandbox.url}/2026-01/fulfillment-center`, { headers: pat })).status).toBe(200);
  });

  it("refuses a request that breaks the spec with ShipBob's 400, naming the field", async () => {
    const { sandbox } = await start();
    const orders = await getJson(`${sandbox.url}/2026-01/order?Limit=500`);
    expect(orders.response.status).toBe(400);
    expect(Object.keys(orders.body as object)).toEqual(["Limit"]);
    const receiving = await getJson(`${sandbox.url}/2026-01/receiving?Colour=blue`);
    expect(receiving.response.status).toBe(400);
    expect(receiving.body).toMatchObject({ status: 400, errors: { Colour: ["is not a parameter of this operation"] } });
    expect((await getJson(`${sandbox.url}/2026-01/order`, {})).response.status).toBe(401);
  });

  it("connects by OAuth: code exchange, refresh rotation, and a spent refresh token refused", async () => {
    const { sandbox } = await start();
    const token = (params: Record<string, string>) => tokenRequest(sandbox, params);
    const exchanged = await grant(sandbox, "orders_read offline_access");
    expect(exchanged.expires_in).toBe(3600);
    expect((await getJson(`${sandbox.url}/2026-01/channel`, bearer(exchanged.access_token))).response.status).toBe(200);
    const rotated = await token({ grant_type: "refresh_token", refresh_token: exchanged.refresh_token });
    expect(rotated.status).toBe(200);
    const { access_token } = (await rotated.json()) as { access_token: string };
    const reused = await token({ grant_type: "refresh_token", refresh_token: exchanged.refresh_token });
    expect([reused.status, ((await reused.json()) as { error: string }).error]).toEqual([400, "invalid_grant"]);
    // Reuse is taken as theft: the whole grant is gone.
    expect((await getJson(`${sandbox.url}/2026-01/channel`, bearer(access_token))).response.status).toBe(401);
  });

  it("lists the channels a token can access: a PAT its account's SMA channel, an OAuth grant its own installation's (one per app, kept across refreshes and grants), both ShipBob Default and the store's, read-only", async () => {
    const { sandbox } = await start();
    const channelsOf = async (headers: Record<string, string>) => ((await getJson(`${sandbox.url}/2026-01/channel`, headers)).body as { items: unknown[] }).items;
    const readOnly = expect.not.arrayContaining([expect.stringMatching(/_write$/)]);
    const shared = [
      { id: 100_001, name: "ShipBob Default", application_name: "ShipBob", scopes: readOnly },
      { id: 100_002, name: "meridian-demo.myshopify.com", application_name: "Shopify", scopes: readOnly },
    ];
    const patChannels = [...shared, { id: 100_003, name: "PAT Channel", application_name: "SMA", scopes: expect.arrayContaining(["orders_read", "orders_write", "products_write", "inventory_write", "webhooks_write"]) }];
    expect(await channelsOf(pat)).toEqual(patChannels);

    const first = await grant(sandbox, "orders_read webhooks_write offline_access");
    const installation = { id: 100_004, name: SHIPBOB_DEV.appName, application_name: SHIPBOB_DEV.appName, scopes: ["orders_read", "webhooks_write"] };
    expect(await channelsOf(bearer(first.access_token))).toEqual([...shared, installation]);
    const refreshed = (await (await tokenRequest(sandbox, { grant_type: "refresh_token", refresh_token: first.refresh_token })).json()) as Issued;
    expect(await channelsOf(bearer(refreshed.access_token))).toEqual([...shared, installation]);
    // Granted again with more: the same installation, with the scopes granted now.
    const again = await grant(sandbox, "orders_read products_read webhooks_write offline_access");
    expect(await channelsOf(bearer(again.access_token))).toEqual([...shared, { ...installation, scopes: ["orders_read", "products_read", "webhooks_write"] }]);
    expect(await channelsOf(pat)).toEqual(patChannels);
  });

  it("injects faults: ShipBob's 429 and 5xx, a truncated body, a revoked token", async () => {
    const { sandbox } = await start();
    const url = `${sandbox.url}/2026-01/location`;
    sandbox.faults.add({ point: "api", kind: "429", retryAfterSeconds: 7 });
    expect((await fetch(url, { headers: pat })).headers.get("x-retry-after")).toBe("7");
    sandbox.faults.add({ point: "api", kind: "5xx", status: 503 });
    expect((await fetch(url, { headers: pat })).status).toBe(503);
    sandbox.faults.add({ point: "api", kind: "truncated" });
    await expect((await fetch(url, { headers: pat })).text()).rejects.toThrow();
    await fetch(`${sandbox.url}/_sandbox/injectFault`, { method: "POST", body: JSON.stringify({ point: "api", kind: "revoked" }) });
    expect((await fetch(url, { headers: pat })).status).toBe(401);
    expect((await fetch(url, { headers: pat })).status).toBe(401);
  });

  it("moves shipments on and sends signed webhooks with the topic", async () => {
    const { sandbox } = await start();
    const [first] = await sandbox.advanceShipments({ count: 1 });
    const shipmentId = first!.shipmentId;
    const topics = [first!.topic];
    while (!topics.includes("order.shipment.delivered")) topics.push((await sandbox.advanceShipments({ shipmentId }))[0]!.topic);
    await expect(sandbox.advanceShipments({ shipmentId })).rejects.toThrow(/delivered/);
    const held = (await sandbox.advanceShipments({ count: 1 }))[0]!.shipmentId;
    await sandbox.holdShipment({ shipmentId: held, status: "Exception" });
    await sandbox.advanceReturns({ count: 7 });
    await vi.waitFor(() => expect(received.length).toBe(sandbox.deliveries.length));
    for (const { headers, raw } of received) expect(verifyStandardWebhook(headers as Record<string, string>, raw, SHIPBOB_DEV.webhookSecret)).toBe(true);
    const sent = new Set(received.map((r) => r.headers["x-webhook-topic"]));
    expect(sent).toContain("order.shipment.exception");
    expect(sent).toContain("order.shipment.delivered");
    expect([...sent].some((t) => t === "return.updated" || t === "return.completed")).toBe(true);
    const exception = received.find((r) => r.headers["x-webhook-topic"] === "order.shipment.exception")!;
    expect(JSON.parse(exception.raw)).toMatchObject({ id: held, status: "Exception" });
    const timeline = await getJson(`${sandbox.url}/2026-01/shipment/${held}/timeline`);
    expect((timeline.body as { log_type_name: string }[]).at(-1)).toMatchObject({ log_type_name: "Exception" });
  });

  it("keeps webhook subscriptions (create with or without a secret, list, delete) and delivers a topic to its subscribers, signed with each one's secret", async () => {
    const { sandbox } = await start();
    const create = (body: unknown) => fetch(`${sandbox.url}/2026-01/webhook`, { method: "POST", headers: { ...pat, "content-type": "application/json" }, body: JSON.stringify(body) });
    const secret = `whsec_${Buffer.from("a subscriber's 24b secret").toString("base64").slice(0, 32)}`;
    const chosen = await create({ url: `${webhookUrl}?account=a`, topics: ["return.created"], secret });
    expect([chosen.status, await chosen.json()]).toEqual([200, expect.objectContaining({ id: "1", secret, topics: ["return.created"] })]);
    const made = (await (await create({ url: `${webhookUrl}?account=b`, topics: ["order.shipped"] })).json()) as { id: string; secret: string };
    expect(made.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const refused = await create({ url: "not a url", topics: ["order.exploded"] });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(await refused.json())).toMatch(/topics/);

    const listed = (await getJson(`${sandbox.url}/2026-01/webhook`)).body as { items: { id: string; url: string }[] };
    expect(listed.items.map((s) => [s.id, s.url, "secret" in s])).toEqual([["1", `${webhookUrl}?account=a`, false], [made.id, `${webhookUrl}?account=b`, false]]);
    expect((await fetch(`${sandbox.url}/2026-01/webhook/${made.id}`, { method: "DELETE", headers: pat })).status).toBe(204);
    expect((await fetch(`${sandbox.url}/2026-01/webhook/${made.id}`, { method: "DELETE", headers: pat })).status).toBe(404);

    // The control-set address (the dev secret) and the subscription to return.created (its own).
    await sandbox.createReturn({ orderId: 400_000_001 });
    await sandbox.advanceShipments({ count: 1 });
    await vi.waitFor(() => expect(received.length).toBe(sandbox.deliveries.length));
    const toSubscriber = received.filter((r) => r.headers["x-webhook-topic"] === "return.created");
    expect(toSubscriber).toHaveLength(2);
    const signedWith = (key: string) => received.filter((r) => verifyStandardWebhook(r.headers as Record<string, string>, r.raw, key));
    expect(signedWith(SHIPBOB_DEV.webhookSecret)).toHaveLength(received.length - 1);
    expect(signedWith(secret).map((r) => r.headers["x-webhook-topic"])).toEqual(["return.created"]);
  });

  it("generates the same account from the same seed, and another from another", async () => {
    const [a, b, c] = await Promise.all([start(), start(), start({ seed: "other" })]);
    expect(a.sandbox.snapshot()).toEqual(b.sandbox.snapshot());
    expect(a.sandbox.snapshot().checksums.orders).not.toEqual(c.sandbox.snapshot().checksums.orders);
    expect(a.sandbox.snapshot().counts).toMatchObject({ orders: 40, products: 25, returns: 7, fulfillment_centers: 3 });
  });

  it("moves receiving orders on (Awaiting, Arrived, Processing, Completed): received and stowed rise, the history grows, received stock leaves awaiting for on hand", async () => {
    const { sandbox, clock } = await start();
    const wro = sandbox.account.receiving.find((w) => w.status === "Awaiting")!;
    type Wro = { id: number; status: string; last_updated_date: string; inventory_quantities: { inventory_id: number; expected_quantity: number; received_quantity: number; stowed_quantity: number }[]; status_history: { status: string }[] };
    type Levels = { inventory_id: number; locations: { location_id: number; on_hand_quantity: number; awaiting_quantity: number; fulfillable_quantity: number }[] }[];
    const read = async () => {
      const wros = (await getJson(`${sandbox.url}/2026-01/receiving?Limit=250`)).body as Wro[];
      const levels = (await getJson(`${sandbox.url}/2026-01/inventory-level/locations?PageSize=250`)).body as { items: Levels };
      const at = (inventoryId: number) => levels.items.find((i) => i.inventory_id === inventoryId)!.locations.find((l) => l.location_id === wro.centreId)!;
      const current = wros.find((w) => w.id === wro.id)!;
      return { wro: current, stock: current.inventory_quantities.map((q) => at(q.inventory_id)) };
    };
    const before = await read();
    const steps: Awaited<ReturnType<typeof read>>[] = [];
    for (const status of ["Arrived", "Processing", "Completed"]) {
      clock.advance(3_600_000);
      const response = await fetch(`${sandbox.url}/_sandbox/advanceReceiving`, { method: "POST", body: JSON.stringify({ receivingId: wro.id }) });
      expect(await response.json()).toEqual([{ receivingId: wro.id, status }]);
      steps.push(await read());
    }
    expect(steps.map((s) => s.wro.status_history.map((h) => h.status))).toEqual([
      ["Awaiting", "Arrived"],
      ["Awaiting", "Arrived", "Processing"],
      ["Awaiting", "Arrived", "Processing", "Completed"],
    ]);
    expect(steps.at(-1)!.wro.last_updated_date).toBe(new Date(clock.now()).toISOString());
    const [arrived, processing, completed] = steps.map((s) => s.wro.inventory_quantities);
    expect(arrived!.every((q) => q.received_quantity === 0)).toBe(true);
    expect(processing!.every((q) => q.received_quantity >= q.expected_quantity / 2 && q.received_quantity < q.expected_quantity && q.stowed_quantity > 0)).toBe(true);
    expect(completed!.every((q) => q.received_quantity === q.expected_quantity && q.stowed_quantity === q.expected_quantity)).toBe(true);
    // What was received moved from awaiting to on hand and fulfillable at the order's centre (lines of distinct SKUs).
    completed!.forEach((q, i) => {
      const [was, now] = [before.stock[i]!, steps.at(-1)!.stock[i]!];
      expect(now.on_hand_quantity - was.on_hand_quantity).toBe(q.expected_quantity);
      expect(now.fulfillable_quantity - was.fulfillable_quantity).toBe(q.expected_quantity);
      expect(now.awaiting_quantity).toBe(Math.max(0, was.awaiting_quantity - q.expected_quantity));
    });
    const again = await fetch(`${sandbox.url}/_sandbox/advanceReceiving`, { method: "POST", body: JSON.stringify({ receivingId: wro.id }) });
    expect(again.status).toBe(400);
  });

  it("moves shipments, returns and receiving orders on by itself with autoAdvance", async () => {
    const sandbox = await startShipBobSandbox({ seed: "demo", epoch: EPOCH, volume: { orders: 40, products: 25, centres: 3, returns: 7 }, shopify: SHOPIFY, clock: new ManualClock(EPOCH), autoAdvance: { everyMs: 10, shipments: 1, returns: 1, receiving: 1 } });
    sandboxes.push(sandbox);
    const before = sandbox.snapshot();
    const moved = (now: typeof before) => ["shipments", "returns", "receiving_orders"].every((k) => now.checksums[k] !== before.checksums[k]);
    // Waits for the ticks (each bounded by the loop), asserting no time.
    for (let i = 0; i < 500 && !moved(sandbox.snapshot()); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(moved(sandbox.snapshot())).toBe(true);
  });

  it("keeps tokens and changes across a restart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "shipbob-"));
    try {
      const stateFile = join(dir, "state.json");
      const clock = new ManualClock(EPOCH);
      const first = await start({ stateFile, clock });
      const issued = first.sandbox.tokens.issue({ scope: "orders_read", clientId: SHIPBOB_DEV.client.clientId, subject: "x" });
      // An OAuth grant installs the app: its channel (in the snapshot) keeps its id.
      await grant(first.sandbox, "orders_read");
      await first.sandbox.advanceShipments({ count: 5 });
      await first.sandbox.createReturn({ orderId: 400_000_001 });
      first.sandbox.advanceReceiving({ count: 4 });
      const changed = first.sandbox.snapshot();
      await first.sandbox.stop();
      sandboxes.length = 0;
      const second = await start({ stateFile, clock });
      expect(second.sandbox.snapshot()).toEqual(changed);
      expect((await getJson(`${second.sandbox.url}/2026-01/channel`, { Authorization: `Bearer ${issued.accessToken}` })).response.status).toBe(200);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("retries a delivery the receiver refused, with the original id, headers and body", async () => {
    const refusing = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c)).on("end", () => {
        received.push({ headers: req.headers, raw: Buffer.concat(chunks).toString("utf8") });
        res.writeHead(received.length === 1 ? 500 : 200).end();
      });
    });
    await new Promise<void>((resolve) => refusing.listen(0, "127.0.0.1", resolve));
    try {
      // ShipBob's schedule (5 s, 5 min, 30 min, … 10 h) compressed to microseconds.
      const sandbox = await startShipBobSandbox({ seed: "demo", epoch: EPOCH, volume: { orders: 40, products: 25, centres: 3 }, shopify: SHOPIFY, clock: new ManualClock(EPOCH), webhookUrl: `http://127.0.0.1:${(refusing.address() as AddressInfo).port}/`, webhookRetryScale: 1e-6 });
      sandboxes.push(sandbox);
      const [delivery] = await sandbox.createReturn({ orderId: 400_000_001 });
      expect(delivery?.status).toBe(500);
      await vi.waitFor(() => expect(received).toHaveLength(2));
      await vi.waitFor(() => expect(sandbox.retries.list()).toEqual([]));
      expect(received[1]).toEqual(received[0]);
      expect(received[1]!.headers["x-webhook-topic"]).toBe("return.created");
    } finally {
      await new Promise((resolve) => refusing.close(resolve));
    }
  });

  it("filters orders by LastUpdateStartDate: a moved shipment brings its order back, and only it", async () => {
    const { sandbox, clock } = await start();
    clock.advance(3_600_000);
    const since = new Date(clock.now()).toISOString();
    expect((await getJson(`${sandbox.url}/2026-01/order?LastUpdateStartDate=${since}`)).body).toEqual([]);
    const [moved] = await sandbox.advanceShipments({ count: 1 });
    const { body } = await getJson(`${sandbox.url}/2026-01/order?LastUpdateStartDate=${since}`);
    expect((body as { shipments: { id: number }[] }[]).map((o) => o.shipments.map((s) => s.id))).toEqual([expect.arrayContaining([moved!.shipmentId])]);
    // Tracking filters see only shipments with a label: an unlabelled one joins them when it ships.
    const untracked = (await getJson(`${sandbox.url}/2026-01/order?HasTracking=false`)).body as { shipments: { id: number; status: string }[] }[];
    const waiting = untracked.flatMap((o) => o.shipments).find((s) => s.status === "Processing")!;
    const trackedSince = `${sandbox.url}/2026-01/order?LastTrackingUpdateStartDate=${since}`;
    const trackedIds = async () => ((await getJson(trackedSince)).body as { shipments: { id: number }[] }[]).flatMap((o) => o.shipments.map((s) => s.id));
    expect(await trackedIds()).not.toContain(waiting.id);
    while ((await sandbox.advanceShipments({ shipmentId: waiting.id }))[0]!.topic !== "order.shipped");
    expect(await trackedIds()).toContain(waiting.id);
  });
});
