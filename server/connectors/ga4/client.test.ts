import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AllowanceExhaustedError, PermanentError } from "../_core/errors";
import { Ga4DataClient } from "./client";
import { PURCHASE_REPORT_ANSWER } from "./doc-examples";

// The Data API client against a real HTTP peer scripted per test (the sandbox GA4 answers only
// well-formed reports): an answer that is not a RunReportResponse fails naming the fields, a
// truncated body is retried, a refused access token is refreshed once, a 429 that outlasts the
// retries pauses the batch for as long as Google asked.

type Step = (req: IncomingMessage, res: ServerResponse) => void;
let script: Step[] = [];
let authorizations: string[] = [];
let server: Server;
let base: string;

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Step =>
  (_req, res) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(typeof body === "string" ? body : JSON.stringify(body));
  };
const report = json(200, PURCHASE_REPORT_ANSWER);

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      authorizations.push(req.headers.authorization ?? "");
      (script.shift() ?? report)(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  script = [];
  authorizations = [];
});

const NOW = Date.UTC(2026, 9, 15, 12);
function client() {
  const tokens: (string | undefined)[] = [];
  const ga4 = new Ga4DataClient({
    dataApiUrl: base,
    propertyId: "412345678",
    who: null,
    token: async (refused) => {
      tokens.push(refused);
      return refused ? "ya29.renewed" : "ya29.first";
    },
    deadline: NOW + 20_000,
    now: () => NOW,
    sleep: async () => undefined,
  });
  return { ga4, tokens };
}

describe("Ga4DataClient", () => {
  it("fails on an answer that is not a RunReportResponse, naming what is wrong", async () => {
    script = [json(200, { rows: "none", rowCount: -1 })];
    const error = await client().ga4.runReport({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as Error).message).toBe("GA4 answered runReport of properties/412345678 in an unexpected shape (rows, rowCount)");
  });

  it("asks again after a truncated body", async () => {
    script = [json(200, JSON.stringify(PURCHASE_REPORT_ANSWER).slice(0, 80))];
    expect((await client().ga4.runReport({})).rowCount).toBe(2);
    expect(authorizations).toHaveLength(2);
  });

  it("asks for a refreshed access token once when Google refuses the one it has", async () => {
    script = [json(401, { error: { code: 401, message: "Request had invalid authentication credentials.", status: "UNAUTHENTICATED" } })];
    const { ga4, tokens } = client();
    expect((await ga4.runReport({})).rows).toHaveLength(2);
    expect(tokens).toEqual([undefined, "ya29.first"]);
    expect(authorizations).toEqual(["Bearer ya29.first", "Bearer ya29.renewed"]);
  });

  it("pauses the batch for as long as Google asked when a 429 outlasts the retries", async () => {
    const busy = json(429, { error: { code: 429, message: "Resource has been exhausted (e.g. check quota).", status: "RESOURCE_EXHAUSTED" } }, { "retry-after": "90" });
    script = [busy];
    // Longer than the batch has left: not waited out here.
    const error = await client().ga4.runReport({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AllowanceExhaustedError);
    expect((error as AllowanceExhaustedError).resumeAt).toBe(NOW + 90_000);
    expect((error as Error).message).toContain("Resource has been exhausted");
  });
});
