import { gid, iso } from "./gid";
import { nameParts } from "./generate-address";
import type { CustomerRecord, InventoryLevelRecord, MailingAddressRecord, OrderRecord, ProductRecord } from "./records";
import type { ShopStore } from "./store";

/** REST-shaped webhook bodies (numeric ids plus `admin_graphql_api_id`), as Shopify sends them. */
export type Payload = Record<string, unknown>;

const lower = (value: string | null) => (value === null ? null : value.toLowerCase());
const moneySet = (amount: string, currency: string) => ({ shop_money: { amount, currency_code: currency }, presentment_money: { amount, currency_code: currency } });

export function customerPayload(c: CustomerRecord, currency: string): Payload {
  return {
    id: c.id,
    admin_graphql_api_id: gid("Customer", c.id),
    email: c.email,
    first_name: c.firstName,
    last_name: c.lastName,
    phone: c.phone,
    state: lower(c.state),
    tags: c.tags.join(", "),
    note: c.note,
    verified_email: c.email !== null,
    currency,
    created_at: iso(c.createdAt),
    updated_at: iso(c.updatedAt),
  };
}

/**
 * customers/delete: by then Shopify has blanked the customer, so the body is the id, its gid and
 * empty fields (orders/delete and products/delete send the id alone).
 */
export function deletedCustomerPayload(id: number): Payload {
  return {
    id,
    phone: null,
    addresses: [],
    tax_exemptions: [],
    email_marketing_consent: null,
    sms_marketing_consent: null,
    admin_graphql_api_id: gid("Customer", id),
  };
}

/** Shopify's REST address: the name also split in two, snake_case codes, no coordinates. */
function addressPayload(a: MailingAddressRecord): Payload {
  const { firstName, lastName } = nameParts(a);
  return {
    first_name: firstName,
    last_name: lastName,
    name: a.name,
    company: a.company,
    address1: a.address1,
    address2: a.address2,
    city: a.city,
    province: a.province,
    province_code: a.provinceCode,
    zip: a.zip,
    country: a.country,
    country_code: a.countryCode,
    phone: a.phone,
    latitude: null,
    longitude: null,
  };
}

export function orderPayload(o: OrderRecord, store: ShopStore): Payload {
  const customer = o.customerId === null ? undefined : store.customers.get(o.customerId);
  const fulfillment = o.fulfillmentStatus === "FULFILLED" ? "fulfilled" : o.fulfillmentStatus === "PARTIALLY_FULFILLED" ? "partial" : null;
  return {
    id: o.id,
    admin_graphql_api_id: gid("Order", o.id),
    name: o.name,
    order_number: o.orderNumber,
    number: o.orderNumber - 1000,
    email: o.email,
    contact_email: o.email,
    phone: o.phone,
    created_at: iso(o.createdAt),
    updated_at: iso(o.updatedAt),
    processed_at: iso(o.processedAt),
    cancelled_at: iso(o.cancelledAt),
    cancel_reason: lower(o.cancelReason),
    closed_at: iso(o.closedAt),
    currency: o.currency,
    presentment_currency: o.currency,
    financial_status: lower(o.financialStatus),
    fulfillment_status: fulfillment,
    subtotal_price: o.subtotal,
    total_tax: o.totalTax,
    total_discounts: o.totalDiscounts,
    total_price: o.totalPrice,
    current_total_price: o.currentTotalPrice,
    total_shipping_price_set: moneySet(o.totalShipping, o.currency),
    shipping_lines: o.shippingLines.map((l) => ({
      id: l.id,
      title: l.title,
      code: l.code,
      source: "shopify",
      price: l.price,
      price_set: moneySet(l.price, o.currency),
      discounted_price: l.price,
      discounted_price_set: moneySet(l.price, o.currency),
    })),
    // The app by id only, and no customer journey: REST orders do not carry them.
    app_id: o.channel.appId,
    source_name: o.channel.sourceName,
    shipping_address: o.shippingAddress && addressPayload(o.shippingAddress),
    billing_address: o.billingAddress && addressPayload(o.billingAddress),
    tags: o.tags.join(", "),
    note: o.note,
    test: o.test,
    customer: customer ? customerPayload(customer, o.currency) : null,
    line_items: o.lineItems.map((l) => ({
      id: l.id,
      admin_graphql_api_id: gid("LineItem", l.id),
      product_id: l.productId,
      variant_id: l.variantId,
      sku: l.sku,
      title: l.title,
      variant_title: l.variantTitle,
      name: l.variantTitle ? `${l.title} - ${l.variantTitle}` : l.title,
      vendor: l.vendor,
      quantity: l.quantity,
      current_quantity: l.currentQuantity,
      price: l.unitPrice,
      price_set: moneySet(l.unitPrice, o.currency),
      requires_shipping: l.requiresShipping,
      taxable: l.taxable,
    })),
    refunds: o.refunds.map((r) => ({
      id: r.id,
      admin_graphql_api_id: gid("Refund", r.id),
      order_id: o.id,
      created_at: iso(r.createdAt),
      processed_at: iso(r.createdAt),
      note: r.note,
      refund_line_items: r.lineItems.map((rl) => ({
        id: rl.id,
        line_item_id: rl.lineItemId,
        quantity: rl.quantity,
        restock_type: rl.restockType.toLowerCase(),
        subtotal: rl.subtotal,
        total_tax: rl.totalTax,
      })),
      transactions: o.transactions
        .filter((t) => t.kind === "REFUND" && t.processedAt === r.createdAt)
        .map((t) => ({ id: t.id, admin_graphql_api_id: gid("OrderTransaction", t.id), order_id: o.id, kind: "refund", status: lower(t.status), gateway: t.gateway, amount: t.amount, currency: o.currency, parent_id: t.parentId, processed_at: iso(t.processedAt) })),
    })),
  };
}

/**
 * Product webhooks carry the first 100 variants in full, and every variant's id and update time
 * in `variant_gids` (2024-04 on, for products with up to 2,048 variants):
 * https://shopify.dev/docs/api/admin/migrate/new-product-model
 */
const PRODUCT_WEBHOOK_VARIANTS = 100;

export function productPayload(p: ProductRecord, store: ShopStore): Payload {
  return {
    id: p.id,
    admin_graphql_api_id: gid("Product", p.id),
    title: p.title,
    handle: p.handle,
    vendor: p.vendor,
    product_type: p.productType,
    status: lower(p.status),
    tags: p.tags.join(", "),
    body_html: "",
    created_at: iso(p.createdAt),
    updated_at: iso(p.updatedAt),
    published_at: p.status === "ACTIVE" ? iso(p.createdAt) : null,
    variants: p.variants.slice(0, PRODUCT_WEBHOOK_VARIANTS).map((v) => ({
      id: v.id,
      admin_graphql_api_id: gid("ProductVariant", v.id),
      product_id: p.id,
      title: v.title,
      sku: v.sku,
      barcode: v.barcode,
      price: v.price,
      compare_at_price: v.compareAtPrice,
      position: v.position,
      inventory_item_id: v.inventoryItemId,
      inventory_quantity: store.inventoryLevelsForItem(v.inventoryItemId).reduce((sum, l) => sum + l.quantities.available, 0),
      created_at: iso(v.createdAt),
      updated_at: iso(v.updatedAt),
    })),
    variant_gids: p.variants.map((v) => ({ admin_graphql_api_id: gid("ProductVariant", v.id), updated_at: iso(v.updatedAt) })),
  };
}

export function inventoryLevelPayload(l: InventoryLevelRecord): Payload {
  return {
    inventory_item_id: l.inventoryItemId,
    location_id: l.locationId,
    available: l.quantities.available,
    updated_at: iso(l.updatedAt),
    admin_graphql_api_id: gid("InventoryLevel", `${l.locationId}?inventory_item_id=${l.inventoryItemId}`),
  };
}
