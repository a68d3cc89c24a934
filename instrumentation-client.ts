// Browser-side Sentry. Next inlines NEXT_PUBLIC_* values at build time only for literal
// `process.env.NAME` reads, which is why this file cannot go through server/env.ts.
// The SDK is loaded only when a DSN is set, so builds without one ship none of it.
const dsn = process.env.NEXT_PUBLIC_SENTRY_DSN;

const sentry = dsn
  ? import("@sentry/nextjs").then((Sentry) => {
      Sentry.init({ dsn, tracesSampleRate: process.env.NODE_ENV === "production" ? 0.1 : 1, sendDefaultPii: false });
      return Sentry;
    })
  : null;

export function onRouterTransitionStart(href: string, navigationType: string) {
  void sentry?.then((Sentry) => Sentry.captureRouterTransitionStart(href, navigationType));
}
