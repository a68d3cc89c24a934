// A clone on a fresh machine has no reference shelf beside it (the team's read-only folder next to
// the checkout), so no tracked file may point there: not code, not tests, not docs. CI clones
// beside the shelf and would never notice a run-time read of it; this test does.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(__dirname, "..");

// Spelled in pieces so this file does not name the path it looks for.
const SHELF = ["sha", "red"].join("");
const UP = "../";
const SHELF_PATH = new RegExp(
  [
    String.raw`(?:\.\./)+${SHELF}\b`, // one or more levels up
    String.raw`(?<![\w./@-])${SHELF}/`, // a bare relative path; not server/<shelf>/…, not ./<shelf>
  ].join("|"),
);

function offendingLines(text: string): { line: number; text: string }[] {
  return text.split("\n").flatMap((line, index) => (SHELF_PATH.test(line) ? [{ line: index + 1, text: line.trim() }] : []));
}

function trackedFiles(): string[] {
  return execFileSync("git", ["ls-files", "-z"], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 })
    .split("\0")
    .filter(Boolean);
}

describe("the repository stands on its own", () => {
  it("recognises paths into the reference shelf, and only those", () => {
    const named = [`${UP}${SHELF}/shopify/x.json.gz`, `new URL("${UP}${UP}${UP}${SHELF}/x", import.meta.url)`, `\`${SHELF}/notes/toolchain.md\``, `see ${UP}${SHELF} for notes`];
    const notNamed = [`server/${SHELF}/x.ts`, `from "./${SHELF}"`, `the ${SHELF} HTTP client`, `@scope/${SHELF}/x`, `not-${SHELF}/x`];
    expect(named.filter((line) => offendingLines(line).length === 0)).toEqual([]);
    expect(notNamed.filter((line) => offendingLines(line).length > 0)).toEqual([]);
  });

  it("no tracked file names a path into the reference shelf", () => {
    const offenders: string[] = [];
    for (const file of trackedFiles()) {
      let content: Buffer;
      try {
        content = readFileSync(join(ROOT, file));
      } catch {
        continue; // tracked but deleted in this working tree
      }
      if (content.includes(0)) continue; // binary (the gzipped schema)
      for (const { line, text } of offendingLines(content.toString("utf8"))) offenders.push(`${file}:${line}: ${text}`);
    }
    expect(offenders).toEqual([]);
  });
});
