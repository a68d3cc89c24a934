// `npm run bench:insight [-- --orders 1000000] [-- --days 730] [-- --only reconciliation]`
// Issue 15's benchmark: one throwaway PostgreSQL, one seeded workspace (dev/bench/insight/seed.ts:
// 1M orders, ~1M GA4 purchase rows; the seed is untimed), then each part module in PARTS measures
// its own figures against its targets and prints them.
import { parseArgs } from "node:util";
import { benchCleanups, throwawayBenchDatabase } from "@/dev/bench/bench-lifecycle";
import type { InsightBenchPart } from "@/dev/bench/insight/part";
import { seedInsightWorkspace } from "@/dev/bench/insight/seed";

// The parts, run in this order: each is dev/bench/insight/<name>.ts exporting `run` (an
// InsightBenchPart). A lane adds its module's name here when its module exists.
const PARTS = ["reconciliation", "overview", "exports"] as const;

const { values: args } = parseArgs({ options: { orders: { type: "string", default: "1000000" }, days: { type: "string", default: "730" }, only: { type: "string" } } });
const log = (message: string) => console.log(`[bench:insight] ${message}`);

async function main() {
  const lifecycle = benchCleanups("bench:insight");
  try {
    const { databaseUrl, workDir } = await throwawayBenchDatabase("bench_insight", lifecycle);
    // server/env reads these once, on first import: the parts import server/ only after this.
    Object.assign(process.env, { DATABASE_URL: databaseUrl, ENCRYPTION_KEYS: "bench1:yet0uc6xGJcUvZCPaprucssr1qykS09sLLqzrSa5WEw=", INNGEST_DEV: "0", LOG_LEVEL: "error" });
    const started = performance.now();
    const seed = await seedInsightWorkspace({ databaseUrl, orders: Number(args.orders), days: Number(args.days), currencies: ["USD"], log: (m) => log(`seed: ${m}`) });
    log(`seeded ${seed.orders} orders, ${seed.lineItems} line items, ${seed.analyticsRows} analytics rows in ${((performance.now() - started) / 1000).toFixed(1)} s (untimed)`);
    for (const name of PARTS) {
      if (args.only && args.only !== name) continue;
      const { run } = (await import(`./insight/${name}`)) as { run: InsightBenchPart };
      console.log(`\n== ${name}`);
      await run({ databaseUrl, seed, workDir, log: (m) => log(`${name}: ${m}`) });
    }
    const { db } = await import("@/server/db");
    await db.$disconnect();
  } finally {
    await lifecycle.stopAll();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
