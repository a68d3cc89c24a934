import * as Sentry from "@sentry/nextjs";
import { logger as defaultLogger, type Logger } from "@/server/observability/logger";

export type ErrorContext = {
  requestId?: string;
  /** Where it happened, e.g. the tRPC path `workspace.get` or a route. */
  source?: string;
  userId?: string;
  workspaceId?: string;
  extra?: Record<string, unknown>;
};

// For errors nobody expected (bugs, broken dependencies): logged as JSON with the request id
// and sent to Sentry, which ignores the call when it was never initialised (no DSN).
// Returns the Sentry event id so a response can quote it.
export function reportError(error: unknown, context: ErrorContext = {}, log: Logger = defaultLogger): string {
  const { extra, ...tags } = context;
  log.error({ err: error, ...tags, ...(extra ? { extra } : {}) }, "unexpected error");
  return Sentry.withScope((scope) => {
    for (const [key, value] of Object.entries(tags)) {
      if (value !== undefined) scope.setTag(key, value);
    }
    if (context.userId) scope.setUser({ id: context.userId });
    if (extra) scope.setContext("extra", extra);
    return Sentry.captureException(error);
  });
}
