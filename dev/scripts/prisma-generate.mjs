// Runs `prisma generate` without letting the CLI download its native schema engine
// (unreachable from our machines; generate does not need it; see dev/db/schema-engine.ts for migrations).
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync, existsSync, chmodSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";

const placeholder = join(tmpdir(), "meridian-prisma-engine-placeholder");
if (!existsSync(placeholder)) {
  mkdirSync(tmpdir(), { recursive: true });
  writeFileSync(placeholder, "#!/bin/sh\nexit 1\n");
  chmodSync(placeholder, 0o755);
}
execFileSync("npx", ["prisma", "generate"], {
  stdio: "inherit",
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? placeholder, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
});
