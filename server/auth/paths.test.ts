import { describe, expect, it } from "vitest";
import { isPublicPath, safeCallbackPath, signInUrlFor, verifyRequestUrl } from "./paths";

describe("isPublicPath", () => {
  it.each([
    "/signin",
    "/signin/",
    "/verify-request",
    "/invite/abc123",
    "/invite",
    "/api/auth/callback/email",
    "/api/health",
    "/api/trpc/workspace.list",
    "/dev/outbox",
    "/connect/error",
    "/_next/static/chunks/app.js",
    "/favicon.ico",
    "/robots.txt",
    "/logo.svg",
    "/images/hero.png",
  ])("%s is public", (path) => {
    expect(isPublicPath(path)).toBe(true);
  });

  it.each(["/", "/w/acme", "/w/acme/settings/members", "/onboarding", "/signinx", "/invites", "/apix", "/developer", "/w/acme.corp/orders", "/connect/shopify", "/connect/errors", "/connect"])(
    "%s needs a session",
    (path) => {
      expect(isPublicPath(path)).toBe(false);
    },
  );
});

describe("safeCallbackPath", () => {
  it("keeps same-origin paths with their query", () => {
    expect(safeCallbackPath("/w/acme/orders?page=2")).toBe("/w/acme/orders?page=2");
  });

  it.each([undefined, null, 42, "", "https://evil.test/", "//evil.test/path", "/\\evil.test", "javascript:alert(1)", "w/acme"])(
    "falls back to / for %s",
    (value) => {
      expect(safeCallbackPath(value)).toBe("/");
    },
  );
});

describe("signInUrlFor", () => {
  it("carries the path back as callbackUrl", () => {
    expect(signInUrlFor("/w/acme?tab=1")).toBe("/signin?callbackUrl=%2Fw%2Facme%3Ftab%3D1");
  });

  it("omits the callback for the home page and unsafe targets", () => {
    expect(signInUrlFor("/")).toBe("/signin");
    expect(signInUrlFor("//evil.test")).toBe("/signin");
  });
});

describe("verifyRequestUrl", () => {
  it("names the address and keeps only a same-origin callback, for the page's Resend", () => {
    expect(verifyRequestUrl("ada+x@example.com", "/w/acme/orders")).toBe("/verify-request?email=ada%2Bx%40example.com&callbackUrl=%2Fw%2Facme%2Forders");
    expect(verifyRequestUrl("ada@example.com", "https://evil.example", { resent: true })).toBe("/verify-request?email=ada%40example.com&callbackUrl=%2F&resent=1");
  });
});
