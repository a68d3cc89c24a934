// PostgreSQL refuses to run as root, so as root we run it as the `postgres` user, which must be
// able to reach the binaries and the data folder. A checkout under /root (mode 700) is out of its
// reach: there we run the binaries from a copy under the temp folder, and keep the data there too.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, rename, rm, stat } from "node:fs/promises";
import { createHash, randomBytes } from "node:crypto";
import { dirname, join } from "node:path";
import { tmpdir, userInfo } from "node:os";

export const PG_USER = "postgres";

export type RunAs = { uid: number; gid: number };

/** The ids to run PostgreSQL as: the `postgres` user when we are root, ourselves (undefined) otherwise. */
export function postgresRunAs(): RunAs | undefined {
  if (process.platform === "win32" || userInfo().uid !== 0) return undefined;
  try {
    const uid = Number(execFileSync("id", ["-u", PG_USER], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", PG_USER], { encoding: "utf8" }).trim());
    return { uid, gid };
  } catch {
    throw new Error(`Running as root, PostgreSQL needs a "${PG_USER}" system user to run as (create it with: useradd --system ${PG_USER}).`);
  }
}

/** What to do when the `postgres` user cannot reach `path`, for the error that says so. */
export function unreachableAdvice(path: string): string {
  return (
    `PostgreSQL runs as the "${PG_USER}" user (we are root), which cannot reach ${path}. ` +
    `Work from a checkout that user can reach (e.g. under /srv, /tmp or a normal user's home), or use a PostgreSQL server ` +
    `of your own: DATABASE_URL for npm run dev, TEST_DATABASE_URL for the tests.`
  );
}

/**
 * Whether `who` can search its way to `path` (or, for a path not created yet, to its nearest
 * existing folder). Asked of the system as that user, so modes, ACLs and every parent count.
 */
export function canReach(path: string, who: RunAs): boolean {
  let existing = path;
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  return spawnSync("test", ["-x", existing], { ...who, stdio: "ignore" }).status === 0;
}

/**
 * `dir` itself when `who` can reach it (or we run PostgreSQL as ourselves); otherwise a copy of
 * it under `base`, made once per `key` (name and version: a new version gets a new copy).
 * Concurrent callers each copy into a folder of their own and the first rename wins.
 */
export async function reachableCopy(dir: string, key: string, who: RunAs | undefined, base = tmpdir()): Promise<string> {
  if (!who || canReach(dir, who)) return dir;
  const copy = join(base, `meridian-${key.replace(/[^\w.-]+/g, "-")}`);
  if (!existsSync(copy)) {
    const staging = `${copy}.${process.pid}-${randomBytes(4).toString("hex")}`;
    try {
      // Modes are kept (cp's default), symlinks (the libraries' .so names) as they are.
      await cp(dir, staging, { recursive: true, verbatimSymlinks: true });
      await rename(staging, copy).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== "ENOTEMPTY" && error.code !== "EEXIST") throw error;
      });
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }
  // We are about to run what is in it: in a shared temp folder, it must be ours and only ours to change.
  const info = await stat(copy);
  if (info.uid !== userInfo().uid || (info.mode & 0o022) !== 0) {
    throw new Error(`${copy} is not a copy this user made (owner ${info.uid}, mode ${(info.mode & 0o777).toString(8)}); delete it and retry.`);
  }
  return copy;
}

/**
 * `preferred` when `who` can reach it (or we run PostgreSQL as ourselves); otherwise a folder
 * under `base` named after `preferred`, so each checkout keeps its own data across restarts
 * (until the temp folder is cleared).
 */
export function reachableDataDir(preferred: string, who: RunAs | undefined, base = tmpdir()): string {
  if (!who || canReach(preferred, who)) return preferred;
  return join(base, `meridian-postgres-${createHash("sha256").update(preferred).digest("hex").slice(0, 12)}`);
}
