import type { Clock } from "../_kit/clock";
import { TokenStore, type TokenLifetimes, type TokenState } from "../_kit/oauth-tokens";
import { delivered, post, WebhookRetries, type PendingRetry } from "../_kit/webhooks";
import { BulkOperations } from "./bulk";
import { CostBucket, type CostLimits } from "./bucket";
import type { Volume } from "./generate";
import { gid, iso } from "./gid";
import type { CustomerRecord, InventoryQuantities, LocationRecord, ProductRecord } from "./records";
import { shopifyTokenResponse, type TokenResponse } from "./oauth";
import { ShopStore, type OrderInput, type SnapshotProjection, type StoreChanges, type StoreSnapshot } from "./store";
import type { View } from "./views";
import { SHOPIFY_DELIVERY_LIMITS, SHOPIFY_RETRY_SCHEDULE } from "./webhook-retries";
import { APP_CONFIG_TOPICS, buildPayload, newEventId, signedDelivery, type WebhookDelivery, type WebhookOptions, type WebhookTopic } from "./webhooks";
import { topicToEnum, WebhookSubscriptions, type WebhookSubscriptionRecord } from "./webhook-subscriptions";
import type { Payload } from "./webhook-payloads";

/** What the state file keeps of a shop. The optional parts are absent from older files. */
export interface ShopState {
  granted: string[] | null;
  tokens: TokenState;
  subscriptions: WebhookSubscriptionRecord[];
  /** Shopify never hands out an operation id twice, restarts or not. */
  nextBulkOperationId?: number;
  webhookRetries?: PendingRetry<WebhookDelivery>[];
  /** The data changes (controls, the merchant's edits), over the generated data. */
  data?: StoreChanges;
}

export interface AppCredentials {
  apiKey: string;
  apiSecret: string;
}

export interface ShopOptions {
  /** `name.myshopify.com`. */
  domain: string;
  /** Data seed. Default: the domain. */
  seed?: number | string;
  /** Default: 1,000 orders (customers a third of that, 500 products, 3 locations). */
  volume?: Volume;
  /** The generated history ends here (epoch ms). Default: the clock's now at start. */
  epoch?: number;
  currency?: string;
  /** The shop's IANA zone (`shop { ianaTimezone }`). Default: Etc/UTC. */
  timeZone?: string;
  /** Cost bucket of this (app, shop). Defaults: 2000 points, 100/s. */
  costLimits?: CostLimits;
  /** Scopes the merchant approves; requested scopes outside it are not granted. Default: all requested. */
  grantableScopes?: string[];
  /** Minimum time a bulk operation takes (ms). Default 0. */
  bulkDelayMs?: number;
}

export interface ShopDeps {
  app: AppCredentials;
  clock: Clock;
  /** `${sandboxUrl}/shops/${domain}`. */
  origin: string;
  /** Where bulk result files are served. */
  bulkBaseUrl: string;
  bulkDir: string;
  tokenLifetimes: TokenLifetimes;
  /** The app's configured webhook URL (compliance topics, and topics without a subscription). */
  webhookTarget: () => string | undefined;
  /** Multiplies the webhook retry schedule's delays (1: 8 retries over 4 hours). */
  webhookRetryScale: number;
  /** Something the state file keeps changed outside a request (a webhook retry). */
  stateChanged: () => void;
}

/** Where a delivery goes: an API subscription's URI, or the app's configured URL. */
interface Target {
  url: string;
  subscriptionId?: number;
}

/** One sandbox shop with the app's installation on it: data, tokens, cost bucket, bulk, webhooks. */
export class SandboxShop {
  readonly domain: string;
  readonly origin: string;
  readonly app: AppCredentials;
  readonly clock: Clock;
  readonly store: ShopStore;
  readonly bucket: CostBucket;
  readonly tokens: TokenStore;
  readonly subscriptions: WebhookSubscriptions;
  readonly bulk: BulkOperations;
  readonly webhookRetries: WebhookRetries<WebhookDelivery>;
  readonly currency: string;
  readonly shopId: number;
  /** Every webhook delivery sent for this shop, oldest first. */
  readonly deliveries: WebhookDelivery[] = [];
  private granted: string[] | null = null;

  constructor(
    readonly options: ShopOptions,
    private readonly deps: ShopDeps,
  ) {
    this.domain = options.domain;
    this.origin = deps.origin;
    this.app = deps.app;
    this.clock = deps.clock;
    this.currency = options.currency ?? "USD";
    this.shopId = 60_000_000 + (hashDomain(options.domain) % 1_000_000);
    this.store = new ShopStore(
      { seed: options.seed ?? options.domain, volume: options.volume ?? { orders: 1000 }, epoch: options.epoch ?? deps.clock.now(), currency: this.currency },
      deps.clock,
    );
    this.bucket = new CostBucket(options.costLimits ?? {}, deps.clock);
    // Expiring offline tokens; since 2026-08 the previous refresh token stays valid until the
    // access token issued in its place is used.
    this.tokens = new TokenStore({ clock: deps.clock, lifetimes: deps.tokenLifetimes, rotation: "grace-until-used", prefixes: { access: "shpat_", refresh: "shprt_" } });
    this.subscriptions = new WebhookSubscriptions(deps.clock);
    this.bulk = new BulkOperations(this, { dir: deps.bulkDir, fileBaseUrl: deps.bulkBaseUrl, delayMs: options.bulkDelayMs ?? 0, maxConcurrent: 5 });
    this.webhookRetries = new WebhookRetries<WebhookDelivery>({
      schedule: SHOPIFY_RETRY_SCHEDULE,
      limits: SHOPIFY_DELIVERY_LIMITS,
      scale: deps.webhookRetryScale,
      attempted: (delivery) => this.deliveries.push(delivery),
      exhausted: (retry) => this.removeFailingSubscription(retry),
      changed: deps.stateChanged,
    });
  }

  // ---- installation and scopes ------------------------------------------------------------

  /** Granted scopes; empty when the app is not installed. */
  get scopes(): string[] {
    return this.granted ?? [];
  }

  get installed(): boolean {
    return this.granted !== null;
  }

  /** Records the merchant's consent (OAuth) and returns the granted scopes. */
  grant(requested: string[]): string[] {
    const grantable = this.options.grantableScopes;
    const scopes = grantable ? requested.filter((s) => grantable.includes(s)) : requested;
    this.granted = [...new Set([...(this.granted ?? []), ...scopes])];
    return this.granted;
  }

  /** Changes the installation's scopes (the merchant edits access); applies to existing tokens at once. */
  setScopes(scopes: string[]): void {
    this.granted = [...scopes];
  }

  /** Installs without the browser round trip and returns a fresh token pair (for connector tests). */
  install(scopes: string[]): TokenResponse {
    this.setScopes(scopes);
    return shopifyTokenResponse(this.tokens.issue({ scope: this.scopes.join(",") }));
  }

  /** Invalidates every code and token; the installation stays (a new OAuth round trip mends it). */
  revokeTokens(): void {
    this.tokens.revokeAll();
  }

  /** The merchant uninstalls: tokens revoked, subscriptions removed, then app/uninstalled is delivered. */
  async uninstall(): Promise<WebhookDelivery[]> {
    const targets = this.targetsFor("app/uninstalled");
    this.tokens.revokeAll();
    this.subscriptions.clear();
    this.granted = null;
    return this.deliver("app/uninstalled", targets, {});
  }

  /**
   * What survives a restart of `npm run dev` (the kit's state file): the installation, its tokens and
   * subscriptions, the webhook retries still pending, and the data changes.
   */
  exportState(): ShopState {
    return {
      ...this.installationState(),
      webhookRetries: this.webhookRetries.exportState(),
      data: this.store.exportChanges(),
    };
  }

  /** Changes whenever exportState() does, and is cheap: the state file checks it after every request. */
  stateVersion(): string {
    return `${JSON.stringify(this.installationState())}|${this.webhookRetries.revision}|${this.store.revision}`;
  }

  private installationState(): Omit<ShopState, "webhookRetries" | "data"> {
    return {
      granted: this.granted,
      tokens: this.tokens.exportState(),
      subscriptions: this.subscriptions.exportState(),
      nextBulkOperationId: this.bulk.nextOperationId,
    };
  }

  importState(state: ShopState): void {
    this.granted = state.granted;
    this.tokens.importState(state.tokens);
    this.subscriptions.importState(state.subscriptions);
    if (state.nextBulkOperationId) this.bulk.nextOperationId = Math.max(this.bulk.nextOperationId, state.nextBulkOperationId);
    if (state.webhookRetries) this.webhookRetries.importState(state.webhookRetries);
    if (state.data && !this.store.importChanges(state.data)) {
      console.warn(`[shopify sandbox] ${this.domain}: the saved data changes were made to other generated data (seed, volume or currency changed); starting from the generated data.`);
    }
  }

  // ---- webhooks ----------------------------------------------------------------------------

  /** Sends a signed delivery of `topic` to each subscription (or the app's target, or `opts.url`). */
  async sendWebhook(topic: WebhookTopic, opts: WebhookOptions = {}): Promise<WebhookDelivery[]> {
    return this.deliver(topic, opts.url ? [{ url: opts.url }] : this.targetsFor(topic), opts);
  }

  /** Sends the same delivery again (same body, headers and X-Shopify-Webhook-Id): a duplicate. */
  async redeliver(delivery: WebhookDelivery): Promise<WebhookDelivery> {
    const copy: WebhookDelivery = { ...delivery, headers: { ...delivery.headers }, status: null };
    this.deliveries.push(copy);
    return post(copy, SHOPIFY_DELIVERY_LIMITS);
  }

  /** bulk_operations/finish goes only to subscriptions of that topic, as on Shopify. */
  async bulkOperationFinished(id: number): Promise<void> {
    const targets = this.subscriptionTargets("bulk_operations/finish");
    if (targets.length) await this.deliver("bulk_operations/finish", targets, { id });
  }

  private subscriptionTargets(topic: WebhookTopic): Target[] {
    return this.subscriptions.forTopic(topic).map((s) => ({ url: s.uri, subscriptionId: s.id }));
  }

  private targetsFor(topic: WebhookTopic): Target[] {
    const target = this.deps.webhookTarget();
    if (APP_CONFIG_TOPICS.has(topic) && target) return [{ url: target }];
    const subscribed = this.subscriptionTargets(topic);
    if (subscribed.length) return subscribed;
    if (target) return [{ url: target }];
    throw new Error(`No subscription for ${topic} (${topicToEnum(topic)}) on ${this.domain} and no webhook target configured.`);
  }

  /** The first attempt of each delivery; a failed one is retried in the background on Shopify's schedule (webhook-retries.ts). */
  private async deliver(topic: WebhookTopic, targets: Target[], opts: WebhookOptions): Promise<WebhookDelivery[]> {
    const body = JSON.stringify(opts.payload ?? buildPayload(this, topic, opts));
    const eventId = opts.eventId ?? newEventId();
    const deliveries = targets.map(({ url }) => signedDelivery(this, topic, url, body, eventId, opts.triggeredAt ?? this.clock.now()));
    this.deliveries.push(...deliveries);
    await Promise.all(deliveries.map((delivery) => post(delivery, SHOPIFY_DELIVERY_LIMITS)));
    deliveries.forEach((delivery, i) => {
      if (!delivered(delivery)) this.webhookRetries.add(delivery, targets[i]!.subscriptionId);
    });
    return deliveries;
  }

  /**
   * Shopify deletes a subscription made through the Admin API once a delivery to it failed its
   * 8 retries; the app's configured URL (TOML) stays.
   */
  private removeFailingSubscription(retry: PendingRetry<WebhookDelivery>): void {
    if (typeof retry.subscriptionId !== "number" || !this.subscriptions.remove(retry.subscriptionId)) return;
    console.warn(`[shopify sandbox] ${this.domain}: removed the ${retry.delivery.topic} subscription to ${retry.delivery.url}: a delivery failed all its retries.`);
  }

  // ---- data changes (the merchant or a customer acting on the shop) ------------------------

  createOrder(input?: OrderInput) {
    return this.store.createOrder(input);
  }
  updateOrder(id: number, patch: OrderInput) {
    return this.store.updateOrder(id, patch);
  }
  cancelOrder(id: number) {
    return this.store.cancelOrder(id);
  }
  deleteOrder(id: number) {
    return this.store.deleteOrder(id);
  }
  createCustomer(input?: Partial<Omit<CustomerRecord, "id">>) {
    return this.store.createCustomer(input);
  }
  updateCustomer(id: number, patch: Partial<Omit<CustomerRecord, "id">>) {
    return this.store.updateCustomer(id, patch);
  }
  deleteCustomer(id: number) {
    return this.store.deleteCustomer(id);
  }
  createProduct(input?: Partial<Omit<ProductRecord, "id" | "variants">>) {
    return this.store.createProduct(input);
  }
  updateProduct(id: number, patch: Partial<Omit<ProductRecord, "id">>) {
    return this.store.updateProduct(id, patch);
  }
  deleteProduct(id: number) {
    return this.store.deleteProduct(id);
  }
  addLocation(input?: Partial<Omit<LocationRecord, "id">>) {
    return this.store.addLocation(input);
  }
  setInventory(inventoryItemId: number, locationId: number, quantities: Partial<InventoryQuantities>) {
    return this.store.setInventoryQuantities(inventoryItemId, locationId, quantities);
  }

  /** Counts and checksums per resource: what a database synced from this shop must match. */
  snapshot(projection?: SnapshotProjection): StoreSnapshot {
    return this.store.snapshot(projection);
  }

  // ---- the shop itself ---------------------------------------------------------------------

  private get shopName(): string {
    return this.domain.replace(/\.myshopify\.com$/, "");
  }

  shopView(): View {
    return {
      __typename: "Shop",
      id: gid("Shop", this.shopId),
      name: this.shopName,
      email: `owner@${this.domain}`,
      contactEmail: `owner@${this.domain}`,
      myshopifyDomain: this.domain,
      currencyCode: this.currency,
      ianaTimezone: this.options.timeZone ?? "Etc/UTC",
      timezoneAbbreviation: zoneAbbreviation(this.options.timeZone ?? "Etc/UTC", this.clock.now()),
      createdAt: iso(this.store.options.epoch - 800 * 86_400_000),
      updatedAt: iso(this.store.options.epoch),
    };
  }

  restShop(): Payload {
    return {
      id: this.shopId,
      name: this.shopName,
      email: `owner@${this.domain}`,
      domain: this.domain,
      myshopify_domain: this.domain,
      currency: this.currency,
      iana_timezone: "Etc/UTC",
      created_at: iso(this.store.options.epoch - 800 * 86_400_000),
      updated_at: iso(this.store.options.epoch),
    };
  }
}

function hashDomain(domain: string): number {
  let h = 0;
  for (let i = 0; i < domain.length; i++) h = (Math.imul(h, 31) + domain.charCodeAt(i)) >>> 0;
  return h;
}

/** "EST", "GMT+9": the zone's short name at that instant, as Shopify's admin shows it. */
function zoneAbbreviation(timeZone: string, at: number): string {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "short" }).formatToParts(at);
  return parts.find((p) => p.type === "timeZoneName")?.value ?? "UTC";
}
