import * as Sentry from "@sentry/nextjs";

// Runs once per server instance (Node.js and edge) before it takes requests. The Sentry module
// loads server/env.ts, whose validation stops start-up naming any missing or invalid variable.
export async function register() {
  const { initSentry } = await import("@/server/observability/sentry");
  initSentry();
  if (process.env.NEXT_RUNTIME === "nodejs") await import("@/inngest/register-job-runner");
}

export const onRequestError = Sentry.captureRequestError;
