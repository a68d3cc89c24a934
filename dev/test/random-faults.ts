import type { FaultSpec } from "@/dev/sandbox/_kit/faults";
import type { Rng } from "@/dev/sandbox/_kit/random";

// Faults a sandbox answers at random points of a sync, for the connectors' sync-faults tests: the
// same draws from the seeded generator for a given seed, so a printed seed repeats a run's faults.

const KINDS = ["429", "5xx", "truncated", "timeout"] as const satisfies readonly FaultSpec["kind"][];

/** The client's attempts at a request (server/connectors/_core/http.ts): this many faults in a row fail the batch. */
export const CLIENT_ATTEMPTS = 5;

export type RandomFaultsOptions = {
  /**
   * The batch at which CLIENT_ATTEMPTS 5xx come in a row is drawn from 0 to this: below the number
   * of batches the run makes without faults, or the draw can fall after the run's end.
   */
  exhaustAtMost: number;
  /** The Retry-After of the faults that carry one (a 429). */
  retryAfterSeconds: (rng: Rng) => number;
  /** What happens before each batch, faults or not (time passing at the provider). */
  beforeEach?: () => void;
};

/**
 * Before about half of the batches a fault (or a run of up to CLIENT_ATTEMPTS + 1) for the next
 * requests, whichever they are; at one batch chosen at random, CLIENT_ATTEMPTS 5xx in a row, so
 * the engine retries at least one batch. `injected` lists them, for the test's log.
 */
export function faultsAtRandom(faults: { add(spec: FaultSpec<"api">): void }, rng: Rng, options: RandomFaultsOptions) {
  const injected: string[] = [];
  const exhaustAt = rng.int(0, options.exhaustAtMost);
  let batch = 0;
  const beforeBatch = () => {
    options.beforeEach?.();
    if (batch++ === exhaustAt) {
      faults.add({ point: "api", kind: "5xx", count: CLIENT_ATTEMPTS });
      injected.push(`5xx×${CLIENT_ATTEMPTS}`);
    } else if (rng.chance(0.5)) {
      const kind = rng.pick(KINDS);
      const count = rng.int(1, CLIENT_ATTEMPTS + 1);
      faults.add({ point: "api", kind, count, status: rng.pick([500, 502, 503]), retryAfterSeconds: options.retryAfterSeconds(rng) });
      injected.push(`${kind}×${count}`);
    }
  };
  return {
    beforeBatch,
    injected,
    /** Whether the batch drawn to fail was reached: false means exhaustAtMost is past the run's end. */
    get exhausted() {
      return batch > exhaustAt;
    },
  };
}
