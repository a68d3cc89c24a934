import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";

/** One attempt to deliver a webhook; the provider's delivery type adds its ids and topic. */
export interface Delivery {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** HTTP status the receiver answered, or null when it could not be reached in time. */
  status: number | null;
  error?: string;
  /** 0 for the first attempt, then the retry's number. */
  attempt: number;
}

/** How long a provider waits for a receiver (Shopify: 1 s to connect, 5 s in all). */
export interface DeliveryLimits {
  connectMs: number;
  totalMs: number;
}

/** Whether the receiver took the delivery: only a 2xx answer does (a redirect is a failure too). */
export function delivered(delivery: Delivery): boolean {
  return delivery.status !== null && delivery.status >= 200 && delivery.status < 300;
}

/** POSTs a delivery within the limits; records the answer (or why there was none) on it. */
export async function post<D extends Delivery>(delivery: D, limits: DeliveryLimits, signal?: AbortSignal): Promise<D> {
  try {
    delivery.status = await send(delivery, limits, signal);
    delete delivery.error;
  } catch (error) {
    delivery.status = null;
    delivery.error = (error as Error).message;
  }
  return delivery;
}

function send(delivery: Delivery, limits: DeliveryLimits, signal?: AbortSignal): Promise<number> {
  return new Promise((resolve, reject) => {
    const url = new URL(delivery.url);
    const headers = { ...delivery.headers, "Content-Length": String(Buffer.byteLength(delivery.body)) };
    // A connection of its own: a pooled one the receiver closed meanwhile would fail the attempt.
    const request = (url.protocol === "https:" ? httpsRequest : httpRequest)(url, { method: "POST", headers, signal, agent: false });
    const total = setTimeout(() => request.destroy(new Error(`No answer within ${limits.totalMs / 1000} s`)), limits.totalMs);
    const fail = (error: Error) => {
      clearTimeout(total);
      reject(error);
    };
    request.on("socket", (socket) => {
      if (!socket.connecting) return;
      const connect = setTimeout(() => request.destroy(new Error(`No connection within ${limits.connectMs / 1000} s`)), limits.connectMs);
      socket.once("connect", () => clearTimeout(connect)).once("close", () => clearTimeout(connect));
    });
    request.on("response", (response) => {
      response.on("error", fail).on("end", () => {
        clearTimeout(total);
        resolve(response.statusCode!);
      });
      response.resume();
    });
    request.on("error", fail);
    request.end(delivery.body);
  });
}

/** When a failed delivery is tried again: `retries` retries, retry k waiting `delayMs(k)` after attempt k-1 failed. */
export interface RetrySchedule {
  retries: number;
  delayMs(retry: number): number;
}

/** `retries` waits, each twice the one before, adding up to `windowMs` (Shopify: 8 over 4 hours). */
export function exponentialSchedule(retries: number, windowMs: number): RetrySchedule {
  const first = windowMs / (2 ** retries - 1);
  return { retries, delayMs: (retry) => first * 2 ** (retry - 1) };
}

/** A delivery waiting for its next attempt. Kept in the state file, so a restart does not lose it. */
export interface PendingRetry<D extends Delivery = Delivery> {
  /** The original delivery: every attempt sends its URL, headers and body. */
  delivery: D;
  /** Attempts that failed so far (1: the original). */
  failures: number;
  /** When the last one failed (wall clock, ms): the next is due delayMs(failures) later. */
  failedAt: number;
  /** The API subscription it was sent for (absent: the app's configured URL). */
  subscriptionId?: number | string;
}

export interface WebhookRetriesOptions<D extends Delivery> {
  schedule: RetrySchedule;
  /** Multiplies the schedule's delays: tests and demos compress hours into seconds. */
  scale: number;
  limits: DeliveryLimits;
  /** Told about every attempt (the provider's delivery log). */
  attempted(delivery: D): void;
  /** A delivery whose retries all failed (a provider may remove the subscription then). */
  exhausted(retry: PendingRetry<D>): void;
  /** Something to write to the state file. */
  changed(): void;
}

/**
 * Failed deliveries and their retries, on wall-clock timers (the provider's clock may be a test's
 * manual one; retries are real network traffic). Every retry sends the original body and headers.
 */
export class WebhookRetries<D extends Delivery> {
  private pending: PendingRetry<D>[] = [];
  private readonly sending = new Set<PendingRetry<D>>();
  private timer: NodeJS.Timeout | undefined;
  /** Aborts the attempts in flight when the sandbox stops; they stay pending. */
  private stopping = new AbortController();
  /** Bumped on every change: the state file writes only then. */
  revision = 0;

  constructor(private readonly options: WebhookRetriesOptions<D>) {}

  /** A delivery that failed (status not 2xx, or no answer in time): retried on the schedule. */
  add(delivery: D, subscriptionId?: number | string): void {
    this.pending.push({ delivery, failures: 1, failedAt: Date.now(), subscriptionId });
    this.changedPending();
  }

  list(): PendingRetry<D>[] {
    return [...this.pending];
  }

  exportState(): PendingRetry<D>[] {
    return this.list();
  }

  importState(pending: PendingRetry<D>[]): void {
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

  private dueAt(retry: PendingRetry<D>): number {
    return retry.failedAt + this.options.schedule.delayMs(retry.failures) * this.options.scale;
  }

  private changedPending(): void {
    this.revision++;
    this.options.changed();
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

  private async attempt(retry: PendingRetry<D>): Promise<void> {
    const attempt: D = { ...retry.delivery, headers: { ...retry.delivery.headers }, status: null, error: undefined, attempt: retry.failures };
    this.options.attempted(attempt);
    await post(attempt, this.options.limits, this.stopping.signal);
    this.sending.delete(retry);
    if (this.stopping.signal.aborted) return;
    if (delivered(attempt)) {
      this.pending = this.pending.filter((r) => r !== retry);
    } else if (retry.failures >= this.options.schedule.retries) {
      this.pending = this.pending.filter((r) => r !== retry);
      this.options.exhausted(retry);
    } else {
      retry.failures++;
      retry.failedAt = Date.now();
    }
    this.changedPending();
  }
}
