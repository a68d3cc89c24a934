// What `npm run bench:insight` (dev/bench/insight.ts) hands each part module: the seeded workspace
// on a throwaway database whose URL server/env already reads, so a part may import server/ freely.
import type { InsightSeed } from "./seed";

export type InsightBenchContext = {
  databaseUrl: string;
  seed: InsightSeed;
  workDir: string;
  log(message: string): void;
};

/** A part module's one export: measure, print its figures (and targets), leave the data as found. */
export type InsightBenchPart = (context: InsightBenchContext) => Promise<void>;
