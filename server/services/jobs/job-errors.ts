// How the job runner should treat a step's failure, said without its SDK: inngest/job-errors.ts
// turns these into the SDK's NonRetriableError and RetryAfterError. Anything else thrown is
// retried as the function's retries allow.

/** Fails the run at once: retrying cannot help. */
export class FailRunNowError extends Error {
  override name = "FailRunNowError";
}

/** Retries the step after `retryAfterMs` (a provider said when), not on the runner's own backoff. */
export class RetryStepAfterError extends Error {
  override name = "RetryStepAfterError";

  constructor(
    message: string,
    readonly retryAfterMs: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
