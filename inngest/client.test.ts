import { describe, expect, it } from "vitest";
import { parseEnv } from "@/server/env";
import { inngestServeLocation } from "./client";

const base = { DATABASE_URL: "postgres://u:p@localhost:5432/meridian" };

describe("inngestServeLocation", () => {
  it("reports the app URL, from configuration", () => {
    expect(inngestServeLocation(parseEnv({ ...base, APP_URL: "https://ops.example.com/" }))).toEqual({ serveOrigin: "https://ops.example.com", servePath: "/api/inngest" });
    expect(inngestServeLocation(parseEnv({ ...base, PORT: "3100" })).serveOrigin).toBe("http://localhost:3100");
  });

  it("reports INNGEST_SERVE_ORIGIN instead where the Inngest server reaches the app by another name", () => {
    const e = parseEnv({ ...base, APP_URL: "https://ops.example.com", INNGEST_SERVE_ORIGIN: "http://meridian.internal:3000" });
    expect(inngestServeLocation(e)).toEqual({ serveOrigin: "http://meridian.internal:3000", servePath: "/api/inngest" });
  });
});
