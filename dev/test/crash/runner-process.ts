// `node --import tsx dev/test/crash/runner-process.ts`: the local Inngest runner of a crash drill, in
// a process of its own that the drill kills with SIGKILL (its runs and events, in memory only, die
// with it). Listens on CRASH_RUNNER_PORT with INNGEST_SIGNING_KEY and INNGEST_EVENT_KEY; crons tick
// only when asked (POST /v0/cron/tick) unless CRASH_RUNNER_CRON=auto, as under `npm run dev`;
// CRASH_RUNNER_BACKOFF_MS ("<base>,<max>") replaces the retry backoff (1 s, 5 min).
// Prints {"ready":"<url>"} once it listens.
import { startInngestRunner } from "@/dev/inngest/start";

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

async function main() {
  const backoff = process.env.CRASH_RUNNER_BACKOFF_MS?.split(",").map(Number);
  const started = await startInngestRunner({
    port: Number(required("CRASH_RUNNER_PORT")),
    signingKey: required("INNGEST_SIGNING_KEY"),
    eventKey: required("INNGEST_EVENT_KEY"),
    cron: process.env.CRASH_RUNNER_CRON === "auto" ? "auto" : "manual",
    ...(backoff ? { backoff: { baseMs: backoff[0]!, maxMs: backoff[1]! } } : {}),
  });
  console.log(JSON.stringify({ ready: started.url }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
