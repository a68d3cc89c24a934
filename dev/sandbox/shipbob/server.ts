// The sandbox ShipBob: the 2026-01 routes the connector reads, validated against the spec, behind
// PAT or OAuth auth, ShipBob's rate limit and injectable faults; signed webhooks for shipment and
// return changes; a state file for what must survive `npm run dev` restarts.
import { randomBytes, randomUUID } from "node:crypto";
import { join } from "node:path";
import type { IncomingMessage } from "node:http";
import { ApiKeys, authenticate, bearerToken } from "../_kit/auth";
import { systemClock, type Clock } from "../_kit/clock";
import { Collection, type CollectionChanges } from "../_kit/collection";
import { answerFault, FaultPlan, type FaultSpec } from "../_kit/faults";
import { sendAnswer, type HttpAnswer } from "../_kit/http";
import { authorizeEndpoint, tokenEndpoint, type TokenEndpointConfig } from "../_kit/oauth";
import { TokenStore, type TokenState } from "../_kit/oauth-tokens";
import { OpenApiSpec } from "../_kit/openapi";
import { CursorCodec, keysetPage, pageOf, PageParamError, readPage, relative, withQuery, type Page } from "../_kit/pagination";
import { SlidingWindowLimiter } from "../_kit/rate-limits";
import { Router } from "../_kit/router";
import { startSandboxServer } from "../_kit/server";
import { SnapshotBuilder, type Snapshot } from "../_kit/snapshot";
import { specRoute, type SpecRouteContext } from "../_kit/spec-route";
import { StateFile } from "../_kit/state-file";
import { delivered, post, WebhookRetries, type Delivery, type PendingRetry } from "../_kit/webhooks";
import { standardWebhookHeaders } from "../_kit/signing";
import { FAULT_SHAPES, invalidRequest, notFound, problem, RATE_LIMIT, SHIPBOB_DEV, TOKEN_LIFETIMES, tooManyRequests, unauthorized, WEBHOOK_LIMITS, WEBHOOK_RETRIES, type WebhookTopic } from "./config";
import { AccountChannels, type ChannelCaller } from "./channels";
import { generateAccount, ID_BASE, lastChangeOf, orderGenerator, returnGenerator, type GeneratorOptions, type LevelRecord, type OrderRecord, type ReturnRecord, type ReturnStatus } from "./generate";
import { advanceReceiving, advanceShipment, atOf, holdShipment, HOLD_TOPICS, isOpen, isReceivingOpen, SHIPPED_STEP, type HoldStatus, type ReceivingRecord, type ShipmentRecord } from "./lifecycle";
import { CountingLimiter } from "./counting-limiter";
import { centreView, channelView, inventoryByLocationView, inventoryLevelView, inventoryView, locationView, orderView, productView, receivingView, returnView, shipmentView, timelineView, variantView } from "./views";

export const FAULT_POINTS = ["api", "token"] as const;
export type FaultPoint = (typeof FAULT_POINTS)[number];

export interface ShipBobSandboxOptions extends GeneratorOptions {
  clock?: Clock;
  port?: number;
  host?: string;
  /** Where webhooks go (the app's ShipBob webhook route). None: changes are not announced. */
  webhookUrl?: string;
  /** Multiplies the retry schedule's waits (tests and demos compress its 28 hours into seconds). Default 1. */
  webhookRetryScale?: number;
  /** Redirect URIs the dev OAuth app registered. Default: any. */
  redirectUris?: string[];
  /** JSON file keeping tokens, data changes and pending webhook retries across restarts. */
  stateFile?: string;
  /** Dev: every so often (wall clock), the oldest open shipments, returns and receiving orders move a step on (shipments and returns announced). Default: only by the controls. */
  autoAdvance?: { everyMs: number; shipments: number; returns: number; receiving: number };
}

export interface ShipBobDelivery extends Delivery {
  topic: WebhookTopic;
}

/** Every resource a synced database holds, projected as the database side reads it back. */
export type SnapshotProjection = Partial<Record<"channels" | "fulfillment_centers" | "products" | "inventory_levels" | "inventory_locations" | "orders" | "shipments" | "returns" | "receiving_orders", (view: never) => unknown>>;

const SPEC = join(__dirname, "spec", "openapi-2026-01.subset.json");

// Auth subjects: ShipBob limits and scopes per user and application, and the sandbox has one user.
const PAT_SUBJECT = `${SHIPBOB_DEV.userId}:pat`;
const oauthSubject = (clientId: string) => `${SHIPBOB_DEV.userId}:${clientId}`;
const callerOf = (subject: string): ChannelCaller => (subject === PAT_SUBJECT ? { kind: "pat" } : { kind: "oauth", clientId: subject.slice(subject.indexOf(":") + 1) });
const PAGE_LIMITS = { default: 50, max: 250 };

export async function startShipBobSandbox(options: ShipBobSandboxOptions) {
  const clock = options.clock ?? systemClock;
  const spec = OpenApiSpec.fromFile(SPEC);
  const account = generateAccount(options);
  const generateOrder = orderGenerator(options, account);
  const orders = new Collection<OrderRecord, OrderRecord>({ count: options.volume.orders, firstId: ID_BASE.order, generate: generateOrder, summarize: (o) => o });
  const returnCount = options.volume.returns ?? Math.ceil(options.volume.orders / 10);
  const returns = new Collection<ReturnRecord, ReturnRecord>({ count: returnCount, firstId: ID_BASE.return, generate: returnGenerator(options, account, generateOrder), summarize: (r) => r });
  const tokens = new TokenStore({ clock, rotation: "strict", lifetimes: TOKEN_LIFETIMES });
  const apiKeys = new ApiKeys("sbpat_");
  apiKeys.create(PAT_SUBJECT, "", SHIPBOB_DEV.pat);
  const channels = new AccountChannels((clientId) => (clientId === SHIPBOB_DEV.client.clientId ? SHIPBOB_DEV.appName : clientId));
  const limiter = new CountingLimiter(new SlidingWindowLimiter({ ...RATE_LIMIT, clock }));
  const faults = new FaultPlan<FaultPoint>(FAULT_POINTS);
  const cursors = new CursorCodec<{ after?: number; query: string }>({ secret: `shipbob-cursor-${String(options.seed)}`, clock });
  const deliveries: ShipBobDelivery[] = [];
  let webhookUrl = options.webhookUrl;
  type Subscription = { id: string; url: string; topics: string[]; description: string | null; secret: string; created_at: string; enabled: boolean };
  let subscriptions: Subscription[] = [];
  let nextSubscriptionId = 1;
  const retries = new WebhookRetries<ShipBobDelivery>({ schedule: WEBHOOK_RETRIES, scale: options.webhookRetryScale ?? 1, limits: WEBHOOK_LIMITS, attempted: (d) => deliveries.push(d), exhausted: () => {}, changed: () => state?.schedule() });
  const client = { ...SHIPBOB_DEV.client, redirectUris: options.redirectUris };
  const oauth: TokenEndpointConfig = { client: (id) => (id === client.clientId ? client : undefined), clientAuth: ["basic", "body"], tokens };

  // ---- the API's plumbing ----------------------------------------------------------------------
  type Handler = (req: IncomingMessage, ctx: SpecRouteContext & { caller: ChannelCaller }) => HttpAnswer;
  const routes = new Router();

  /** A request of the API: faults, auth (PAT or OAuth), the per-user-and-app limit, then the spec-checked handler. */
  function api(method: "GET" | "POST" | "DELETE", path: string, handler: Handler): void {
    const checked = (caller: ChannelCaller) =>
      specRoute({ spec, invalidRequest: (issues) => invalidRequest(path, issues) }, (req, ctx) => {
        try {
          return handler(req, { ...ctx, caller });
        } catch (error) {
          if (error instanceof PageParamError) return invalidRequest(path, [{ where: `query.${error.param}`, message: error.message }]);
          throw error;
        }
      });
    routes.on(method, path, async (req, res, ctx) => {
      const fault = faults.take("api", "");
      if (answerFault(res, fault, FAULT_SHAPES)) return;
      const auth = authenticate(bearerToken(req), { tokens, apiKeys }, fault);
      if (!auth.ok) return unauthorized(auth.reason);
      const decision = limiter.take(auth.subject ?? "");
      if (!decision.allowed) return tooManyRequests(decision);
      const answer = await checked(callerOf(auth.subject ?? ""))(req, res, ctx);
      if (answer) sendAnswer(res, { ...answer, headers: { ...answer.headers, "x-remaining-calls": String(decision.remaining) } }, fault?.kind === "truncated");
    });
  }
  const get = (path: string, handler: Handler) => api("GET", path, handler);

  /**
   * ShipBob's cursor paging: the body's `next` is a path with only `Cursor`, which carries the
   * query it continues (so a client follows it verbatim).
   */
  function cursorPage<T>(url: URL, sizeParam: string, list: (query: URLSearchParams) => T[], key: (item: T) => number) {
    let query = url.searchParams;
    let after: number | undefined;
    const cursor = url.searchParams.get("Cursor");
    if (cursor) {
      const decoded = cursors.decode(cursor, url.pathname);
      if ("error" in decoded) throw new PageParamError("Cursor", "The cursor is invalid.");
      query = new URLSearchParams(decoded.position.query);
      after = decoded.position.after;
    }
    const continued = new URL(url);
    continued.search = query.toString();
    const size = readPage(continued, { page: "Page", perPage: sizeParam }, PAGE_LIMITS).perPage;
    const page = keysetPage(list(query), key, after, size);
    const link = (position: number | undefined) => `${url.pathname}?Cursor=${encodeURIComponent(cursors.encode({ after: position, query: query.toString() }, url.pathname))}`;
    return { items: page.items, first: link(undefined), next: page.next === undefined ? null : link(page.next), prev: null, last: null };
  }

  /** ShipBob's page paging headers (developer.shipbob.com/faq): `Next-Page` is a path, as ShipBob writes it. */
  function pageHeaders(url: URL, page: Page<unknown>, pageParam: string, withNext = true): Record<string, string> {
    const headers: Record<string, string> = { "Page-Number": String(page.page), "Page-Size": String(page.perPage), "Total-Pages": String(page.totalPages), "Total-Count": String(page.total) };
    if (withNext && page.page < page.totalPages) headers["Next-Page"] = relative(withQuery(url, { [pageParam]: page.page + 1 }));
    return headers;
  }

  const now = () => clock.now();
  const ids = (value: string | null) => (value ? new Set(value.split(",").map((v) => v.trim())) : undefined);
  const time = (value: string | null) => (value ? Date.parse(value) : undefined);
  const within = (t: number, from?: number, to?: number) => (from === undefined || t >= from) && (to === undefined || t <= to);
  const variants = () => [...account.inventory.values()].sort((a, b) => a.inventoryId - b.inventoryId);
  const levelsOf = (inventoryId: number) => account.levels.get(inventoryId) ?? [];
  const orderOf = (raw: string) => orders.get(Number(raw));
  function shipmentById(raw: string): { order: OrderRecord; shipment: ShipmentRecord } | undefined {
    const index = Math.floor((Number(raw) - ID_BASE.shipment) / 2);
    const order = orders.get(ID_BASE.order + index);
    const shipment = order?.shipments.find((s) => s.id === Number(raw));
    return order && shipment ? { order, shipment } : undefined;
  }

  // ---- OAuth (auth.shipbob.com/connect/*) ------------------------------------------------------
  routes
    .on(["GET", "POST"], "/connect/authorize", (req, _res, { url }) =>
      authorizeEndpoint(req, url, {
        ...oauth,
        provider: "Sandbox ShipBob · Demo Brand",
        appName: SHIPBOB_DEV.appName,
        heading: `Authorize ${SHIPBOB_DEV.appName}`,
        approveLabel: "Allow",
        parseScope: (s) => s.split(" ").filter(Boolean),
        tokens,
        // Each grant installs the app on the account (or updates its installation): its channel.
        approve: (r) => (channels.install(r.client.clientId, r.scopes), { scope: r.scope, subject: oauthSubject(r.client.clientId) }),
      }),
    )
    .on("POST", "/connect/token", async (req, res, { url }) => {
      const fault = faults.take("token", "");
      if (answerFault(res, fault, FAULT_SHAPES)) return;
      if (fault?.kind === "revoked") tokens.revokeAll();
      sendAnswer(res, await tokenEndpoint(req, url, oauth), fault?.kind === "truncated");
    });

  // ---- API routes ------------------------------------------------------------------------------
  get("/2026-01/channel", (_req, { url, caller }) => {
    const page = cursorPage(url, "RecordsPerPage", () => channels.visibleTo(caller).map(channelView), (c) => c.id);
    return { status: 200, body: { items: page.items, next: page.next, prev: page.prev } };
  });
  get("/2026-01/fulfillment-center", () => ({ status: 200, body: account.centres.map(centreView) }));
  get("/2026-01/location", () => ({ status: 200, body: account.centres.map(locationView) }));
  get("/2026-01/product", (_req, { url }) => ({
    status: 200,
    body: cursorPage(
      url,
      "PageSize",
      (q) => {
        const since = time(q.get("LastUpdatedTimestamp"));
        const sku = q.get("SKU");
        return account.products.filter((p) => (since === undefined || p.updatedAt >= since) && (!sku || p.variants.some((v) => v.sku === sku))).map((p) => productView(p, account));
      },
      (p) => p.id,
    ),
  }));
  get("/2026-01/product/{productId}/variants", (_req, { params }) => {
    const product = account.products.find((p) => p.id === Number(params.productId));
    return product ? { status: 200, body: product.variants.map((v) => variantView(v, levelsOf(v.inventoryId))) } : notFound(`Product ${params.productId}`);
  });
  const inventoryFilter = (q: URLSearchParams) => {
    const wanted = ids(q.get("InventoryIds"));
    return variants().filter((v) => !wanted || wanted.has(String(v.inventoryId)));
  };
  get("/2026-01/inventory", (_req, { url }) => ({ status: 200, body: cursorPage(url, "PageSize", (q) => inventoryFilter(q).map(inventoryView), (i) => i.inventory_id) }));
  get("/2026-01/inventory-level", (_req, { url }) => ({ status: 200, body: cursorPage(url, "PageSize", (q) => inventoryFilter(q).map((v) => inventoryLevelView(v, levelsOf(v.inventoryId))), (i) => i.inventory_id) }));
  get("/2026-01/inventory-level/locations", (_req, { url }) => ({
    status: 200,
    body: cursorPage(
      url,
      "PageSize",
      (q) => {
        const location = q.get("LocationId");
        return inventoryFilter(q).map((v) => inventoryByLocationView(v, levelsOf(v.inventoryId).filter((l) => !location || String(l.centreId) === location), account.centres));
      },
      (i) => i.inventory_id,
    ),
  }));
  get("/2026-01/order", (_req, { url }) => {
    const q = url.searchParams;
    const [wantedIds, references] = [ids(q.get("IDs")), ids(q.get("ReferenceIds"))];
    const [from, to, updatedFrom, updatedTo, trackedFrom, trackedTo] = ["StartDate", "EndDate", "LastUpdateStartDate", "LastUpdateEndDate", "LastTrackingUpdateStartDate", "LastTrackingUpdateEndDate"].map((name) => time(q.get(name)));
    // In the sandbox every label's tracking is uploaded as soon as it exists.
    const tracking = q.get("HasTracking") ?? q.get("IsTrackingUploaded");
    const tracked = (o: OrderRecord) => o.shipments.filter((s) => atOf(s, SHIPPED_STEP) !== null);
    let list = orders.summaries().filter(
      (o) =>
        (!wantedIds || wantedIds.has(String(o.id))) &&
        (!references || references.has(o.referenceId)) &&
        within(o.createdAt, from, to) &&
        within(o.updatedAt, updatedFrom, updatedTo) &&
        (tracking === null || tracked(o).length > 0 === (tracking === "true")) &&
        (trackedFrom === undefined && trackedTo === undefined ? true : tracked(o).some((s) => within(lastChangeOf(s), trackedFrom, trackedTo))),
    );
    if (q.get("SortOrder") === "Newest") list = [...list].reverse();
    const page = pageOf(list, readPage(url, { page: "Page", perPage: "Limit" }, PAGE_LIMITS));
    return { status: 200, headers: pageHeaders(url, page, "Page"), body: page.items.map((o) => orderView(o, account.centres, now())) };
  });
  get("/2026-01/order/{orderId}", (_req, { params }) => {
    const order = orderOf(params.orderId!);
    return order ? { status: 200, body: orderView(order, account.centres, now()) } : notFound(`Order ${params.orderId}`);
  });
  get("/2026-01/order/{orderId}/shipment", (_req, { params }) => {
    const order = orderOf(params.orderId!);
    return order ? { status: 200, body: order.shipments.map((s) => shipmentView(s, order, account.centres, now())) } : notFound(`Order ${params.orderId}`);
  });
  const timelineOf = (raw: string) => {
    const found = shipmentById(raw);
    return found && timelineView(found.shipment);
  };
  get("/2026-01/shipment/{shipmentId}/timeline", (_req, { params }) => {
    const timeline = timelineOf(params.shipmentId!);
    return timeline ? { status: 200, body: timeline } : notFound(`Shipment ${params.shipmentId}`);
  });
  get("/2026-01/return", (_req, { url }) => {
    const q = url.searchParams;
    const [wantedIds, statuses] = [ids(q.get("Ids")), ids(q.get("Status"))];
    const [from, to] = ["StartDate", "EndDate"].map((name) => time(q.get(name)));
    const list = returns.summaries().filter((r) => (!wantedIds || wantedIds.has(String(r.id))) && (!statuses || statuses.has(r.status)) && within(r.createdAt, from, to));
    const page = pageOf(list, readPage(url, { page: "Cursor", perPage: "Limit" }, PAGE_LIMITS));
    const at = (n: number) => relative(withQuery(url, { Cursor: n }));
    return {
      status: 200,
      headers: pageHeaders(url, page, "Cursor", false),
      body: { items: page.items.map((r) => returnView(r, account.centres)), first: at(1), last: at(page.totalPages), next: page.page < page.totalPages ? at(page.page + 1) : null, prev: page.page > 1 ? at(page.page - 1) : null },
    };
  });
  get("/2026-01/receiving", (_req, { url }) => {
    const statuses = ids(url.searchParams.get("Statuses"));
    const page = pageOf(account.receiving.filter((w) => !statuses || statuses.has(w.status)), readPage(url, { page: "Page", perPage: "Limit" }, PAGE_LIMITS));
    return { status: 200, headers: pageHeaders(url, page, "Page"), body: page.items.map((w) => receivingView(w, account.centres)) };
  });

  // ---- webhooks --------------------------------------------------------------------------------
  // Subscriptions (`/2026-01/webhook`): the create request may name the signing secret, else
  // ShipBob makes one; only the create answer shows it.
  api("GET", "/2026-01/webhook", () => ({ status: 200, body: { items: subscriptions.map(({ secret: _secret, ...view }) => view), next: null, prev: null } }));
  api("POST", "/2026-01/webhook", (_req, { body }) => {
    const request = body as { url: string; topics: string[]; description?: string | null; secret?: string | null };
    const created: Subscription = {
      id: String(nextSubscriptionId++),
      url: request.url,
      topics: request.topics,
      description: request.description ?? null,
      secret: request.secret ?? `whsec_${randomBytes(24).toString("base64")}`,
      created_at: new Date(now()).toISOString(),
      enabled: true,
    };
    subscriptions.push(created);
    const { enabled: _enabled, ...view } = created;
    return { status: 200, body: view };
  });
  api("DELETE", "/2026-01/webhook/{id}", (_req, { params }) => {
    const at = subscriptions.findIndex((s) => s.id === params.id);
    if (at < 0) return notFound(`Webhook subscription ${params.id}`);
    subscriptions.splice(at, 1);
    return { status: 204 };
  });

  /**
   * Signs and posts one topic (Standard Webhooks headers plus `x-webhook-topic`) to every
   * subscription of the topic, with its secret, and to the control-set `webhookUrl` with the dev
   * secret; a failure is retried on schedule.
   */
  async function send(topic: WebhookTopic, payload: unknown): Promise<ShipBobDelivery[]> {
    const body = JSON.stringify(payload);
    const targets = [...(webhookUrl ? [{ url: webhookUrl, secret: SHIPBOB_DEV.webhookSecret }] : []), ...subscriptions.filter((s) => s.enabled && s.topics.includes(topic))];
    return Promise.all(
      targets.map(async ({ url, secret }) => {
        const headers = { "Content-Type": "application/json", "x-webhook-topic": topic, ...standardWebhookHeaders({ id: `msg_${randomUUID()}`, timestampSeconds: Math.floor(now() / 1000), body, secret }) };
        const delivery = await post<ShipBobDelivery>({ url, headers, body, status: null, attempt: 0, topic }, WEBHOOK_LIMITS);
        deliveries.push(delivery);
        if (!delivered(delivery)) retries.add(delivery);
        return delivery;
      }),
    );
  }

  function putShipment(order: OrderRecord, shipment: ShipmentRecord): OrderRecord {
    const shipments = order.shipments.map((s) => (s.id === shipment.id ? shipment : s));
    return orders.put({ ...order, shipments, updatedAt: Math.max(order.updatedAt, lastChangeOf(shipment)) });
  }

  /** Moves `count` open shipments (oldest first, or the one given) a step on, announcing shipping and delivery. */
  async function advanceShipments(input: { count?: number; shipmentId?: number }): Promise<{ shipmentId: number; status: string; topic: string | null }[]> {
    const targets: { order: OrderRecord; shipment: ShipmentRecord }[] = [];
    if (input.shipmentId !== undefined) {
      const found = shipmentById(String(input.shipmentId));
      if (!found) throw new Error(`No shipment ${input.shipmentId}`);
      if (!isOpen(found.shipment)) throw new Error(`Shipment ${input.shipmentId} is delivered or cancelled`);
      targets.push(found);
    } else {
      for (const order of orders.records()) {
        for (const shipment of order.shipments) if (isOpen(shipment) && targets.length < (input.count ?? 1)) targets.push({ order, shipment });
        if (targets.length >= (input.count ?? 1)) break;
      }
    }
    const moved = [];
    for (const { order, shipment } of targets) {
      const next = advanceShipment(shipment, now());
      const updated = putShipment(orders.get(order.id)!, next.shipment);
      const view = shipmentView(next.shipment, updated, account.centres, now());
      if (next.topic) await send(next.topic, view);
      moved.push({ shipmentId: shipment.id, status: view.status, topic: next.topic });
    }
    return moved;
  }

  async function holdShipmentControl(input: { shipmentId: number; status: HoldStatus }) {
    const found = shipmentById(String(input.shipmentId));
    if (!found) throw new Error(`No shipment ${input.shipmentId}`);
    if (!isOpen(found.shipment)) throw new Error(`Shipment ${input.shipmentId} is delivered or cancelled`);
    if (!(input.status in HOLD_TOPICS)) throw new Error(`status must be one of ${Object.keys(HOLD_TOPICS).join(", ")}`);
    const shipment = holdShipment(found.shipment, input.status, now());
    const updated = putShipment(found.order, shipment);
    return send(HOLD_TOPICS[input.status], shipmentView(shipment, updated, account.centres, now()));
  }

  const RETURN_NEXT: Partial<Record<ReturnStatus, ReturnStatus>> = { AwaitingArrival: "Arrived", Arrived: "Processing", Processing: "Completed" };
  /** Moves `count` open returns a step on (`return.updated`, or `return.completed` at the end). */
  async function advanceReturns(input: { count?: number }) {
    const open = returns.summaries().filter((r) => RETURN_NEXT[r.status]).slice(0, input.count ?? 1);
    for (const r of open) {
      const status = RETURN_NEXT[r.status]!;
      const updated = returns.put({ ...r, status, updatedAt: now(), history: [...r.history, { status, at: now() }] });
      await send(status === "Completed" ? "return.completed" : "return.updated", returnView(updated, account.centres));
    }
    return open.map((r) => r.id);
  }

  /** A new return of a delivered shipment's first line (`return.created`). */
  async function createReturn(input: { orderId: number }) {
    const order = orders.get(input.orderId);
    const shipment = order?.shipments[0];
    const line = shipment?.lines[0];
    if (!order || !shipment || !line) throw new Error(`Order ${input.orderId} has no shipment to return`);
    const id = returns.allocateId();
    const record = returns.put({ id, createdAt: now(), updatedAt: now(), orderId: order.id, shipmentId: shipment.id, referenceId: `RMA-${id}`, storeOrderId: order.referenceId, centreId: shipment.centreId, customerName: order.recipient.name, trackingNumber: `9202${id}`, status: "AwaitingArrival", history: [{ status: "AwaitingArrival", at: now() }], items: [{ inventoryId: line.inventoryId, sku: line.sku, name: line.name, quantity: 1 }] });
    return send("return.created", returnView(record, account.centres));
  }

  // Receiving orders and stock are generated whole (no Collection): the ones changed are kept by id for the state file.
  const changedReceiving = new Map<number, ReceivingRecord>();
  const changedLevels = new Map<string, LevelRecord>();
  // (A state file of another account may name records this one does not have: they are left out.)
  const putReceiving = (wro: ReceivingRecord) => {
    const at = account.receiving.findIndex((w) => w.id === wro.id);
    if (at < 0) return;
    account.receiving[at] = wro;
    changedReceiving.set(wro.id, wro);
  };
  const putLevel = (level: LevelRecord) => {
    const levels = levelsOf(level.inventoryId);
    const at = levels.findIndex((l) => l.centreId === level.centreId);
    if (at < 0) return;
    levels[at] = level;
    changedLevels.set(`${level.inventoryId}:${level.centreId}`, level);
  };

  /**
   * Moves `count` open receiving orders (in id order, or the one given) a status on; what one
   * receives leaves its centre's awaiting stock for on hand and fulfillable. ShipBob announces no
   * receiving change (2026-01 has no such topic).
   */
  function advanceReceivingControl(input: { count?: number; receivingId?: number }): { receivingId: number; status: string }[] {
    let targets: ReceivingRecord[];
    if (input.receivingId !== undefined) {
      const wro = account.receiving.find((w) => w.id === input.receivingId);
      if (!wro) throw new Error(`No receiving order ${input.receivingId}`);
      if (!isReceivingOpen(wro)) throw new Error(`Receiving order ${input.receivingId} is ${wro.status}`);
      targets = [wro];
    } else {
      targets = account.receiving.filter(isReceivingOpen).slice(0, input.count ?? 1);
    }
    return targets.map((wro) => {
      const next = advanceReceiving(wro, now());
      putReceiving(next.wro);
      for (const { inventoryId, quantity } of next.received) {
        const level = levelsOf(inventoryId).find((l) => l.centreId === wro.centreId);
        if (level) putLevel({ ...level, awaiting: Math.max(0, level.awaiting - quantity), onHand: level.onHand + quantity, fulfillable: level.fulfillable + quantity });
      }
      return { receivingId: wro.id, status: next.wro.status };
    });
  }

  // ---- state, controls, snapshot ---------------------------------------------------------------
  type Kept = {
    tokens: TokenState;
    orders: CollectionChanges<OrderRecord>;
    returns: CollectionChanges<ReturnRecord>;
    retries: PendingRetry<ShipBobDelivery>[];
    subscriptions?: Subscription[];
    installations?: ReturnType<AccountChannels["exportState"]>;
    receiving?: ReceivingRecord[];
    levels?: LevelRecord[];
  };
  const state = options.stateFile
    ? new StateFile<Kept>(
        options.stateFile,
        {
          exportState: () => ({
            tokens: tokens.exportState(),
            orders: orders.exportChanges(),
            returns: returns.exportChanges(),
            retries: retries.exportState(),
            subscriptions,
            installations: channels.exportState(),
            receiving: [...changedReceiving.values()],
            levels: [...changedLevels.values()],
          }),
          importState: (saved) => {
            tokens.importState(saved.tokens);
            orders.importChanges(saved.orders);
            returns.importChanges(saved.returns);
            retries.importState(saved.retries);
            // Files written before subscriptions existed have none.
            subscriptions = saved.subscriptions ?? [];
            nextSubscriptionId = Math.max(0, ...subscriptions.map((s) => Number(s.id))) + 1;
            // Files written before OAuth installations had channels have none.
            channels.importState(saved.installations ?? []);
            // Files written before receiving orders moved have none.
            for (const wro of saved.receiving ?? []) putReceiving(wro);
            for (const level of saved.levels ?? []) putLevel(level);
          },
          // Every receiving change adds a status to its history: their count moves with each.
          version: () => `${tokens.revision}:${channels.revision}:${orders.version}:${returns.version}:${retries.revision}:${nextSubscriptionId}:${subscriptions.length}:${[...changedReceiving.values()].reduce((n, w) => n + w.history.length, 0)}`,
        },
        { name: "shipbob-sandbox", format: 1 },
      )
    : undefined;
  state?.load();

  /** Counts and checksums per resource, records as the API serves them (or projected), in id order. */
  function snapshot(project: SnapshotProjection = {}): Snapshot {
    const builder = new SnapshotBuilder();
    const add = (resource: keyof SnapshotProjection, view: unknown) => builder.add(resource, project[resource] ? project[resource](view as never) : view);
    for (const c of channels.all()) add("channels", channelView(c));
    for (const c of account.centres) add("fulfillment_centers", centreView(c));
    for (const p of account.products) add("products", productView(p, account));
    for (const v of variants()) add("inventory_levels", inventoryLevelView(v, levelsOf(v.inventoryId)));
    for (const v of variants()) add("inventory_locations", inventoryByLocationView(v, levelsOf(v.inventoryId), account.centres));
    for (const o of orders.records()) {
      const view = orderView(o, account.centres, now());
      add("orders", view);
      for (const s of view.shipments) add("shipments", s);
    }
    for (const r of returns.records()) add("returns", returnView(r, account.centres));
    for (const w of account.receiving) add("receiving_orders", receivingView(w, account.centres));
    return builder.result();
  }

  const server = await startSandboxServer({
    port: options.port,
    host: options.host,
    routes,
    describe: () => ({ provider: "ShipBob (sandbox)", apiVersion: "2026-01", orders: orders.count(), products: account.products.length, centres: account.centres.map((c) => c.name) }),
    notFound: () => problem(404, "Not Found"),
    badRequest: (message) => problem(400, "Bad Request", message),
    serverError: (message) => problem(500, "Internal Server Error", message),
    controls: {
      advanceShipments: (body) => advanceShipments(body as { count?: number; shipmentId?: number }),
      holdShipment: (body) => holdShipmentControl(body as unknown as { shipmentId: number; status: HoldStatus }),
      advanceReturns: (body) => advanceReturns(body as { count?: number }),
      createReturn: (body) => createReturn(body as { orderId: number }),
      advanceReceiving: (body) => advanceReceivingControl(body as { count?: number; receivingId?: number }),
      injectFault: (body) => faults.add(body as unknown as FaultSpec<FaultPoint>),
      setWebhookUrl: (body) => void (webhookUrl = typeof body.url === "string" ? body.url : undefined),
      snapshot: () => snapshot(),
    },
    afterRequest: () => state?.schedule(),
  });

  const auto = options.autoAdvance;
  const tick = async (counts: NonNullable<typeof auto>) => {
    await advanceShipments({ count: counts.shipments });
    await advanceReturns({ count: counts.returns });
    advanceReceivingControl({ count: counts.receiving });
    state?.schedule();
  };
  const ticker = auto && setInterval(() => void tick(auto), auto.everyMs);
  // A dev process lives on its server; the ticker alone must not keep a test's alive.
  if (ticker) ticker.unref();

  return {
    url: server.url,
    clock,
    account,
    tokens,
    apiKeys,
    faults,
    /** Requests the rate limiter let through and refused (429), since the start. */
    requests: limiter.counts,
    deliveries,
    /** The account's webhook subscriptions, with their secrets. */
    subscriptions: () => subscriptions,
    retries,
    advanceShipments,
    holdShipment: holdShipmentControl,
    advanceReturns,
    createReturn,
    advanceReceiving: advanceReceivingControl,
    /** A shipment's timeline as `GET /2026-01/shipment/{id}/timeline` serves it. */
    timeline(shipmentId: number) {
      const timeline = timelineOf(String(shipmentId));
      if (!timeline) throw new Error(`No shipment ${shipmentId}`);
      return timeline;
    },
    snapshot,
    async stop() {
      clearInterval(ticker);
      await server.stop();
      await retries.stop();
      state?.flush();
    },
  };
}

export type ShipBobSandbox = Awaited<ReturnType<typeof startShipBobSandbox>>;
