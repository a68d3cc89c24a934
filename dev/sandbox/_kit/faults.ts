import type { ServerResponse } from "node:http";
import { sendAnswer, type HttpAnswer } from "./http";

/**
 * What an injected fault does to the next matching request:
 * - `429`: the provider's rate-limit answer, with `retryAfterSeconds`;
 * - `5xx`: the provider's server error (`status`, default 503);
 * - `timeout`: the request is never answered: the client has to give up;
 * - `truncated`: headers with the full Content-Length and half the body, then the socket is cut;
 * - `revoked`: the token the request carries is revoked, then refused as the provider refuses it.
 * A provider adds kinds of its own (Shopify's GraphQL `throttled`) and applies them in its routes.
 */
export type FaultKind = "429" | "5xx" | "timeout" | "truncated" | "revoked";

export interface FaultSpec<P extends string = string, K extends string = FaultKind> {
  /** Where: a name the provider gives to an endpoint or a group of them ("graphql", "token", "orders"). */
  point: P;
  kind: K;
  /** How many consecutive matching requests fail. Default 1. */
  count?: number;
  /** Only requests for this tenant (shop, account, property); default: any. */
  tenant?: string;
  /** For "5xx". Default 503. */
  status?: number;
  /** For "429". Default 2. */
  retryAfterSeconds?: number;
}

export type ActiveFault<P extends string = string, K extends string = FaultKind> = Required<Omit<FaultSpec<P, K>, "tenant" | "count">> & { tenant?: string };

/** Faults queued per point, consumed in order by the matching requests. */
export class FaultPlan<P extends string = string, K extends string = FaultKind> {
  private readonly queue: { spec: ActiveFault<P, K>; remaining: number }[] = [];
  /** How many faults fired, per point: lets tests check a fault was really hit. */
  readonly fired: Record<P, number>;

  constructor(readonly points: readonly P[]) {
    this.fired = Object.fromEntries(points.map((p) => [p, 0])) as Record<P, number>;
  }

  add(spec: FaultSpec<P, K>): void {
    if (!this.points.includes(spec.point)) throw new Error(`Unknown fault point ${spec.point}. Known: ${this.points.join(", ")}`);
    this.queue.push({
      spec: { point: spec.point, kind: spec.kind, tenant: spec.tenant, status: spec.status ?? 503, retryAfterSeconds: spec.retryAfterSeconds ?? 2 },
      remaining: spec.count ?? 1,
    });
  }

  clear(): void {
    this.queue.length = 0;
  }

  pending(): number {
    return this.queue.reduce((n, f) => n + f.remaining, 0);
  }

  take(point: P, tenant: string): ActiveFault<P, K> | undefined {
    const index = this.queue.findIndex((f) => f.spec.point === point && (!f.spec.tenant || f.spec.tenant === tenant));
    if (index < 0) return undefined;
    const entry = this.queue[index]!;
    if (--entry.remaining <= 0) this.queue.splice(index, 1);
    this.fired[point]++;
    return entry.spec;
  }
}

/** How a provider answers the faults the kit answers for it. */
export interface FaultShapes {
  tooManyRequests(retryAfterSeconds: number): HttpAnswer;
  serverError(status: number): HttpAnswer;
}

/**
 * The answer to a fault that replaces the real response (429, 5xx), `null` for a timeout (send
 * nothing, ever), or undefined for the faults the route applies itself (truncated, revoked, and
 * the provider's own kinds).
 */
function faultAnswer(fault: ActiveFault<string, string>, shapes: FaultShapes): HttpAnswer | null | undefined {
  switch (fault.kind) {
    case "429":
      return shapes.tooManyRequests(fault.retryAfterSeconds);
    case "5xx":
      return shapes.serverError(fault.status);
    case "timeout":
      return null;
    default:
      return undefined;
  }
}

/**
 * Sends the answer of a fault that replaces the response (nothing at all, ever, for a timeout).
 * True when the route must stop there; false when there is no fault or the route applies it.
 */
export function answerFault(res: ServerResponse, fault: ActiveFault<string, string> | undefined, shapes: FaultShapes): boolean {
  if (!fault) return false;
  const answer = faultAnswer(fault, shapes);
  if (answer) sendAnswer(res, answer);
  return answer !== undefined;
}
