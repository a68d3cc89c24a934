import type { FaultKind, FaultShapes, FaultSpec as KitFaultSpec } from "../_kit/faults";

/** Where a fault can be injected in the sandbox Shopify. */
export const FAULT_POINTS = ["graphql", "token", "bulk-download"] as const;
export type FaultPoint = (typeof FAULT_POINTS)[number];

/** The kit's kinds, plus GraphQL's `throttled`: HTTP 200 THROTTLED regardless of the bucket (elsewhere it acts as 429). */
export type ShopifyFaultKind = FaultKind | "throttled";
export type { ShopifyFaultKind as FaultKind };

/** A fault for the next requests at `point`, of one shop when `shop` is given. */
export type FaultSpec = Omit<KitFaultSpec<FaultPoint, ShopifyFaultKind>, "tenant"> & { shop?: string };

/** Shopify's REST answers: the 429 of its leaky bucket (with `Retry-After` in seconds) and its 5xx bodies. */
export const SHOPIFY_FAULT_SHAPES: FaultShapes = {
  tooManyRequests: (retryAfterSeconds) => ({
    status: 429,
    headers: { "Retry-After": retryAfterSeconds.toFixed(1) },
    body: { errors: "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service." },
  }),
  serverError: (status) => ({ status, body: { errors: status === 503 ? "Service Unavailable" : "Internal Server Error" } }),
};
