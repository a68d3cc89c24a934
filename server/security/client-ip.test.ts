import { describe, expect, it } from "vitest";
import { parseEnv } from "@/server/env";
import { clientIp, clientIpSource } from "./client-ip";

const headers = (init: Record<string, string>) => new Headers(init);
const behind = (trustedProxies: number) => ({ vercel: false, trustedProxies }) as const;

describe("clientIp behind configured proxies", () => {
  it("counts the proxies from the right, so what a client writes on the left is never taken", () => {
    // The client sent "6.6.6.6"; the one proxy appended the address it saw.
    expect(clientIp(headers({ "x-forwarded-for": "6.6.6.6, 198.51.100.7" }), behind(1))).toBe("198.51.100.7");
    // CDN then load balancer: the CDN appended the client, the load balancer appended the CDN.
    expect(clientIp(headers({ "x-forwarded-for": "6.6.6.6,198.51.100.7 , 10.0.0.2" }), behind(2))).toBe("198.51.100.7");
  });

  it("believes no header without a proxy: next start passes a client's X-Forwarded-For through", () => {
    expect(clientIp(headers({ "x-forwarded-for": "6.6.6.6" }), behind(0))).toBeNull();
    expect(clientIp(headers({ "x-real-ip": "6.6.6.6" }), behind(0))).toBeNull();
  });

  it("answers null for a chain shorter than the proxies configured (it skipped one of them)", () => {
    expect(clientIp(headers({ "x-forwarded-for": "198.51.100.7" }), behind(2))).toBeNull();
    expect(clientIp(headers({ "x-forwarded-for": " , " }), behind(1))).toBeNull();
    expect(clientIp(headers({}), behind(1))).toBeNull();
  });

  it("ignores x-real-ip and x-vercel-forwarded-for, which any client can send off Vercel", () => {
    const forged = headers({ "x-real-ip": "6.6.6.6", "x-vercel-forwarded-for": "6.6.6.7", "x-forwarded-for": "198.51.100.7" });
    expect(clientIp(forged, behind(1))).toBe("198.51.100.7");
  });
});

describe("clientIp on Vercel", () => {
  it("takes x-vercel-forwarded-for, which Vercel's edge sets, and ignores a client's X-Forwarded-For", () => {
    const request = headers({ "x-vercel-forwarded-for": "198.51.100.7", "x-forwarded-for": "6.6.6.6" });
    expect(clientIp(request, { vercel: true })).toBe("198.51.100.7");
    expect(clientIp(headers({ "x-forwarded-for": "6.6.6.6" }), { vercel: true })).toBeNull();
  });
});

describe("clientIpSource", () => {
  const base = { DATABASE_URL: "postgresql://u:p@localhost:5432/db" };

  it("is Vercel's edge on production and preview deployments, whatever TRUSTED_PROXY_COUNT says", () => {
    expect(clientIpSource(parseEnv({ ...base, VERCEL_ENV: "preview", TRUSTED_PROXY_COUNT: "3" }))).toEqual({ vercel: true });
    expect(clientIpSource(parseEnv({ ...base, VERCEL_ENV: "production" }))).toEqual({ vercel: true });
  });

  it("is TRUSTED_PROXY_COUNT elsewhere (vercel dev included), 0 unless set", () => {
    expect(clientIpSource(parseEnv(base))).toEqual({ vercel: false, trustedProxies: 0 });
    expect(clientIpSource(parseEnv({ ...base, VERCEL_ENV: "development", TRUSTED_PROXY_COUNT: "2" }))).toEqual({ vercel: false, trustedProxies: 2 });
  });

  it("refuses a TRUSTED_PROXY_COUNT that is not a whole number of proxies, naming it", () => {
    expect(() => parseEnv({ ...base, TRUSTED_PROXY_COUNT: "-1" })).toThrow(/TRUSTED_PROXY_COUNT/);
    expect(() => parseEnv({ ...base, TRUSTED_PROXY_COUNT: "one" })).toThrow(/TRUSTED_PROXY_COUNT/);
    expect(() => parseEnv({ ...base, TRUSTED_PROXY_COUNT: "1.5" })).toThrow(/TRUSTED_PROXY_COUNT/);
  });
});
