// Runs prisma/seed.ts in its own process: the seed imports @/server/db, which reads DATABASE_URL
// once at import time, so the URL has to be in place before that process starts.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";

const repoRoot = resolve(__dirname, "..", "..");

export function runSeed(databaseUrl: string): Promise<void> {
  const tsxCli = createRequire(__filename).resolve("tsx/cli");
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [tsxCli, join(repoRoot, "prisma", "seed.ts")], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: "inherit",
    });
    child.once("error", reject);
    child.once("exit", (code, signal) => (code === 0 ? resolvePromise() : reject(new Error(`Seeding failed (prisma/seed.ts exited with ${signal ?? code}).`))));
  });
}
