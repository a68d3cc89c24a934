import {
  AuthExpiredError,
  ConnectorError,
  PermanentError,
  RateLimitedError,
  TransientError,
} from "./errors";

/**
 * The HTTP client every connector shares: a per-attempt timeout, retries with exponential
 * backoff and full jitter on 429/5xx/network failures/timeouts/truncated bodies (Retry-After, or
 * the provider's own header for it, honoured), and failures mapped to the typed connector errors. `sleep`, `now` and `random` are
 * injectable so tests can drive the timing.
 */

export type RetryPolicy =
  /** Idempotent requests: retry every transient failure. */
  | "idempotent"
  /**
   * Requests with side effects: retry only what certainly did not reach the provider's
   * application (429 and refused connections), so a retry can never run them twice.
   */
  | "rejected-only";

export type HttpRequest = {
  method?: "GET" | "POST" | "PUT" | "DELETE";
  headers?: Record<string, string>;
  /** A string is sent as is; anything else is JSON-encoded. */
  body?: unknown;
  retry?: RetryPolicy;
  signal?: AbortSignal;
  timeoutMs?: number;
};

export type HttpResponse<T> = { status: number; headers: Headers; body: T };

export type RequestEvent = {
  method: string;
  url: string;
  attempt: number;
  status: number | undefined;
  durationMs: number;
  /** The typed failure, when the attempt failed; `willRetry` says whether another follows. */
  error?: ConnectorError;
  willRetry: boolean;
};

export type RequestStats = { requests: number; retries: number; rateLimited: number; failures: number };

export type HttpClientOptions = {
  /** Per attempt: time to headers and body for JSON, time to headers for streams. */
  timeoutMs?: number;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A Retry-After longer than this is not waited out here: the error goes to the caller. */
  maxRetryAfterMs?: number;
  /** The header a 429 says how long to wait in (seconds or an HTTP date); default `retry-after` (ShipBob: `x-retry-after`). */
  retryAfterHeader?: string;
  /**
   * Awaited before every attempt, retries included, and before its timeout starts: a provider's
   * request pacing (a wait for a free slot under its rate limit).
   */
  beforeAttempt?: (signal?: AbortSignal) => Promise<void>;
  fetch?: typeof fetch;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
  random?: () => number;
  onRequest?: (event: RequestEvent) => void;
  /** How `json()` reads a body; default JSON.parse (a connector whose bodies carry 64-bit ids passes parseJsonLosslessly). */
  parseJson?: (text: string) => unknown;
  /**
   * The provider's reading of an attempt's failure, before it is retried or thrown: e.g. a 429
   * whose body says a quota is spent until the next hour becomes AllowanceExhaustedError, which is
   * never retried here (GA4's property quotas).
   */
  refineError?: (error: ConnectorError) => ConnectorError;
};

export const DEFAULT_HTTP_OPTIONS = {
  timeoutMs: 30_000,
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 60_000,
  retryAfterHeader: "retry-after",
} as const;

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** `Retry-After` is either delay-seconds (possibly fractional: some providers send them so) or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with full jitter: a uniform delay in [0, min(cap, base × 2^(attempt−1))]. */
export function backoffDelay(attempt: number, baseMs: number, capMs: number, random: () => number): number {
  return Math.floor(random() * Math.min(capMs, baseMs * 2 ** (attempt - 1)));
}

export function errorForStatus(status: number, bodyText: string, retryAfterMs: number | undefined): ConnectorError {
  const detail = `HTTP ${status}${bodyText ? `: ${bodyText.slice(0, 300)}` : ""}`;
  const options = { status, responseBody: bodyText.slice(0, 4000) };
  if (status === 401 || status === 403) return new AuthExpiredError(`Credentials refused (${detail})`, options);
  if (status === 429) return new RateLimitedError(`Rate limited (${detail})`, { ...options, retryAfterMs });
  if (status >= 500) return new TransientError(`Provider error (${detail})`, options);
  return new PermanentError(`Request failed (${detail})`, options);
}

const REFUSED_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"]);

function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

class TimedOut extends Error {}

export class HttpClient {
  readonly stats: RequestStats = { requests: 0, retries: 0, rateLimited: 0, failures: 0 };
  private readonly options: Required<Omit<HttpClientOptions, "onRequest" | "beforeAttempt" | "parseJson" | "refineError">> & Pick<HttpClientOptions, "onRequest" | "beforeAttempt" | "parseJson" | "refineError">;

  constructor(options: HttpClientOptions = {}) {
    this.options = {
      ...DEFAULT_HTTP_OPTIONS,
      fetch: globalThis.fetch.bind(globalThis),
      sleep: abortableSleep,
      now: Date.now,
      random: Math.random,
      ...options,
    };
  }

  /** Sends a request and parses the JSON response body. */
  json<T = unknown>(url: string, request: HttpRequest = {}): Promise<HttpResponse<T>> {
    return this.send(url, request, async (response, signal) => {
      const text = await readText(response, signal);
      try {
        return (this.options.parseJson ?? JSON.parse)(text) as T;
      } catch (cause) {
        throw new TransientError(`Truncated or malformed JSON from ${redact(url)} (${text.length} bytes)`, { status: response.status, cause });
      }
    });
  }

  /**
   * Sends a request and hands back the unread body stream of a 2xx response (for downloads too
   * large to buffer). Retries cover everything up to the response headers; a failure while the
   * caller reads the body is the caller's to report.
   */
  stream(url: string, request: HttpRequest = {}): Promise<HttpResponse<ReadableStream<Uint8Array>>> {
    return this.send(url, request, async (response) => {
      if (!response.body) throw new TransientError(`Empty body from ${redact(url)}`, { status: response.status });
      return response.body;
    }, { timeoutCoversBody: false });
  }

  /** Sends a request whose answer's body, if any, is not needed (a DELETE answered 204 has none). */
  async discard(url: string, request: HttpRequest = {}): Promise<{ status: number; headers: Headers }> {
    const { status, headers } = await this.send(url, request, async (response) => {
      await response.body?.cancel();
    });
    return { status, headers };
  }

  private async send<T>(
    url: string,
    request: HttpRequest,
    read: (response: Response, signal: AbortSignal) => Promise<T>,
    { timeoutCoversBody = true } = {},
  ): Promise<HttpResponse<T>> {
    const { maxAttempts, baseDelayMs, maxDelayMs, maxRetryAfterMs, retryAfterHeader, sleep, now, random, onRequest, beforeAttempt } = this.options;
    const method = request.method ?? (request.body === undefined ? "GET" : "POST");
    const policy = request.retry ?? "idempotent";
    const headers: Record<string, string> = { accept: "application/json", ...request.headers };
    let body: string | undefined;
    if (request.body !== undefined) {
      body = typeof request.body === "string" ? request.body : JSON.stringify(request.body);
      headers["content-type"] ??= "application/json";
    }

    for (let attempt = 1; ; attempt++) {
      await beforeAttempt?.(request.signal);
      const started = now();
      this.stats.requests++;
      const controller = new AbortController();
      const timeoutMs = request.timeoutMs ?? this.options.timeoutMs;
      const timer = setTimeout(() => controller.abort(new TimedOut(`timed out after ${timeoutMs} ms`)), timeoutMs);
      // The caller's signal stays linked after we return, so it also stops a streamed body.
      const signal = request.signal ? AbortSignal.any([controller.signal, request.signal]) : controller.signal;
      let status: number | undefined;
      let error: ConnectorError;
      let rejected = false;
      try {
        const response = await this.options.fetch(url, { method, headers, body, signal });
        status = response.status;
        if (response.ok) {
          if (!timeoutCoversBody) clearTimeout(timer);
          const result = await read(response, signal);
          onRequest?.({ method, url, attempt, status, durationMs: now() - started, willRetry: false });
          return { status, headers: response.headers, body: result };
        }
        const text = await readText(response, signal).catch(() => "");
        error = errorForStatus(status, text, parseRetryAfter(response.headers.get(retryAfterHeader), now()));
        rejected = status === 429;
      } catch (thrown) {
        if (request.signal?.aborted) throw request.signal.reason;
        if (thrown instanceof ConnectorError) error = thrown;
        else if (controller.signal.reason instanceof TimedOut) {
          error = new TransientError(`${method} ${redact(url)} ${controller.signal.reason.message}`, { status, cause: thrown });
        } else {
          const code = causeCode(thrown);
          rejected = status === undefined && !!code && REFUSED_CODES.has(code);
          const what = status === undefined ? "Network error" : "Connection lost while reading the body";
          error = new TransientError(`${what} on ${method} ${redact(url)}${code ? ` (${code})` : ""}`, { status, cause: thrown });
        }
      } finally {
        clearTimeout(timer);
      }

      if (this.options.refineError) error = this.options.refineError(error);
      if (error.kind === "rate_limited") this.stats.rateLimited++;
      const retryable =
        (error instanceof RateLimitedError || error instanceof TransientError) &&
        (policy === "idempotent" || rejected) &&
        attempt < maxAttempts;
      const retryAfterMs = error instanceof RateLimitedError ? error.retryAfterMs : undefined;
      const willRetry = retryable && (retryAfterMs === undefined || retryAfterMs <= maxRetryAfterMs);
      onRequest?.({ method, url, attempt, status, durationMs: now() - started, error, willRetry });
      if (!willRetry) {
        this.stats.failures++;
        throw error;
      }
      this.stats.retries++;
      await sleep(retryAfterMs ?? backoffDelay(attempt, baseDelayMs, maxDelayMs, random), request.signal);
    }
  }
}

async function readText(response: Response, signal: AbortSignal): Promise<string> {
  if (signal.aborted) throw signal.reason;
  return response.text();
}

/** URLs may carry signed query strings (bulk downloads): keep them out of error messages. */
function redact(url: string): string {
  const q = url.indexOf("?");
  return q === -1 ? url : `${url.slice(0, q)}?…`;
}
