import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { authProxy } from "./proxy";

function visit(path: string, cookie?: string) {
  return authProxy(new NextRequest(`https://meridian.test${path}`, { headers: cookie ? { cookie } : {} }));
}

describe("authProxy", () => {
  it("redirects a visitor without a session cookie to /signin with the path to come back to", () => {
    const response = visit("/w/acme/orders?status=open");
    expect(response.status).toBe(307);
    const location = new URL(response.headers.get("location")!);
    expect(location.origin).toBe("https://meridian.test");
    expect(location.pathname).toBe("/signin");
    expect(location.searchParams.get("callbackUrl")).toBe("/w/acme/orders?status=open");
  });

  it.each(["authjs.session-token", "__Secure-authjs.session-token"])("lets a visitor with %s through", (name) => {
    const response = visit("/w/acme", `${name}=abc`);
    expect(response.headers.get("location")).toBeNull();
    expect(response.headers.get("x-middleware-next")).toBe("1");
  });

  it("ignores unrelated cookies", () => {
    expect(visit("/", "authjs.csrf-token=x; theme=dark").status).toBe(307);
  });

  it("never redirects public pages", () => {
    for (const path of ["/signin", "/verify-request", "/invite/tok", "/dev/outbox"]) {
      expect(visit(path).headers.get("location")).toBeNull();
    }
  });
});

describe("authProxy and cross-site form posts", () => {
  function post(headers: Record<string, string>, method = "POST") {
    return authProxy(new NextRequest("http://127.0.0.1:3000/signin", { method, headers: { host: "meridian.test", ...headers } }));
  }

  it("refuses a POST whose Origin names another host, or the opaque origin null", () => {
    expect(post({ origin: "https://evil.test" }).status).toBe(403);
    expect(post({ origin: "null" }).status).toBe(403);
    // Same host name on another port is another origin.
    expect(post({ origin: "https://meridian.test:8443" }).status).toBe(403);
  });

  it("compares with the first X-Forwarded-Host when a proxy sets one, else Host, as Next.js does", () => {
    expect(post({ origin: "https://app.example.com", "x-forwarded-host": "app.example.com, meridian.test" }).status).not.toBe(403);
    expect(post({ origin: "https://meridian.test", "x-forwarded-host": "app.example.com" }).status).toBe(403);
    expect(post({ origin: "https://meridian.test" }).status).not.toBe(403);
  });

  it("leaves requests without Origin and other methods to the session check", () => {
    expect(post({}).status).not.toBe(403);
    expect(post({ origin: "https://evil.test" }, "GET").status).not.toBe(403);
  });
});
