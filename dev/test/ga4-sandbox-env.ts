// For a test file's vi.hoisted (server/env reads the environment once, on first import): reserves
// the sandbox GA4's port and points Google's token endpoint, consent page, both Analytics APIs and
// the Google OAuth client at it, before any server module loads. Imports nothing of server/.
import { ga4SandboxAppEnv } from "@/dev/sandbox/ga4/local";
import { freePort } from "./free-port";

export async function pointGa4AtFreePort(): Promise<number> {
  const port = await freePort();
  Object.assign(process.env, ga4SandboxAppEnv(`http://localhost:${port}`, { oauth: true }));
  return port;
}
