import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startShopifySandbox, type ShopifySandbox } from "./server";
import { installedSandbox } from "./testing";
import { retryDelayMs, WEBHOOK_RETRIES } from "./webhook-retries";

// Failed deliveries are retried as Shopify retries them: 8 times over 4 hours, exponentially,
// with the original body and headers. The schedule is compressed by webhookRetryScale.

const DOMAIN = "retries.myshopify.com";
/** 4 hours become 1.44 s. */
const SCALE = 0.0001;

type Answer = "500" | "302" | "hang" | "200";

interface Received {
  headers: IncomingHttpHeaders;
  raw: string;
  arrivedAt: number;
}

/** A webhook receiver answering each request with the next planned answer (then 200). */
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];
let answers: Answer[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const arrivedAt = Date.now();
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, raw: Buffer.concat(chunks).toString("utf8"), arrivedAt });
      const answer = answers.shift() ?? "200";
      if (answer === "hang") return;
      if (answer === "302") res.writeHead(302, { Location: "/elsewhere" }).end();
      else res.writeHead(Number(answer)).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterEach(() => {
  received.length = 0;
  answers = [];
  receiver.closeAllConnections();
});
afterAll(() => new Promise((resolve) => receiver.close(resolve)));

const sandboxes: ShopifySandbox[] = [];
afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((s) => s.stop()));
});

async function retryingSandbox(options: { webhookRetryScale?: number; stateFile?: string } = {}) {
  const started = await installedSandbox({ domain: DOMAIN, volume: { orders: 20 } }, { webhookTarget: `${receiverUrl}/app`, webhookRetryScale: SCALE, ...options });
  sandboxes.push(started.sandbox);
  return started;
}

describe("the retry schedule", () => {
  it("is exponential, and its 8 retries span 4 hours", () => {
    const delays = Array.from({ length: WEBHOOK_RETRIES }, (_, i) => retryDelayMs(i + 1));
    expect(delays).toHaveLength(8);
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeCloseTo(2 * delays[i - 1]!, 6);
    expect(delays.reduce((a, b) => a + b, 0)).toBeCloseTo(4 * 3_600_000, 6);
    expect(retryDelayMs(3, SCALE)).toBeCloseTo(retryDelayMs(3) * SCALE, 9);
  });
});

describe("webhook retries", () => {
  it("retries a delivery that failed or timed out with the same ids, headers and body until it is taken, on the schedule", async () => {
    const { sandbox } = await retryingSandbox();
    const shop = sandbox.shop(DOMAIN);
    // A 5xx, a redirect (not a 2xx either), no answer within Shopify's 5 s, then taken.
    answers = ["500", "302", "hang", "200"];
    const [first] = await shop.sendWebhook("orders/delete", { id: shop.store.orders.summaries()[0]!.id });
    expect(first).toMatchObject({ status: 500, attempt: 0 });

    await vi.waitFor(() => expect(received).toHaveLength(4), { timeout: 12_000, interval: 20 });
    await vi.waitFor(() => expect(shop.webhookRetries.list()).toEqual([]));
    const original = received[0]!;
    for (const retry of received.slice(1)) {
      expect(retry.raw).toBe(original.raw);
      for (const header of ["x-shopify-event-id", "x-shopify-webhook-id", "x-shopify-triggered-at", "x-shopify-hmac-sha256", "x-shopify-topic"]) {
        expect(retry.headers[header]).toBe(original.headers[header]);
      }
    }
    // Never before its time: retry k comes at least retryDelayMs(k) after the attempt before it
    // was answered, which was after it arrived.
    for (let k = 1; k < received.length; k++) expect(received[k]!.arrivedAt - received[k - 1]!.arrivedAt).toBeGreaterThanOrEqual(Math.floor(retryDelayMs(k, SCALE)));
    const attempts = shop.deliveries.filter((d) => d.eventId === first!.eventId);
    expect(attempts.map((d) => [d.attempt, d.status])).toEqual([
      [0, 500],
      [1, 302],
      [2, null],
      [3, 200],
    ]);
    expect(attempts[2]!.error).toContain("5 s");
  }, 15_000);

  it("gives up after 8 failed retries and removes the API subscription they were for", async () => {
    const { sandbox, query } = await retryingSandbox();
    const shop = sandbox.shop(DOMAIN);
    const created = await query(`mutation($uri: String!) { webhookSubscriptionCreate(topic: ORDERS_UPDATED, webhookSubscription: { uri: $uri }) { userErrors { message } } }`, {
      uri: `${receiverUrl}/orders`,
    });
    expect(created.body.data!.webhookSubscriptionCreate).toEqual({ userErrors: [] });
    answers = Array<Answer>(20).fill("500");

    await shop.sendWebhook("orders/updated", { id: shop.store.orders.summaries()[1]!.id });
    await vi.waitFor(() => expect(shop.subscriptions.list()).toEqual([]), { timeout: 10_000, interval: 20 });
    // Nothing left to retry: the original and its 8 retries were all.
    expect(shop.webhookRetries.list()).toEqual([]);
    expect(received).toHaveLength(1 + WEBHOOK_RETRIES);
    expect(new Set(received.map((r) => r.headers["x-shopify-event-id"])).size).toBe(1);
  }, 15_000);

  it("keeps pending retries in the state file across a restart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sandbox-retries-"));
    const stateFile = join(dir, "state.json");
    try {
      // The first retry would come after about a minute: the sandbox stops before that.
      const { sandbox } = await retryingSandbox({ stateFile, webhookRetryScale: 1 });
      answers = ["500"];
      const [first] = await sandbox.shop(DOMAIN).sendWebhook("orders/delete", { id: 5_000_000_001 });
      expect(first!.status).toBe(500);
      expect(sandbox.shop(DOMAIN).webhookRetries.list()).toHaveLength(1);
      await sandbox.stop();
      sandboxes.length = 0;

      const restarted = await startShopifySandbox({ apiKey: "test-api-key", apiSecret: "test-api-secret", stateFile, webhookRetryScale: SCALE, shops: [{ domain: DOMAIN, volume: { orders: 20 } }] });
      sandboxes.push(restarted);
      const shop = restarted.shop(DOMAIN);
      await vi.waitFor(() => expect(received).toHaveLength(2), { interval: 20 });
      await vi.waitFor(() => expect(shop.webhookRetries.list()).toEqual([]));
      expect(received[1]!.raw).toBe(received[0]!.raw);
      expect(received[1]!.headers["x-shopify-webhook-id"]).toBe(first!.webhookId);
      expect(received[1]!.headers["x-shopify-event-id"]).toBe(first!.eventId);
      expect(shop.deliveries.map((d) => [d.webhookId, d.attempt, d.status])).toEqual([[first!.webhookId, 1, 200]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
