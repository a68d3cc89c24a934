// Runs the seeds in their own processes: they import @/server/db, which reads DATABASE_URL once
// at import time, so the URL (and, for a demo connection, the app's provider and Inngest settings)
// has to be in place before that process starts.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";

const repoRoot = resolve(__dirname, "..", "..");

export function runTsx(script: string, tsxArgs: string[], env: Record<string, string>): Promise<void> {
  const tsxCli = createRequire(__filename).resolve("tsx/cli");
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [tsxCli, ...tsxArgs, join(repoRoot, script)], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: "inherit",
    });
    child.once("error", reject);
    child.once("exit", (code, signal) => (code === 0 ? resolvePromise() : reject(new Error(`${script} exited with ${signal ?? code}`))));
  });
}

/** The demo user and workspace (prisma/seed.ts). */
export function runSeed(databaseUrl: string): Promise<void> {
  return runTsx("prisma/seed.ts", [], { DATABASE_URL: databaseUrl }).catch((error: Error) => {
    throw new Error(`Seeding failed (${error.message}).`);
  });
}

/**
 * Connects Demo Brand to a sandbox's demo account (a sandbox's `demoSeed`, e.g.
 * prisma/seed-demo-shop.ts). `appEnv` is what the app itself runs with (providers, Inngest), so the
 * connection and its first sync go where the app's would. Under the react-server condition, as the
 * app's server code runs.
 */
export function runDemoSeed(script: string, databaseUrl: string, appEnv: Record<string, string>): Promise<void> {
  return runTsx(script, ["--conditions=react-server"], { ...appEnv, DATABASE_URL: databaseUrl });
}
