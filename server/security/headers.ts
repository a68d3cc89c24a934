export type SecurityHeaderOptions = {
  isProduction: boolean;
  /** DSNs the server or browser reports to; their ingest origins join connect-src. */
  sentryDsns: ReadonlyArray<string | undefined>;
  /** Google sign-in posts a form that redirects to Google's accounts host. */
  googleSignIn: boolean;
  /**
   * SHOPIFY_SHOP_ORIGIN when Shopify is configured: the connect form redirects to the shop's
   * consent screen, and browsers hold form redirects to form-action too.
   */
  shopifyShopOrigin?: string;
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

// `https://{shop}` stands for every shop: `https://*.myshopify.com`; a template with a fixed
// host (the sandbox's `http://localhost:8289/shops/{shop}`) is that host's origin.
function shopFormActionSource(template: string): string | null {
  const sample = "shop.myshopify.com";
  return originOf(template.replace("{shop}", sample))?.replace(sample, "*.myshopify.com") ?? null;
}

export function contentSecurityPolicy(options: SecurityHeaderOptions): string {
  const shopSource = options.shopifyShopOrigin ? shopFormActionSource(options.shopifyShopOrigin) : null;
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
    "form-action": ["'self'", ...(options.googleSignIn ? [GOOGLE_ACCOUNTS] : []), ...(shopSource ? [shopSource] : [])],
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
