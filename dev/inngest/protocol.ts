// The shapes the runner exchanges with an app's serve() endpoint (docs/SDK_SPEC.md in
// inngest/inngest and the `inngest` SDK's InngestCommHandler), validated where they come in.
import { z } from "zod";

const keyed = z.object({ key: z.string().optional() });
const concurrencyItem = z.union([z.number(), keyed.extend({ limit: z.number(), scope: z.string().optional() })]);

export const functionConfigSchema = z.object({
  id: z.string(),
  name: z.string().optional(),
  triggers: z.array(z.object({ event: z.string().optional(), expression: z.string().nullish(), cron: z.string().optional() })),
  steps: z.record(z.string(), z.object({ runtime: z.object({ url: z.string() }), retries: z.object({ attempts: z.number() }).nullish() })),
  concurrency: z.union([concurrencyItem, z.array(concurrencyItem)]).nullish(),
  idempotency: z.string().nullish(),
  debounce: keyed.extend({ period: z.string(), timeout: z.string().optional() }).nullish(),
  throttle: keyed.extend({ limit: z.number(), period: z.string(), burst: z.number().optional() }).nullish(),
  rateLimit: keyed.extend({ limit: z.number(), period: z.string() }).nullish(),
  cancel: z.array(z.object({ event: z.string(), if: z.string().optional(), timeout: z.string().optional() })).nullish(),
});
export type FunctionConfig = z.infer<typeof functionConfigSchema>;

export const registerBodySchema = z.object({
  url: z.string(),
  appName: z.string(),
  functions: z.array(functionConfigSchema),
});

export const eventSchema = z.object({
  name: z.string().min(1),
  data: z.record(z.string(), z.unknown()).optional().default({}),
  id: z.string().optional(),
  ts: z.number().optional(),
  user: z.unknown().optional(),
  v: z.string().optional(),
});
export type IncomingEvent = z.input<typeof eventSchema>;
export type StoredEvent = { name: string; data: Record<string, unknown>; id: string; ts: number; user?: unknown; v?: string };

export const opSchema = z.object({
  op: z.string(),
  id: z.string(),
  name: z.string().optional(),
  displayName: z.string().optional(),
  data: z.unknown().optional(),
  error: z.unknown().optional(),
  opts: z.record(z.string(), z.unknown()).nullish(),
});
export type Op = z.infer<typeof opSchema>;

/**
 * What the SDK posts to `/v1/checkpoint/:runId/async` when a call request carried `ctx.fn_id`
 * and `ctx.qi_id`: the steps it ran in-process during that call (engine.checkpoint()).
 */
export const asyncCheckpointSchema = z.object({
  run_id: z.string().min(1),
  fn_id: z.string().min(1),
  qi_id: z.string().min(1),
  steps: z.array(opSchema),
  request_id: z.string().nullish(),
  generation_id: z.number().nullish(),
  request_started_at: z.number().nullish(),
  ts: z.number().optional(),
});
export type AsyncCheckpoint = z.infer<typeof asyncCheckpointSchema>;

/** Ops an async checkpoint may carry: finished steps, plus the SDK's deferred bookkeeping ops. */
export const checkpointableOps = new Set(["StepRun", "Step", "DeferAdd", "DeferAbort"]);

export type StepState = { type: "data"; data: unknown } | { type: "error"; error: unknown };

export type SerializedError = { name: string; message: string; stack?: string };

export const headers = {
  signature: "x-inngest-signature",
  noRetry: "x-inngest-no-retry",
  retryAfter: "retry-after",
  syncKind: "x-inngest-sync-kind",
  eventIdSeed: "x-inngest-event-id-seed",
} as const;

export const internalEvents = {
  functionFailed: "inngest/function.failed",
  functionFinished: "inngest/function.finished",
  functionInvoked: "inngest/function.invoked",
  scheduledTimer: "inngest/scheduled.timer",
} as const;
