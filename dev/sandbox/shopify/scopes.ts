import { GraphQLError } from "graphql";

/**
 * Which access scope a field needs. Only the fields the connector reads are listed; everything
 * else in the schema is reachable with any token (as far as this sandbox is concerned).
 */
const FIELD_SCOPES: Record<string, string> = {
  "Query.orders": "read_orders",
  "Query.order": "read_orders",
  "Query.customers": "read_customers",
  "Query.customer": "read_customers",
  "Order.customer": "read_customers",
  "Query.products": "read_products",
  "Query.product": "read_products",
  "Query.productVariants": "read_products",
  "Query.productVariant": "read_products",
  "Query.locations": "read_locations",
  "Query.location": "read_locations",
  "Query.inventoryItems": "read_inventory",
  "Query.inventoryItem": "read_inventory",
  "Query.inventoryLevel": "read_inventory",
  "InventoryItem.inventoryLevels": "read_inventory",
  "InventoryItem.inventoryLevel": "read_inventory",
  "Location.inventoryLevels": "read_inventory",
  "Location.inventoryLevel": "read_inventory",
  "ShopifyPaymentsAccount.payouts": "read_shopify_payments_payouts",
  "ShopifyPaymentsAccount.balanceTransactions": "read_shopify_payments_payouts",
};

/** A `write_x` grant implies `read_x`, as on Shopify. */
export function hasScope(granted: ReadonlySet<string>, scope: string): boolean {
  return granted.has(scope) || (scope.startsWith("read_") && granted.has(`write_${scope.slice(5)}`));
}

export function requiredScope(parentType: string, field: string): string | undefined {
  // The Admin schema's query root is named QueryRoot.
  return FIELD_SCOPES[`${parentType === "QueryRoot" ? "Query" : parentType}.${field}`];
}

export function accessDeniedError(field: string, scope: string): GraphQLError {
  const requiredAccess = `\`${scope}\` access scope.`;
  return new GraphQLError(`Access denied for ${field} field. Required access: ${requiredAccess}`, {
    extensions: { code: "ACCESS_DENIED", documentation: "https://shopify.dev/api/usage/access-scopes", requiredAccess },
  });
}

export function parseScopes(scope: string | null | undefined): string[] {
  return (scope ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}
