import { describe, expect, it } from "vitest";
import { connectorFormActionOrigins } from "@/server/connectors/registry";
import { contentSecurityPolicy, securityHeaders, type SecurityHeaderOptions } from "@/server/security/headers";

const base: SecurityHeaderOptions = { isProduction: false, sentryDsns: [], googleSignIn: false, formActionOrigins: [] };

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(";").map((part) => {
      const [name = "", ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

function headerMap(options: SecurityHeaderOptions): Map<string, string> {
  return new Map(securityHeaders(options).map((h) => [h.key, h.value]));
}

describe("securityHeaders", () => {
  it("development: eval allowed for React tooling, no HSTS", () => {
    const headers = headerMap(base);
    expect(headers.has("Strict-Transport-Security")).toBe(false);
    const csp = directives(headers.get("Content-Security-Policy")!);
    expect(csp.get("script-src")).toEqual(["'self'", "'unsafe-inline'", "'unsafe-eval'"]);
  });

  it("production: no eval, HSTS for two years with preload", () => {
    const headers = headerMap({ ...base, isProduction: true });
    expect(headers.get("Strict-Transport-Security")).toBe("max-age=63072000; includeSubDomains; preload");
    const csp = directives(headers.get("Content-Security-Policy")!);
    expect(csp.get("script-src")).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it.each([false, true])("always locks framing, sniffing and referrers (production=%s)", (isProduction) => {
    const headers = headerMap({ ...base, isProduction });
    expect(headers.get("X-Frame-Options")).toBe("DENY");
    expect(headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(headers.get("Referrer-Policy")).toBe("strict-origin-when-cross-origin");
    expect(headers.get("Permissions-Policy")).toContain("camera=()");
    const csp = directives(headers.get("Content-Security-Policy")!);
    expect(csp.get("default-src")).toEqual(["'self'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("frame-src")).toEqual(["'self'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'self'"]);
    expect(csp.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp.get("img-src")).toEqual(["'self'", "data:", "https:"]);
  });

  it("connect-src adds each Sentry ingest origin once, and nothing without a DSN", () => {
    expect(directives(contentSecurityPolicy(base)).get("connect-src")).toEqual(["'self'"]);
    const dsn = "https://abc123@o42.ingest.us.sentry.io/4507";
    const csp = directives(contentSecurityPolicy({ ...base, sentryDsns: [dsn, dsn, undefined, "not a url"] }));
    expect(csp.get("connect-src")).toEqual(["'self'", "https://o42.ingest.us.sentry.io"]);
  });

  it("form-action allows Google's accounts host only when Google sign-in is configured", () => {
    expect(directives(contentSecurityPolicy(base)).get("form-action")).toEqual(["'self'"]);
    expect(directives(contentSecurityPolicy({ ...base, googleSignIn: true })).get("form-action")).toEqual([
      "'self'",
      "https://accounts.google.com",
    ]);
  });

  it("form-action allows where the configured connectors' connect forms redirect (Shopify's shops), only when configured", () => {
    const shopify = { SHOPIFY_API_KEY: "key", SHOPIFY_API_SECRET: "secret" };
    const formAction = (variables: Record<string, string>) =>
      directives(contentSecurityPolicy({ ...base, formActionOrigins: connectorFormActionOrigins({ appUrl: "https://app.test", variables }) })).get("form-action");
    expect(formAction({ SHOPIFY_SHOP_ORIGIN: "https://{shop}" })).toEqual(["'self'"]);
    expect(formAction({ ...shopify, SHOPIFY_SHOP_ORIGIN: "https://{shop}" })).toEqual(["'self'", "https://*.myshopify.com"]);
    expect(formAction({ ...shopify, SHOPIFY_SHOP_ORIGIN: "http://localhost:8289/shops/{shop}" })).toEqual(["'self'", "http://localhost:8289"]);
  });
});
