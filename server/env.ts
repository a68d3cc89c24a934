import { z } from "zod";
// Relative, not `@/`: next.config.ts loads this module outside the bundler, where the alias
// does not resolve.
import type { ConnectorEnv } from "./connectors/_core/connector";
import { DEV_ENCRYPTION_KEYS, EncryptionKeysError, parseEncryptionKeys } from "./security/encryption-keys";

// The one place environment variables are read. Parsing fails fast with the variable's name,
// so a misconfigured deployment stops at start-up instead of failing on the first request.
const DEV_AUTH_SECRET = "dev-only-auth-secret-change-me-0123456789abcdef";

export const DEFAULT_SHOPIFY_SCOPES = "read_orders,read_all_orders,read_products,read_customers,read_inventory,read_locations,read_shopify_payments_payouts";
const DEFAULT_SHOP_ORIGIN = "https://{shop}";
const DEFAULT_SHIPBOB_API_URL = "https://api.shipbob.com";
const DEFAULT_SHIPBOB_AUTH_URL = "https://auth.shipbob.com";
const DEFAULT_FREEAGENT_API_URL = "https://api.freeagent.com/v2";
const DEFAULT_GA4_DATA_API_URL = "https://analyticsdata.googleapis.com";
const DEFAULT_GA4_ADMIN_API_URL = "https://analyticsadmin.googleapis.com";
const DEFAULT_GOOGLE_OAUTH_TOKEN_URL = "https://oauth2.googleapis.com/token";
const DEFAULT_GOOGLE_OAUTH_AUTHORIZE_URL = "https://accounts.google.com/o/oauth2/v2/auth";

/** A URL variable with a default (blank means the default), without a trailing slash. */
function urlWithDefault(fallback: string) {
  return z
    .string()
    .default(fallback)
    .transform((v) => (v.trim() === "" ? fallback : v.replace(/\/$/, "")))
    .refine((v) => URL.canParse(v), { message: `must be a URL, e.g. ${fallback}` });
}

const optional = z
  .string()
  .optional()
  .transform((v) => (v === "" ? undefined : v));

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
    APP_URL: z.url().optional().or(z.literal("").transform(() => undefined)),
    VERCEL_URL: optional,
    VERCEL_BRANCH_URL: optional,
    VERCEL_PROJECT_PRODUCTION_URL: optional,
    PORT: z.coerce.number().int().positive().default(3000),
    AUTH_SECRET: optional,
    RESEND_API_KEY: optional,
    // Points the Resend client elsewhere (a local stand-in in tests); unset means Resend's API.
    RESEND_BASE_URL: z.url().optional().or(z.literal("").transform(() => undefined)),
    EMAIL_FROM: z.string().min(3).default("Meridian <noreply@meridian.localhost>"),
    // Sign-in requests per email and per client IP in 10 minutes. Browser suites that sign many
    // users in from one address raise it; production keeps the default.
    SIGN_IN_RATE_LIMIT: z.coerce.number().int().positive().default(5),
    // Reverse proxies in front of `next start` that each append their peer's address to
    // X-Forwarded-For; the client's address is that many entries from the right. 0: none, so no
    // header names the client (server/security/client-ip.ts). Ignored on Vercel, whose own header
    // names the client.
    TRUSTED_PROXY_COUNT: z.coerce.number().int().min(0).default(0),
    // Lowers the steps a sync run spends on batches before a continuation run takes over (the
    // default and why: inngest/functions/sync-connection.ts). Tests set a few to see hand-overs.
    SYNC_STEP_BUDGET: z.coerce.number().int().positive().optional(),
    GOOGLE_CLIENT_ID: optional,
    GOOGLE_CLIENT_SECRET: optional,
    SENTRY_DSN: optional,
    NEXT_PUBLIC_SENTRY_DSN: optional,
    SENTRY_AUTH_TOKEN: optional,
    SENTRY_ORG: optional,
    SENTRY_PROJECT: optional,
    VERCEL_ENV: z.enum(["production", "preview", "development"]).optional(),
    NEXT_DIST_DIR: z.string().min(1).default(".next"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    HEALTH_TOKEN: optional,
    // Inngest: which server runs our functions is configuration only (README "Background jobs").
    // INNGEST_DEV=1 targets the official Dev Server; otherwise INNGEST_BASE_URL points at the
    // local runner or a self-hosted server, and neither set means Inngest Cloud.
    INNGEST_DEV: z.enum(["0", "1"]).optional().or(z.literal("").transform(() => undefined)),
    INNGEST_BASE_URL: z.url().optional().or(z.literal("").transform(() => undefined)),
    // Where the Inngest server reaches /api/inngest when that is not the app URL (a self-hosted
    // Inngest on an internal network); the SDK's own variable, honoured by inngest/client.ts.
    INNGEST_SERVE_ORIGIN: z.url().optional().or(z.literal("").transform(() => undefined)),
    INNGEST_EVENT_KEY: optional,
    INNGEST_SIGNING_KEY: optional,
    INNGEST_SIGNING_KEY_FALLBACK: optional,
    // Inngest branch environment (preview deployments); Vercel's integration sets it per branch.
    INNGEST_ENV: optional,
    APP_VERSION: optional,
    VERCEL_GIT_COMMIT_SHA: optional,
    // The provider app's credentials (its Partner Dashboard → the app → Client credentials). Its
    // connector is off until both are set. Validated here; read by its connector's config.
    SHOPIFY_API_KEY: optional,
    SHOPIFY_API_SECRET: optional,
    SHOPIFY_SCOPES: z
      .string()
      .default(DEFAULT_SHOPIFY_SCOPES)
      .transform((v) => (v.trim() === "" ? DEFAULT_SHOPIFY_SCOPES : v)),
    // Base URL the provider redirects back to (the app's public URL); default: the app URL.
    SHOPIFY_APP_URL: z.url().optional().or(z.literal("").transform(() => undefined)),
    // Where a shop's Admin lives; `{shop}` is replaced by the shop domain. Only the sandbox changes it.
    SHOPIFY_SHOP_ORIGIN: z
      .string()
      .default(DEFAULT_SHOP_ORIGIN)
      .transform((v) => (v.trim() === "" ? DEFAULT_SHOP_ORIGIN : v.replace(/\/$/, "")))
      .refine((v) => v.includes("{shop}") && URL.canParse(v.replace("{shop}", "shop.example")), {
        message: "must be a URL template containing {shop}, e.g. https://{shop}",
      }),
    // ShipBob's API origin (paths carry the pinned version); only the local sandbox changes it.
    SHIPBOB_API_URL: z
      .string()
      .default(DEFAULT_SHIPBOB_API_URL)
      .transform((v) => (v.trim() === "" ? DEFAULT_SHIPBOB_API_URL : v.replace(/\/$/, "")))
      .refine((v) => URL.canParse(v), { message: "must be a URL, e.g. https://api.shipbob.com" }),
    // ShipBob's OAuth app: with both set, brands may connect through ShipBob's consent screen as
    // well as with a personal access token.
    SHIPBOB_CLIENT_ID: optional,
    SHIPBOB_CLIENT_SECRET: optional,
    // The origin serving ShipBob's /connect/authorize and /connect/token; only the local sandbox changes it.
    SHIPBOB_AUTH_URL: z
      .string()
      .default(DEFAULT_SHIPBOB_AUTH_URL)
      .transform((v) => (v.trim() === "" ? DEFAULT_SHIPBOB_AUTH_URL : v.replace(/\/$/, "")))
      .refine((v) => URL.canParse(v), { message: "must be a URL, e.g. https://auth.shipbob.com" }),
    // The key each ShipBob account's webhook signing secret is derived from (any long random
    // string, e.g. `openssl rand -base64 32`). Unset: ShipBob webhooks are off.
    SHIPBOB_WEBHOOK_SECRET: optional,
    // FreeAgent's OAuth app (dev.freeagent.com → My Apps): both set switch FreeAgent on.
    FREEAGENT_CLIENT_ID: optional,
    FREEAGENT_CLIENT_SECRET: optional,
    // FreeAgent's API base, OAuth included (FreeAgent's own sandbox: https://api.sandbox.freeagent.com/v2).
    FREEAGENT_API_URL: z
      .string()
      .default(DEFAULT_FREEAGENT_API_URL)
      .transform((v) => (v.trim() === "" ? DEFAULT_FREEAGENT_API_URL : v.replace(/\/$/, "")))
      .refine((v) => URL.canParse(v), { message: "must be a URL, e.g. https://api.freeagent.com/v2" }),
    // Google Analytics 4 (a workspace connects with a service account's key file, or through
    // Google's consent screen with GOOGLE_CLIENT_ID/SECRET). Only the local sandbox changes these.
    GA4_DATA_API_URL: urlWithDefault(DEFAULT_GA4_DATA_API_URL),
    GA4_ADMIN_API_URL: urlWithDefault(DEFAULT_GA4_ADMIN_API_URL),
    GOOGLE_OAUTH_TOKEN_URL: urlWithDefault(DEFAULT_GOOGLE_OAUTH_TOKEN_URL),
    GOOGLE_OAUTH_AUTHORIZE_URL: urlWithDefault(DEFAULT_GOOGLE_OAUTH_AUTHORIZE_URL),
    // AES-256-GCM keys for stored credentials: `<id>:<base64 32 bytes>`, comma-separated, newest
    // first (it encrypts; the others only decrypt, for rotation).
    ENCRYPTION_KEYS: optional,
  })
  .superRefine((v, ctx) => {
    if (v.NODE_ENV === "production" && (!v.AUTH_SECRET || v.AUTH_SECRET.length < 32)) {
      ctx.addIssue({ code: "custom", path: ["AUTH_SECRET"], message: "required in production (32+ characters)" });
    }
    if (Boolean(v.SHOPIFY_API_KEY) !== Boolean(v.SHOPIFY_API_SECRET)) {
      ctx.addIssue({ code: "custom", path: ["SHOPIFY_API_SECRET"], message: "SHOPIFY_API_KEY and SHOPIFY_API_SECRET go together" });
    }
    if (Boolean(v.SHIPBOB_CLIENT_ID) !== Boolean(v.SHIPBOB_CLIENT_SECRET)) {
      ctx.addIssue({ code: "custom", path: ["SHIPBOB_CLIENT_SECRET"], message: "SHIPBOB_CLIENT_ID and SHIPBOB_CLIENT_SECRET go together" });
    }
    if (Boolean(v.FREEAGENT_CLIENT_ID) !== Boolean(v.FREEAGENT_CLIENT_SECRET)) {
      ctx.addIssue({ code: "custom", path: ["FREEAGENT_CLIENT_SECRET"], message: "FREEAGENT_CLIENT_ID and FREEAGENT_CLIENT_SECRET go together" });
    }
    if (v.ENCRYPTION_KEYS) {
      try {
        parseEncryptionKeys(v.ENCRYPTION_KEYS);
      } catch (error) {
        if (!(error instanceof EncryptionKeysError)) throw error;
        ctx.addIssue({ code: "custom", path: ["ENCRYPTION_KEYS"], message: error.message });
      }
    } else if (v.NODE_ENV === "production") {
      ctx.addIssue({ code: "custom", path: ["ENCRYPTION_KEYS"], message: "required in production (<id>:<base64 32-byte key>, e.g. k1:$(openssl rand -base64 32))" });
    }
    if (Boolean(v.GOOGLE_CLIENT_ID) !== Boolean(v.GOOGLE_CLIENT_SECRET)) {
      ctx.addIssue({ code: "custom", path: ["GOOGLE_CLIENT_SECRET"], message: "GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET go together" });
    }
  });

export type Env = z.infer<typeof schema> & { AUTH_SECRET: string; ENCRYPTION_KEYS: string };

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new EnvError(`Invalid environment variables:\n${lines.join("\n")}`);
  }
  return {
    ...result.data,
    AUTH_SECRET: result.data.AUTH_SECRET ?? DEV_AUTH_SECRET,
    ENCRYPTION_KEYS: result.data.ENCRYPTION_KEYS ?? DEV_ENCRYPTION_KEYS,
  };
}

export const env: Env = parseEnv(process.env);

/** Running on Vercel's infrastructure (not `vercel dev`, whose VERCEL_ENV is "development"). */
export function onVercel(e: Pick<Env, "VERCEL_ENV"> = env): boolean {
  return e.VERCEL_ENV === "production" || e.VERCEL_ENV === "preview";
}

// Vercel's own name for this deployment. Production links to the project's production domain
// (where users sign in, the same across deploys), not to the deployment's generated URL. A
// preview links to its branch URL, which stays the same across pushes (a link mailed before the
// next push still opens, and it can be registered as an OAuth redirect); a deployment without a
// branch (CLI) has only its generated URL.
function vercelHost(e: AppUrlEnv): string | undefined {
  if (e.VERCEL_ENV === "production") return e.VERCEL_PROJECT_PRODUCTION_URL ?? e.VERCEL_URL;
  if (e.VERCEL_ENV === "preview") return e.VERCEL_BRANCH_URL ?? e.VERCEL_URL;
  return e.VERCEL_URL;
}

type AppUrlEnv = Pick<Env, "APP_URL" | "VERCEL_URL" | "PORT"> &
  Partial<Pick<Env, "VERCEL_ENV" | "VERCEL_BRANCH_URL" | "VERCEL_PROJECT_PRODUCTION_URL">>;

// Absolute URLs (email links, OAuth redirects) come from configuration, never from a request's
// Host or X-Forwarded-Host: APP_URL, else Vercel's name for the deployment, else localhost.
export function appUrl(e: AppUrlEnv = env): string {
  if (e.APP_URL) return e.APP_URL.replace(/\/$/, "");
  const host = vercelHost(e);
  if (host) return `https://${host}`;
  return `http://localhost:${e.PORT}`;
}

export function appVersion(e: Pick<Env, "APP_VERSION" | "VERCEL_GIT_COMMIT_SHA"> = env): string {
  return e.APP_VERSION ?? e.VERCEL_GIT_COMMIT_SHA?.slice(0, 7) ?? process.env.npm_package_version ?? "dev";
}

/**
 * What connectors read their configuration from (server/connectors/_core/connector.ts): the app
 * URL and the validated variables, defaults applied. Connectors never read process.env.
 */
export function connectorEnv(e: Env = env): ConnectorEnv {
  const variables = Object.fromEntries(Object.entries(e).flatMap(([name, value]) => (typeof value === "string" ? [[name, value]] : [])));
  return { appUrl: appUrl(e), variables };
}
