import { execFileSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { devAppProcesses } from "./app-processes";

it("npm run dev starts Next.js with telemetry off, so a first run prints no notice", async () => {
  const [next] = devAppProcesses({ port: 3999, databaseUrl: "postgresql://x@127.0.0.1:1/x", appEnv: {} });
  expect(next!.args.slice(1)).toEqual(["dev", "--port", "3999"]);
  // The same binary and environment, asked for its telemetry status on a machine where Next.js has
  // never run (a fresh home, so no stored choice).
  const home = await mkdtemp(join(tmpdir(), "meridian-next-home-"));
  try {
    const output = execFileSync(next!.command, [next!.args[0]!, "telemetry", "status"], {
      env: { NODE_ENV: "development", PATH: process.env.PATH, HOME: home, ...next!.env },
      encoding: "utf8",
    });
    expect(output).toContain("Status: Disabled");
    expect(output).not.toContain("Attention");
  } finally {
    await rm(home, { recursive: true, force: true });
  }
});
