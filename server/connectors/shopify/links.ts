import type { ConnectorLinks } from "../_core/connector";
import { shopOrigin, type ShopifyAppConfig } from "./config";

type Config = Pick<ShopifyAppConfig, "shopOriginTemplate">;

// The shop's own admin (which sends a signed-in merchant on to admin.shopify.com). Records are
// stored under their legacy numeric ids, the ones admin URLs use.
export const shopifyLinks = {
  order: (config: Config, { externalAccountId }: { externalAccountId: string }, { externalId }: { externalId: string }) =>
    `${shopOrigin(config, externalAccountId)}/admin/orders/${encodeURIComponent(externalId)}`,
} satisfies ConnectorLinks<ShopifyAppConfig>;
