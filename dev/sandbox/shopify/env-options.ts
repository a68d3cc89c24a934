import type { ShopifySandboxOptions } from "./server";

/** Local-only app credentials, used when SHOPIFY_API_KEY/SECRET are not set (the app must use the same). */
export const SANDBOX_API_KEY = "sandbox-api-key";
export const SANDBOX_API_SECRET = "sandbox-api-secret";
export const DEFAULT_SANDBOX_PORT = 8289;
export const DEFAULT_SANDBOX_SHOP = "meridian-demo.myshopify.com";

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name}=${raw} is not a non-negative integer.`);
  return value;
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name}=${raw} is not a positive number.`);
  return value;
}

/**
 * Sandbox options for `npm run dev` from the environment:
 * SHOPIFY_SANDBOX_PORT (8289), SHOPIFY_SANDBOX_SHOPS (comma-separated domains, default
 * meridian-demo.myshopify.com), SHOPIFY_SANDBOX_ORDERS (orders per shop, default 5000),
 * SHOPIFY_SANDBOX_SEED, SHOPIFY_SANDBOX_BULK_DELAY_MS (0), SHOPIFY_SANDBOX_WEBHOOK_TARGET (default
 * http://localhost:3000/api/webhooks/shopify), SHOPIFY_SANDBOX_STATE_FILE (default
 * .data/shopify-sandbox/state.json), SHOPIFY_SANDBOX_EPOCH (where the generated history ends;
 * default: today 00:00 UTC, so restarts on the same day serve identical data),
 * SHOPIFY_SANDBOX_WEBHOOK_RETRY_SCALE (multiplies the webhook retry delays; default 1: 8 retries
 * over 4 hours), SHOPIFY_API_KEY / SHOPIFY_API_SECRET (the app's).
 */
export function sandboxOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): ShopifySandboxOptions {
  const domains = (env.SHOPIFY_SANDBOX_SHOPS || DEFAULT_SANDBOX_SHOP).split(",").map((d) => d.trim()).filter(Boolean);
  const orders = positiveInt(env, "SHOPIFY_SANDBOX_ORDERS", 5000);
  const bulkDelayMs = positiveInt(env, "SHOPIFY_SANDBOX_BULK_DELAY_MS", 0);
  const epoch = env.SHOPIFY_SANDBOX_EPOCH ? Date.parse(env.SHOPIFY_SANDBOX_EPOCH) : Math.floor(Date.now() / 86_400_000) * 86_400_000;
  if (Number.isNaN(epoch)) throw new Error(`SHOPIFY_SANDBOX_EPOCH=${env.SHOPIFY_SANDBOX_EPOCH} is not a date.`);
  return {
    apiKey: env.SHOPIFY_API_KEY || SANDBOX_API_KEY,
    apiSecret: env.SHOPIFY_API_SECRET || SANDBOX_API_SECRET,
    port: positiveInt(env, "SHOPIFY_SANDBOX_PORT", DEFAULT_SANDBOX_PORT),
    webhookTarget: env.SHOPIFY_SANDBOX_WEBHOOK_TARGET || "http://localhost:3000/api/webhooks/shopify",
    stateFile: env.SHOPIFY_SANDBOX_STATE_FILE || ".data/shopify-sandbox/state.json",
    webhookRetryScale: positiveNumber(env, "SHOPIFY_SANDBOX_WEBHOOK_RETRY_SCALE", 1),
    // The demo brand is a UK brand: its payouts land in the GBP bank account of the sandbox FreeAgent.
    shops: domains.map((domain) => ({ domain, seed: env.SHOPIFY_SANDBOX_SEED || domain, volume: { orders }, bulkDelayMs, epoch, currency: "GBP" })),
  };
}
