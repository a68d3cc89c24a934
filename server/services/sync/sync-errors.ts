import "server-only";
import { AuthExpiredError, PermanentError, RateLimitedError } from "@/server/connectors/_core/errors";
import { IngestCountMismatchError, IngestRecordError } from "@/server/ingest";
import { markNeedsReauth } from "@/server/services/connections/mark-needs-reauth";
import { FailRunNowError, RetryStepAfterError } from "@/server/services/jobs/job-errors";
import { SyncUnavailableError } from "./sync-connectors";

/** Without a hint from the provider, a rate-limited batch waits this long before its retry. */
const DEFAULT_RETRY_AFTER_MS = 30_000;

/**
 * What the job runner should do with a failed sync batch, from the connector's typed error: a refused
 * token asks for re-authorization and never retries; a rate limit retries when the provider said;
 * a permanent failure or counts that do not add up fail the run at once with the reason; anything
 * else (5xx, timeouts, truncated downloads) is retried as is.
 */
export async function syncFailure(error: unknown, connectionId: string): Promise<unknown> {
  if (error instanceof AuthExpiredError) {
    // A token the provider's API refused lands here (a refused refresh was marked already: the
    // one path then writes and sends nothing twice).
    await markNeedsReauth(connectionId, error.message);
    return new FailRunNowError(`The connection needs to be re-authorized: ${error.message}`, { cause: error });
  }
  if (error instanceof RateLimitedError) return new RetryStepAfterError(error.message, error.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS, { cause: error });
  if (
    error instanceof PermanentError ||
    error instanceof IngestCountMismatchError ||
    error instanceof IngestRecordError ||
    error instanceof SyncUnavailableError
  ) {
    return new FailRunNowError(error.message, { cause: error });
  }
  return error;
}
