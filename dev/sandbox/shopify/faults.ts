/** Where a fault can be injected, and what it does there. */
export type FaultPoint = "graphql" | "token" | "bulk-download";
export type FaultKind =
  /** HTTP 429 with Retry-After. */
  | "429"
  /** HTTP 5xx (`status`, default 503). */
  | "5xx"
  /** The request is never answered: the client has to give up. */
  | "timeout"
  /** Headers (with the full Content-Length) and half the body, then the socket is destroyed. */
  | "truncated"
  /** GraphQL only: HTTP 200 THROTTLED regardless of the bucket (elsewhere it acts as 429). */
  | "throttled";

export interface FaultSpec {
  point: FaultPoint;
  kind: FaultKind;
  /** How many consecutive matching requests fail. Default 1. */
  count?: number;
  /** Only requests for this shop (default: any shop). */
  shop?: string;
  /** For "5xx". Default 503. */
  status?: number;
  /** For "429". Default 2. */
  retryAfterSeconds?: number;
}

export type ActiveFault = Required<Omit<FaultSpec, "shop" | "count">> & { shop?: string };

/** Faults queued per point, consumed in order by the matching requests. */
export class FaultPlan {
  private readonly queue: { spec: ActiveFault; remaining: number }[] = [];
  /** How many faults fired, per point: lets tests check a fault was really hit. */
  readonly fired: Record<FaultPoint, number> = { graphql: 0, token: 0, "bulk-download": 0 };

  add(spec: FaultSpec): void {
    this.queue.push({
      spec: { point: spec.point, kind: spec.kind, shop: spec.shop, status: spec.status ?? 503, retryAfterSeconds: spec.retryAfterSeconds ?? 2 },
      remaining: spec.count ?? 1,
    });
  }

  clear(): void {
    this.queue.length = 0;
  }

  pending(): number {
    return this.queue.reduce((n, f) => n + f.remaining, 0);
  }

  take(point: FaultPoint, shop: string): ActiveFault | undefined {
    const index = this.queue.findIndex((f) => f.spec.point === point && (!f.spec.shop || f.spec.shop === shop));
    if (index < 0) return undefined;
    const entry = this.queue[index]!;
    if (--entry.remaining <= 0) this.queue.splice(index, 1);
    this.fired[point]++;
    return entry.spec;
  }
}
