// Flow control and triggers through the runner, with real SDK functions over HTTP.
import { Inngest } from "inngest";
import { afterEach, describe, expect, it } from "vitest";
import { withInngestRunner, type InngestHarness } from "@/dev/test/inngest";

let harness: InngestHarness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

const newClient = () => new Inngest({ id: "flow-test", isDev: false });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const settled = async (h: InngestHarness, functionId: string, count: number) => {
  await expect.poll(() => h.runner.listRuns({ functionId }).filter((r) => r.status === "COMPLETED").length, { timeout: 10_000 }).toBe(count);
};

describe("local Inngest runner: triggers", () => {
  it("runs only functions whose `if` expression matches the event", async () => {
    const client = newClient();
    const fn = client.createFunction(
      { id: "filtered", triggers: [{ event: "test/order", if: "event.data.kind == 'paid' && (event.data.total > 10 || event.data.vip == true)" }] },
      async ({ event }) => event.data,
    );
    harness = await withInngestRunner(client, [fn]);
    await harness.send([
      { name: "test/order", data: { kind: "paid", total: 50 } },
      { name: "test/order", data: { kind: "paid", total: 5, vip: true } },
      { name: "test/order", data: { kind: "paid", total: 5 } },
      { name: "test/order", data: { kind: "refund", total: 50 } },
    ]);
    await settled(harness, "filtered", 2);
    await sleep(100);
    expect(harness.runner.listRuns({ functionId: "filtered" }).map((r) => r.output)).toEqual([
      { kind: "paid", total: 50 },
      { kind: "paid", total: 5, vip: true },
    ]);
  });

  it("fires cron triggers on a manual tick, once per matching minute, honouring TZ=", async () => {
    const client = newClient();
    const everyMinute = client.createFunction({ id: "every-minute", triggers: [{ cron: "* * * * *" }] }, async ({ event }) => event.name);
    const daily = client.createFunction({ id: "daily-london", triggers: [{ cron: "TZ=Europe/London 0 3 * * *" }] }, async () => "ran");
    harness = await withInngestRunner(client, [everyMinute, daily]);

    const at = new Date("2026-07-01T02:00:10Z"); // 03:00 in London (BST)
    expect(harness.runner.tickCron(at).map((r) => r.functionId).sort()).toEqual(["flow-test-daily-london", "flow-test-every-minute"]);
    expect(harness.runner.tickCron(new Date("2026-07-01T02:00:40Z"))).toHaveLength(0); // same minute
    expect(harness.runner.tickCron(new Date("2026-07-01T02:01:00Z")).map((r) => r.functionId)).toEqual(["flow-test-every-minute"]);

    const tick = await fetch(`${harness.runnerUrl}/v0/cron/tick`, { method: "POST", body: JSON.stringify({ at: "2026-07-01T02:02:00Z" }) });
    expect(((await tick.json()) as { runs: string[] }).runs).toHaveLength(1);
    await settled(harness, "every-minute", 3);
    expect(harness.runner.listRuns({ functionId: "every-minute" })[0]!.output).toBe("inngest/scheduled.timer");
  });
});

describe("local Inngest runner: flow control", () => {
  it("limits concurrency per key", async () => {
    const client = newClient();
    const active = new Map<string, number>();
    const peaks = new Map<string, number>();
    const fn = client.createFunction(
      { id: "per-connection", concurrency: { limit: 1, key: "event.data.connectionId" }, triggers: [{ event: "test/sync" }] },
      async ({ event, step }) => {
        const key = (event.data as { connectionId: string }).connectionId;
        await step.run("work", async () => {
          active.set(key, (active.get(key) ?? 0) + 1);
          peaks.set(key, Math.max(peaks.get(key) ?? 0, active.get(key)!));
          await sleep(150);
          active.set(key, active.get(key)! - 1);
        });
      },
    );
    harness = await withInngestRunner(client, [fn]);
    const started = Date.now();
    await harness.send(["a", "a", "a", "b", "b", "b"].map((connectionId) => ({ name: "test/sync", data: { connectionId } })));
    await settled(harness, "per-connection", 6);
    expect(peaks.get("a")).toBe(1);
    expect(peaks.get("b")).toBe(1);
    // a and b ran side by side: three 150 ms steps per key, not six in a row.
    expect(Date.now() - started).toBeLessThan(6 * 150);
  });

  it("runs an event id once within 24 h", async () => {
    const client = newClient();
    const fn = client.createFunction({ id: "once", triggers: [{ event: "test/once" }] }, async () => "ran");
    harness = await withInngestRunner(client, [fn]);
    const first = await harness.send({ name: "test/once", id: "order-123" });
    const second = await harness.send({ name: "test/once", id: "order-123" });
    await harness.send({ name: "test/once", id: "order-456" });
    // As Inngest's Event API, every send is answered with an internal id of its own.
    expect(second).not.toEqual(first);
    expect(harness.runner.eventRuns(second[0]!)).toEqual([]);
    await settled(harness, "once", 2);
    await sleep(100);
    expect(harness.runner.listRuns({ functionId: "once" })).toHaveLength(2);
  });

  it("skips runs whose idempotency expression value was already seen", async () => {
    const client = newClient();
    const fn = client.createFunction({ id: "idem", idempotency: "event.data.userId", triggers: [{ event: "test/idem" }] }, async ({ event }) => event.data);
    harness = await withInngestRunner(client, [fn]);
    await harness.send([
      { name: "test/idem", data: { userId: "u1", n: 1 } },
      { name: "test/idem", data: { userId: "u1", n: 2 } },
      { name: "test/idem", data: { userId: "u2", n: 3 } },
    ]);
    await settled(harness, "idem", 2);
    await sleep(100);
    expect(harness.runner.listRuns({ functionId: "idem" }).map((r) => r.output)).toEqual([
      { userId: "u1", n: 1 },
      { userId: "u2", n: 3 },
    ]);
  });

  it("debounces per key: one run with the last event after a quiet period", async () => {
    const client = newClient();
    const fn = client.createFunction(
      { id: "debounced", debounce: { key: "event.data.sku", period: "1s" }, triggers: [{ event: "test/stock" }] },
      async ({ event }) => event.data,
    );
    harness = await withInngestRunner(client, [fn]);
    for (const qty of [1, 2, 3]) {
      await harness.send({ name: "test/stock", data: { sku: "s1", qty } });
      await sleep(200);
    }
    await harness.send({ name: "test/stock", data: { sku: "s2", qty: 9 } });
    expect(harness.runner.listRuns({ functionId: "debounced" })).toHaveLength(0);
    await settled(harness, "debounced", 2);
    const outputs = harness.runner.listRuns({ functionId: "debounced" }).map((r) => r.output);
    expect(outputs).toEqual(expect.arrayContaining([{ sku: "s1", qty: 3 }, { sku: "s2", qty: 9 }]));
    expect(outputs).toHaveLength(2);
  });

  it("throttles run starts per period (delays, never drops)", async () => {
    const client = newClient();
    const starts: number[] = [];
    const fn = client.createFunction({ id: "throttled", throttle: { limit: 2, period: "1s" }, triggers: [{ event: "test/throttle" }] }, async () => {
      starts.push(Date.now());
    });
    harness = await withInngestRunner(client, [fn]);
    const sent = Date.now();
    await harness.send([1, 2, 3].map((n) => ({ name: "test/throttle", data: { n } })));
    await settled(harness, "throttled", 3);
    starts.sort((a, b) => a - b);
    expect(starts[1]! - sent).toBeLessThan(500);
    expect(starts[2]! - sent).toBeGreaterThanOrEqual(950);
  });
});
