import type { Clock } from "./clock";

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

/** The leaky bucket of one (app, shop): charged the requested cost up front, refunded to the actual. */
export class CostBucket {
  maximumAvailable: number;
  restoreRate: number;
  private available: number;
  private at: number;

  constructor(
    limits: CostLimits,
    private readonly clock: Clock,
  ) {
    this.maximumAvailable = limits.maximumAvailable ?? 2000;
    this.restoreRate = limits.restoreRate ?? 100;
    this.available = this.maximumAvailable;
    this.at = clock.now();
  }

  private restore(): void {
    const now = this.clock.now();
    if (now > this.at) this.available = Math.min(this.maximumAvailable, this.available + ((now - this.at) / 1000) * this.restoreRate);
    this.at = now;
  }

  /** Takes `cost` if that much is available; false (nothing taken) otherwise. */
  tryCharge(cost: number): boolean {
    this.restore();
    if (cost > this.available) return false;
    this.available -= cost;
    return true;
  }

  refund(points: number): void {
    this.restore();
    this.available = Math.min(this.maximumAvailable, this.available + points);
  }

  /** Empties (or sets) the bucket: lets tests provoke THROTTLED without sending hundreds of queries. */
  setAvailable(points: number): void {
    this.restore();
    this.available = Math.max(0, Math.min(this.maximumAvailable, points));
  }

  setLimits(limits: CostLimits): void {
    this.restore();
    if (limits.maximumAvailable !== undefined) this.maximumAvailable = limits.maximumAvailable;
    if (limits.restoreRate !== undefined) this.restoreRate = limits.restoreRate;
    this.available = Math.min(this.available, this.maximumAvailable);
  }

  status(): ThrottleStatus {
    this.restore();
    return { maximumAvailable: this.maximumAvailable, currentlyAvailable: Math.floor(this.available), restoreRate: this.restoreRate };
  }
}
