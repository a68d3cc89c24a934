// Every GraphQL document the Shopify connector sends (Admin API 2026-10). documents.test.ts
// validates each export of this module against the real schema, so anything exported here must
// be a document (a string) or a builder of one (a function returning a string).
//
// Nested page sizes are chosen so a page's *requested* cost stays well under Shopify's 1000-point
// ceiling; anything that does not fit (an order with more line items, a refund with more refund
// line items, a product with more variants) is fetched by the follow-up documents below, so a
// child is never dropped. `refunds` and `transactions` are plain lists: without `first` they
// return every item.

const MONEY = `shopMoney { amount currencyCode }`;
const PAGE_INFO = `pageInfo { hasNextPage endCursor }`;

const LINE_ITEM = `id sku title variantTitle quantity currentQuantity
  product { id } variant { id }
  originalUnitPriceSet { ${MONEY} } discountedUnitPriceSet { ${MONEY} }`;

const REFUND_LINE_ITEM = `quantity restockType lineItem { id } subtotalSet { ${MONEY} }`;

const TRANSACTION = `id kind status gateway processedAt parentTransaction { id } amountSet { ${MONEY} }`;

// Where the order came from: the app that created it (else its sourceName) and the last visit
// before it (UTM parameters, else the visit's own source and marketing tactic). The journey
// needs no scope beyond read_orders; the four objects cost 4 points an order.
const ORDER_ATTRIBUTION = `sourceName app { name }
  customerJourneySummary { ready lastVisit { source sourceType utmParameters { source medium } } }`;

// MailingAddress's parts, as the order's addresses are stored (_core/address.ts); countryCode is
// deprecated for countryCodeV2.
const ADDRESS = `name company address1 address2 city province provinceCode zip country countryCodeV2 phone`;

const ORDER_SCALARS = `id name email createdAt updatedAt processedAt cancelledAt cancelReason closedAt
  displayFinancialStatus displayFulfillmentStatus currencyCode tags test
  customer { id }
  subtotalPriceSet { ${MONEY} } totalTaxSet { ${MONEY} } totalDiscountsSet { ${MONEY} }
  totalPriceSet { ${MONEY} } currentTotalPriceSet { ${MONEY} } totalRefundedSet { ${MONEY} }
  totalShippingPriceSet { ${MONEY} }
  shippingAddress { ${ADDRESS} } billingAddress { ${ADDRESS} }
  ${ORDER_ATTRIBUTION}`;

const REFUND_SCALARS = `id note createdAt processedAt totalRefundedSet { ${MONEY} }`;

const CUSTOMER = `id firstName lastName state tags numberOfOrders createdAt updatedAt
  amountSpent { amount currencyCode }
  defaultEmailAddress { emailAddress } defaultPhoneNumber { phoneNumber }`;

const PRODUCT_SCALARS = `id title handle vendor productType status tags createdAt updatedAt`;

const VARIANT = `id title sku barcode price compareAtPrice position updatedAt inventoryItem { id }`;

const LOCATION = `id name isActive fulfillsOnlineOrders updatedAt address { address1 city countryCode zip }`;

const INVENTORY_LEVEL = `updatedAt item { id } location { id }
  quantities(names: ["available", "on_hand", "committed", "incoming"]) { name quantity }`;

const BULK_OPERATION = `id status errorCode objectCount rootObjectCount fileSize url partialDataUrl createdAt completedAt`;

// ---- Incremental pages (sortKey UPDATED_AT, `query` carries the updated_at window) ----

export const ORDERS_PAGE = `query OrdersPage($first: Int!, $after: String, $query: String) {
  orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
    ${PAGE_INFO}
    nodes {
      ${ORDER_SCALARS}
      lineItems(first: 5) { ${PAGE_INFO} nodes { ${LINE_ITEM} } }
      refunds { ${REFUND_SCALARS} refundLineItems(first: 5) { ${PAGE_INFO} nodes { ${REFUND_LINE_ITEM} } } }
      transactions { ${TRANSACTION} }
    }
  }
}`;

/** Follow-up for an order whose line items did not fit on its page. */
export const ORDER_LINE_ITEMS = `query OrderLineItems($id: ID!, $after: String) {
  order(id: $id) {
    id
    lineItems(first: 50, after: $after) { ${PAGE_INFO} nodes { ${LINE_ITEM} } }
  }
}`;

/**
 * Refund line items of orders whose refunds arrived without them (all of them): the bulk query
 * cannot nest a connection inside the `refunds` list, and a page's refund may have had more refund
 * line items than fit. Refund scalars are already known, so only ids and line items are asked.
 */
export const ORDERS_REFUNDS = `query OrdersRefunds($ids: [ID!]!) {
  nodes(ids: $ids) {
    ... on Order {
      id
      refunds { id refundLineItems(first: 50) { ${PAGE_INFO} nodes { ${REFUND_LINE_ITEM} } } }
    }
  }
}`;

/** Follow-up for a refund with more refund line items than ORDERS_REFUNDS fetched. */
export const REFUND_LINE_ITEMS = `query RefundLineItems($id: ID!, $after: String) {
  refund(id: $id) {
    id
    refundLineItems(first: 100, after: $after) { ${PAGE_INFO} nodes { ${REFUND_LINE_ITEM} } }
  }
}`;

export const CUSTOMERS_PAGE = `query CustomersPage($first: Int!, $after: String, $query: String) {
  customers(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
    ${PAGE_INFO}
    nodes { ${CUSTOMER} }
  }
}`;

export const PRODUCTS_PAGE = `query ProductsPage($first: Int!, $after: String, $query: String) {
  shop { currencyCode }
  products(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
    ${PAGE_INFO}
    nodes {
      ${PRODUCT_SCALARS}
      variants(first: 20) { ${PAGE_INFO} nodes { ${VARIANT} } }
    }
  }
}`;

/** Follow-up for a product whose variants did not fit on its page. */
export const PRODUCT_VARIANTS = `query ProductVariants($id: ID!, $after: String) {
  product(id: $id) {
    id
    variants(first: 100, after: $after) { ${PAGE_INFO} nodes { ${VARIANT} } }
  }
}`;

export const LOCATIONS_PAGE = `query LocationsPage($first: Int!, $after: String) {
  locations(first: $first, after: $after, includeInactive: true, sortKey: ID) {
    ${PAGE_INFO}
    nodes { ${LOCATION} }
  }
}`;

export const LOCATION_IDS = `query LocationIds($after: String) {
  locations(first: 250, after: $after, includeInactive: true, sortKey: ID) {
    ${PAGE_INFO}
    nodes { id }
  }
}`;

export const LOCATION_INVENTORY_LEVELS = `query LocationInventoryLevels($id: ID!, $first: Int!, $after: String, $query: String) {
  location(id: $id) {
    id
    inventoryLevels(first: $first, after: $after, query: $query) {
      ${PAGE_INFO}
      nodes { ${INVENTORY_LEVEL} }
    }
  }
}`;

export const DELETION_EVENTS_PAGE = `query DeletionEventsPage($first: Int!, $after: String, $query: String) {
  deletionEvents(first: $first, after: $after, query: $query, sortKey: ID) {
    ${PAGE_INFO}
    nodes { subjectType subjectId occurredAt }
  }
}`;

/** Product variant prices are plain decimals in the shop's currency. */
export const SHOP_CURRENCY = `query ShopCurrency {
  shop { currencyCode }
}`;

/** The shop's own zone: a new workspace shows its times in it (AccountIdentity.timeZone). */
export const SHOP_TIME_ZONE = `query ShopTimeZone {
  shop { ianaTimezone }
}`;

export const ACCESS_SCOPES = `query AccessScopes {
  currentAppInstallation { accessScopes { handle } }
}`;

// ---- Bulk operations ----

/**
 * Ungrouped output (Shopify's default since 2026-01; said here so no version's default matters):
 * grouping children under their parents "is costly, causes bulk operations to take longer to
 * complete, and increases the chances of failures such as timeouts". bulk.ts reads either.
 */
export const BULK_OPERATION_RUN_QUERY = `mutation BulkOperationRunQuery($query: String!) {
  bulkOperationRunQuery(query: $query, groupObjects: false) {
    bulkOperation { ${BULK_OPERATION} }
    userErrors { field message code }
  }
}`;

export const BULK_OPERATION_POLL = `query BulkOperationPoll($id: ID!) {
  bulkOperation(id: $id) { ${BULK_OPERATION} }
}`;

export const BULK_OPERATION_CANCEL = `mutation BulkOperationCancel($id: ID!) {
  bulkOperationCancel(id: $id) {
    bulkOperation { ${BULK_OPERATION} }
    userErrors { field message }
  }
}`;

function searchFilter(updatedSince: string | undefined): string {
  // Bulk queries take no variables: the filter is a GraphQL string literal inside the document.
  return updatedSince ? `(query: ${JSON.stringify(`updated_at:>='${updatedSince}'`)})` : "";
}

/**
 * The inner query of an orders bulk operation. Refund line items are not in it (a connection
 * inside the `refunds` list is not allowed in bulk queries); bulk.ts fills them in with
 * ORDERS_REFUNDS for the orders that have refunds.
 */
export function bulkOrdersQuery(updatedSince?: string): string {
  return `{
  orders${searchFilter(updatedSince)} {
    edges { node {
      ${ORDER_SCALARS}
      refunds { ${REFUND_SCALARS} }
      transactions { ${TRANSACTION} }
      lineItems { edges { node { ${LINE_ITEM} } } }
    } }
  }
}`;
}

export function bulkCustomersQuery(updatedSince?: string): string {
  return `{
  customers${searchFilter(updatedSince)} { edges { node { ${CUSTOMER} } } }
}`;
}

export function bulkProductsQuery(updatedSince?: string): string {
  return `{
  products${searchFilter(updatedSince)} {
    edges { node {
      ${PRODUCT_SCALARS}
      variants { edges { node { ${VARIANT} } } }
    } }
  }
}`;
}

/**
 * Every location's inventory levels (inactive locations too, as LOCATIONS_PAGE lists them). Each
 * level selects its own `location { id }`, so its child line maps without its parent's; a location
 * without stock is a parent line with no children. The filter applies to the levels: locations
 * cannot be searched by update time.
 */
export function bulkInventoryLevelsQuery(updatedSince?: string): string {
  return `{
  locations(includeInactive: true) {
    edges { node {
      id
      inventoryLevels${searchFilter(updatedSince)} { edges { node { ${INVENTORY_LEVEL} } } }
    } }
  }
}`;
}

export const WEBHOOK_SUBSCRIPTION_CREATE = `mutation WebhookSubscriptionCreate($topic: WebhookSubscriptionTopic!, $uri: String!) {
  webhookSubscriptionCreate(topic: $topic, webhookSubscription: { uri: $uri, format: JSON }) {
    webhookSubscription { id topic uri }
    userErrors { field message }
  }
}`;

export * from "./payouts-documents";
