import { exponentialSchedule, type DeliveryLimits } from "../_kit/webhooks";

// Shopify retries a failed delivery (no 2xx answer within its timeouts) 8 times over 4 hours on
// an exponential backoff schedule, with the original payload and headers, to the address the
// delivery was first sent to (changelog "Updates to webhook retry mechanism", 2024-09-10). It
// does not publish the intervals: here each retry waits twice as long as the one before, and
// the 8 waits add up to the 4 hours (≈56 s, 1m53s, 3m46s, 7m32s, 15m, 30m, 1h, 2h).

export const WEBHOOK_RETRIES = 8;
export const SHOPIFY_RETRY_SCHEDULE = exponentialSchedule(WEBHOOK_RETRIES, 4 * 3_600_000);

/** Shopify's limits for an HTTPS delivery: one second to connect, five for the whole answer. */
export const SHOPIFY_DELIVERY_LIMITS: DeliveryLimits = { connectMs: 1_000, totalMs: 5_000 };

/** Wait before retry `retry` (1…8) after the previous attempt failed; `scale` compresses the schedule (tests, demos). */
export function retryDelayMs(retry: number, scale = 1): number {
  return SHOPIFY_RETRY_SCHEDULE.delayMs(retry) * scale;
}
