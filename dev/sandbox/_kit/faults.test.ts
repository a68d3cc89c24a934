import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerFault, FaultPlan, type FaultShapes } from "./faults";
import { Router } from "./router";
import { startSandboxServer, type SandboxServer } from "./server";

// The fault queue: which request a fault hits, how many, and how each kind is answered over HTTP.
// (A provider's own use, revoked tokens included, is in example/ledgerly.test.ts.)

const SHAPES: FaultShapes = {
  tooManyRequests: (seconds) => ({ status: 429, headers: { "x-retry-after": String(seconds) }, body: { statusCode: 429 } }),
  serverError: (status) => ({ status, body: { title: "Server error" } }),
};
const plan = new FaultPlan(["orders", "token"] as const);
let server: SandboxServer;

beforeAll(async () => {
  const routes = new Router().on("GET", "/{account}/orders", (_req, res, { params }) => {
    if (answerFault(res, plan.take("orders", params.account!), SHAPES)) return;
    return { status: 200, body: [] };
  });
  server = await startSandboxServer({ routes });
});
afterAll(() => server.stop());

const orders = (account = "a", signal?: AbortSignal) => fetch(`${server.url}/${account}/orders`, { signal });

describe("fault plan", () => {
  it("fails the next `count` matching requests, in the order the faults were queued, then serves again", async () => {
    plan.add({ point: "orders", kind: "429", count: 2, retryAfterSeconds: 25 });
    plan.add({ point: "orders", kind: "5xx", status: 500 });
    const first = await orders();
    expect([first.status, first.headers.get("x-retry-after"), await first.json()]).toEqual([429, "25", { statusCode: 429 }]);
    expect((await orders()).status).toBe(429);
    expect(await (await orders()).json()).toEqual({ title: "Server error" });
    expect((await orders()).status).toBe(200);
    expect(plan.pending()).toBe(0);
  });

  it("targets one tenant when asked, and leaves faults for other points queued", async () => {
    plan.add({ point: "token", kind: "5xx" });
    plan.add({ point: "orders", kind: "5xx", tenant: "b" });
    expect((await orders("a")).status).toBe(200);
    expect((await orders("b")).status).toBe(503);
    expect(plan.pending()).toBe(1);
    plan.clear();
  });

  it("never answers a timeout", async () => {
    plan.add({ point: "orders", kind: "timeout" });
    await expect(orders("a", AbortSignal.timeout(200))).rejects.toThrow(/abort|timeout/i);
  });

  it("refuses a point the provider does not have", () => {
    expect(() => plan.add({ point: "invoices" as "orders", kind: "429" })).toThrow("Unknown fault point invoices. Known: orders, token");
  });
});
