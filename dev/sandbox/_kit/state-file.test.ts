import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { StateFile, type Persistent } from "./state-file";

// What a restart keeps: written whole, atomically, versioned; older files upgraded or dropped.

interface Kept {
  tokens: string[];
}

class Holder implements Persistent<Kept> {
  state: Kept = { tokens: [] };
  exportState = () => structuredClone(this.state);
  importState = (state: Kept) => void (this.state = state);
  version = () => JSON.stringify(this.state);
}

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "kit-state-"));
  path = join(dir, "nested", "state.json");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("the state file", () => {
  it("round-trips what the sandbox keeps, in a versioned file written by rename", () => {
    const before = new Holder();
    const file = new StateFile(path, before, { name: "test", format: 2 });
    file.load();
    before.state.tokens.push("a", "b");
    file.flush();
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual({ format: 2, state: { tokens: ["a", "b"] } });
    expect(existsSync(`${path}.tmp`)).toBe(false);

    const after = new Holder();
    new StateFile(path, after, { name: "test", format: 2 }).load();
    expect(after.state).toEqual({ tokens: ["a", "b"] });
  });

  it("writes once, a moment after a burst of changes, and only when something changed", async () => {
    const holder = new Holder();
    const file = new StateFile(path, holder, { name: "test", format: 1 });
    holder.state.tokens.push("x");
    file.schedule();
    holder.state.tokens.push("y");
    file.schedule();
    expect(existsSync(path)).toBe(false);
    await vi.waitFor(() => expect(existsSync(path)).toBe(true));
    expect(JSON.parse(readFileSync(path, "utf8")).state).toEqual({ tokens: ["x", "y"] });
    writeFileSync(path, "left alone");
    file.flush();
    expect(readFileSync(path, "utf8")).toBe("left alone");
  });

  it("upgrades files of older formats, and starts afresh (with a warning) from ones it cannot read", () => {
    writeFileSync(join(dir, "legacy.json"), JSON.stringify({ tokens: ["old"] }));
    const upgraded = new Holder();
    new StateFile(join(dir, "legacy.json"), upgraded, { name: "test", format: 1, upgrade: (saved, format) => (format === undefined ? (saved as Kept) : undefined) }).load();
    expect(upgraded.state).toEqual({ tokens: ["old"] });

    writeFileSync(join(dir, "future.json"), JSON.stringify({ format: 9, state: { tokens: ["new"] } }));
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const fresh = new Holder();
    new StateFile(join(dir, "future.json"), fresh, { name: "test", format: 1 }).load();
    expect(fresh.state).toEqual({ tokens: [] });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("another format (9, now 1)"));
    warn.mockRestore();
  });
});
