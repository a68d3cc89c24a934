import type { ConnectionContext } from "./connector";
import { PermanentError } from "./errors";
import type { CustomerRecord, DeletionRecord, OrderRecord, ProductRecord, ReturnRecord, ShipmentRecord } from "./records";

// A connector's webhook part: what is provider-specific about a delivery, from its headers to the
// changes it makes. server/services/webhooks/ drives it the same way for every provider:
// POST /api/webhooks/<provider> screens the headers, reads the body up to `maxBodyBytes`, verifies
// it, parses it, stores it once per dedupe key for the account's connection and acknowledges; its
// event goes to Inngest after the response; processing parses the stored body again with the same
// `parse` (so a body the intake accepted is always one processing can read) and applies what
// `toChanges` returns through server/ingest and the generic actions below. Subscribing an account
// to its webhooks is the connector's `auth.afterConnect`.

/** What the headers alone say of a delivery, before a byte of its body is read (not yet verified). */
export type WebhookHeaders = {
  /** As the provider names it; a topic not in `topics` is acknowledged without reading the body. */
  topic: string;
  /** Whom it is for: the Connection.externalAccountId of the connection it is stored under. */
  account: string;
  /**
   * Names the change, whichever delivery carries it (the provider's retries, a second
   * subscription): a delivery is stored once per provider and dedupe key.
   */
  dedupeKey: string;
  /**
   * When the provider triggered the delivery, if its headers say. It orders two copies of a record
   * with the same sourceUpdatedAt (see observedAt in records.ts); never taken as later than the
   * delivery's arrival, as headers are not signed.
   */
  triggeredAt: Date | null;
};

/**
 * What a topic's deliveries change, which decides whether they apply while the connection does not
 * sync. `records`: applied only while it syncs (its next sync catches up on what was missed);
 * `deletions`: also while it is paused (no sync learns of a deleted record); `account`: the account
 * itself (uninstalled, privacy requests), whatever the connection's status.
 */
export type WebhookTopicKind = "records" | "deletions" | "account";

/** A delivery refused: 401 unsigned or wrongly signed, 400 malformed, 413 larger than the cap. */
export type WebhookRefusal = { status: 400 | 401 | 413; reason: string; detail?: string };

/** A body that does not fit its topic's schema: refused with 400 at intake, FAILED if found stored. */
export class MalformedWebhookError extends PermanentError {}

/** A JSON path into the bodies of the topics starting with `topicPrefix`. */
export type BodyPath = { topicPrefix: string; path: readonly string[] };

/** An inventory level's available quantity alone, as a delivery that carries nothing else gives it. */
export type InventoryAvailableRecord = {
  inventoryItemExternalId: string;
  locationExternalId: string;
  /** Null for an item whose inventory is not tracked: nothing to store. */
  available: number | null;
  sourceUpdatedAt: string;
  observedAt: string;
};

/** A customer's request, forwarded by the provider, for the data stored about them. */
export type CustomerDataRequest = {
  /** The provider's id of the request, quoted in the report. */
  dataRequestId: string;
  customerExternalId: string;
  email: string | null;
  phone: string | null;
  /** Orders the provider lists as theirs (the report adds any other stored under the customer). */
  orderExternalIds: string[];
};

/**
 * What a delivery changes. Records are written through server/ingest as the sync writes them, so
 * an older copy than the stored one changes nothing. The actions are implemented once, in
 * server/services/webhooks/, for every provider.
 */
export type WebhookChange =
  | {
      change: "upsert";
      kind: "orders";
      record: OrderRecord;
      /** The record lists only some of the order's transactions: the stored ones it does not list stay. */
      keepStored?: "otherTransactions";
    }
  | {
      change: "upsert";
      kind: "customers";
      record: CustomerRecord;
      /** numberOfOrders and amountSpent are not in the delivery: the stored values stay. */
      keepStored?: "orderStats";
    }
  | { change: "upsert"; kind: "products"; record: ProductRecord }
  /** A 3PL's shipment or return, as its sync stores them. */
  | { change: "upsert"; kind: "shipments"; record: ShipmentRecord }
  | { change: "upsert"; kind: "returns"; record: ReturnRecord }
  /** The other quantities of the level stay; a level not stored yet is left to the sync. */
  | { change: "inventoryAvailable"; level: InventoryAvailableRecord }
  /** A soft delete, as the sync's deletion events: a late update cannot bring the record back. */
  | { change: "delete"; deletion: DeletionRecord }
  /** The account removed Meridian's access (an app uninstalled): the connection is disconnected. */
  | { change: "disconnect" }
  /** Privacy law: erase a customer's personal data, from their orders and stored deliveries too. */
  | { change: "redactCustomer"; customerExternalId: string; orderExternalIds: string[] }
  /** Privacy law: erase all of the account's data (the connection row stays, with its history). */
  | { change: "redactAccount" }
  /** Privacy law: send what is stored about a customer to the workspace's owners and admins. */
  | { change: "reportCustomerData"; request: CustomerDataRequest };

/** A delivery applies its changes, or is ignored with the reason (kept on the stored delivery). */
export type WebhookChanges = { changes: WebhookChange[] } | { ignored: string };

/** About the stored delivery being processed, beyond its body. */
export type WebhookDeliveryMeta = {
  receivedAt: Date;
  /** ISO time the copies it carries were seen: its triggeredAt, but never after receivedAt. */
  observedAt: string;
  /**
   * The connection's currency as its stored records say, or null before anything is stored: for
   * bodies that give amounts without naming their currency.
   */
  storedCurrency(): Promise<string | null>;
};

/**
 * `Parsed` is what `parse` makes of a body (the connector's own type, opaque to the services).
 * Members are methods so that a connector's own Config, topics and Parsed types satisfy the
 * registry's `Record<Provider, Connector>`.
 */
export type ConnectorWebhooks<Config = unknown, Parsed = unknown> = {
  /** The topics it handles, with what each changes. */
  topics: Readonly<Record<string, WebhookTopicKind>>;
  /** The largest body read: a longer one is refused with 413 without reading the rest. */
  maxBodyBytes: number;
  /**
   * Cheap checks of the headers before the body is read: the delivery they describe, or a refusal.
   * `url` is the address it was posted to, for a provider whose deliveries name no account: the
   * subscription's address then does (a query parameter Meridian put in it).
   */
  screen(headers: Headers, url: URL): WebhookHeaders | WebhookRefusal;
  /**
   * The signature of the raw body (with the headers it covers): null when it holds. `delivery` is
   * what `screen` made of it, for a provider whose signing key is per account.
   */
  verify(config: Config, rawBody: string, headers: Headers, delivery: WebhookHeaders): Promise<WebhookRefusal | null>;
  /**
   * The body as text → its topic's one schema, at intake and again at processing. Raw text, so a
   * connector can parse losslessly (64-bit ids). Throws MalformedWebhookError naming the field.
   */
  parse(topic: string, rawBody: string): Parsed;
  /**
   * The account a signed body names, when it names one: it must be the one the (unsigned) headers
   * name, or the delivery is refused (a signed body replayed under another account's headers).
   */
  accountNamed?(parsed: Parsed): string | null;
  /** What the delivery changes, or why it is ignored. Pure apart from `meta.storedCurrency()`. */
  toChanges(ctx: ConnectionContext<Config>, parsed: Parsed, meta: WebhookDeliveryMeta): Promise<WebhookChanges>;
  /**
   * Where stored bodies hold a customer's id or an order's id: a customer's redaction blanks the
   * stored deliveries about them or their orders. `requestFields`: the fields of the redaction
   * request's own body that identify the person, removed from it (its ids stay, as the record).
   */
  personalData?: { customerIds: readonly BodyPath[]; orderIds: readonly BodyPath[]; requestFields: readonly (readonly string[])[] };
};

/** A screen result that refuses the delivery. */
export function isWebhookRefusal(value: WebhookHeaders | WebhookRefusal): value is WebhookRefusal {
  return "status" in value;
}
