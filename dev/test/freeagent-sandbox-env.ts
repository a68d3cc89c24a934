// For a test file's vi.hoisted (server/env reads the environment once, on first import): reserves
// the sandbox FreeAgent's port and points the FreeAgent app at it, before any server module loads.
// Imports nothing of server/ for the same reason.
import { FREEAGENT_DEV } from "@/dev/sandbox/freeagent/config";
import { freePort } from "./free-port";

export async function pointFreeAgentAtFreePort(): Promise<number> {
  const port = await freePort();
  process.env.FREEAGENT_API_URL = `http://localhost:${port}/v2`;
  process.env.FREEAGENT_CLIENT_ID = FREEAGENT_DEV.client.clientId;
  process.env.FREEAGENT_CLIENT_SECRET = FREEAGENT_DEV.client.clientSecret;
  return port;
}
