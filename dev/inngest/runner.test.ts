// Drives real `inngest` SDK functions through the runner over HTTP: one test per op code.
import { Inngest, NonRetriableError, RetryAfterError } from "inngest";
import { afterEach, describe, expect, it } from "vitest";
import { TEST_EVENT_KEY, withInngestRunner, type InngestHarness } from "@/dev/test/inngest";

let harness: InngestHarness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

const newClient = () => new Inngest({ id: "runner-test", isDev: false });

describe("local Inngest runner: protocol", () => {
  it("syncs the app, accepts single and batch events and runs step.run with memoized state", async () => {
    const client = newClient();
    const calls: string[] = [];
    const fn = client.createFunction({ id: "two-steps", triggers: [{ event: "test/two.steps" }] }, async ({ event, step }) => {
      const a = await step.run("a", () => {
        calls.push("a");
        return (event.data as { n: number }).n * 2;
      });
      const b = await step.run("b", () => {
        calls.push("b");
        return a + 1;
      });
      return { a, b };
    });
    harness = await withInngestRunner(client, [fn]);
    expect(harness.runner.listFunctions().map((f) => f.id)).toEqual(["runner-test-two-steps"]);

    const [id] = await client.send({ name: "test/two.steps", data: { n: 20 } }).then((r) => r.ids);
    expect(id).toMatch(/^[0-9A-Z]{26}$/);
    const run = await harness.waitForRun({ functionId: "two-steps", status: "COMPLETED" });
    expect(run.output).toEqual({ a: 40, b: 41 });
    expect(calls).toEqual(["a", "b"]); // each step body ran once: later calls got its memoized result

    const ids = await harness.send([{ name: "test/two.steps", data: { n: 1 } }, { name: "test/two.steps", data: { n: 2 } }]);
    expect(ids).toHaveLength(2);
    await Promise.all(ids.map((eventId) => harness!.waitForRun({ eventId, status: "COMPLETED" })));
    expect(harness.runner.listRuns({ functionId: "two-steps" })).toHaveLength(3);

    const listed = (await (await fetch(`${harness.runnerUrl}/v0/runs?functionId=two-steps&status=COMPLETED`)).json()) as { runs: Array<{ id: string }> };
    expect(listed.runs).toHaveLength(3);
    const waited = (await (await fetch(`${harness.runnerUrl}/v0/runs/${run.id}/wait?timeoutMs=1000`)).json()) as { run: { output: unknown } };
    expect(waited.run.output).toEqual({ a: 40, b: 41 });
  });

  it("refuses a wrong event key, and the app refuses unsigned call requests", async () => {
    const client = newClient();
    const fn = client.createFunction({ id: "noop", triggers: [{ event: "test/noop" }] }, async () => "ok");
    harness = await withInngestRunner(client, [fn]);
    const wrongKey = await fetch(`${harness.runnerUrl}/e/not-${TEST_EVENT_KEY}`, { method: "POST", body: JSON.stringify({ name: "test/noop" }) });
    expect(wrongKey.status).toBe(401);
    const unsigned = await fetch(`${harness.appUrl}?fnId=runner-test-noop&stepId=step`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ event: { name: "test/noop", data: {} }, events: [], steps: {}, ctx: { run_id: "x", attempt: 0 } }),
    });
    expect(unsigned.status).toBe(401);
  });

  it("runs parallel steps (several ops in one response)", async () => {
    const client = newClient();
    const fn = client.createFunction({ id: "parallel", triggers: [{ event: "test/parallel" }] }, async ({ step }) => {
      const values = await Promise.all([step.run("x", () => 1), step.run("y", () => 2), step.run("z", () => 3)]);
      const total = await step.run("sum", () => values.reduce((a, b) => a + b, 0));
      return total;
    });
    harness = await withInngestRunner(client, [fn]);
    await harness.send({ name: "test/parallel" });
    const run = await harness.waitForRun({ functionId: "parallel", status: "COMPLETED" });
    expect(run.output).toBe(6);
    expect(Object.keys(run.steps)).toHaveLength(4);
  });

  it("sleeps (Sleep op) for step.sleep and step.sleepUntil", async () => {
    const client = newClient();
    const fn = client.createFunction({ id: "sleeper", triggers: [{ event: "test/sleep" }] }, async ({ step }) => {
      const before = await step.run("before", () => Date.now());
      await step.sleep("nap", "1s");
      await step.sleepUntil("until", new Date(before + 1500));
      return (await step.run("after", () => Date.now())) - before;
    });
    harness = await withInngestRunner(client, [fn]);
    await harness.send({ name: "test/sleep" });
    const run = await harness.waitForRun({ functionId: "sleeper", status: "COMPLETED" });
    expect(run.output).toBeGreaterThanOrEqual(1500);
  });

  it("delivers step.sendEvent events to other functions", async () => {
    const client = newClient();
    const sender = client.createFunction({ id: "sender", triggers: [{ event: "test/send" }] }, async ({ step }) => {
      const { ids } = await step.sendEvent("fan-out", { name: "test/received", data: { from: "sender" } });
      return ids.length;
    });
    const receiver = client.createFunction({ id: "receiver", triggers: [{ event: "test/received" }] }, async ({ event }) => event.data);
    harness = await withInngestRunner(client, [sender, receiver]);
    await harness.send({ name: "test/send" });
    expect((await harness.waitForRun({ functionId: "sender", status: "COMPLETED" })).output).toBe(1);
    expect((await harness.waitForRun({ functionId: "receiver", status: "COMPLETED" })).output).toEqual({ from: "sender" });
  });

  it("invokes another function and memoizes its result (InvokeFunction)", async () => {
    const client = newClient();
    const child = client.createFunction({ id: "child", triggers: [] }, async ({ event }) => ({ doubled: (event.data as { n: number }).n * 2 }));
    const parent = client.createFunction({ id: "parent", triggers: [{ event: "test/invoke" }] }, async ({ step }) => {
      return step.invoke("call-child", { function: child, data: { n: 21 } });
    });
    harness = await withInngestRunner(client, [child, parent]);
    await harness.send({ name: "test/invoke" });
    expect((await harness.waitForRun({ functionId: "parent", status: "COMPLETED" })).output).toEqual({ doubled: 42 });
  });

  it("waits for a matching event (WaitForEvent with match/if) and times out to null", async () => {
    const client = newClient();
    const fn = client.createFunction({ id: "waiter", triggers: [{ event: "test/order.created" }] }, async ({ step }) => {
      const paid = await step.waitForEvent("paid", { event: "test/order.paid", match: "data.orderId", timeout: "10s" });
      const shipped = await step.waitForEvent("shipped", { event: "test/order.shipped", if: "async.data.fast == true", timeout: "1s" });
      return { paid: paid?.data ?? null, shipped };
    });
    harness = await withInngestRunner(client, [fn]);
    await harness.send({ name: "test/order.created", data: { orderId: "o-1" } });
    // The wait starts with the first call; events sent before it would not count.
    await expect.poll(() => harness!.runner.waitingFor(harness!.runner.listRuns({ functionId: "waiter" })[0]?.id ?? "")).toEqual(["test/order.paid"]);
    await harness.send([
      { name: "test/order.paid", data: { orderId: "o-2", amount: 1 } },
      { name: "test/order.paid", data: { orderId: "o-1", amount: 5 } },
    ]);
    const run = await harness.waitForRun({ functionId: "waiter", status: "COMPLETED" });
    expect(run.output).toEqual({ paid: { orderId: "o-1", amount: 5 }, shipped: null });
  });
});

describe("local Inngest runner: cancellation", () => {
  it("cancels a sleeping run when a matching cancelOn event arrives", async () => {
    const client = newClient();
    const fn = client.createFunction(
      { id: "cancellable", cancelOn: [{ event: "test/job.cancelled", match: "data.jobId" }], triggers: [{ event: "test/job.started" }] },
      async ({ step }) => {
        await step.sleep("long", "1m");
        return "not cancelled";
      },
    );
    harness = await withInngestRunner(client, [fn]);
    await harness.send({ name: "test/job.started", data: { jobId: "j1" } });
    await expect.poll(() => harness!.runner.listRuns({ functionId: "cancellable" })[0]?.calls ?? 0).toBeGreaterThan(0);
    await harness.send({ name: "test/job.cancelled", data: { jobId: "other" } });
    expect(harness.runner.listRuns({ functionId: "cancellable" })[0]!.status).toBe("RUNNING");
    await harness.send({ name: "test/job.cancelled", data: { jobId: "j1" } });
    expect((await harness.waitForRun({ functionId: "cancellable" }, 1000)).status).toBe("CANCELLED");
  });
});

describe("local Inngest runner: failures and retries", () => {
  it("retries a failing step with backoff up to retries + 1 attempts, then fails the run and calls onFailure", async () => {
    const client = newClient();
    let attempts = 0;
    const failures: string[] = [];
    const fn = client.createFunction(
      {
        id: "always-fails",
        retries: 2,
        triggers: [{ event: "test/fail" }],
        onFailure: async ({ error, event }) => {
          failures.push(`${error.message} for ${(event.data as { event: { name: string } }).event.name}`);
        },
      },
      async ({ step }) => {
        await step.run("boom", () => {
          attempts++;
          throw new Error("kaboom");
        });
      },
    );
    harness = await withInngestRunner(client, [fn]);
    await harness.send({ name: "test/fail" });
    const run = await harness.waitForRun({ functionId: "always-fails" });
    expect(run.status).toBe("FAILED");
    expect(run.error?.message).toContain("kaboom");
    expect(attempts).toBe(3);
    await harness.waitForRun({ functionId: "always-fails-failure", status: "COMPLETED" });
    expect(failures).toEqual(["kaboom for test/fail"]);
  });

  it("succeeds when a retry succeeds, with the default of 3 retries (4 attempts)", async () => {
    const client = newClient();
    let attempts = 0;
    const fn = client.createFunction({ id: "flaky", triggers: [{ event: "test/flaky" }] }, async ({ attempt }) => {
      attempts++;
      if (attempt < 3) throw new Error(`attempt ${attempt}`);
      return attempt;
    });
    harness = await withInngestRunner(client, [fn]);
    await harness.send({ name: "test/flaky" });
    const run = await harness.waitForRun({ functionId: "flaky", status: "COMPLETED" });
    expect(run.output).toBe(3);
    expect(attempts).toBe(4);
    expect(run.retries).toBe(3);
  });

  it("does not retry a NonRetriableError", async () => {
    const client = newClient();
    let attempts = 0;
    const fn = client.createFunction({ id: "permanent", triggers: [{ event: "test/permanent" }] }, async () => {
      attempts++;
      throw new NonRetriableError("bad input");
    });
    harness = await withInngestRunner(client, [fn]);
    await harness.send({ name: "test/permanent" });
    const run = await harness.waitForRun({ functionId: "permanent" });
    expect(run.status).toBe("FAILED");
    expect(run.error?.message).toBe("bad input");
    expect(attempts).toBe(1);
  });

  it("waits as long as RetryAfterError asks (retry-after header)", async () => {
    const client = newClient();
    const times: number[] = [];
    const fn = client.createFunction({ id: "later", triggers: [{ event: "test/later" }] }, async ({ step }) => {
      return step.run("limited", () => {
        times.push(Date.now());
        if (times.length === 1) throw new RetryAfterError("rate limited", 1000);
        return "done";
      });
    });
    harness = await withInngestRunner(client, [fn]);
    await harness.send({ name: "test/later" });
    const run = await harness.waitForRun({ functionId: "later", status: "COMPLETED" });
    expect(run.output).toBe("done");
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(950);
  });
});
