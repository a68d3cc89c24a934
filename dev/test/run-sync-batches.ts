// `node --import tsx --conditions=react-server dev/test/run-sync-batches.ts <connectionId> <jobRunId> <pauseStream> <pauseAfter>`
// A connection's Shopify sync under a JobRun, one bulk batch per call of the engine's batch entry
// point, in a process of its own, for tests that kill it with SIGKILL midway. After
// `pauseAfter` batches of `pauseStream` that read records it prints {"paused":true} and waits for
// a line on stdin before going on; at the end it prints {"done":true}. DATABASE_URL and the
// Shopify settings come from the environment, as in the test that starts it.
import { createInterface } from "node:readline";
import { runConnectionSyncBatch } from "@/server/services/sync/run-connection-sync";
import { createShopifySync, SHOPIFY_SYNC_STREAMS } from "@/server/services/sync/shopify/shopify-sync";

const [connectionId, jobRunId, pauseStream, pauseAfter] = process.argv.slice(2);
if (!connectionId || !jobRunId || !pauseStream || !pauseAfter) throw new Error("Usage: run-sync-batches.ts <connectionId> <jobRunId> <pauseStream> <pauseAfter>");

const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const registry = { SHOPIFY: createShopifySync({ stepBudgetMs: 0, bulkBatchSize: 100, pollIntervalMs: 50 }) };

async function main() {
  for (const stream of SHOPIFY_SYNC_STREAMS) {
    let cursor: string | null = null;
    let reading = 0;
    for (let done = false; !done; ) {
      const batch = await runConnectionSyncBatch({ connectionId: connectionId!, stream, cursor, jobRunId: jobRunId! }, registry);
      ({ cursor, done } = batch);
      if (batch.counts.read && ++reading === Number(pauseAfter) && stream === pauseStream) {
        console.log(JSON.stringify({ paused: true }));
        await lines.next();
      }
    }
  }
  console.log(JSON.stringify({ done: true }));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
