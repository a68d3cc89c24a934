// Starts the local runner: the engine plus its HTTP server. Used by `npm run dev`, the Vitest
// helper (dev/test/inngest.ts) and the jobs bench.
import { runTsx } from "../db/run-seed";
import { listen } from "./http";
import { InngestRunner, type RunnerOptions } from "./runner";

export type StartedRunner = { runner: InngestRunner; url: string; stop(): Promise<void> };

export async function startInngestRunner(options: RunnerOptions & { port: number; host?: string }): Promise<StartedRunner> {
  const runner = new InngestRunner(options);
  const http = await listen(runner, options.port, options.host).catch(async (error: unknown) => {
    await runner.stop(0);
    throw error;
  });
  return {
    runner,
    url: http.url,
    async stop() {
      await runner.stop();
      await http.close();
    },
  };
}

/** Syncs the app once it answers: PUT to its serve() URL, retried until it succeeds. */
export async function syncWhenReady(runner: InngestRunner, appUrl: string, options: { timeoutMs?: number; signal?: AbortSignal } = {}) {
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  let lastError: unknown;
  while (Date.now() < deadline && !options.signal?.aborted) {
    try {
      await runner.syncApp(appUrl);
      return;
    } catch (error) {
      lastError = error;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  throw new Error(`Could not sync ${appUrl}: ${lastError instanceof Error ? lastError.message : String(lastError)}`);
}

/**
 * Once a runner that has just started has synced the app: closes the runs in flight it never had
 * and sends again the webhook deliveries it lost (recover-after-restart.ts), in its own process
 * because the app's server code reads its environment (`appEnv`) when first imported.
 */
export function recoverAfterRestart(appEnv: Record<string, string>): Promise<void> {
  return runTsx("dev/inngest/after-restart.ts", ["--conditions=react-server"], appEnv);
}
