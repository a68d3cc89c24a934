import { NonRetriableError, RetryAfterError } from "inngest";
import { FailRunNowError, RetryStepAfterError } from "@/server/services/jobs/job-errors";

/** The SDK's error for what a service said of a failure (server/services/jobs/job-errors.ts); anything else as it is. */
export function toInngestError(error: unknown): unknown {
  if (error instanceof FailRunNowError) return new NonRetriableError(error.message, { cause: error.cause });
  if (error instanceof RetryStepAfterError) return new RetryAfterError(error.message, error.retryAfterMs, { cause: error.cause });
  return error;
}
