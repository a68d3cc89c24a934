// The job-runner port over Inngest's REST API: against the local runner over HTTP (which serves
// GET /v1/runs/:id and GET /v1/events/:id/runs in Inngest's shape), and, for Inngest Cloud, where
// requests go and how they are signed.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Inngest, NonRetriableError } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closedPortUrl } from "@/dev/test/closed-port";
import { TEST_SIGNING_KEY, withInngestRunner, type InngestHarness } from "@/dev/test/inngest";
import { inngestRunStatus, runStatusApiConfig } from "./run-status";
import { hashSigningKey } from "./signing-key";

const PROD_KEY = "signkey-prod-00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
// Built before the harness points the environment at the local runner (the SDK reads it on construction).
const cloudClient = new Inngest({ id: "run-status-cloud", isDev: false, signingKey: PROD_KEY, env: "preview-branch" });
const devClient = new Inngest({ id: "run-status-dev", isDev: true });

const client = new Inngest({ id: "run-status-test", isDev: false });
let release: () => void = () => {};
const gate = () => new Promise<void>((resolve) => (release = resolve));
let held = gate();
const heldFn = client.createFunction({ id: "held", triggers: [{ event: "test/held" }] }, async ({ step }) => {
  await step.run("wait", () => held);
  return "done";
});
const failingFn = client.createFunction({ id: "failing", retries: 0, triggers: [{ event: "test/failing" }] }, async () => {
  throw new NonRetriableError("no");
});

let harness: InngestHarness;
beforeAll(async () => {
  harness = await withInngestRunner(client, [heldFn, failingFn]);
});
afterAll(async () => harness?.stop());

const runner = () => inngestRunStatus({ baseUrl: harness.runnerUrl, signingKey: TEST_SIGNING_KEY });

describe("inngestRunStatus against the local runner", () => {
  it("follows an event's run from running to completed, by the ids the Event API answers", async () => {
    held = gate();
    const [eventId] = await client.send({ name: "test/held", id: "held-1" }).then((r) => r.ids);
    // Inngest answers its own id for the event, not the one it was sent with.
    expect(eventId).toMatch(/^[0-9A-Z]{26}$/);
    const run = await waitUntil(async () => (await runner().eventRuns(eventId!))?.[0]);
    expect(run).toEqual({ runId: expect.any(String), state: "running", endedAt: null });
    expect(await runner().run(run.runId)).toEqual(run);

    release();
    await harness.runner.waitForRun(run.runId);
    const ended = await runner().run(run.runId);
    expect(ended).toEqual({ runId: run.runId, state: "completed", endedAt: expect.any(Date) });
    expect(await runner().eventRuns(eventId!)).toEqual([ended]);
  });

  it("reports a failed run, an event sent again under its id as known without runs, and unknown ids as null", async () => {
    const [failed] = await harness.send({ name: "test/failing" });
    const run = await harness.waitForRun({ eventId: failed, status: "FAILED" });
    expect(await runner().run(run.id)).toMatchObject({ state: "failed", endedAt: expect.any(Date) });

    const [first] = await harness.send({ name: "test/failing", id: "once" });
    const [again] = await harness.send({ name: "test/failing", id: "once" });
    expect(again).not.toBe(first);
    await harness.waitForRun({ eventId: "once", status: "FAILED" });
    expect(await runner().eventRuns(first!)).toHaveLength(1);
    expect(await runner().eventRuns(again!)).toEqual([]);

    expect(await runner().run("01JUNKNOWNRUN0000000000000")).toBeNull();
    expect(await runner().eventRuns("01JUNKNOWNEVENT00000000000")).toBeNull();
  });

  it("knows nothing from before a restart of the runner", async () => {
    const [eventId] = await harness.send({ name: "test/failing" });
    const run = await harness.waitForRun({ eventId, status: "FAILED" });
    await harness.restartRunner();
    expect(await runner().run(run.id)).toBeNull();
    expect(await runner().eventRuns(eventId!)).toBeNull();
  });

  it("retries under the fallback key when the key is refused, and throws when refused or unreachable", async () => {
    const wrongKey = "signkey-test-ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff";
    await expect(inngestRunStatus({ baseUrl: harness.runnerUrl, signingKey: wrongKey }).run("x")).rejects.toThrow(/answered 401/);
    expect(await inngestRunStatus({ baseUrl: harness.runnerUrl, signingKey: wrongKey, signingKeyFallback: TEST_SIGNING_KEY }).run("x")).toBeNull();
    await expect(inngestRunStatus({ baseUrl: await closedPortUrl(), signingKey: TEST_SIGNING_KEY }).run("x")).rejects.toThrow(/fetch failed/);
  });
});

describe("inngestRunStatus's requests", () => {
  let server: Server;
  let url: string;
  const seen: Array<{ path: string; headers: IncomingHttpHeaders }> = [];
  let answer: { status: number; body: string } = { status: 200, body: "{}" };
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push({ path: req.url ?? "", headers: req.headers });
      res.writeHead(answer.status, { "content-type": "application/json" }).end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

  it("go where the SDK's API client sends them: Inngest Cloud, or the Dev Server in dev mode", () => {
    expect(runStatusApiConfig(cloudClient)).toEqual({ baseUrl: "https://api.inngest.com/", signingKey: PROD_KEY, signingKeyFallback: undefined, environment: "preview-branch" });
    expect(runStatusApiConfig(devClient).baseUrl).toBe("http://localhost:8288/");
  });

  it("are signed with the hashed signing key and name the branch environment", async () => {
    answer = { status: 200, body: JSON.stringify({ data: { run_id: "R1", status: "Running", run_started_at: "2030-01-01T00:00:00Z", ended_at: null } }) };
    await inngestRunStatus({ ...runStatusApiConfig(cloudClient), baseUrl: url }).run("R1");
    // The local runner checks the SDK's own register call with this same function, so it is the SDK's hash.
    expect(hashSigningKey(PROD_KEY)).toMatch(/^signkey-prod-[0-9a-f]{64}$/);
    expect(seen.at(-1)).toMatchObject({ path: "/v1/runs/R1", headers: { authorization: `Bearer ${hashSigningKey(PROD_KEY)}`, "x-inngest-env": "preview-branch" } });
  });

  it("take statuses other than the end states as running, and throw on a body of another shape or a 5xx", async () => {
    answer = { status: 200, body: JSON.stringify({ data: [{ run_id: "R2", status: "Queued" }, { run_id: "R3", status: "Cancelled", ended_at: "2030-01-01T00:00:00Z" }] }) };
    expect(await inngestRunStatus({ baseUrl: url }).eventRuns("E1")).toEqual([
      { runId: "R2", state: "running", endedAt: null },
      { runId: "R3", state: "cancelled", endedAt: new Date("2030-01-01T00:00:00Z") },
    ]);
    expect(seen.at(-1)!.headers.authorization).toBeUndefined();
    answer = { status: 200, body: JSON.stringify([{ run_id: "R2" }]) };
    await expect(inngestRunStatus({ baseUrl: url }).eventRuns("E1")).rejects.toThrow(/unexpected body/);
    answer = { status: 502, body: "bad gateway" };
    await expect(inngestRunStatus({ baseUrl: url }).run("R1")).rejects.toThrow(/answered 502/);
  });
});

async function waitUntil<T>(read: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("Timed out");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
