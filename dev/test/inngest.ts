// Vitest helper: a local Inngest runner plus the given functions served through the real SDK
// (`inngest/node`) over HTTP, both on ephemeral ports, synced and ready for events.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Inngest, InngestFunction, ServeHandlerOptions } from "inngest";
import { serve } from "inngest/node";
import type { IncomingEvent } from "@/dev/inngest/protocol";
import type { Run, RunnerOptions } from "@/dev/inngest/runner";
import { startInngestRunner, type StartedRunner } from "@/dev/inngest/start";

export const TEST_SIGNING_KEY = "signkey-test-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
export const TEST_EVENT_KEY = "test-event-key";

export type InngestHarness = {
  runner: StartedRunner["runner"];
  runnerUrl: string;
  appUrl: string;
  /** Sends through the runner's Event API over HTTP, like the SDK does; returns event ids. */
  send(events: IncomingEvent | IncomingEvent[]): Promise<string[]>;
  /** Waits for the first run matching the filter to exist, then for it to finish. */
  waitForRun(filter: { functionId?: string; eventId?: string; status?: Run["status"] }, timeoutMs?: number): Promise<Run>;
  /**
   * A crash of the runner: stops it at once (its runs, kept in memory only, are gone; calls the app
   * is still making find no run when they report back) and starts a new one on the same port,
   * synced with the app. `runner` is the new one afterwards.
   */
  restartRunner(): Promise<void>;
  stop(): Promise<void>;
};

/**
 * The client's functions must be created on `client`; the helper points the client at the
 * runner (base URL, event key, signing key) through the SDK's env handling, unless the client
 * was constructed with explicit values. `serveLocation` is what the app's route passes to serve()
 * (inngestServeLocation()) when a test needs the URL the app reports rather than the one it was
 * reached at.
 */
export async function withInngestRunner(
  client: Inngest.Any,
  functions: InngestFunction.Any[],
  options: Partial<RunnerOptions> = {},
  serveLocation: Pick<ServeHandlerOptions, "serveOrigin" | "servePath"> = {},
): Promise<InngestHarness> {
  const signingKey = options.signingKey ?? TEST_SIGNING_KEY;
  const eventKey = options.eventKey ?? TEST_EVENT_KEY;
  const runnerOptions = { cron: "manual" as const, backoff: { baseMs: 20, maxMs: 200 }, ...options, signingKey, eventKey };
  let started = await startInngestRunner({ port: 0, ...runnerOptions });

  const env = { INNGEST_BASE_URL: started.url, INNGEST_EVENT_KEY: eventKey, INNGEST_SIGNING_KEY: signingKey, INNGEST_DEV: "0" };
  // serve() re-reads process.env into the client on every request, so both must agree.
  const previousEnv = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  client.setEnvVars(env);

  const handler = serve({ client, functions, ...serveLocation });
  const app: Server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  const appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/api/inngest`;

  const stop = async () => {
    await started.stop();
    app.closeAllConnections();
    await new Promise<void>((resolve) => app.close(() => resolve()));
    for (const [key, value] of Object.entries(previousEnv)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };

  try {
    await started.runner.syncApp(appUrl);
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    get runner() {
      return started.runner;
    },
    runnerUrl: started.url,
    appUrl,
    async send(events) {
      const response = await fetch(`${started.url}/e/${eventKey}`, { method: "POST", body: JSON.stringify(events) });
      const body = (await response.json()) as { ids?: string[]; error?: string };
      if (!response.ok || !body.ids) throw new Error(`Event API answered ${response.status}: ${body.error ?? ""}`);
      return body.ids;
    },
    async waitForRun(filter, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const run = started.runner
          .listRuns({ functionId: filter.functionId })
          .find((candidate) => !filter.eventId || candidate.event.id === filter.eventId || candidate.events.some((e) => e.id === filter.eventId));
        if (run) {
          const finished = await started.runner.waitForRun(run.id, Math.max(1, deadline - Date.now()));
          if (filter.status && finished.status !== filter.status) {
            throw new Error(`Run ${run.id} of ${run.functionId} ended ${finished.status}, expected ${filter.status}: ${finished.error?.message ?? ""}`);
          }
          return finished;
        }
        if (Date.now() > deadline) throw new Error(`No run of ${filter.functionId ?? "any function"} appeared within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    async restartRunner() {
      await started.runner.stop(0);
      await started.stop();
      started = await startInngestRunner({ port: Number(new URL(started.url).port), ...runnerOptions });
      await started.runner.syncApp(appUrl);
    },
    stop,
  };
}
