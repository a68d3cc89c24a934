import { TRPCClientError } from "@trpc/client";

// Which failed queries are worth asking again. A 4xx is the server's answer about this request
// (bad input, not signed in, not allowed, not found, too many requests): asking again gets the same
// answer after seconds of skeleton, so it is shown at once. Only what may pass on its own is
// retried: a 5xx, or no answer at all (the network, a proxy's non-tRPC error page).
const MAX_RETRIES = 3;

/** The HTTP status the server answered a tRPC call with, when it answered one. */
function httpStatusOf(error: unknown): number | undefined {
  if (!(error instanceof TRPCClientError)) return undefined;
  const data: unknown = error.data;
  if (typeof data === "object" && data !== null && "httpStatus" in data && typeof data.httpStatus === "number") return data.httpStatus;
  const response: unknown = error.meta?.response;
  return response instanceof Response ? response.status : undefined;
}

/** React Query's `retry` for queries: never a 4xx; a 5xx or network failure up to three times (with its default backoff). */
export function shouldRetryQuery(failureCount: number, error: unknown): boolean {
  const status = httpStatusOf(error);
  if (status !== undefined && status >= 400 && status < 500) return false;
  return failureCount < MAX_RETRIES;
}

// What to do instead of trying again, for the answers that would only repeat themselves.
const INSTEAD: Record<number, string> = {
  400: "Change the filters or clear them, then the list loads again.",
  401: "Your session has ended: sign in again.",
  403: "Your role does not allow this: ask an owner or admin of the workspace.",
  404: "It may have been removed, or the link is wrong: go back and open it again.",
};

/**
 * Whether a person's "Try again" can get another answer: not after a 400, 401, 403 or 404 (the
 * same request gets the same answer), with what to do instead; yes after a 5xx, a timeout, a rate
 * limit or no answer at all.
 */
export function tryAgainAdvice(error: unknown): { worthIt: true } | { worthIt: false; instead: string } {
  const instead = INSTEAD[httpStatusOf(error) ?? 0];
  return instead ? { worthIt: false, instead } : { worthIt: true };
}
