import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(__dirname, "..");
const read = (file: string) => readFileSync(join(root, file), "utf8");

// The keys of the zod object in server/env.ts, one per line (`    NAME: ...`).
const variables = [...read("server/env.ts").matchAll(/^ {4}([A-Z][A-Z0-9_]*):/gm)].map((m) => m[1]!);

describe("environment documentation", () => {
  it("finds the variables server/env.ts reads", () => {
    expect(variables).toEqual(expect.arrayContaining(["DATABASE_URL", "AUTH_SECRET", "SENTRY_DSN"]));
  });

  it.each(variables)("README's table and .env.example both document %s", (name) => {
    expect(read("README.md")).toContain(`| \`${name}\` |`);
    expect(read(".env.example")).toMatch(new RegExp(`^#? ?${name}=`, "m"));
  });
});
