import { describe, expect, it } from "vitest";
import { getRequestId } from "@/server/observability/request-id";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("getRequestId", () => {
  it("keeps the id a proxy or client sent", () => {
    expect(getRequestId(new Headers({ "x-request-id": "iad1::abc-123" }))).toBe("iad1::abc-123");
  });

  it("generates a fresh UUID when none is sent", () => {
    const a = getRequestId(new Headers());
    const b = getRequestId(new Headers());
    expect(a).toMatch(UUID);
    expect(b).toMatch(UUID);
    expect(a).not.toBe(b);
  });

  it.each(["", "has space", "line\nbreak", "x".repeat(129), "<script>"])("replaces an unsafe id %j", (value) => {
    const headers = { get: (name: string) => (name === "x-request-id" ? value : null) };
    expect(getRequestId(headers)).toMatch(UUID);
  });
});
