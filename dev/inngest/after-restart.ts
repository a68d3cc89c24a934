// Run by `npm run dev` and the e2e server once the local runner they started has synced the app
// (tsx --conditions=react-server, in the app's environment, as the app's server code runs): see
// recover-after-restart.ts.
import { inngest } from "@/inngest/client";
import { inngestRunStatus } from "@/inngest/run-status";
import { db } from "@/server/db";
import { recoverAfterRunnerRestart } from "./recover-after-restart";

recoverAfterRunnerRestart({ runner: inngestRunStatus(), sendEvents: (events) => inngest.send(events) })
  .then(({ closedRuns, sentWebhooks, failedWebhooks }) => {
    if (closedRuns + sentWebhooks + failedWebhooks === 0) return;
    console.log(`[inngest] after the runner's start: ${closedRuns} runs it no longer has closed, ${sentWebhooks} webhook deliveries sent again, ${failedWebhooks} failed for good`);
  })
  .catch((error: unknown) => {
    console.error(`[inngest] recovery after the runner's start failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  })
  .finally(() => db.$disconnect());
