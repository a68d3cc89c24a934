import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "@/server/observability/logger";

describe("logger", () => {
  it("writes JSON lines carrying the child's request id, and honours the level", () => {
    const lines: Record<string, unknown>[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    const log = createLogger({ level: "info", destination }).child({ requestId: "abc" });

    log.debug("hidden");
    log.info({ workspaceId: "w1", headers: { cookie: "authjs.session-token=secret" } }, "hello");

    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: "info", msg: "hello", requestId: "abc", workspaceId: "w1" });
    expect(lines[0]).toHaveProperty("time");
    expect(JSON.stringify(lines[0])).not.toContain("secret");
  });
});
