import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { PROVIDERS } from "@/server/connectors/providers";

// The sync engine works for every connector alike: its code reaches connectors through the
// contract (server/connectors/_core) and the registry only, and names no provider. A provider's
// strategies live in its connector's folder, behind the contract.
const ENGINE = fileURLToPath(new URL(".", import.meta.url));
const ROOT = join(ENGINE, "../../..");

function engineFiles(dir = ENGINE): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return engineFiles(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

/** What a file imports from server/connectors, as paths from the repository's root. */
function connectorImports(file: string): string[] {
  const specifiers = [...readFileSync(file, "utf8").matchAll(/from\s+["']([^"']+)["']/g)].map((m) => m[1]!);
  return specifiers
    .map((specifier) => (specifier.startsWith("@/") ? specifier.slice(2) : specifier.startsWith(".") ? relative(ROOT, join(file, "..", specifier)) : specifier))
    .filter((path) => path.startsWith("server/connectors/"));
}

describe("the sync engine", () => {
  it("imports connectors only through their contract and the registry", () => {
    const files = engineFiles();
    expect(files.length).toBeGreaterThan(5);
    const reached = files.flatMap((file) => connectorImports(file).map((path) => `${relative(ROOT, file)} → ${path}`));
    expect(reached.filter((line) => !/→ server\/connectors\/(_core\/[\w-]+|registry|providers)$/.test(line))).toEqual([]);
  });

  it("names no provider", () => {
    const named = engineFiles().flatMap((file) => {
      const text = readFileSync(file, "utf8").toLowerCase();
      return PROVIDERS.filter((provider) => text.includes(provider.toLowerCase())).map((provider) => `${relative(ROOT, file)}: ${provider}`);
    });
    expect(named).toEqual([]);
  });
});
