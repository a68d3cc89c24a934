import { randomUUID } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { hmacBase64, standardWebhookHeaders, verifyStandardWebhook } from "./signing";
import { delivered, exponentialSchedule, post, WebhookRetries, type Delivery, type PendingRetry } from "./webhooks";

// Signed deliveries to a real receiver, and the retries of the failed ones on a compressed schedule.

const SECRET = `whsec_${Buffer.from("a 24-byte webhook secret").toString("base64")}`;
const LIMITS = { connectMs: 1_000, totalMs: 1_000 };

let receiver: Server;
let receiverUrl: string;
const received: { headers: IncomingHttpHeaders; raw: string; at: number }[] = [];
let answers: string[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, raw: Buffer.concat(chunks).toString("utf8"), at: Date.now() });
      const answer = answers.shift() ?? "200";
      if (answer !== "hang") res.writeHead(Number(answer)).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
});
afterEach(() => {
  received.length = 0;
  answers = [];
  receiver.closeAllConnections();
});
afterAll(() => new Promise((resolve) => receiver.close(resolve)));

/** A ShipBob-style delivery: Standard Webhooks headers plus the topic. */
function signedDelivery(topic: string, payload: unknown): Delivery & { id: string } {
  const body = JSON.stringify(payload);
  const id = `msg_${randomUUID()}`;
  const headers = { "Content-Type": "application/json", "x-webhook-topic": topic, ...standardWebhookHeaders({ id, timestampSeconds: 1_790_000_000, body, secret: SECRET }) };
  return { id, url: receiverUrl, headers, body, status: null, attempt: 0 };
}

describe("signing", () => {
  it("Standard Webhooks: reproduces the specification's published test vector", () => {
    const headers = standardWebhookHeaders({ id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestampSeconds: 1614265330, body: '{"test": 2432232314}', secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" });
    expect(headers["webhook-signature"]).toBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  });

  it("Standard Webhooks: the receiver verifies the signature over id, timestamp and the raw body", async () => {
    const delivery = await post(signedDelivery("order.shipped", { order_id: 190002 }), LIMITS);
    expect(delivered(delivery)).toBe(true);
    const got = received[0]!;
    const headers = got.headers as Record<string, string>;
    expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(verifyStandardWebhook(headers, got.raw, SECRET)).toBe(true);
    expect(verifyStandardWebhook(headers, got.raw.replace("190002", "190003"), SECRET)).toBe(false);
    expect(verifyStandardWebhook({ ...headers, "webhook-timestamp": "1790000001" }, got.raw, SECRET)).toBe(false);
  });

  it("HMAC over the raw body (Shopify, WooCommerce) is base64", () => {
    // `printf '{"id":1}' | openssl dgst -sha256 -hmac secret -binary | base64`
    expect(hmacBase64('{"id":1}', "secret")).toBe("A971iWIMgT8Zj9A9eWfikrFj7wQ16/Qwcc4OlRl2PLc=");
  });
});

describe("delivery", () => {
  it("records the receiver's status, and why an attempt failed when there was none", async () => {
    answers = ["302", "hang"];
    expect((await post(signedDelivery("order.shipped", {}), LIMITS)).status).toBe(302);
    expect(delivered({ status: 302 } as Delivery)).toBe(false);
    const hung = await post(signedDelivery("order.shipped", {}), LIMITS);
    expect(hung).toMatchObject({ status: null, error: "No answer within 1 s" });
  });
});

describe("retries", () => {
  const schedule = exponentialSchedule(3, 700);
  const retriesWith = (exhausted: PendingRetry[] = [], attempts: Delivery[] = []) =>
    new WebhookRetries<Delivery>({ schedule, scale: 1, limits: LIMITS, attempted: (d) => attempts.push(d), exhausted: (r) => exhausted.push(r), changed: () => {} });

  it("schedules exponential waits adding up to the window", () => {
    expect([1, 2, 3].map((k) => schedule.delayMs(k))).toEqual([100, 200, 400]);
  });

  it("retries the original body and headers on the schedule until the receiver takes it", async () => {
    const retries = retriesWith();
    answers = ["500", "503", "200"];
    const first = await post(signedDelivery("return.created", { id: 7 }), LIMITS);
    expect(first.status).toBe(500);
    retries.add(first, "sub-1");
    await vi.waitFor(() => expect(received).toHaveLength(3), { interval: 10 });
    await vi.waitFor(() => expect(retries.list()).toEqual([]));
    for (const retry of received.slice(1)) {
      expect(retry.raw).toBe(received[0]!.raw);
      expect(retry.headers["webhook-id"]).toBe(received[0]!.headers["webhook-id"]);
      expect(retry.headers["webhook-signature"]).toBe(received[0]!.headers["webhook-signature"]);
    }
    for (let k = 1; k < received.length; k++) expect(received[k]!.at - received[k - 1]!.at).toBeGreaterThanOrEqual(schedule.delayMs(k) - 1);
    await retries.stop();
  });

  it("gives up after the schedule's retries and reports the delivery as exhausted", async () => {
    const exhausted: PendingRetry[] = [];
    const attempts: Delivery[] = [];
    const retries = retriesWith(exhausted, attempts);
    answers = Array<string>(10).fill("500");
    const first = await post(signedDelivery("return.updated", { id: 8 }), LIMITS);
    retries.add(first, "sub-2");
    await vi.waitFor(() => expect(exhausted).toHaveLength(1), { interval: 10 });
    expect(exhausted[0]).toMatchObject({ subscriptionId: "sub-2", failures: 3 });
    expect(attempts.map((a) => [a.attempt, a.status])).toEqual([
      [1, 500],
      [2, 500],
      [3, 500],
    ]);
    expect(received).toHaveLength(4);
    await retries.stop();
  });
});
