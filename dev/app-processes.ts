// The long-running processes `npm run dev` starts besides the database (dev/start.ts).
import { createRequire } from "node:module";
import { NEXT_TELEMETRY_OFF } from "./next-telemetry";
import type { ProcessSpec } from "./supervisor";

const NEXT_BIN = createRequire(__filename).resolve("next/dist/bin/next");

/** Adding a process is adding an entry. */
export function devAppProcesses(ctx: { port: number; databaseUrl: string; appEnv: Record<string, string> }): ProcessSpec[] {
  return [
    {
      name: "next",
      command: process.execPath,
      args: [NEXT_BIN, "dev", "--port", String(ctx.port)],
      env: { DATABASE_URL: ctx.databaseUrl, PORT: String(ctx.port), ...ctx.appEnv, ...NEXT_TELEMETRY_OFF },
    },
  ];
}
