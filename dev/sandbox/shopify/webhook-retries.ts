import { delivered, post, type WebhookDelivery } from "./webhooks";

// Shopify retries a failed delivery (no 2xx answer within its timeouts) 8 times over 4 hours on
// an exponential backoff schedule, with the original payload and headers, to the address the
// delivery was first sent to (changelog "Updates to webhook retry mechanism", 2024-09-10). It
// does not publish the intervals: here each retry waits twice as long as the one before, and
// the 8 waits add up to the 4 hours (≈56 s, 1m53s, 3m46s, 7m32s, 15m, 30m, 1h, 2h).

export const WEBHOOK_RETRIES = 8;
const RETRY_WINDOW_MS = 4 * 3_600_000;
const FIRST_RETRY_MS = RETRY_WINDOW_MS / (2 ** WEBHOOK_RETRIES - 1);

/** Wait before retry `retry` (1…8) after the previous attempt failed; `scale` compresses the schedule (tests, demos). */
export function retryDelayMs(retry: number, scale = 1): number {
  return FIRST_RETRY_MS * 2 ** (retry - 1) * scale;
}

/** A delivery waiting for its next attempt. Kept in the state file, so a restart does not lose it. */
export interface PendingRetry {
  /** The original delivery: every attempt sends its URL, headers and body. */
  delivery: WebhookDelivery;
  /** Attempts that failed so far (1: the original). */
  failures: number;
  /** When the last one failed (wall clock, ms): the next is due retryDelayMs(failures) later. */
  failedAt: number;
  /** The API subscription it was sent for (absent: the app's configured URL). */
  subscriptionId?: number;
}

export interface WebhookRetriesDeps {
  scale: number;
  /** Told about every attempt (the shop's delivery log). */
  attempted(delivery: WebhookDelivery): void;
  /** A delivery whose retries all failed: Shopify removes an API-created subscription then. */
  exhausted(retry: PendingRetry): void;
  /** Something to write to the state file. */
  changed(): void;
}

/** One shop's failed deliveries and their retries, on wall-clock timers. */
export class WebhookRetries {
  private pending: PendingRetry[] = [];
  private readonly sending = new Set<PendingRetry>();
  private timer: NodeJS.Timeout | undefined;
  /** Aborts the attempts in flight when the sandbox stops; they stay pending. */
  private stopping = new AbortController();
  /** Bumped on every change: the state file writes only then. */
  revision = 0;

  constructor(private readonly deps: WebhookRetriesDeps) {}

  /** A delivery that failed (status not 2xx, or no answer in time): retried on the schedule. */
  add(delivery: WebhookDelivery, subscriptionId?: number): void {
    this.pending.push({ delivery, failures: 1, failedAt: Date.now(), subscriptionId });
    this.changedPending();
  }

  list(): PendingRetry[] {
    return [...this.pending];
  }

  exportState(): PendingRetry[] {
    return this.list();
  }

  importState(pending: PendingRetry[]): void {
    this.pending.push(...pending);
    this.changedPending();
  }

  /** Stops the timers and aborts attempts in flight; what was pending stays pending (for the state file). */
  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.stopping.abort();
    while (this.sending.size) await new Promise((resolve) => setImmediate(resolve));
  }

  private dueAt(retry: PendingRetry): number {
    return retry.failedAt + retryDelayMs(retry.failures, this.deps.scale);
  }

  private changedPending(): void {
    this.revision++;
    this.deps.changed();
    this.arm();
  }

  private arm(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.stopping.signal.aborted) return;
    const waiting = this.pending.filter((retry) => !this.sending.has(retry));
    if (!waiting.length) return;
    const next = Math.min(...waiting.map((retry) => this.dueAt(retry)));
    this.timer = setTimeout(() => void this.sendDue(), Math.max(0, next - Date.now()));
    // The sandbox's server keeps a dev process alive; pending retries alone must not keep a test's.
    this.timer.unref();
  }

  private async sendDue(): Promise<void> {
    const now = Date.now();
    const due = this.pending.filter((retry) => !this.sending.has(retry) && this.dueAt(retry) <= now);
    for (const retry of due) this.sending.add(retry);
    this.arm();
    await Promise.all(due.map((retry) => this.attempt(retry)));
  }

  private async attempt(retry: PendingRetry): Promise<void> {
    const attempt: WebhookDelivery = { ...retry.delivery, headers: { ...retry.delivery.headers }, status: null, error: undefined, attempt: retry.failures };
    this.deps.attempted(attempt);
    await post(attempt, this.stopping.signal);
    this.sending.delete(retry);
    if (this.stopping.signal.aborted) return;
    if (delivered(attempt)) {
      this.pending = this.pending.filter((r) => r !== retry);
    } else if (retry.failures >= WEBHOOK_RETRIES) {
      this.pending = this.pending.filter((r) => r !== retry);
      this.deps.exhausted(retry);
    } else {
      retry.failures++;
      retry.failedAt = Date.now();
    }
    this.changedPending();
  }
}
