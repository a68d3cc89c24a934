import type { Provider } from "../providers";
import type { ConnectorAccounting } from "./accounting";
import type { ConnectorAuth } from "./auth";
import type { ConnectorRequestWindows, RequestAllowance } from "./request-allowance";
import type { ConnectorSync } from "./sync";
import type { ConnectorWebhooks } from "./webhooks";
import type {
  AccountingCategoryRecord,
  AccountingCompanyRecord,
  AccountingContactRecord,
  AccountingUserRecord,
  AnalyticsPurchaseDayRecord,
  BankAccountRecord,
  BankTransactionExplanationRecord,
  BankTransactionRecord,
  BillRecord,
  CustomerRecord,
  DeletionRecord,
  InventoryLevelRecord,
  InvoiceRecord,
  LedgerTransactionRecord,
  LocationRecord,
  OrderRecord,
  PayoutBalanceTransactionRecord,
  PayoutRecord,
  ProductRecord,
  ReceivingOrderRecord,
  ReturnRecord,
  ShipmentRecord,
} from "./records";

// The shape every connector exposes: what it is (`info`), whether this server has it switched on
// (`config`), how it gets credentials (`auth`, see auth.ts), how it syncs (`sync`, see sync.ts)
// and, where the provider has them, its webhooks (webhooks.ts). A connector reads and maps; it
// never writes anything: the services do, with what it returns.

export type ProviderId = Provider;

/** Which normalized record type a stream produces (and server/ingest writes). */
export type RecordsByKind = {
  orders: OrderRecord;
  customers: CustomerRecord;
  products: ProductRecord;
  locations: LocationRecord;
  inventoryLevels: InventoryLevelRecord;
  shipments: ShipmentRecord;
  returns: ReturnRecord;
  receivingOrders: ReceivingOrderRecord;
  payouts: PayoutRecord;
  payoutBalanceTransactions: PayoutBalanceTransactionRecord;
  accountingCompanies: AccountingCompanyRecord;
  accountingUsers: AccountingUserRecord;
  accountingContacts: AccountingContactRecord;
  accountingCategories: AccountingCategoryRecord;
  invoices: InvoiceRecord;
  bills: BillRecord;
  bankAccounts: BankAccountRecord;
  bankTransactions: BankTransactionRecord;
  bankTransactionExplanations: BankTransactionExplanationRecord;
  ledgerTransactions: LedgerTransactionRecord;
  analyticsPurchaseDays: AnalyticsPurchaseDayRecord;
  deletions: DeletionRecord;
};
export type RecordKind = keyof RecordsByKind;

/** Records of one kind, with the kind that says which. */
export type RecordBatch = { [K in RecordKind]: { kind: K; records: readonly RecordsByKind[K][] } }[RecordKind];

// A page reader: a stream read one page at a time from an opaque cursor, returning normalized
// records and the next cursor. A connector's sync may be built on them (each page a chunk).

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
  /** Scopes the stream cannot be read without. */
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
   * Usable credentials, asked before each request, by the way the connection was made: OAuth
   * access is answered from memory while it has more than 5 minutes left, then refreshed
   * (single-flight across processes, rotated refresh token saved); entered credentials are the
   * values as entered. Throws AuthExpiredError once only a person can help: the connection is
   * then NEEDS_REAUTH, audited, and its admins emailed. `refused`: the OAuth access token the
   * provider just refused before its time (a 401): refreshed once, unless the stored one is
   * already another (a refresh committed meanwhile).
   */
  credentials(options?: { refused?: string }): Promise<Credentials>;
  /**
   * The provider's request allowance, counted in storage every process shares (see
   * request-allowance.ts): a connector whose provider counts requests in windows takes from it
   * under its `requestWindows.key` before each request.
   */
  allowance: RequestAllowance;
};

/**
 * A provider's connector (server/connectors/<provider>/index.ts), one per entry of PROVIDERS.
 * Its parts receive a ConnectionContext of this Config.
 */
export type Connector<Config = unknown, Values = unknown> = {
  provider: ProviderId;
  info: ConnectorInfo;
  /** This server's configuration of the provider, or null when it is not set up (switched off). */
  config(env: ConnectorEnv): Config | null;
  auth: ConnectorAuth<Config, Values>;
  /** Its streams and how each is read, batch by batch, for the sync engine (sync.ts). */
  sync: ConnectorSync<Config>;
  /** Where the provider sends webhooks: verifying, parsing and turning deliveries into changes (webhooks.ts). */
  webhooks?: ConnectorWebhooks<Config>;
  /** Where the provider counts requests in fixed windows: which, and whose allowance a connection draws from (request-allowance.ts). */
  requestWindows?: ConnectorRequestWindows<Config>;
  /** An accounting provider's reads and writes of bank transaction explanations (accounting.ts). */
  accounting?: ConnectorAccounting<Config>;
  /** Where a synced record opens in the provider's own admin ("View in <name>"). */
  links?: ConnectorLinks<Config>;
};

/** The provider's admin pages of synced records, from the account and the record's id there. */
export type ConnectorLinks<Config = unknown> = {
  order?(config: Config, account: { externalAccountId: string }, order: { externalId: string }): string;
};
