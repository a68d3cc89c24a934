// Test-only: "Keyring", a throwaway provider that connects with an API key, and its API on the
// sandbox kit. Tests register it next to the real connectors (the registry is the one module they
// replace, see registerKeyring) to drive connection.create end to end: the tRPC caller, the
// database and a real HTTP server standing in for the provider.
import { z } from "zod";
import { CredentialsRefusedError, type ConnectorAuth } from "@/server/connectors/_core/auth";
import type { Connector } from "@/server/connectors/_core/connector";
import { AuthExpiredError } from "@/server/connectors/_core/errors";
import { HttpClient } from "@/server/connectors/_core/http";
import { ApiKeys, authenticate, bearerToken } from "../sandbox/_kit/auth";
import { Router } from "../sandbox/_kit/router";
import { startSandboxServer } from "../sandbox/_kit/server";

export const KEYRING = "KEYRING";

type KeyringConfig = { apiUrl: string };
type KeyringValues = { apiKey: string; region: "eu" | "us" };

export type KeyringApi = {
  url: string;
  keys: ApiKeys;
  /** Requests `GET /v1/account` answered so far (the connector's one live call). */
  accountRequests: number;
  /** A key for a new account of the given id and name. */
  issueKey(accountId: string, name?: string): string;
  stop(): Promise<void>;
};

let running: KeyringApi | undefined;

/** The stand-in API: `GET /v1/account` with `Authorization: Bearer <key>` answers the key's account. */
export async function startKeyringApi(): Promise<KeyringApi> {
  const keys = new ApiKeys("kr_");
  const names = new Map<string, string>();
  const routes = new Router().on("GET", "/v1/account", (req) => {
    api.accountRequests++;
    const auth = authenticate(bearerToken(req), { apiKeys: keys });
    if (!auth.ok) return { status: 401, body: { error: "invalid_api_key", message: "That API key is not valid." } };
    return { status: 200, body: { id: auth.subject, name: names.get(auth.subject!) ?? auth.subject } };
  });
  const server = await startSandboxServer({ routes });
  const api: KeyringApi = {
    url: server.url,
    keys,
    accountRequests: 0,
    issueKey(accountId, name) {
      if (name) names.set(accountId, name);
      return keys.create(accountId);
    },
    async stop() {
      running = undefined;
      await server.stop();
    },
  };
  running = api;
  return api;
}

const keyringAuth = {
  kind: "credentials",
  fields: [
    { name: "apiKey", label: "API key", type: "secret", hint: "Keyring → Settings → API keys." },
    { name: "region", label: "Region", type: "text", placeholder: "eu" },
  ],
  schema: z.object({
    apiKey: z.string().trim().min(1, "Enter the API key."),
    region: z.enum(["eu", "us"], { error: "Enter eu or us." }),
  }),
  async verify(config, { apiKey }) {
    try {
      const { body } = await new HttpClient({ maxAttempts: 1 }).json<{ id: string; name: string }>(`${config.apiUrl}/v1/account`, {
        headers: { authorization: `Bearer ${apiKey}` },
      });
      return { externalAccountId: body.id, displayName: body.name, settings: { accountId: body.id } };
    } catch (error) {
      if (error instanceof AuthExpiredError) throw new CredentialsRefusedError("Keyring does not accept this API key.", "apiKey", { cause: error });
      throw error;
    }
  },
} satisfies ConnectorAuth<KeyringConfig, KeyringValues>;

export const keyringConnector = {
  provider: KEYRING as never,
  info: { name: "Keyring", category: "accounting", summary: "Test-only accounts behind an API key.", setup: "Start the Keyring stand-in." },
  config: () => (running ? { apiUrl: running.url } : null),
  auth: keyringAuth,
  streams: [],
} satisfies Connector<KeyringConfig, KeyringValues>;

/**
 * For `vi.mock("@/server/connectors/registry", ...)` (with `vi.mock` of providers.ts adding
 * KEYRING to PROVIDERS, so edges accept it): the real registry with Keyring added. The module's
 * functions read the same `connectors` object, so they all see it.
 */
export function registerKeyring<M extends { connectors: object }>(registry: M): M {
  Object.assign(registry.connectors, { [KEYRING]: keyringConnector });
  return registry;
}
