// Why an install attempt stopped. Route handlers send the browser to /shopify/error?reason=<code>,
// which shows the message below; nothing is stored when any of these happens.
export const SHOPIFY_INSTALL_FAILURES = {
  not_configured: "Shopify is not set up on this Meridian server (SHOPIFY_API_KEY and SHOPIFY_API_SECRET are missing).",
  invalid_shop: "That is not a Shopify store address. Enter it as your-store.myshopify.com.",
  workspace_not_found: "That workspace does not exist, or you are not an owner or admin of it.",
  missing_hmac: "This request did not come from Shopify: it carries no signature.",
  invalid_hmac: "This request did not come from Shopify: its signature does not match.",
  stale_request: "This request from Shopify is too old. Start the installation again.",
  state_missing: "The installation was not started from this browser, or it took more than 10 minutes. Start it again from Meridian.",
  state_expired: "The installation took more than 10 minutes. Start it again from Meridian.",
  state_mismatch: "This answer from Shopify does not belong to the installation started in this browser. Start it again from Meridian.",
  shop_mismatch: "Shopify answered for a different store than the one the installation was started for.",
  user_mismatch: "You are signed in as a different person than the one who started the installation. Start it again.",
  signed_out: "Your Meridian session ended during the installation. Sign in and start it again.",
  exchange_refused: "Shopify refused to grant access. Start the installation again; if it keeps failing, reinstall the app from Shopify.",
  shopify_unreachable: "Shopify could not be reached or did not answer in time. Try again in a minute.",
  shop_in_other_workspace: "This store is already connected to another Meridian workspace. Disconnect it there first.",
} as const;

export type ShopifyInstallFailure = keyof typeof SHOPIFY_INSTALL_FAILURES;

export class ShopifyInstallError extends Error {
  readonly reason: ShopifyInstallFailure;

  constructor(reason: ShopifyInstallFailure, options?: { cause?: unknown }) {
    super(SHOPIFY_INSTALL_FAILURES[reason], options);
    this.name = "ShopifyInstallError";
    this.reason = reason;
  }
}

export function installFailureMessage(reason: string | null | undefined): { reason: ShopifyInstallFailure | "unknown"; message: string } {
  if (reason && Object.hasOwn(SHOPIFY_INSTALL_FAILURES, reason)) {
    const known = reason as ShopifyInstallFailure;
    return { reason: known, message: SHOPIFY_INSTALL_FAILURES[known] };
  }
  return { reason: "unknown", message: "The Shopify installation did not complete. Start it again from Meridian." };
}
