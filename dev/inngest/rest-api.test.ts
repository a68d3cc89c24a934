// The runner's REST reads in Inngest's shape (what inngest/run-status.ts parses), over HTTP.
import { Inngest } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_SIGNING_KEY, withInngestRunner, type InngestHarness } from "@/dev/test/inngest";
import { hashSigningKey } from "./signature";

const client = new Inngest({ id: "rest-api-test", isDev: false });
const fn = client.createFunction({ id: "answer", triggers: [{ event: "test/answer" }] }, async () => ({ answer: 42 }));

let harness: InngestHarness;
beforeAll(async () => {
  harness = await withInngestRunner(client, [fn]);
});
afterAll(async () => harness?.stop());

const get = async (path: string, key: string | null = hashSigningKey(TEST_SIGNING_KEY)) => {
  const response = await fetch(`${harness.runnerUrl}${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
  return { status: response.status, body: (await response.json()) as unknown };
};

describe("local runner: REST API", () => {
  it("answers a run and an event's runs as Inngest does, to the hashed key or the key itself", async () => {
    const [eventId] = await harness.send({ name: "test/answer", id: "answer-1" });
    const run = await harness.waitForRun({ eventId: "answer-1", status: "COMPLETED" });
    const data = {
      run_id: run.id,
      function_id: "rest-api-test-answer",
      event_id: eventId,
      status: "Completed",
      run_started_at: new Date(run.startedAt!).toISOString(),
      ended_at: new Date(run.endedAt!).toISOString(),
      output: { answer: 42 },
    };
    expect(await get(`/v1/runs/${run.id}`)).toEqual({ status: 200, body: { data } });
    expect(await get(`/v1/events/${eventId}/runs`, TEST_SIGNING_KEY)).toEqual({ status: 200, body: { data: [data] } });
  });

  it("refuses a request without the signing key, and answers 404 for ids it does not have", async () => {
    expect(await get("/v1/runs/01JANY0000000000000000000", null)).toMatchObject({ status: 401 });
    expect(await get("/v1/runs/01JANY0000000000000000000", "signkey-test-00")).toMatchObject({ status: 401 });
    expect(await get("/v1/runs/01JANY0000000000000000000")).toEqual({ status: 404, body: { error: "Run not found", status: 404 } });
    expect(await get("/v1/events/01JANY0000000000000000000/runs")).toEqual({ status: 404, body: { error: "Event not found", status: 404 } });
  });
});
