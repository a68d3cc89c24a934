// Async checkpointing through the runner with real `inngest` SDK functions over HTTP: the SDK
// runs steps in-process and posts them to /v1/checkpoint/:runId/async, as with Inngest servers.
import { Inngest } from "inngest";
import { afterEach, describe, expect, it } from "vitest";
import { TEST_SIGNING_KEY, withInngestRunner, type InngestHarness } from "@/dev/test/inngest";
import { hashSigningKey } from "./signature";

let harness: InngestHarness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

const newClient = () => new Inngest({ id: "checkpoint-test", isDev: false });

function threeSteps(client: Inngest.Any, ran: string[], options: { checkpointing?: false } = {}) {
  return client.createFunction({ id: "three-steps", triggers: [{ event: "test/three" }], ...options }, async ({ step }) => {
    const a = await step.run("a", () => {
      ran.push("a");
      return 1;
    });
    const b = await step.run("b", () => {
      ran.push("b");
      return a + 1;
    });
    const c = await step.run("c", () => {
      ran.push("c");
      return { sum: a + b };
    });
    return { a, b, c };
  });
}

describe("local Inngest runner: async checkpointing", () => {
  it("finishes a multi-step run in one call request, every step checkpointed and memoized", async () => {
    const client = newClient();
    const ran: string[] = [];
    harness = await withInngestRunner(client, [threeSteps(client, ran)]);
    await harness.send({ name: "test/three" });
    const run = await harness.waitForRun({ functionId: "three-steps", status: "COMPLETED" });
    expect(run.output).toEqual({ a: 1, b: 2, c: { sum: 3 } });
    expect(run.calls).toBe(1);
    expect(run.checkpointedSteps).toBe(3);
    expect(Object.values(run.steps)).toEqual([
      { type: "data", data: 1 },
      { type: "data", data: 2 },
      { type: "data", data: { sum: 3 } },
    ]);
    expect(ran).toEqual(["a", "b", "c"]);
  });

  it("continues a checkpointed run after step.sleep, replaying the checkpointed step", async () => {
    const client = newClient();
    const ran: string[] = [];
    const fn = client.createFunction({ id: "nap", triggers: [{ event: "test/nap" }] }, async ({ step }) => {
      const before = await step.run("before", () => {
        ran.push("before");
        return Date.now();
      });
      await step.sleep("nap", "1s");
      const after = await step.run("after", () => {
        ran.push("after");
        return Date.now();
      });
      return after - before;
    });
    harness = await withInngestRunner(client, [fn]);
    await harness.send({ name: "test/nap" });
    const run = await harness.waitForRun({ functionId: "nap", status: "COMPLETED" });
    expect(run.output).toBeGreaterThanOrEqual(1000);
    expect(ran).toEqual(["before", "after"]); // "before" came from memoized state after the sleep
    expect(run.calls).toBe(2); // one call up to the Sleep op, one after it
    expect(run.checkpointedSteps).toBe(2);
    expect(Object.keys(run.steps)).toHaveLength(3);
  });

  it("retries a step that fails inside a checkpointed run, keeping earlier steps, until it succeeds", async () => {
    const client = newClient();
    const ran: string[] = [];
    const fn = client.createFunction({ id: "flaky-step", triggers: [{ event: "test/flaky.step" }] }, async ({ step }) => {
      const first = await step.run("first", () => {
        ran.push("first");
        return "ok";
      });
      const second = await step.run("second", () => {
        ran.push("second");
        if (ran.filter((name) => name === "second").length < 3) throw new Error("not yet");
        return "finally";
      });
      return `${first} ${second}`;
    });
    harness = await withInngestRunner(client, [fn]);
    await harness.send({ name: "test/flaky.step" });
    const run = await harness.waitForRun({ functionId: "flaky-step", status: "COMPLETED" });
    expect(run.output).toBe("ok finally");
    expect(ran).toEqual(["first", "second", "second", "second"]);
    expect(run.retries).toBe(2);
    expect(run.checkpointedSteps).toBe(1); // retried steps run in their own call requests
  });

  it("fails a checkpointed run when its step exhausts its retries, and calls onFailure", async () => {
    const client = newClient();
    const ran: string[] = [];
    const failures: string[] = [];
    const fn = client.createFunction(
      {
        id: "doomed",
        retries: 1,
        triggers: [{ event: "test/doomed" }],
        onFailure: async ({ error }) => {
          failures.push(error.message);
        },
      },
      async ({ step }) => {
        await step.run("fine", () => ran.push("fine"));
        await step.run("broken", () => {
          ran.push("broken");
          throw new Error("broken for good");
        });
        return "unreachable";
      },
    );
    harness = await withInngestRunner(client, [fn]);
    await harness.send({ name: "test/doomed" });
    const run = await harness.waitForRun({ functionId: "doomed" });
    expect(run.status).toBe("FAILED");
    expect(run.error?.message).toContain("broken for good");
    expect(ran).toEqual(["fine", "broken", "broken"]);
    expect(run.checkpointedSteps).toBe(1);
    await harness.waitForRun({ functionId: "doomed-failure", status: "COMPLETED" });
    expect(failures).toEqual([expect.stringContaining("broken for good")]);
  });

  it("uses one call request per step when the function opts out or the runner disables checkpointing", async () => {
    const optedOut = newClient();
    const ran: string[] = [];
    harness = await withInngestRunner(optedOut, [threeSteps(optedOut, ran, { checkpointing: false })]);
    await harness.send({ name: "test/three" });
    const run = await harness.waitForRun({ functionId: "three-steps", status: "COMPLETED" });
    expect(run.output).toEqual({ a: 1, b: 2, c: { sum: 3 } });
    expect([run.calls, run.checkpointedSteps]).toEqual([4, 0]);
    await harness.stop();

    const plain = newClient();
    harness = await withInngestRunner(plain, [threeSteps(plain, ran)], { checkpointing: false });
    await harness.send({ name: "test/three" });
    const plainRun = await harness.waitForRun({ functionId: "three-steps", status: "COMPLETED" });
    expect([plainRun.calls, plainRun.checkpointedSteps]).toEqual([4, 0]);
    expect(ran).toEqual(["a", "b", "c", "a", "b", "c"]);
  });

  it("stops the SDK mid-call when the run is cancelled (409 stale dispatch on its next checkpoint)", async () => {
    const client = newClient();
    const ran: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const fn = client.createFunction(
      { id: "cancel-mid-call", cancelOn: [{ event: "test/stop" }], triggers: [{ event: "test/go" }] },
      async ({ step }) => {
        await step.run("slow", async () => {
          ran.push("slow");
          await gate;
        });
        await step.run("after", () => ran.push("after"));
      },
    );
    harness = await withInngestRunner(client, [fn]);
    await harness.send({ name: "test/go" });
    await expect.poll(() => ran).toEqual(["slow"]);
    await harness.send({ name: "test/stop" });
    expect((await harness.waitForRun({ functionId: "cancel-mid-call" }, 1000)).status).toBe("CANCELLED");
    release();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(ran).toEqual(["slow"]); // had the checkpoint been accepted, the SDK would have run "after" in-process
  });

  it("guards the checkpoint endpoint: signing-key bearer, known run, call in flight", async () => {
    const client = newClient();
    harness = await withInngestRunner(client, [threeSteps(client, [])]);
    await harness.send({ name: "test/three" });
    const run = await harness.waitForRun({ functionId: "three-steps", status: "COMPLETED" });
    const post = (runId: string, body: unknown, token = hashSigningKey(TEST_SIGNING_KEY)) =>
      fetch(`${harness!.runnerUrl}/v1/checkpoint/${runId}/async`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const checkpoint = (runId: string, op = "StepRun") => ({ run_id: runId, fn_id: run.functionId, qi_id: "q1", steps: [{ op, id: "x", data: 1 }] });

    expect((await post(run.id, checkpoint(run.id), "signkey-test-wrong")).status).toBe(401);
    expect((await post("01NOSUCHRUN", checkpoint("01NOSUCHRUN"))).status).toBe(404);
    expect((await post(run.id, { run_id: run.id })).status).toBe(400);
    expect((await post(run.id, checkpoint(run.id, "Sleep"))).status).toBe(400);
    const stale = await post(run.id, checkpoint(run.id));
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { error: string }).error).toContain("Stale dispatch");
    expect(run.steps.x).toBeUndefined();
  });
});
