export type SecurityHeaderOptions = {
  isProduction: boolean;
  /** DSNs the server or browser reports to; their ingest origins join connect-src. */
  sentryDsns: ReadonlyArray<string | undefined>;
  /** Google sign-in posts a form that redirects to Google's accounts host. */
  googleSignIn: boolean;
  /**
   * Where the configured connectors' connect forms redirect (their consent screens): browsers
   * hold a form's redirects to form-action too. From connectorFormActionOrigins.
   */
  formActionOrigins: readonly string[];
};

export type Header = { key: string; value: string };

const GOOGLE_ACCOUNTS = "https://accounts.google.com";

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

export function contentSecurityPolicy(options: SecurityHeaderOptions): string {
  const sentryOrigins = options.sentryDsns.flatMap((dsn) => {
    const origin = dsn ? originOf(dsn) : null;
    return origin ? [origin] : [];
  });
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    // Next's runtime injects inline bootstrap scripts; React's dev tooling needs eval.
    "script-src": ["'self'", "'unsafe-inline'", ...(options.isProduction ? [] : ["'unsafe-eval'"])],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "https:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'", ...new Set(sentryOrigins)],
    // The dev outbox previews emails in a same-origin srcdoc iframe.
    "frame-src": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'", ...(options.googleSignIn ? [GOOGLE_ACCOUNTS] : []), ...new Set(options.formActionOrigins)],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(" ")}`)
    .join("; ");
}

export function securityHeaders(options: SecurityHeaderOptions): Header[] {
  return [
    { key: "Content-Security-Policy", value: contentSecurityPolicy(options) },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), browsing-topics=()" },
    // Production only: sent by an https dev server, it would force https on localhost for years.
    ...(options.isProduction
      ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains; preload" }]
      : []),
  ];
}
