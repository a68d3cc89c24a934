import { LazyConnection } from "./connection";
import { gid, iso, parseGid } from "./gid";
import type { Clock } from "../_kit/clock";
import { ADMIN_API_VERSION } from "./schema";
import type { View } from "./views";

export interface WebhookSubscriptionRecord {
  id: number;
  /** GraphQL enum form, e.g. ORDERS_CREATE. */
  topic: string;
  uri: string;
  name: string | null;
  filter: string | null;
  includeFields: string[];
  createdAt: number;
  updatedAt: number;
}

/** `orders/create` ⇄ `ORDERS_CREATE`. */
export function topicToEnum(topic: string): string {
  return topic.replace(/\//g, "_").toUpperCase();
}

/** The app's webhook subscriptions on one shop (webhookSubscriptionCreate/Delete). */
export class WebhookSubscriptions {
  private readonly records = new Map<number, WebhookSubscriptionRecord>();
  private nextId = 1_400_000_000;

  constructor(private readonly clock: Clock) {}

  list(): WebhookSubscriptionRecord[] {
    return [...this.records.values()];
  }

  forTopic(topic: string): WebhookSubscriptionRecord[] {
    const value = topicToEnum(topic);
    return this.list().filter((s) => s.topic === value);
  }

  clear(): void {
    this.records.clear();
  }

  exportState(): WebhookSubscriptionRecord[] {
    return this.list();
  }

  importState(records: WebhookSubscriptionRecord[]): void {
    for (const record of records) {
      this.records.set(record.id, record);
      this.nextId = Math.max(this.nextId, record.id + 1);
    }
  }

  create(topic: string, input: Record<string, unknown>): View {
    const uri = (input.uri ?? input.callbackUrl) as string | undefined;
    const userErrors: View[] = [];
    if (!uri) userErrors.push({ __typename: "UserError", field: ["webhookSubscription", "uri"], message: "Address can't be blank" });
    else if (!/^(https?:\/\/|pubsub:\/\/|arn:aws:events:)/.test(uri)) userErrors.push({ __typename: "UserError", field: ["webhookSubscription", "uri"], message: "Address is invalid" });
    else if (this.list().some((s) => s.topic === topic && s.uri === uri)) {
      userErrors.push({ __typename: "UserError", field: ["webhookSubscription", "uri"], message: "Address for this topic has already been taken" });
    }
    if (userErrors.length) return { __typename: "WebhookSubscriptionCreatePayload", webhookSubscription: null, userErrors };
    const now = this.clock.now();
    const record: WebhookSubscriptionRecord = {
      id: this.nextId++,
      topic,
      uri: uri!,
      name: (input.name as string | null | undefined) ?? null,
      filter: (input.filter as string | null | undefined) ?? null,
      includeFields: (input.includeFields as string[] | null | undefined) ?? [],
      createdAt: now,
      updatedAt: now,
    };
    this.records.set(record.id, record);
    return { __typename: "WebhookSubscriptionCreatePayload", webhookSubscription: subscriptionView(record), userErrors: [] };
  }

  /** Removes a subscription (Shopify's own removal of a failing one); false when there was none. */
  remove(id: number): boolean {
    return this.records.delete(id);
  }

  delete(id: string): View {
    const parsed = parseGid(id);
    if (!parsed || parsed.type !== "WebhookSubscription" || !this.remove(parsed.id)) {
      return { __typename: "WebhookSubscriptionDeletePayload", deletedWebhookSubscriptionId: null, userErrors: [{ __typename: "UserError", field: ["id"], message: "Webhook subscription does not exist" }] };
    }
    return { __typename: "WebhookSubscriptionDeletePayload", deletedWebhookSubscriptionId: id, userErrors: [] };
  }

  view(id: number): View | null {
    const record = this.records.get(id);
    return record ? subscriptionView(record) : null;
  }

  connection(topics: string[] | null, uri: string | null): LazyConnection<WebhookSubscriptionRecord> {
    return new LazyConnection({
      items: () => this.list(),
      key: (s) => s.id,
      id: (s) => s.id,
      filter: (s) => (!topics || topics.includes(s.topic)) && (!uri || s.uri === uri),
      toNode: subscriptionView,
    });
  }
}

function subscriptionView(s: WebhookSubscriptionRecord): View {
  return {
    __typename: "WebhookSubscription",
    id: gid("WebhookSubscription", s.id),
    legacyResourceId: String(s.id),
    topic: s.topic,
    uri: s.uri,
    callbackUrl: s.uri,
    endpoint: { __typename: "WebhookHttpEndpoint", callbackUrl: s.uri },
    format: "JSON",
    name: s.name,
    filter: s.filter,
    includeFields: s.includeFields,
    metafieldNamespaces: [],
    metafields: [],
    apiVersion: { __typename: "ApiVersion", handle: ADMIN_API_VERSION, displayName: ADMIN_API_VERSION, supported: true },
    createdAt: iso(s.createdAt),
    updatedAt: iso(s.updatedAt),
  };
}
