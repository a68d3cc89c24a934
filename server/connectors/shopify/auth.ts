import { ConnectError, type ConnectorAuth, type OAuthAuth } from "../_core/auth";
import { shopFormActionSource, shopOrigin, type ShopifyAppConfig } from "./config";
import { SHOP_TIME_ZONE } from "./documents";
import { ShopifyGraphqlClient } from "./graphql-client";
import { buildAuthorizeUrl, exchangeCodeForToken, normalizeShopDomain, normalizeShopInput, refreshAccessToken, verifyQueryHmac } from "./oauth";
import { registerWebhooks } from "./register-webhooks";
import { parsePayload, ShopTimeZone } from "./types";

// How a Shopify store connects: OAuth against the store itself, so the shop is asked before the
// redirect. Shopify signs its redirects and its own launches of the app (the query HMAC), and
// those are checked before anything else.

const FAILURES = {
  missing_hmac: "This request did not come from Shopify: it carries no signature.",
  invalid_hmac: "This request did not come from Shopify: its signature does not match.",
  stale_request: "This request from Shopify is too old. Start the installation again.",
  invalid_shop: "Shopify named a store that is not a myshopify.com address.",
} as const;

function fail(reason: keyof typeof FAILURES): never {
  throw new ConnectError(reason, FAILURES[reason]);
}

/** A query Shopify signed: its HMAC and freshness, then the shop it names. */
async function verifiedShop(config: ShopifyAppConfig, query: URLSearchParams): Promise<string> {
  const hmac = await verifyQueryHmac(config, query);
  if (hmac === "missing") fail("missing_hmac");
  if (hmac === "invalid") fail("invalid_hmac");
  if (hmac === "stale") fail("stale_request");
  return normalizeShopDomain(query.get("shop")) ?? fail("invalid_shop");
}

const shopifyOAuth = {
  account: {
    name: "shop",
    label: "Store address",
    placeholder: "acme.myshopify.com",
    hint: "Your permanent myshopify.com domain, found in Shopify admin → Settings → Domains.",
    normalize: normalizeShopInput,
    invalid: "Enter your store's myshopify.com address, e.g. acme.myshopify.com",
  },
  failures: FAILURES,
  redirectBaseUrl: (config) => config.appUrl,

  authorizeUrl: (config, { state, redirectUri, account }) =>
    buildAuthorizeUrl({ shopOrigin: shopOrigin(config, account!), apiKey: config.apiKey, scopes: config.scopes, redirectUri, state }),

  verifyCallback: async (config, query) => ({ account: await verifiedShop(config, query) }),

  async exchangeCode(config, { code, account }) {
    const shop = account!;
    const origin = shopOrigin(config, shop);
    const tokens = await exchangeCodeForToken({ ...config, shopOrigin: origin, code });
    // Any access token may read the shop; a failure here fails the connect like the exchange's own.
    const zone = await new ShopifyGraphqlClient({ shopOrigin: origin, accessToken: tokens.accessToken }).request(SHOP_TIME_ZONE);
    return {
      tokens,
      identity: {
        externalAccountId: shop,
        displayName: shop.replace(/\.myshopify\.com$/, ""),
        settings: { shop, grantedScopes: tokens.scopes, requestedScopes: config.scopes, installedAt: new Date().toISOString() },
        timeZone: parsePayload(ShopTimeZone, zone, "shop").shop.ianaTimezone,
      },
    };
  },

  refresh: (config, { refreshToken, externalAccountId }) =>
    refreshAccessToken({ ...config, shopOrigin: shopOrigin(config, externalAccountId), refreshToken }),

  // Shopify opens the app URL (our install route) with `shop`, `timestamp` and `hmac` when a
  // merchant installs from the Shopify admin or App Store.
  launch: {
    detect: (query) => query.has("hmac"),
    verify: async (config, query) => ({ account: await verifiedShop(config, query) }),
  },

  formActionOrigins: (config) => [shopFormActionSource(config)].filter((source): source is string => source !== null),
} satisfies OAuthAuth<ShopifyAppConfig>;

export const shopifyAuth = {
  oauth: shopifyOAuth,

  // Subscribed before the first sync is queued, so changes made while the backfill reads are
  // delivered too.
  async afterConnect(ctx) {
    const { failed } = await registerWebhooks(ctx);
    if (failed.length) throw new Error(`Some Shopify webhook subscriptions failed: ${failed.map((f) => `${f.topic}: ${f.message}`).join("; ")}`);
  },
} satisfies ConnectorAuth<ShopifyAppConfig>;
