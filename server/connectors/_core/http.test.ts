import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AllowanceExhaustedError, AuthExpiredError, type ConnectorError, PermanentError, RateLimitedError, TransientError } from "./errors";
import { backoffDelay, HttpClient, parseRetryAfter, type HttpClientOptions } from "./http";

// A real HTTP peer whose answers are scripted per test: each request takes the next step.
type Step = (req: IncomingMessage, res: ServerResponse) => void;
let script: Step[] = [];
let received: { method: string; body: string }[] = [];
let server: Server;
let base: string;

const ok: Step = (_req, res) => {
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify({ ok: true }));
};
const status =
  (code: number, headers: Record<string, string> = {}): Step =>
  (_req, res) => {
    res.writeHead(code, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify({ errors: `status ${code}` }));
  };

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      received.push({ method: req.method ?? "", body });
      const step = script.shift() ?? ok;
      step(req, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  script = [];
  received = [];
});

function client(options: HttpClientOptions = {}) {
  const sleeps: number[] = [];
  const http = new HttpClient({
    maxAttempts: 4,
    timeoutMs: 2_000,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...options,
  });
  return { http, sleeps };
}

describe("HttpClient", () => {
  it("retries 5xx with exponential backoff and full jitter, then returns the JSON body", async () => {
    script = [status(503), status(502), ok];
    const { http, sleeps } = client({ baseDelayMs: 100 });
    const response = await http.json(`${base}/x`);
    expect(response.body).toEqual({ ok: true });
    // random() = 0.5 of min(cap, 100 × 2^(attempt − 1))
    expect(sleeps).toEqual([50, 100]);
    expect(http.stats).toEqual({ requests: 3, retries: 2, rateLimited: 0, failures: 0 });
  });

  it("honours Retry-After on 429", async () => {
    script = [status(429, { "retry-after": "1.5" }), ok];
    const { http, sleeps } = client();
    await http.json(`${base}/x`);
    expect(sleeps).toEqual([1500]);
    expect(http.stats.rateLimited).toBe(1);
  });

  it("honours the provider's own retry-after header when told its name", async () => {
    script = [status(429, { "x-retry-after": "3" }), ok];
    const { http, sleeps } = client({ retryAfterHeader: "x-retry-after" });
    await http.json(`${base}/x`);
    expect(sleeps).toEqual([3000]);
  });

  it("awaits beforeAttempt before every attempt, retries included", async () => {
    script = [status(503), status(429, { "retry-after": "1" }), ok];
    const order: string[] = [];
    const { http } = client({
      beforeAttempt: async () => void order.push(`gate ${received.length}`),
      sleep: async (ms) => void order.push(`sleep ${ms}`),
    });
    await http.json(`${base}/x`);
    expect(order).toEqual(["gate 0", "sleep 250", "gate 1", "sleep 1000", "gate 2"]);
  });

  it("hands a Retry-After longer than it is willing to wait to the caller as RateLimitedError", async () => {
    script = [status(429, { "retry-after": "120" })];
    const { http, sleeps } = client({ maxRetryAfterMs: 10_000 });
    const error = await http.json(`${base}/x`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(120_000);
    expect(sleeps).toEqual([]);
  });

  it("lets the provider read a failure before it is retried: one it makes not retryable is thrown at once", async () => {
    script = [status(429), status(429), ok];
    const spent = new AllowanceExhaustedError("the hour's quota is spent", 1_000);
    const refineError = (error: ConnectorError) => (error instanceof RateLimitedError && received.length === 2 ? spent : error);
    const { http } = client({ refineError });
    await expect(http.json(`${base}/x`)).rejects.toBe(spent);
    expect(received).toHaveLength(2);
    expect(http.stats).toMatchObject({ requests: 2, retries: 1, rateLimited: 2 });
  });

  it("maps 401/403 to AuthExpiredError and other 4xx to PermanentError, without retrying", async () => {
    script = [status(401)];
    const { http } = client();
    await expect(http.json(`${base}/x`)).rejects.toBeInstanceOf(AuthExpiredError);
    script = [status(403)];
    await expect(http.json(`${base}/x`)).rejects.toBeInstanceOf(AuthExpiredError);
    script = [status(422)];
    const error = await http.json(`${base}/x`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as PermanentError).status).toBe(422);
    expect(received).toHaveLength(3);
  });

  it("gives up after maxAttempts with a TransientError carrying the status", async () => {
    script = [status(500), status(500), status(500), status(500)];
    const { http } = client();
    const error = await http.json(`${base}/x`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).status).toBe(500);
    expect(received).toHaveLength(4);
    expect(http.stats.failures).toBe(1);
  });

  it("times out a hanging response and retries it", async () => {
    script = [() => undefined /* never answers */, ok];
    const { http } = client({ timeoutMs: 200 });
    const response = await http.json(`${base}/x`);
    expect(response.body).toEqual({ ok: true });
    expect(received).toHaveLength(2);
  });

  it("times out a body that stops midway", async () => {
    script = [
      (_req, res) => {
        res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
        res.write('{"ok":'); // and then nothing more
      },
      ok,
    ];
    const { http } = client({ timeoutMs: 200 });
    expect((await http.json(`${base}/x`)).body).toEqual({ ok: true });
  });

  it("retries a connection reset and a truncated body", async () => {
    script = [
      (req) => req.socket.destroy(),
      (_req, res) => {
        res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
        res.write('{"ok":');
        res.socket?.destroy();
      },
      (_req, res) => res.end('{"ok": tr'), // complete response, cut JSON
      ok,
    ];
    const { http } = client();
    expect((await http.json(`${base}/x`)).body).toEqual({ ok: true });
    expect(http.stats.retries).toBe(3);
  });

  it("reports the truncated body as TransientError once attempts run out", async () => {
    script = Array.from({ length: 4 }, () => ((_req: IncomingMessage, res: ServerResponse) => res.end('{"a":')) as Step);
    const { http } = client();
    await expect(http.json(`${base}/x`)).rejects.toThrow(/Truncated or malformed JSON/);
  });

  it("retries a request with side effects only when it was certainly rejected (429)", async () => {
    const { http } = client();
    script = [status(500)];
    await expect(http.json(`${base}/m`, { body: { a: 1 }, retry: "rejected-only" })).rejects.toBeInstanceOf(TransientError);
    expect(received).toHaveLength(1);
    script = [status(429, { "retry-after": "0" }), ok];
    await http.json(`${base}/m`, { body: { a: 1 }, retry: "rejected-only" });
    expect(received.map((r) => r.body)).toEqual(['{"a":1}', '{"a":1}', '{"a":1}']);
  });

  it("reports every attempt to onRequest", async () => {
    script = [status(503), ok];
    const events: { attempt: number; status: number | undefined; willRetry: boolean }[] = [];
    const { http } = client({ onRequest: (e) => events.push({ attempt: e.attempt, status: e.status, willRetry: e.willRetry }) });
    await http.json(`${base}/x`);
    expect(events).toEqual([
      { attempt: 1, status: 503, willRetry: true },
      { attempt: 2, status: 200, willRetry: false },
    ]);
  });

  it("stops at once when the caller aborts", async () => {
    script = [() => undefined];
    const { http } = client({ timeoutMs: 10_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("cancelled by the run")), 50);
    await expect(http.json(`${base}/x`, { signal: controller.signal })).rejects.toThrow("cancelled by the run");
  });

  it("streams a body without buffering it", async () => {
    script = [
      (_req, res) => {
        res.write("line 1\n");
        res.end("line 2\n");
      },
    ];
    const { http } = client();
    const response = await http.stream(`${base}/file`);
    expect(await new Response(response.body).text()).toBe("line 1\nline 2\n");
  });
});

describe("retry timing helpers", () => {
  it("parses Retry-After seconds and HTTP dates", () => {
    const now = Date.parse("2026-03-01T00:00:00Z");
    expect(parseRetryAfter("2.0", now)).toBe(2000);
    expect(parseRetryAfter("Sun, 01 Mar 2026 00:00:05 GMT", now)).toBe(5000);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it("caps the backoff window", () => {
    expect(backoffDelay(10, 500, 30_000, () => 0.999)).toBe(29_970);
    expect(backoffDelay(1, 500, 30_000, () => 0)).toBe(0);
  });
});
