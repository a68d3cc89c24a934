import { z } from "zod";

// The REST-shaped webhook bodies (numeric ids, snake_case, lower-case enum values, money as decimal
// strings in the shop's currency next to optional `*_set` bags), one schema per kind of body: the
// intake refuses a body that does not fit its topic's (400), and processing reads the stored body
// with the same one, so a delivery the intake accepted is always one processing can map. Objects
// are loose (unknown keys pass; the body is stored as delivered); what the mapping does not read
// is not required.

const id = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]).transform(String);
const decimal = z.union([z.string().regex(/^-?\d+(\.\d+)?$/), z.number().finite()]).transform((v) => (typeof v === "number" ? String(v) : v));
const timestamp = z.string().refine((v) => !Number.isNaN(Date.parse(v)), "not a date-time").transform((v) => new Date(v).toISOString());
export const moneyBag = z.looseObject({ shop_money: z.looseObject({ amount: decimal, currency_code: z.string().min(3) }) });
// Empty strings stand for "none" in REST payloads (sku, barcode, vendor, ...).
const text = z.string().nullish().transform((v) => (v ? v : null));
const upper = z.string().nullish().transform((v) => (v ? v.toUpperCase() : null));
// REST tags are one comma-separated string; GraphQL gives a list.
const tags = z
  .union([z.string(), z.array(z.string())])
  .nullish()
  .transform((v) => (Array.isArray(v) ? v : (v ?? "").split(",")).map((t) => t.trim()).filter(Boolean));

export const transactionPayload = z.looseObject({
  id,
  parent_id: id.nullish(),
  kind: z.string(),
  status: z.string(),
  gateway: z.string().nullish(),
  amount: decimal,
  currency: z.string().nullish(),
  processed_at: timestamp.nullish(),
});

// An order's address; latitude, longitude and the split first/last names are not read.
const mailingAddress = z.looseObject({
  name: text,
  company: text,
  address1: text,
  address2: text,
  city: text,
  province: text,
  province_code: text,
  zip: text,
  country: text,
  country_code: text,
  phone: text,
});

export const orderPayload = z.looseObject({
  id,
  name: z.string(),
  email: text,
  customer: z.looseObject({ id }).nullish(),
  financial_status: z.string().nullish(),
  fulfillment_status: z.string().nullish(),
  currency: z.string().min(3),
  // The buyer's currency: a transaction's `amount` is in it (REST gives transactions no shop money).
  presentment_currency: z.string().nullish(),
  subtotal_price: decimal.nullish(),
  subtotal_price_set: moneyBag.nullish(),
  total_tax: decimal.nullish(),
  total_tax_set: moneyBag.nullish(),
  total_discounts: decimal.nullish(),
  total_discounts_set: moneyBag.nullish(),
  total_price: decimal,
  total_price_set: moneyBag.nullish(),
  current_total_price: decimal.nullish(),
  current_total_price_set: moneyBag.nullish(),
  total_shipping_price_set: moneyBag.nullish(),
  source_name: text,
  // The app that created the order, by id only (GraphQL's `app` has its name).
  app_id: id.nullish(),
  shipping_address: mailingAddress.nullish(),
  billing_address: mailingAddress.nullish(),
  tags,
  test: z.boolean().nullish(),
  processed_at: timestamp.nullish(),
  cancelled_at: timestamp.nullish(),
  cancel_reason: upper,
  closed_at: timestamp.nullish(),
  created_at: timestamp,
  updated_at: timestamp,
  line_items: z.array(
    z.looseObject({
      id,
      product_id: id.nullish(),
      variant_id: id.nullish(),
      sku: text,
      title: z.string(),
      variant_title: text,
      quantity: z.number().int(),
      current_quantity: z.number().int().nullish(),
      price: decimal,
      price_set: moneyBag.nullish(),
      discount_allocations: z.array(z.looseObject({ amount: decimal, amount_set: moneyBag.nullish() })).nullish(),
    }),
  ),
  refunds: z
    .array(
      z.looseObject({
        id,
        created_at: timestamp.nullish(),
        processed_at: timestamp.nullish(),
        note: text,
        refund_line_items: z.array(
          z.looseObject({
            line_item_id: id,
            quantity: z.number().int(),
            restock_type: upper,
            subtotal: decimal,
            subtotal_set: moneyBag.nullish(),
            total_tax: decimal.nullish(),
            total_tax_set: moneyBag.nullish(),
          }),
        ),
        transactions: z.array(transactionPayload).nullish(),
      }),
    )
    .nullish(),
  // Order webhooks do not carry the order's transactions; a payload that does (a future version,
  // or include_fields) has them all.
  transactions: z.array(transactionPayload).nullish(),
});

export const customerPayload = z.looseObject({
  id,
  email: text,
  first_name: text,
  last_name: text,
  phone: text,
  state: upper,
  tags,
  orders_count: z.number().int().nullish(),
  total_spent: decimal.nullish(),
  currency: z.string().nullish(),
  created_at: timestamp,
  updated_at: timestamp,
});

export const productPayload = z.looseObject({
  id,
  title: z.string(),
  handle: text,
  vendor: text,
  product_type: text,
  status: z.string().transform((v) => v.toUpperCase()),
  tags,
  // Null in Shopify's own products/create example, and so in what `webhook trigger` sends.
  created_at: timestamp.nullish(),
  updated_at: timestamp,
  variants: z.array(
    z.looseObject({
      id,
      inventory_item_id: id.nullish(),
      title: z.string(),
      sku: text,
      barcode: text,
      price: decimal,
      compare_at_price: decimal.nullish(),
      position: z.number().int().nullish(),
      updated_at: timestamp.nullish(),
    }),
  ),
  // Every variant's id (2024-04 on), where `variants` holds at most the first 100.
  variant_gids: z.array(z.union([z.string(), z.looseObject({ admin_graphql_api_id: z.string() })])).nullish(),
});

export const inventoryLevelPayload = z.looseObject({
  inventory_item_id: id,
  location_id: id,
  available: z.number().int().nullable(),
  updated_at: timestamp,
});

// Delete topics carry the id only (customers/delete adds blanked fields and its gid).
export const deletionPayload = z.looseObject({ id });

// The shop comes from the X-Shopify-Shop-Domain header: its domains in the body may be null.
export const uninstalledPayload = z.looseObject({ id, myshopify_domain: z.string().nullish(), domain: z.string().nullish() });

const complianceCustomer = z.looseObject({ id, email: text, phone: text });
const compliance = { shop_id: id, shop_domain: z.string() };

export const dataRequestPayload = z.looseObject({
  ...compliance,
  customer: complianceCustomer,
  orders_requested: z.array(id),
  data_request: z.looseObject({ id }),
});

export const customerRedactPayload = z.looseObject({ ...compliance, customer: complianceCustomer, orders_to_redact: z.array(id) });

export const shopRedactPayload = z.looseObject(compliance);

export type MoneyBagPayload = z.output<typeof moneyBag>;
export type TransactionPayload = z.output<typeof transactionPayload>;
export type OrderPayload = z.output<typeof orderPayload>;
export type CustomerPayload = z.output<typeof customerPayload>;
export type ProductPayload = z.output<typeof productPayload>;
export type InventoryLevelPayload = z.output<typeof inventoryLevelPayload>;
export type DeletionPayload = z.output<typeof deletionPayload>;
export type DataRequestPayload = z.output<typeof dataRequestPayload>;
export type CustomerRedactPayload = z.output<typeof customerRedactPayload>;
