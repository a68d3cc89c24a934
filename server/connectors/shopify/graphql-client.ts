import { PermanentError, RateLimitedError, TransientError } from "../_core/errors";
import { abortableSleep, HttpClient } from "../_core/http";
import { estimateRequestedCost } from "./cost";

export const ADMIN_API_VERSION = "2026-10";

export function graphqlEndpoint(shopOrigin: string): string {
  return `${shopOrigin.replace(/\/+$/, "")}/admin/api/${ADMIN_API_VERSION}/graphql.json`;
}

/** A query touched a field outside the granted scopes; the sync skips the stream it belongs to. */
export class ShopifyAccessDeniedError extends PermanentError {
  constructor(
    message: string,
    /** The response path of the denied field, e.g. ["orders", "nodes", 0, "customer"]. */
    readonly path: readonly (string | number)[],
    /** Shopify's hint, e.g. "`read_customers` access scope." */
    readonly requiredAccess: string | undefined,
  ) {
    super(message);
  }
}

export type ThrottleStatus = { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };

export type QueryCost = {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: ThrottleStatus;
};

/**
 * The client's picture of one shop's cost bucket: the last `throttleStatus` Shopify reported and
 * when, restored at `restoreRate` per second since then and reduced by what this process has sent
 * since. Queries take turns (FIFO), so a large query is not starved by a stream of small ones.
 */
export class CostBucket {
  private status: (ThrottleStatus & { at: number }) | undefined;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly now: () => number) {}

  get known(): ThrottleStatus | undefined {
    return this.status && { ...this.status, currentlyAvailable: this.available() ?? 0 };
  }

  /** Estimated points available now; undefined before Shopify has told us anything. */
  available(): number | undefined {
    if (!this.status) return undefined;
    const { maximumAvailable, currentlyAvailable, restoreRate, at } = this.status;
    return Math.min(maximumAvailable, currentlyAvailable + (restoreRate * Math.max(0, this.now() - at)) / 1000);
  }

  /** How long until `cost` points are available (0 when they are, or when nothing is known yet). */
  waitMsFor(cost: number): number {
    const available = this.available();
    if (available === undefined || !this.status || available >= cost) return 0;
    return Math.ceil(((cost - available) / this.status.restoreRate) * 1000);
  }

  update(status: ThrottleStatus): void {
    this.status = { ...status, at: this.now() };
  }

  private reserve(cost: number): void {
    if (this.status) this.status = { ...this.status, currentlyAvailable: (this.available() ?? 0) - cost, at: this.now() };
  }

  /** Waits its turn, then until the bucket covers `cost`, and takes `cost` out of the estimate. */
  acquire(cost: number, sleep: (ms: number, signal?: AbortSignal) => Promise<void>, signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(async () => {
      if (this.status && cost > this.status.maximumAvailable) {
        throw new PermanentError(`Query cost ${cost} exceeds the shop's bucket of ${this.status.maximumAvailable} points`);
      }
      for (let wait = this.waitMsFor(cost); wait > 0; wait = this.waitMsFor(cost)) await sleep(wait, signal);
      this.reserve(cost);
    });
    this.queue = turn.catch(() => undefined);
    return turn;
  }
}

/** One bucket per shop for the whole process: every client of a shop shares what it learned. */
export class CostBuckets {
  private readonly buckets = new Map<string, CostBucket>();
  constructor(private readonly now: () => number = Date.now) {}
  forShop(shopOrigin: string): CostBucket {
    let bucket = this.buckets.get(shopOrigin);
    if (!bucket) {
      bucket = new CostBucket(this.now);
      this.buckets.set(shopOrigin, bucket);
    }
    return bucket;
  }
}

const processBuckets = new CostBuckets();

/**
 * Requested costs Shopify reported above our estimate, per document and page sizes. A property
 * of the document, not of the shop, so it is shared by every client in the process.
 */
const learnedCosts = new Map<string, number>();

export type ShopifyGraphqlClientOptions = {
  /** e.g. `https://name.myshopify.com` or the sandbox's `http://localhost:8289/shops/name`. */
  shopOrigin: string;
  /** A fixed token, or a callback asked before every request (so a refreshed token is picked up). */
  accessToken: string | (() => string | Promise<string>);
  /** Shared with the run, so its `stats` count every request. */
  http?: HttpClient;
  buckets?: CostBuckets;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** THROTTLED answers waited out before a RateLimitedError goes to the caller. */
  maxThrottleRetries?: number;
  signal?: AbortSignal;
  /** Every response's cost report: the run's rate-limit headroom. */
  onCost?: (cost: QueryCost) => void;
};

type GraphqlError = {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; requiredAccess?: string };
};
type GraphqlResponse<T> = { data?: T | null; errors?: GraphqlError[]; extensions?: { cost?: QueryCost } };

export class ShopifyGraphqlClient {
  readonly http: HttpClient;
  readonly bucket: CostBucket;
  private readonly endpoint: string;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(private readonly options: ShopifyGraphqlClientOptions) {
    this.http = options.http ?? new HttpClient();
    this.bucket = (options.buckets ?? processBuckets).forShop(options.shopOrigin);
    this.endpoint = graphqlEndpoint(options.shopOrigin);
    this.sleep = options.sleep ?? abortableSleep;
  }

  /** The requested cost this client budgets for a document with these variables. */
  requestedCost(document: string, variables: Record<string, unknown> = {}): number {
    return Math.max(estimateRequestedCost(document, variables), learnedCosts.get(costKey(document, variables)) ?? 0);
  }

  /** Sends a query or mutation and returns its `data`; every failure comes out typed. */
  async request<T>(document: string, variables: Record<string, unknown> = {}): Promise<T> {
    const { signal } = this.options;
    const isMutation = /^\s*mutation\b/.test(document);
    const maxThrottleRetries = this.options.maxThrottleRetries ?? 20;
    for (let throttled = 0; ; throttled++) {
      const cost = this.requestedCost(document, variables);
      await this.bucket.acquire(cost, this.sleep, signal);
      const token = typeof this.options.accessToken === "function" ? await this.options.accessToken() : this.options.accessToken;
      const { body } = await this.http.json<GraphqlResponse<T>>(this.endpoint, {
        method: "POST",
        headers: { "x-shopify-access-token": token },
        body: { query: document, variables },
        // A mutation that may have run is not sent twice; THROTTLED (below) never ran.
        retry: isMutation ? "rejected-only" : "idempotent",
        signal,
      });
      if (!body || typeof body !== "object") throw new PermanentError("Shopify answered GraphQL with a non-object body");
      const reported = body.extensions?.cost;
      if (reported) {
        this.bucket.update(reported.throttleStatus);
        if (reported.requestedQueryCost > cost) learnedCosts.set(costKey(document, variables), reported.requestedQueryCost);
        this.options.onCost?.(reported);
      }

      const errors = body.errors ?? [];
      if (errors.some((e) => e.extensions?.code === "THROTTLED")) {
        // The bucket now holds Shopify's own numbers, so the next acquire() waits exactly
        // (requested − currentlyAvailable) / restoreRate seconds.
        if (throttled >= maxThrottleRetries) {
          const requested = reported?.requestedQueryCost ?? cost;
          throw new RateLimitedError(`Shopify kept throttling a query of cost ${requested}`, {
            retryAfterMs: this.bucket.waitMsFor(requested) || 1000,
          });
        }
        if (!reported) await this.sleep(1000, signal);
        continue;
      }
      if (errors.length) throw errorFor(errors);
      if (!body.data) throw new PermanentError("Shopify answered GraphQL without data or errors");
      return body.data;
    }
  }
}

function errorFor(errors: GraphqlError[]): Error {
  const denied = errors.find((e) => e.extensions?.code === "ACCESS_DENIED");
  if (denied) return new ShopifyAccessDeniedError(denied.message, denied.path ?? [], denied.extensions?.requiredAccess);
  const message = errors.map((e) => e.message).join("; ");
  if (errors.some((e) => e.extensions?.code === "INTERNAL_SERVER_ERROR")) return new TransientError(`Shopify GraphQL: ${message}`);
  return new PermanentError(`Shopify GraphQL: ${message}`);
}

function costKey(document: string, variables: Record<string, unknown>): string {
  const sizes = Object.entries(variables)
    .filter(([, v]) => typeof v === "number")
    .sort(([a], [b]) => a.localeCompare(b));
  return `${document}\n${JSON.stringify(sizes)}`;
}
