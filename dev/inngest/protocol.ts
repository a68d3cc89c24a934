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
