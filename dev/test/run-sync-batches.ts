// `node --import tsx --conditions=react-server dev/test/run-sync-batches.ts <connectionId> <jobRunId> <pauseStream> <pauseAfter>`
// A connection's Shopify sync under a JobRun, one bulk chunk per batch of the sync engine, in a
// process of its own, for tests that kill it with SIGKILL midway. After
// `pauseAfter` batches of `pauseStream` that read records it prints {"paused":true} and waits for
// a line on stdin before going on; at the end it prints {"done":true}. DATABASE_URL and the
// Shopify settings come from the environment, as in the test that starts it.
import { createInterface } from "node:readline";
import { createShopifySync } from "@/server/connectors/shopify";
import { runSyncBatch } from "@/server/services/sync/run-sync-batch";

const [connectionId, jobRunId, pauseStream, pauseAfter] = process.argv.slice(2);
if (!connectionId || !jobRunId || !pauseStream || !pauseAfter) throw new Error("Usage: run-sync-batches.ts <connectionId> <jobRunId> <pauseStream> <pauseAfter>");

const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const sync = createShopifySync({ batchBudgetMs: 0, bulkBatchSize: 100, pollIntervalMs: 50 });
const options = { connectors: { SHOPIFY: { sync } } };

async function main() {
  for (const [s, { name: stream }] of sync.streams.entries()) {
    let reading = 0;
    for (let done = false, n = 1; !done; n++) {
      const begins = n > 1 ? undefined : s === 0 ? "run" : "stream";
      const batch = await runSyncBatch({ connectionId: connectionId!, stream, jobRunId: jobRunId!, begins }, options);
      done = batch.done;
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
