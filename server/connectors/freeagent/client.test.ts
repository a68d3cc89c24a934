import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { ManualClock, startFreeAgentSandbox, type FreeAgentSandbox } from "@/dev/sandbox/freeagent";
import { AllowanceExhaustedError, AuthExpiredError, PermanentError, RateLimitedError } from "@/server/connectors/_core/errors";
import type { RequestAllowance, RequestWindowLimit } from "@/server/connectors/_core/request-allowance";
import { requestWindows } from "@/server/services/connections/request-windows";
import { takeRoom, windowRefused } from "./allowance-pacing";
import { FreeAgentClient, nextLink } from "./client";
import { FREEAGENT_WINDOWS } from "./config";

// The client against the sandbox FreeAgent, its requests drawn from the request allowance in
// PostgreSQL (server/services/connections/request-windows.ts): each test its own allowance key.

const EPOCH = Date.UTC(2026, 9, 15);
let sandbox: FreeAgentSandbox;

beforeAll(async () => {
  sandbox = await startFreeAgentSandbox({ seed: "connector-client", epoch: EPOCH, volume: { bankTransactions: 5, invoices: 3 }, clock: new ManualClock(EPOCH) });
});
afterAll(async () => {
  await sandbox?.stop();
});

const token = (userId?: number) => (sandbox.issueToken({ userId }) as { access_token: string }).access_token;

/** The real allowance, its calls to `exhaust` kept. */
function recordingAllowance() {
  const exhausted: RequestWindowLimit[] = [];
  const allowance: RequestAllowance = { ...requestWindows, exhaust: (key, window) => (exhausted.push(window), requestWindows.exhaust(key, window)) };
  return { allowance, exhausted };
}

function client(options: { accessToken?: string; deadline?: number; allowance?: RequestAllowance; key?: string; windows?: readonly RequestWindowLimit[] } = {}) {
  const accessToken = options.accessToken ?? token();
  return new FreeAgentClient({
    apiUrl: sandbox.base,
    token: async () => accessToken,
    timeoutMs: 2_000,
    pacing: { allowance: options.allowance ?? requestWindows, key: options.key ?? `test:${randomUUID()}`, windows: options.windows ?? FREEAGENT_WINDOWS, deadline: options.deadline ?? Date.now() + 5_000 },
  });
}

describe("FreeAgent client", () => {
  it("takes a room in the shared allowance before each request", async () => {
    const key = `test:${randomUUID()}`;
    await client({ key }).get("/company", z.unknown());
    expect((await requestWindows.usage(key, FREEAGENT_WINDOWS)).map((w) => w.used)).toEqual([1, 1]);
  });

  it("a 429 fills the window FreeAgent's message names and ends the request with when to go on, when that is past the deadline", async () => {
    const { allowance, exhausted } = recordingAllowance();
    const key = `test:${randomUUID()}`;
    sandbox.faults.add({ point: "api", kind: "429", retryAfterSeconds: 30 });
    const failure = await client({ allowance, key, deadline: Date.now() }).page("/contacts", "contacts", z.unknown()).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AllowanceExhaustedError);
    expect((failure as AllowanceExhaustedError).resumeAt).toBeGreaterThan(Date.now() + 20_000);
    expect(exhausted).toEqual([{ seconds: 60, limit: 120 }]);
    const [minute] = await requestWindows.usage(key, FREEAGENT_WINDOWS);
    expect(minute!.used).toBe(120);
  });

  it("names the hour's window from the hourly message, and the longest when the message names none", () => {
    const refusal = (body: string) => new RateLimitedError("429", { status: 429, responseBody: body });
    expect(windowRefused(refusal('{"errors":{"error":{"message":"You must not exceed 3600 requests per hour"}}}'), FREEAGENT_WINDOWS)).toEqual({ seconds: 3600, limit: 3600 });
    expect(windowRefused(refusal('{"errors":{"error":{"message":"You must not exceed 120 requests per 60 seconds"}}}'), FREEAGENT_WINDOWS)).toEqual({ seconds: 60, limit: 120 });
    expect(windowRefused(refusal("slow down"), FREEAGENT_WINDOWS)).toEqual({ seconds: 3600, limit: 3600 });
  });

  it("past the deadline, ends with AllowanceExhaustedError at the windows' reset; before it, waits for the room", async () => {
    const hourly = { allowance: requestWindows, key: `test:${randomUUID()}`, windows: [{ seconds: 3600, limit: 2 }] };
    await takeRoom({ ...hourly, deadline: Date.now() });
    await takeRoom({ ...hourly, deadline: Date.now() });
    const refused = await takeRoom({ ...hourly, deadline: Date.now() }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AllowanceExhaustedError);
    expect((refused as AllowanceExhaustedError).resumeAt % 3_600_000).toBe(0);
    expect((await requestWindows.usage(hourly.key, hourly.windows))[0]!.used).toBe(2);

    const bySecond = { allowance: requestWindows, key: `test:${randomUUID()}`, windows: [{ seconds: 1, limit: 1 }] };
    await takeRoom({ ...bySecond, deadline: Date.now() });
    await takeRoom({ ...bySecond, deadline: Date.now() + 5_000 });
    expect((await requestWindows.usage(bySecond.key, bySecond.windows))[0]!.used).toBe(1);
  });

  it("a level too low (403) fails with FreeAgent's own words, not as a refused token", async () => {
    const failure = await client({ accessToken: token(2) }).page("/accounting/transactions", "transactions", z.unknown()).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PermanentError);
    expect((failure as Error).message).toContain("You are not allowed to access this action.");
  });

  it("a refused token (401) is AuthExpiredError", async () => {
    const failure = await client({ accessToken: "fa_at_unknown" }).get("/company", z.unknown()).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AuthExpiredError);
  });

  it("takes the next page from the Link header's rel=next, verbatim", () => {
    const header = '<https://api.freeagent.com/v2/invoices?page=1&per_page=100>; rel="prev", <https://api.freeagent.com/v2/invoices?page=3&per_page=100&view=all>; rel="next", <https://api.freeagent.com/v2/invoices?page=9>; rel="last"';
    expect(nextLink(header)).toBe("https://api.freeagent.com/v2/invoices?page=3&per_page=100&view=all");
    expect(nextLink('<https://api.freeagent.com/v2/invoices?page=1>; rel="prev"')).toBeNull();
    expect(nextLink(null)).toBeNull();
  });
});
