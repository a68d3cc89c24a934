// Test-only: "Keyring", a throwaway provider that connects with an API key, syncs its customers
// and their deletions page by page, and sends signed webhooks (Standard Webhooks signatures,
// unlike Shopify's), and its API on the sandbox kit. Tests register it next to the real connectors
// (the registry is the one module they replace, see registerKeyring) to drive connection.create,
// the sync engine and the webhook route end to end: the tRPC caller, the job runner or the route,
// the database and a real HTTP server standing in for the provider.
import { randomBytes, randomUUID } from "node:crypto";
import { z } from "zod";
import { buildConnection } from "@/prisma/factories/connections";
import { CredentialsRefusedError, type ConnectorAuth } from "@/server/connectors/_core/auth";
import type { Connector } from "@/server/connectors/_core/connector";
import { AllowanceExhaustedError, AuthExpiredError } from "@/server/connectors/_core/errors";
import { HttpClient } from "@/server/connectors/_core/http";
import type { CustomerRecord, DeletionRecord } from "@/server/connectors/_core/records";
import type { ConnectorRequestWindows, RequestWindowLimit } from "@/server/connectors/_core/request-allowance";
import type { ConnectorSync, SyncContext } from "@/server/connectors/_core/sync";
import { verifyStandardWebhookSignature } from "@/server/connectors/_core/standard-webhooks";
import { MalformedWebhookError, type ConnectorWebhooks, type WebhookHeaders, type WebhookRefusal } from "@/server/connectors/_core/webhooks";
import { sealCredentialValues } from "@/server/services/connections/credentials";
import { ApiKeys, authenticate, bearerToken, type AuthResult } from "../sandbox/_kit/auth";
import type { HttpAnswer } from "../sandbox/_kit/http";
import { keysetPage } from "../sandbox/_kit/pagination";
import { Router } from "../sandbox/_kit/router";
import { startSandboxServer } from "../sandbox/_kit/server";
import { standardWebhookHeaders } from "../sandbox/_kit/signing";
import { post } from "../sandbox/_kit/webhooks";

export const KEYRING = "KEYRING";

type KeyringConfig = { apiUrl: string; webhookSecret: string; requestWindows: readonly RequestWindowLimit[] };
type KeyringValues = { apiKey: string; region: "eu" | "us" };

/** What a key may read: its account's customers, and the events that say which were deleted. */
export const KEYRING_SCOPES = ["customers:read", "events:read"] as const;

/** A customer as Keyring's API and webhooks give it. */
export type KeyringCustomer = { id: string; email: string | null; name: string; created_at: string; updated_at: string };

export type KeyringApi = {
  url: string;
  keys: ApiKeys;
  /** Requests `GET /v1/account` answered so far (the connector's one live call). */
  accountRequests: number;
  /** A key for a new account of the given id and name, allowed `scopes` (default: all of them). */
  issueKey(accountId: string, name?: string, scopes?: readonly string[]): string;
  /** Adds or changes a customer of the account (updated now). */
  putCustomer(accountId: string, customer: Pick<KeyringCustomer, "id" | "email" | "name">): KeyringCustomer;
  /** Deletes a customer of the account: an event of the deletion follows. */
  deleteCustomer(accountId: string, id: string): void;
  /** The account's customers, as a sync should end up storing them. */
  customers(accountId: string): KeyringCustomer[];
  /** The Standard Webhooks secret its deliveries are signed with. */
  readonly webhookSecret: string;
  /**
   * The request windows the connector declares (Connector.requestWindows) and its sync draws from
   * ctx.allowance before each request, ending a batch with AllowanceExhaustedError when refused.
   * None by default: requests are then not counted.
   */
  requestWindows: readonly RequestWindowLimit[];
  /**
   * Signs (with `webhookSecret`, unless `secret`) and POSTs a delivery of `topic` about `account`
   * to `url`; `id` (the webhook-id, which a retry repeats) is new unless given. Answers the
   * receiver's status.
   */
  sendWebhook(url: string, delivery: { topic: string; account: string; data: Record<string, unknown>; id?: string; secret?: string }): Promise<number | null>;
  stop(): Promise<void>;
};

let running: KeyringApi | undefined;

/** Customers and events per page at most. */
const PAGE_LIMIT = 10;

type DeletionEvent = { seq: number; type: "customer.deleted"; customer_id: string; occurred_at: string };

/**
 * The stand-in API, behind `Authorization: Bearer <key>`: `GET /v1/account` answers the key's
 * account and scopes; `GET /v1/customers` lists the account's customers updated since
 * `updated_since` in keyset pages (`after`, the `next` of the last page); `GET /v1/events` the
 * deletions after the sequence number `after`.
 */
export async function startKeyringApi(): Promise<KeyringApi> {
  const keys = new ApiKeys("kr_");
  const names = new Map<string, string>();
  const customers = new Map<string, Map<string, KeyringCustomer>>();
  const events = new Map<string, DeletionEvent[]>();
  let seq = 0;
  const customersOf = (accountId: string) => customers.get(accountId) ?? customers.set(accountId, new Map()).get(accountId)!;

  /** The request's account when its key may use `scope`, else the refusal. */
  const allowed = (auth: AuthResult, scope?: string): { account: string } | HttpAnswer => {
    if (!auth.ok) return { status: 401, body: { error: "invalid_api_key", message: "That API key is not valid." } };
    if (scope && !auth.scope.split(" ").includes(scope)) return { status: 403, body: { error: "insufficient_scope", message: `This key lacks ${scope}.` } };
    return { account: auth.subject! };
  };
  const routes = new Router()
    .on("GET", "/v1/account", (req) => {
      api.accountRequests++;
      const auth = authenticate(bearerToken(req), { apiKeys: keys });
      const found = allowed(auth);
      if (!("account" in found) || !auth.ok) return found as HttpAnswer;
      return { status: 200, body: { id: found.account, name: names.get(found.account) ?? found.account, scopes: auth.scope.split(" ").filter(Boolean) } };
    })
    .on("GET", "/v1/customers", (req, _res, { url }) => {
      const found = allowed(authenticate(bearerToken(req), { apiKeys: keys }), "customers:read");
      if (!("account" in found)) return found;
      const since = url.searchParams.get("updated_since") ?? "";
      // Ordered by update time, then id: a key that a customer changed meanwhile moves past.
      const changed = [...customersOf(found.account).values()].filter((c) => c.updated_at >= since).sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
      const page = keysetPage(changed, keyOf, url.searchParams.get("after") ?? undefined, PAGE_LIMIT);
      return { status: 200, body: { data: page.items, next: page.next ?? null } };
    })
    .on("GET", "/v1/events", (req, _res, { url }) => {
      const found = allowed(authenticate(bearerToken(req), { apiKeys: keys }), "events:read");
      if (!("account" in found)) return found;
      const page = keysetPage(events.get(found.account) ?? [], (e) => e.seq, Number(url.searchParams.get("after") ?? 0), PAGE_LIMIT);
      return { status: 200, body: { data: page.items, next: page.next ?? null } };
    });
  const server = await startSandboxServer({ routes });
  const api: KeyringApi = {
    url: server.url,
    keys,
    accountRequests: 0,
    issueKey(accountId, name, scopes = KEYRING_SCOPES) {
      if (name) names.set(accountId, name);
      return keys.create(accountId, scopes.join(" "));
    },
    putCustomer(accountId, customer) {
      const now = new Date().toISOString();
      const stored = { created_at: customersOf(accountId).get(customer.id)?.created_at ?? now, ...customer, updated_at: now };
      customersOf(accountId).set(customer.id, stored);
      return stored;
    },
    deleteCustomer(accountId, id) {
      customersOf(accountId).delete(id);
      const feed = events.get(accountId) ?? events.set(accountId, []).get(accountId)!;
      feed.push({ seq: ++seq, type: "customer.deleted", customer_id: id, occurred_at: new Date().toISOString() });
    },
    customers: (accountId) => [...customersOf(accountId).values()].sort((a, b) => a.id.localeCompare(b.id)),
    webhookSecret: `whsec_${randomBytes(24).toString("base64")}`,
    requestWindows: [],
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

const keyOf = (customer: KeyringCustomer) => `${customer.updated_at}|${customer.id}`;

const keyringAuth = {
  credentials: {
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

function customerRecord(data: KeyringCustomer, observedAt: string): CustomerRecord {
  const [firstName = null, ...rest] = data.name.split(" ");
  return {
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
    observedAt,
  };
}

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
    return verifyStandardWebhookSignature(config.webhookSecret, rawBody, headers);
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
    return { changes: [{ change: "upsert", kind: "customers", record: customerRecord(data, meta.observedAt) }] };
  },
} satisfies ConnectorWebhooks<KeyringConfig, KeyringDelivery>;

// The sync: customers in windows of update time (each run from the newest update it saw, that one
// included), then the deletion events after the last one read. A page is a chunk, positioned at
// the page's next cursor.
const customersPage = z.object({ data: z.array(keyringCustomer), next: z.string().nullable() });
const eventsPage = z.object({
  data: z.array(z.object({ seq: z.number().int(), type: z.literal("customer.deleted"), customer_id: z.string(), occurred_at: z.iso.datetime() })),
  next: z.number().int().nullable(),
});
type CustomersCursor = { since: string | null; after: string | null; newest: string | null };

/** A connection's allowance: its account's. */
const keyringRequestWindows = {
  windows: (config) => config.requestWindows,
  key: ({ externalAccountId }) => `keyring:${externalAccountId}`,
} satisfies ConnectorRequestWindows<KeyringConfig>;

async function get<S extends z.ZodType>(ctx: SyncContext<KeyringConfig, KeyringValues>, path: string, query: Record<string, string | null>, schema: S): Promise<z.output<S>> {
  const windows = keyringRequestWindows.windows(ctx.config);
  if (windows.length) {
    const took = await ctx.allowance.take(keyringRequestWindows.key(ctx), windows);
    if (!took.granted) throw new AllowanceExhaustedError("Keyring's request allowance is spent", took.retryAt);
  }
  const url = new URL(`${ctx.config.apiUrl}${path}`);
  for (const [name, value] of Object.entries(query)) if (value !== null) url.searchParams.set(name, value);
  const { apiKey } = await ctx.credentials();
  const { body } = await new HttpClient().json(url.toString(), { headers: { authorization: `Bearer ${apiKey}` } });
  return schema.parse(body);
}

const keyringSync: ConnectorSync<KeyringConfig, KeyringValues> = {
  streams: [
    { name: "customers", label: "Customers", kind: "customers", requiredScopes: ["customers:read"] },
    { name: "deletions", label: "Deletions", kind: "deletions", requiredScopes: ["events:read"] },
  ],
  // One page a batch: a sync of a few dozen customers takes several steps.
  batchBudgetMs: 0,
  async grantedScopes(ctx) {
    return (await get(ctx, "/v1/account", {}, z.object({ scopes: z.array(z.string()) }))).scopes;
  },
  async *read(ctx, stream, from) {
    if (stream === "customers") {
      let cursor: CustomersCursor = from.cursor ? (JSON.parse(from.cursor) as CustomersCursor) : { since: null, after: null, newest: null };
      for (let done = false; !done; ) {
        const observedAt = new Date().toISOString();
        const page = await get(ctx, "/v1/customers", { updated_since: cursor.since, after: cursor.after }, customersPage);
        const newest = page.data.reduce<string | null>((max, c) => (max === null || c.updated_at > max ? c.updated_at : max), cursor.newest);
        done = page.next === null;
        cursor = done ? { since: newest, after: null, newest: null } : { ...cursor, after: page.next, newest };
        yield { kind: "customers", records: page.data.map((c) => customerRecord(c, observedAt)), position: { cursor: JSON.stringify(cursor), state: {} }, done };
      }
      return;
    }
    for (let after = from.cursor, done = false; !done; ) {
      const page = await get(ctx, "/v1/events", { after }, eventsPage);
      const records = page.data.map((e): DeletionRecord => ({ resource: "customer", externalId: e.customer_id, occurredAt: e.occurred_at }));
      after = page.data.at(-1)?.seq.toString() ?? after;
      done = page.next === null;
      yield { kind: "deletions", records, position: { cursor: after, state: {} }, done };
    }
  },
};

export const keyringConnector = {
  provider: KEYRING as never,
  info: { name: "Keyring", category: "accounting", summary: "Test-only accounts behind an API key.", setup: "Start the Keyring stand-in." },
  config: () => (running ? { apiUrl: running.url, webhookSecret: running.webhookSecret, requestWindows: running.requestWindows } : null),
  auth: keyringAuth,
  sync: keyringSync,
  webhooks: keyringWebhooks,
  requestWindows: keyringRequestWindows,
} satisfies Connector<KeyringConfig, KeyringValues>;

/** A connection of the workspace to a new Keyring account, its key allowed `scopes` (default: all). */
export async function connectedKeyring(workspaceId: string, api: KeyringApi, accountId: string, scopes?: readonly string[]) {
  const apiKey = api.issueKey(accountId, undefined, scopes);
  return buildConnection(workspaceId, {
    provider: KEYRING,
    externalAccountId: accountId,
    displayName: accountId,
    authMethod: "CREDENTIALS",
    encryptedCredentials: sealCredentialValues({ apiKey, region: "eu" }),
  });
}

/**
 * For `vi.mock("@/server/connectors/registry", ...)` (with `vi.mock` of providers.ts adding
 * KEYRING to PROVIDERS, so edges accept it): the real registry with Keyring added. The module's
 * functions read the same `connectors` object, so they all see it.
 */
export function registerKeyring<M extends { connectors: object }>(registry: M): M {
  Object.assign(registry.connectors, { [KEYRING]: keyringConnector });
  return registry;
}
