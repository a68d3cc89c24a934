// What the e2e app server (dev/e2e/serve.ts), playwright.config.ts and the specs' fixtures agree
// on: where the app answers, and the file through which fixtures learn the server's database and
// the URLs of the sandbox Shopify, the sandbox ShipBob, the sandbox FreeAgent and the local Resend.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { z } from "zod";

const ROOT = resolve(__dirname, "..", "..");

export const E2E_PORT = 3100;
export const E2E_APP_URL = `http://localhost:${E2E_PORT}`;
/** Production build output, relative to the project (inside .data/, ignored by git, tsc and ESLint). */
export const E2E_DIST_DIR = ".data/e2e-next";
export const E2E_DATA_DIR = join(ROOT, ".data", "e2e");

const SERVER_INFO_PATH = join(E2E_DATA_DIR, "server.json");

const serverInfoSchema = z.object({
  databaseUrl: z.string().min(1),
  appUrl: z.string().min(1),
  /** The sandbox Shopify: shops at `${url}/shops/<domain>`, controls at `POST ${url}/_sandbox/<name>`. */
  shopifySandboxUrl: z.string().min(1),
  /** The sandbox ShipBob: its API at `${url}/2026-01/...`, controls at `POST ${url}/_sandbox/<name>`. */
  shipbobSandboxUrl: z.string().min(1),
  /** The sandbox FreeAgent: its API at `${url}/v2/...`, controls at `POST ${url}/_sandbox/<name>`. */
  freeagentSandboxUrl: z.string().min(1),
  /** The sandbox GA4: Google's token endpoint, both Analytics APIs and a key file download, controls at `POST ${url}/_sandbox/<name>`. */
  ga4SandboxUrl: z.string().min(1),
  /** The local Resend the app sends mail through: what it accepted at `GET ${url}/_sandbox/emails?to=<address>`. */
  resendSandboxUrl: z.string().min(1),
  pid: z.number().int(),
});
export type ServerInfo = z.infer<typeof serverInfoSchema>;

export function writeServerInfo(info: ServerInfo): void {
  mkdirSync(dirname(SERVER_INFO_PATH), { recursive: true });
  writeFileSync(SERVER_INFO_PATH, `${JSON.stringify(info, null, 2)}\n`);
}

/** Removes the file only if it still describes this process's server (a newer run may own it). */
export function removeServerInfo(pid: number): void {
  if (readServerInfoIfAny()?.pid === pid) rmSync(SERVER_INFO_PATH, { force: true });
}

function readServerInfoIfAny(): ServerInfo | undefined {
  if (!existsSync(SERVER_INFO_PATH)) return undefined;
  const parsed = serverInfoSchema.safeParse(JSON.parse(readFileSync(SERVER_INFO_PATH, "utf8")));
  return parsed.success ? parsed.data : undefined;
}

export function readServerInfo(): ServerInfo {
  const info = readServerInfoIfAny();
  if (!info) {
    throw new Error(`${SERVER_INFO_PATH} is missing or invalid: is the e2e server (dev/e2e/serve.ts) running? Start the suite with \`npx playwright test\`.`);
  }
  return info;
}
