// Test-only: "Keyring", a throwaway provider that connects with an API key and sends signed
// webhooks (Standard Webhooks signatures, unlike Shopify's), and its API on the sandbox kit. Tests
// register it next to the real connectors (the registry is the one module they replace, see
// registerKeyring) to drive connection.create and the webhook route end to end: the tRPC caller or
// the route, the database, the job runner and a real HTTP server standing in for the provider.
import { randomBytes, randomUUID } from "node:crypto";
import { z } from "zod";
import { CredentialsRefusedError, type ConnectorAuth } from "@/server/connectors/_core/auth";
import type { Connector } from "@/server/connectors/_core/connector";
import { AuthExpiredError } from "@/server/connectors/_core/errors";
import { HttpClient } from "@/server/connectors/_core/http";
import { MalformedWebhookError, type ConnectorWebhooks, type WebhookHeaders, type WebhookRefusal } from "@/server/connectors/_core/webhooks";
import { ApiKeys, authenticate, bearerToken } from "../sandbox/_kit/auth";
import { Router } from "../sandbox/_kit/router";
import { startSandboxServer } from "../sandbox/_kit/server";
import { standardWebhookHeaders, verifyStandardWebhook } from "../sandbox/_kit/signing";
import { post } from "../sandbox/_kit/webhooks";

export const KEYRING = "KEYRING";

type KeyringConfig = { apiUrl: string; webhookSecret: string };
type KeyringValues = { apiKey: string; region: "eu" | "us" };

export type KeyringApi = {
  url: string;
  keys: ApiKeys;
  /** Requests `GET /v1/account` answered so far (the connector's one live call). */
  accountRequests: number;
  /** A key for a new account of the given id and name. */
  issueKey(accountId: string, name?: string): string;
  /** The Standard Webhooks secret its deliveries are signed with. */
  readonly webhookSecret: string;
  /**
   * Signs (with `webhookSecret`, unless `secret`) and POSTs a delivery of `topic` about `account`
   * to `url`; `id` (the webhook-id, which a retry repeats) is new unless given. Answers the
   * receiver's status.
   */
  sendWebhook(url: string, delivery: { topic: string; account: string; data: Record<string, unknown>; id?: string; secret?: string }): Promise<number | null>;
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
    webhookSecret: `whsec_${randomBytes(24).toString("base64")}`,
    async sendWebhook(url, { topic, account, data, id = `msg_${randomUUID()}`, secret = api.webhookSecret }) {
      const body = JSON.stringify({ type: topic, account, data });
      const signed = standardWebhookHeaders({ id, timestampSeconds: Math.floor(Date.now() / 1000), body, secret });
      const headers = { "content-type": "application/json", "keyring-topic": topic, "keyring-account": account, ...signed };
      const delivery = await post({ url, headers, body, status: null, attempt: 0 }, { connectMs: 1_000, totalMs: 5_000 });
      return delivery.status;
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

// A delivery: `{ type, account, data }`, its topic and account also in keyring-* headers (read
// before the body), signed the Standard Webhooks way.
const keyringCustomer = z.object({
  id: z.string().min(1),
  email: z.string().nullable(),
  name: z.string(),
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
});
const keyringDelivery = z.object({ type: z.string(), account: z.string().min(1), data: keyringCustomer });
type KeyringDelivery = z.output<typeof keyringDelivery>;

const keyringWebhooks = {
  topics: { "customer.updated": "records" },
  maxBodyBytes: 64 * 1024,
  screen(headers: Headers): WebhookHeaders | WebhookRefusal {
    const [id, timestamp] = [headers.get("webhook-id"), headers.get("webhook-timestamp")];
    if (!headers.get("webhook-signature") || !id || !timestamp) return { status: 401, reason: "missing_signature" };
    const [topic, account] = [headers.get("keyring-topic"), headers.get("keyring-account")];
    if (!topic || !account) return { status: 400, reason: "missing_headers", detail: "keyring-topic, keyring-account" };
    return { topic, account, dedupeKey: `${account}/${id}`, triggeredAt: new Date(Number(timestamp) * 1000) };
  },
  async verify(config: KeyringConfig, rawBody: string, headers: Headers) {
    return verifyStandardWebhook(Object.fromEntries(headers), rawBody, config.webhookSecret) ? null : { status: 401 as const, reason: "invalid_signature" };
  },
  parse(topic: string, rawBody: string): KeyringDelivery {
    let json: unknown;
    try {
      json = JSON.parse(rawBody);
    } catch {
      throw new MalformedWebhookError(`Malformed Keyring ${topic} delivery: not JSON`);
    }
    const result = keyringDelivery.safeParse(json);
    if (!result.success) throw new MalformedWebhookError(`Malformed Keyring ${topic} delivery: ${result.error.issues.map((i) => i.path.join(".") || "(body)").join(", ")}`);
    return result.data;
  },
  accountNamed: (delivery: KeyringDelivery) => delivery.account,
  async toChanges(_ctx, { data }: KeyringDelivery, meta) {
    const [firstName = null, ...rest] = data.name.split(" ");
    return {
      changes: [
        {
          change: "upsert",
          kind: "customers",
          record: {
            externalId: data.id,
            email: data.email,
            firstName,
            lastName: rest.join(" ") || null,
            phone: null,
            state: null,
            tags: [],
            numberOfOrders: null,
            amountSpent: null,
            sourceCreatedAt: data.created_at,
            sourceUpdatedAt: data.updated_at,
            observedAt: meta.observedAt,
          },
        },
      ],
    };
  },
} satisfies ConnectorWebhooks<KeyringConfig, KeyringDelivery>;

export const keyringConnector = {
  provider: KEYRING as never,
  info: { name: "Keyring", category: "accounting", summary: "Test-only accounts behind an API key.", setup: "Start the Keyring stand-in." },
  config: () => (running ? { apiUrl: running.url, webhookSecret: running.webhookSecret } : null),
  auth: keyringAuth,
  webhooks: keyringWebhooks,
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
