import { Writable } from "node:stream";
import { beforeEach, describe, expect, it, vi } from "vitest";

const sentry = vi.hoisted(() => {
  const scope = { setTag: vi.fn(), setUser: vi.fn(), setContext: vi.fn() };
  return {
    scope,
    captureException: vi.fn(() => "event-1"),
    withScope: vi.fn((callback: (s: typeof scope) => unknown) => callback(scope)),
  };
});
vi.mock("@sentry/nextjs", () => ({ captureException: sentry.captureException, withScope: sentry.withScope }));

import { createLogger } from "@/server/observability/logger";
import { reportError } from "@/server/observability/report-error";

function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { log: createLogger({ level: "info", destination }), lines };
}

describe("reportError", () => {
  beforeEach(() => vi.clearAllMocks());

  it("logs one JSON line with the request id and the error, and sends it to Sentry with tags", () => {
    const { log, lines } = capturingLogger();
    const error = new Error("boom");

    const eventId = reportError(error, { requestId: "req-1", source: "workspace.get", userId: "u1", extra: { input: { slug: "acme" } } }, log);

    expect(eventId).toBe("event-1");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: "error",
      msg: "unexpected error",
      requestId: "req-1",
      source: "workspace.get",
      service: "meridian",
      err: { type: "Error", message: "boom" },
      extra: { input: { slug: "acme" } },
    });
    expect(sentry.captureException).toHaveBeenCalledWith(error);
    expect(sentry.scope.setTag).toHaveBeenCalledWith("requestId", "req-1");
    expect(sentry.scope.setTag).toHaveBeenCalledWith("source", "workspace.get");
    expect(sentry.scope.setUser).toHaveBeenCalledWith({ id: "u1" });
    expect(sentry.scope.setContext).toHaveBeenCalledWith("extra", { input: { slug: "acme" } });
  });

  it("keeps secrets out of the log line", () => {
    const { log, lines } = capturingLogger();
    reportError(new Error("x"), { extra: { accessToken: "tok_live_123" } }, log);
    expect(JSON.stringify(lines[0])).not.toContain("tok_live_123");
  });
});
