// The typed errors every connector raises, so the sync engine decides what to do without knowing
// the provider: AuthExpired → the connection asks for re-authorization; RateLimited and Transient
// → retry (after `retryAfterMs` when the provider said how long); Permanent → fail the run with
// the provider's message. Anything else escaping a connector is a bug.

export type ConnectorErrorKind = "auth_expired" | "rate_limited" | "transient" | "permanent";

export abstract class ConnectorError extends Error {
  abstract readonly kind: ConnectorErrorKind;
  /** The provider's HTTP status, when the error came from a response. */
  readonly status: number | undefined;
  /** The body of that response, when it had one (an OAuth error answer names the error). */
  readonly responseBody: string | undefined;

  constructor(message: string, options: { status?: number; cause?: unknown; responseBody?: string } = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.status = options.status;
    this.responseBody = options.responseBody;
  }
}

/** Credentials were refused or revoked: only a person re-authorizing the connection helps. */
export class AuthExpiredError extends ConnectorError {
  readonly kind = "auth_expired";
}

/** The provider asked us to slow down; retry after `retryAfterMs` when it is known. */
export class RateLimitedError extends ConnectorError {
  readonly kind = "rate_limited";
  readonly retryAfterMs: number | undefined;

  constructor(message: string, options: { status?: number; cause?: unknown; responseBody?: string; retryAfterMs?: number } = {}) {
    super(message, options);
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** A failure that may pass: 5xx, a timeout, a reset connection, a truncated body. */
export class TransientError extends ConnectorError {
  readonly kind = "transient";
}

/** Retrying will not help (a 4xx other than auth and rate limits, a malformed request). */
export class PermanentError extends ConnectorError {
  readonly kind = "permanent";
}

export function isConnectorError(error: unknown): error is ConnectorError {
  return error instanceof ConnectorError;
}

/**
 * The provider's request allowance has no room before `resumeAt` (epoch ms), further away than a
 * batch should wait (the hourly window of a large first sync). Not a failure: the engine saves
 * where the stream stands, and the sync sleeps until then and goes on.
 */
export class AllowanceExhaustedError extends ConnectorError {
  readonly kind = "rate_limited";
  readonly resumeAt: number;

  constructor(message: string, resumeAt: number) {
    super(message);
    this.resumeAt = resumeAt;
  }
}
