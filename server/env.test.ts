import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { shopifyAppConfig, shopOrigin } from "./connectors/shopify/config";
import { appUrl, connectorEnv, DEFAULT_SHOPIFY_SCOPES, parseEnv } from "./env";

const base = { DATABASE_URL: "postgresql://u:p@localhost:5432/db" };
const production = { ...base, NODE_ENV: "production", AUTH_SECRET: "x".repeat(40) };

describe("env: encryption keys", () => {
  it("requires ENCRYPTION_KEYS in production, naming the variable", () => {
    expect(() => parseEnv(production)).toThrow(/ENCRYPTION_KEYS: required in production/);
    expect(parseEnv({ ...production, ENCRYPTION_KEYS: `k1:${randomBytes(32).toString("base64")}` }).ENCRYPTION_KEYS).toMatch(/^k1:/);
  });

  it("rejects a malformed key list and falls back to the development key outside production", () => {
    expect(() => parseEnv({ ...base, ENCRYPTION_KEYS: "k1:tooshort" })).toThrow(/ENCRYPTION_KEYS: key "k1" must be 32 bytes/);
    expect(parseEnv(base).ENCRYPTION_KEYS).toMatch(/^dev:/);
  });
});

describe("env: Shopify", () => {
  it("is off until both key and secret are set, and they go together", () => {
    expect(shopifyAppConfig(connectorEnv(parseEnv(base)))).toBeNull();
    expect(() => parseEnv({ ...base, SHOPIFY_API_KEY: "key" })).toThrow(/SHOPIFY_API_SECRET: SHOPIFY_API_KEY and SHOPIFY_API_SECRET go together/);
  });

  it("defaults scopes, app URL and shop origin", () => {
    const config = shopifyAppConfig(connectorEnv(parseEnv({ ...base, SHOPIFY_API_KEY: "key", SHOPIFY_API_SECRET: "secret", APP_URL: "https://app.example.com/" })));
    expect(config).toEqual({
      apiKey: "key",
      apiSecret: "secret",
      scopes: DEFAULT_SHOPIFY_SCOPES.split(","),
      appUrl: "https://app.example.com",
      shopOriginTemplate: "https://{shop}",
    });
    expect(shopOrigin(config!, "a.myshopify.com")).toBe("https://a.myshopify.com");
  });

  it("takes a sandbox shop origin and rejects a template without {shop}", () => {
    const e = parseEnv({ ...base, SHOPIFY_SHOP_ORIGIN: "http://localhost:8289/shops/{shop}/" });
    expect(shopOrigin({ shopOriginTemplate: e.SHOPIFY_SHOP_ORIGIN }, "a.myshopify.com")).toBe("http://localhost:8289/shops/a.myshopify.com");
    expect(() => parseEnv({ ...base, SHOPIFY_SHOP_ORIGIN: "http://localhost:8289" })).toThrow(/SHOPIFY_SHOP_ORIGIN: must be a URL template containing \{shop\}/);
  });
});

describe("env: app URL", () => {
  const vercel = {
    ...base,
    VERCEL_URL: "meridian-abc123-team.vercel.app",
    VERCEL_BRANCH_URL: "meridian-git-feature-team.vercel.app",
    VERCEL_PROJECT_PRODUCTION_URL: "meridian.example.com",
  };

  it("is APP_URL when set, on Vercel too", () => {
    expect(appUrl(parseEnv({ ...vercel, VERCEL_ENV: "preview", APP_URL: "https://staging.example.com/" }))).toBe("https://staging.example.com");
  });

  it("on Vercel is the production domain in production and the branch URL on previews", () => {
    expect(appUrl(parseEnv({ ...vercel, VERCEL_ENV: "production" }))).toBe("https://meridian.example.com");
    expect(appUrl(parseEnv({ ...vercel, VERCEL_ENV: "preview" }))).toBe("https://meridian-git-feature-team.vercel.app");
    // A preview deployed without a branch (CLI) has only its own URL.
    expect(appUrl(parseEnv({ ...vercel, VERCEL_ENV: "preview", VERCEL_BRANCH_URL: "" }))).toBe("https://meridian-abc123-team.vercel.app");
  });

  it("is localhost on the configured port elsewhere", () => {
    expect(appUrl(parseEnv({ ...base, PORT: "3100" }))).toBe("http://localhost:3100");
  });
});
