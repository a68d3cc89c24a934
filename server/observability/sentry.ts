import * as Sentry from "@sentry/nextjs";
import { appVersion, env, type Env } from "@/server/env";

type SentryOptions = NonNullable<Parameters<typeof Sentry.init>[0]>;

// Sentry stays off unless a DSN is configured, so local runs and tests send nothing anywhere.
export function sentryServerOptions(e: Env = env): SentryOptions | null {
  if (!e.SENTRY_DSN) return null;
  return {
    dsn: e.SENTRY_DSN,
    environment: e.VERCEL_ENV ?? e.NODE_ENV,
    release: appVersion(e),
    tracesSampleRate: e.NODE_ENV === "production" ? 0.1 : 1,
    sendDefaultPii: false,
  };
}

// Called from instrumentation.ts register() on both the Node.js and the edge runtime;
// `@sentry/nextjs` resolves to the matching SDK build for each.
export function initSentry(): void {
  const options = sentryServerOptions();
  if (options) Sentry.init(options);
}
