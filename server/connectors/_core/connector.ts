import type { Provider } from "../providers";
import type { ConnectorAuth } from "./auth";
import type { ConnectorWebhooks } from "./webhooks";
import type {
  CustomerRecord,
  DeletionRecord,
  InventoryLevelRecord,
  LocationRecord,
  OrderRecord,
  ProductRecord,
} from "./records";

// The shape every connector exposes: what it is (`info`), whether this server has it switched on
// (`config`), how it gets credentials (`auth`, see auth.ts) and its streams. A stream reads one
// page at a time from an opaque cursor and returns normalized records plus the next cursor; it
// never writes anything.

export type ProviderId = Provider;

/** Which normalized record type a stream produces (and server/ingest writes). */
export type RecordsByKind = {
  orders: OrderRecord;
  customers: CustomerRecord;
  products: ProductRecord;
  locations: LocationRecord;
  inventoryLevels: InventoryLevelRecord;
  deletions: DeletionRecord;
};
export type RecordKind = keyof RecordsByKind;

export type StreamPage<R> = {
  records: R[];
  /**
   * Where the next read starts; save it with the records. When `done`, it is where the *next
   * run* starts (null: from scratch).
   */
  nextCursor: string | null;
  /** No more pages in this run. */
  done: boolean;
};

export type StreamReader<Ctx, K extends RecordKind = RecordKind> = {
  name: string;
  kind: K;
  /** Scopes the stream cannot be read without: the sync skips it (with a warning) when missing. */
  requiredScopes: readonly string[];
  readPage(input: Ctx & { cursor: string | null }): Promise<StreamPage<RecordsByKind[K]>>;
};

export type ConnectorCategory = "store" | "fulfilment" | "accounting" | "marketplace" | "analytics";

/** How the provider is presented (the Connections page's picker, emails, job alerts). */
export type ConnectorInfo = {
  /** The provider's own name, as its users know it. */
  name: string;
  category: ConnectorCategory;
  /** What a connection syncs, in a sentence, for the picker. */
  summary: string;
  /** What switches it on for this server, shown while `config` answers null. */
  setup: string;
};

/**
 * What a connector reads its configuration from. server/env.ts builds it from the validated
 * environment: connectors never read process.env or import env.ts, so a test hands them its own.
 */
export type ConnectorEnv = {
  /** The app's public base URL, without a trailing slash. */
  appUrl: string;
  /** Environment variables by name, as server/env.ts validated and defaulted them. */
  variables: Readonly<Record<string, string | undefined>>;
};

/**
 * One stored connection, as the sync engine and webhook processing use it. Built by
 * getConnectionAccess (server/services/connections/get-connection-access.ts), which owns the
 * database side: connectors receive it and never see the row or its ciphertext.
 */
export type ConnectionContext<Config = unknown, Credentials = unknown> = {
  connectionId: string;
  workspaceId: string;
  provider: Provider;
  externalAccountId: string;
  /** Connection.settings: what the connect stored (AccountIdentity.settings) and later changes. */
  settings: Readonly<Record<string, unknown>>;
  /** The connector's configuration on this server. */
  config: Config;
  /**
   * Usable credentials, asked before each request: OAuth access is answered from memory while it
   * has more than 5 minutes left, then refreshed (single-flight across processes, rotated refresh
   * token saved); a credentials connector's values as entered. Throws AuthExpiredError once only
   * a person can help: the connection is then NEEDS_REAUTH, audited, and its admins emailed.
   */
  credentials(): Promise<Credentials>;
};

/** What the registry needs to know of any connector, whatever its context type. */
export type ConnectorBase = {
  provider: ProviderId;
  streams: readonly { name: string; kind: RecordKind; requiredScopes: readonly string[] }[];
};

/**
 * A provider's connector (server/connectors/<provider>/index.ts), one per entry of PROVIDERS.
 * The sync engine adds its part (`sync`, where `streams` and the provider's strategies move) and
 * generic webhooks theirs (`webhooks`); both receive a ConnectionContext of this Config.
 */
export type Connector<Config = unknown, Values = unknown> = ConnectorBase & {
  info: ConnectorInfo;
  /** This server's configuration of the provider, or null when it is not set up (switched off). */
  config(env: ConnectorEnv): Config | null;
  auth: ConnectorAuth<Config, Values>;
  /** Where the provider sends webhooks: verifying, parsing and turning deliveries into changes (webhooks.ts). */
  webhooks?: ConnectorWebhooks<Config>;
};
