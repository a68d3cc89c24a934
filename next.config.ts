import type { NextConfig } from "next";
import { withSentryConfig } from "@sentry/nextjs";
import { connectorFormActionOrigins } from "./server/connectors/registry";
import { connectorEnv, env } from "./server/env";
import { securityHeaders } from "./server/security/headers";

// headers() is evaluated at build time, so the DSNs, Google settings and configured connectors of
// the build environment decide the CSP that ships.
const nextConfig: NextConfig = {
  // The benchmark builds into its own folder so it never clobbers (or races) the usual .next.
  distDir: env.NEXT_DIST_DIR,
  poweredByHeader: false,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: securityHeaders({
          isProduction: env.NODE_ENV === "production",
          sentryDsns: [env.SENTRY_DSN, env.NEXT_PUBLIC_SENTRY_DSN],
          googleSignIn: Boolean(env.GOOGLE_CLIENT_ID),
          formActionOrigins: connectorFormActionOrigins(connectorEnv()),
        }),
      },
    ];
  },
};

// Source maps go to Sentry only when a token is present; without one the build never talks
// to Sentry, so offline and preview builds work unchanged.
export default env.SENTRY_AUTH_TOKEN
  ? withSentryConfig(nextConfig, {
      authToken: env.SENTRY_AUTH_TOKEN,
      org: env.SENTRY_ORG,
      project: env.SENTRY_PROJECT,
      silent: true,
      telemetry: false,
    })
  : nextConfig;
