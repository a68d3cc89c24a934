// The webhook acknowledgement phase of the provider benchmarks (bench:shopify, bench:shipbob):
// signed deliveries POSTed open loop (open-loop.ts) into the provider's route of the production
// app under `next start` (next-server.ts), with the local Inngest runner as the event API the app
// sends each stored delivery's event to after its response. The provider gives the address and
// the deliveries; the measurement, the checks (every acknowledged delivery stored, every event
// sent) and the printed figures are the same for all.
import { findFreePort } from "@/dev/db/embedded-postgres";
import { startInngestRunner, type StartedRunner } from "@/dev/inngest/start";
import type { BenchCleanups } from "./bench-lifecycle";
import type { NextServer } from "./next-server";
import { openLoopLoad, type OpenLoopResult } from "./open-loop";
import { cpuSupported, processGroupCpuMs } from "./process-cpu";

type Delivery = ReturnType<Parameters<typeof openLoopLoad>[0]["next"]>;

/** The command-line options of the phase, for parseArgs. */
export const WEBHOOK_ACK_OPTIONS = {
  "webhook-rate": { type: "string", default: "200" },
  "webhook-seconds": { type: "string", default: "10" },
  // `next build` takes minutes: reuse the build in .data/bench-next (shared with bench:api).
  "no-build": { type: "boolean", default: false },
} as const;

export const WEBHOOK_ACK_P99_TARGET_MS = 100;

/** Two seconds first, not measured: a fresh process compiles its hot paths and opens its database connections, which a deployed app has done long before. */
const WARM_UP_SECONDS = 2;
/** How long the events of the stored deliveries may take to go out after the load. */
const QUEUED_WITHIN_MS = 30_000;

export type WebhookAcks = OpenLoopResult & {
  rate: number;
  total: number;
  /** Answered anything but 2xx, or not answered at all. */
  failed: number;
  /** WebhookEvent rows the measured deliveries added. */
  stored: number;
  /** CPU ms per delivery (null where /proc cannot be read): the app's process group, and this process (load generator, Inngest runner, anything else the bench runs in it). */
  cpuPerDelivery: { next: number; here: number } | null;
};

/**
 * The local Inngest runner, standing in for Inngest's event API, and the environment the app and
 * this process's server/ code need to send it events (plus the app's own address): for
 * process.env before server/ is first imported, and for `next build`/`next start`.
 */
export async function startBenchEventApi({ cleanups }: BenchCleanups): Promise<{ runner: StartedRunner; appPort: number; env: Record<string, string> }> {
  const signingKey = "signkey-bench-0123456789abcdef0123456789abcdef";
  const runner = await startInngestRunner({ port: 0, signingKey, eventKey: "bench-event-key", cron: "manual" });
  cleanups.push(() => runner.stop());
  const appPort = await findFreePort(3300);
  return {
    runner,
    appPort,
    env: {
      INNGEST_DEV: "0",
      INNGEST_BASE_URL: runner.url,
      INNGEST_EVENT_KEY: "bench-event-key",
      INNGEST_SIGNING_KEY: signingKey,
      AUTH_SECRET: "bench-only-auth-secret-0123456789abcdef0123456789",
      APP_URL: `http://127.0.0.1:${appPort}`,
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * One delivery first, which must be stored ("accepted"), then the warm-up, then `rate × seconds`
 * deliveries timed; waits until every stored delivery's event has been sent. Each call of
 * `next()` must give a delivery the app has not seen (its own id), or it is a duplicate.
 */
export async function measureWebhookAcks(options: { app: NextServer; url: string; rate: number; seconds: number; next: () => Delivery }): Promise<WebhookAcks> {
  const { app, url, rate } = options;
  // Here, not at the top: server/ reads the environment on first import, which the bench sets first.
  const { db } = await import("@/server/db");
  const probe = options.next();
  const answer = await fetch(url, { method: "POST", headers: probe.headers, body: probe.body });
  const answerBody = await answer.text();
  if (answer.status !== 200 || !answerBody.includes("accepted")) throw new Error(`A signed delivery was answered ${answer.status} ${answerBody}: fix the payload before measuring`);
  const deliver = (seconds: number) => openLoopLoad({ url, rate, seconds, next: options.next });
  await deliver(WARM_UP_SECONDS);

  const storedBefore = await db.webhookEvent.count();
  // PostgreSQL is left out: its backends come and go with pooled connections, and a backend's CPU
  // leaves the process tree with it.
  const cpuBefore = { next: processGroupCpuMs(app.child.pid!), here: process.cpuUsage() };
  const result = await deliver(options.seconds);
  const cpuMs = {
    next: processGroupCpuMs(app.child.pid!) - cpuBefore.next,
    here: (({ user, system }) => (user + system) / 1000)(process.cpuUsage(cpuBefore.here)),
  };
  const total = result.latencies.length + result.errors;
  const succeeded = Object.entries(result.statuses).reduce((sum, [status, n]) => sum + (Number(status) >= 200 && Number(status) < 300 ? n : 0), 0);
  const stored = (await db.webhookEvent.count()) - storedBefore;

  // Every stored delivery's event goes out after its response: wait for all of them to be sent.
  const queuedBy = Date.now() + QUEUED_WITHIN_MS;
  let unqueued = Infinity;
  while (unqueued > 0 && Date.now() < queuedBy) {
    unqueued = await db.webhookEvent.count({ where: { queuedAt: null } });
    if (unqueued > 0) await new Promise((r) => setTimeout(r, 200));
  }
  if (unqueued > 0) throw new Error(`${unqueued} stored deliveries never had their event sent`);
  return {
    ...result,
    rate,
    total,
    failed: total - succeeded,
    stored,
    cpuPerDelivery: cpuSupported ? { next: cpuMs.next / total, here: cpuMs.here / total } : null,
  };
}

/** Why the run must not count (a delivery not acknowledged, or acknowledged and not stored), or null. */
export function webhookAckFailure(acks: WebhookAcks): string | null {
  if (acks.failed > 0) return `${acks.failed} of ${acks.total} webhook deliveries were not answered 2xx: ${JSON.stringify(acks.statuses)}, ${acks.errors} errors`;
  if (acks.stored !== acks.total) return `${acks.total} webhook deliveries were acknowledged and ${acks.stored} stored`;
  return null;
}

/** The printed figures. */
export function describeWebhookAcks(acks: WebhookAcks): string[] {
  const ms = (p: number) => percentile(acks.latencies, p).toFixed(1);
  return [
    `webhook ack at ${acks.rate}/s (${acks.total} deliveries after ${WARM_UP_SECONDS} s of warm-up, open loop over ${acks.seconds.toFixed(1)} s, next start in its own process): p50 ${ms(50)} ms, p99 ${ms(99)} ms (target < ${WEBHOOK_ACK_P99_TARGET_MS} ms), max ${ms(100)} ms`,
    `  answered non-2xx or not at all: ${acks.failed} of ${acks.total} = ${((acks.failed / acks.total) * 100).toFixed(2)} % (${JSON.stringify(acks.statuses)}, ${acks.errors} errors); stored: ${acks.stored} WebhookEvent rows for ${acks.total} deliveries, every event sent to the runner`,
    acks.cpuPerDelivery
      ? `  CPU per delivery: next ${acks.cpuPerDelivery.next.toFixed(2)} ms (the response and the event sent after it), this process (load generator, Inngest runner) ${acks.cpuPerDelivery.here.toFixed(2)} ms`
      : "  CPU per delivery: not readable here",
  ];
}
