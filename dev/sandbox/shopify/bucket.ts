import type { Clock } from "../_kit/clock";
import { TokenBucket } from "../_kit/rate-limits";

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export interface CostLimits {
  /** Bucket size (`maximumAvailable`). Default 2000. */
  maximumAvailable?: number;
  /** Points restored per second. Default 100 (the standard plan). */
  restoreRate?: number;
}

/** The GraphQL cost bucket of one (app, shop): charged the requested cost up front, refunded to the actual. */
export class CostBucket {
  private readonly bucket: TokenBucket;

  constructor(limits: CostLimits, clock: Clock) {
    this.bucket = new TokenBucket(limits.maximumAvailable ?? 2000, limits.restoreRate ?? 100, clock);
  }

  /** Takes `cost` if that much is available; false (nothing taken) otherwise. */
  tryCharge(cost: number): boolean {
    return this.bucket.tryTake(cost);
  }

  refund(points: number): void {
    this.bucket.refund(points);
  }

  /** Empties (or sets) the bucket: lets tests provoke THROTTLED without sending hundreds of queries. */
  setAvailable(points: number): void {
    this.bucket.set(points);
  }

  setLimits(limits: CostLimits): void {
    this.bucket.setLimits({ capacity: limits.maximumAvailable, ratePerSecond: limits.restoreRate });
  }

  status(): ThrottleStatus {
    return { maximumAvailable: this.bucket.capacity, currentlyAvailable: Math.floor(this.bucket.available()), restoreRate: this.bucket.ratePerSecond };
  }
}
