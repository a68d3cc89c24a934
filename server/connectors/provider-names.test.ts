import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

// Shopify lives in its connector's folder: the rest of the product reaches it through the
// connector contract, the registry and the provider list, so the next provider is a folder, not a
// hunt through the tree. Its name (any case, in code, comments, copy or file names) anywhere else
// in product code is a provider leaking out of its folder, unless the allowlist says why.
//
// Test files are exempt: they drive the Shopify sandbox and use Shopify's published payloads as
// fixtures, so they name what they test; they are not the product a new provider has to touch.

const root = join(import.meta.dirname, "../..");
const PRODUCT = ["app", "components", "emails", "inngest", "server"];
const OUTSIDE = ["server/generated/", "server/connectors/shopify/"];
const SOURCE = /\.(ts|tsx|mts|js|mjs|css|json)$/;
const TEST = /\.test\.tsx?$/;

/** Where the name may stay: only the tokens `allowed` matches, in that file, for the reason given. */
const ALLOWLIST: { file: string; allowed: RegExp; why: string }[] = [
  {
    file: "server/env.ts",
    allowed: /\b(DEFAULT_)?SHOPIFY_[A-Z_]+\b|\bread_shopify_payments_payouts\b/g,
    why: "Environment variable names are what deployments set (README, .env.example); env.ts is the one place they are read. The default of SHOPIFY_SCOPES lists Shopify's scope handles.",
  },
  {
    file: "server/connectors/registry.ts",
    allowed: /\bshopifyConnector\b|"\.\/shopify"|\bSHOPIFY\b/g,
    why: "The registry is the one list of every provider's connector.",
  },
  {
    file: "server/connectors/providers.ts",
    allowed: /"SHOPIFY"/g,
    why: "The provider ids, stored in Connection.provider; each added with its connector folder.",
  },
];

function productFiles(): string[] {
  return PRODUCT.flatMap((dir) => readdirSync(join(root, dir), { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .filter((file) => SOURCE.test(file) && !TEST.test(file) && !OUTSIDE.some((dir) => file.startsWith(dir)));
}

/** Each line of `text` that names the provider, once the allowed tokens are taken out. */
function providerMentions(file: string, text: string): string[] {
  const allowed = ALLOWLIST.find((entry) => entry.file === file)?.allowed;
  const lines = [file, ...text.split("\n")];
  return lines.flatMap((line, i) => (/shopify/i.test(allowed ? line.replace(allowed, "") : line) ? [`${file}:${i}: ${line.trim()}`] : []));
}

describe("the provider's name stays in its folder", () => {
  it("names Shopify nowhere in product code outside server/connectors/shopify, except as allowed", () => {
    const files = productFiles();
    expect(files.length).toBeGreaterThan(100);
    const mentions = files.flatMap((file) => providerMentions(file, readFileSync(join(root, file), "utf8")));
    expect(mentions).toEqual([]);
  });

  it("finds the name in code, comments, copy and file names, in any case, and only the allowed tokens pass", () => {
    expect(providerMentions("server/services/orders/x.ts", "// Shopify's statuses")).toHaveLength(1);
    expect(providerMentions("components/x.tsx", "const text = `Connect a SHOPIFY store`;")).toHaveLength(1);
    expect(providerMentions("server/services/shopify-thing.ts", "export const x = 1;")).toEqual(["server/services/shopify-thing.ts:0: server/services/shopify-thing.ts"]);
    expect(providerMentions("server/env.ts", "SHOPIFY_API_KEY: optional,")).toEqual([]);
    expect(providerMentions("server/env.ts", "// Shopify app credentials")).toHaveLength(1);
  });

  it("keeps no allowlist entry that is no longer needed", () => {
    for (const { file, allowed } of ALLOWLIST) {
      expect(readFileSync(join(root, file), "utf8").match(allowed), file).not.toBeNull();
    }
  });
});
