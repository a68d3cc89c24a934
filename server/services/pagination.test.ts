import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { decodeCursor, encodeCursor, keysetOn } from "./pagination";

describe("keysetOn", () => {
  it("speaks the same cursor format as encodeCursor for timestamps", () => {
    const processed = keysetOn("processedAt");
    const at = new Date("2026-01-02T03:04:05.678Z");
    const page = processed.toPage([{ processedAt: at, id: "a" }, { processedAt: at, id: "b" }], 1, (row) => row.id);
    expect(page).toEqual({ items: ["a"], nextCursor: encodeCursor({ createdAt: at, id: "a" }) });
    expect(decodeCursor(page.nextCursor!)).toEqual({ createdAt: at, id: "a" });
    expect(processed.after(page.nextCursor!, "desc")).toEqual({
      OR: [{ processedAt: { lt: at } }, { processedAt: at, id: { lt: "a" } }],
    });
  });

  it("round-trips text values containing the separator, and integers", () => {
    const byTitle = keysetOn("title", "text");
    const { nextCursor } = byTitle.toPage([{ title: "A|B", id: "x" }, { title: "C", id: "y" }], 1, (r) => r);
    expect(byTitle.after(nextCursor!, "asc")).toEqual({ OR: [{ title: { gt: "A|B" } }, { title: "A|B", id: { gt: "x" } }] });

    const byAvailable = keysetOn("available", "integer");
    const next = byAvailable.toPage([{ available: -3, id: "x" }, { available: 0, id: "y" }], 1, (r) => r).nextCursor!;
    expect(byAvailable.after(next, "asc")).toEqual({ OR: [{ available: { gt: -3 } }, { available: -3, id: { gt: "x" } }] });
  });

  it("has no next cursor on the last page", () => {
    expect(keysetOn("title", "text").toPage([{ title: "A", id: "x" }], 1, (r) => r.id)).toEqual({ items: ["x"], nextCursor: null });
  });

  it("rejects a malformed cursor as BAD_REQUEST", () => {
    const bad = Buffer.from("not-a-date|id", "utf8").toString("base64url");
    expect(() => keysetOn("processedAt").after(bad, "desc")).toThrow(AppError);
    expect(() => keysetOn("available", "integer").after(Buffer.from("1.5|id").toString("base64url"), "asc")).toThrow(AppError);
    expect(() => keysetOn("title", "text").after(Buffer.from("no-separator").toString("base64url"), "asc")).toThrow(AppError);
    // A date JavaScript holds but PostgreSQL's timestamptz cannot (before 4713 BC).
    const ancient = Buffer.from("-200000-01-01T00:00:00.000Z|id", "utf8").toString("base64url");
    expect(() => keysetOn("processedAt").after(ancient, "desc")).toThrow(AppError);
    expect(() => decodeCursor(ancient)).toThrow(AppError);
  });
});
