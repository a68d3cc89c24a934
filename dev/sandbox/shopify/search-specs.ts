import type { SearchSpec } from "./search-query";
import type { CustomerSummary, OrderSummary, ProductSummary } from "./store";
import type { DeletionEventRecord, InventoryLevelRecord, LocationRecord, VariantRecord } from "./records";

/** The `query:` fields each resource understands (a subset of Shopify's, covering what a sync filters on). */
export const orderSearch: SearchSpec<OrderSummary> = {
  defaultFields: ["name", "email"],
  fields: {
    id: { kind: "number", get: (o) => o.id },
    created_at: { kind: "date", get: (o) => o.createdAt },
    updated_at: { kind: "date", get: (o) => o.updatedAt },
    processed_at: { kind: "date", get: (o) => o.processedAt },
    name: { kind: "string", get: (o) => [o.name, o.name.replace(/^#/, "")] },
    email: { kind: "string", get: (o) => o.email },
    status: { kind: "string", get: (o) => [o.status, "any"] },
    financial_status: { kind: "string", get: (o) => o.financialStatus.toLowerCase() },
    fulfillment_status: {
      kind: "string",
      get: (o) => {
        const s = o.fulfillmentStatus.toLowerCase();
        return s === "fulfilled" ? [s, "shipped"] : s === "partially_fulfilled" ? [s, "partial"] : [s, "unshipped"];
      },
    },
    customer_id: { kind: "number", get: (o) => o.customerId },
    tag: { kind: "string", get: (o) => o.tags },
    test: { kind: "boolean", get: (o) => o.test },
  },
};

export const customerSearch: SearchSpec<CustomerSummary> = {
  defaultFields: ["email", "first_name", "last_name"],
  fields: {
    id: { kind: "number", get: (c) => c.id },
    created_at: { kind: "date", get: (c) => c.createdAt },
    updated_at: { kind: "date", get: (c) => c.updatedAt },
    email: { kind: "string", get: (c) => c.email },
    first_name: { kind: "string", get: (c) => c.firstName },
    last_name: { kind: "string", get: (c) => c.lastName },
    state: { kind: "string", get: (c) => c.state.toLowerCase() },
  },
};

export const productSearch: SearchSpec<ProductSummary> = {
  defaultFields: ["title"],
  fields: {
    id: { kind: "number", get: (p) => p.id },
    created_at: { kind: "date", get: (p) => p.createdAt },
    updated_at: { kind: "date", get: (p) => p.updatedAt },
    title: { kind: "string", get: (p) => p.title },
    status: { kind: "string", get: (p) => p.status.toLowerCase() },
    vendor: { kind: "string", get: (p) => p.vendor },
    product_type: { kind: "string", get: (p) => p.productType },
    tag: { kind: "string", get: (p) => p.tags },
  },
};

export const variantSearch: SearchSpec<VariantRecord> = {
  defaultFields: ["title", "sku"],
  fields: {
    id: { kind: "number", get: (v) => v.id },
    product_id: { kind: "number", get: (v) => v.productId },
    created_at: { kind: "date", get: (v) => v.createdAt },
    updated_at: { kind: "date", get: (v) => v.updatedAt },
    sku: { kind: "string", get: (v) => v.sku },
    title: { kind: "string", get: (v) => v.title },
  },
};

export const inventoryItemSearch: SearchSpec<VariantRecord> = {
  defaultFields: ["sku"],
  fields: {
    id: { kind: "number", get: (v) => v.inventoryItemId },
    created_at: { kind: "date", get: (v) => v.createdAt },
    updated_at: { kind: "date", get: (v) => v.updatedAt },
    sku: { kind: "string", get: (v) => v.sku },
  },
};

export const locationSearch: SearchSpec<LocationRecord> = {
  defaultFields: ["name"],
  fields: {
    id: { kind: "number", get: (l) => l.id },
    name: { kind: "string", get: (l) => l.name },
    active: { kind: "boolean", get: (l) => l.isActive },
  },
};

export const deletionEventSearch: SearchSpec<DeletionEventRecord> = {
  defaultFields: [],
  fields: {
    occurred_at: { kind: "date", get: (e) => e.occurredAt },
    subject_type: { kind: "string", get: (e) => e.subjectType.toLowerCase() },
  },
};

export const inventoryLevelSearch: SearchSpec<InventoryLevelRecord> = {
  defaultFields: [],
  fields: {
    updated_at: { kind: "date", get: (l) => l.updatedAt },
    created_at: { kind: "date", get: (l) => l.createdAt },
    inventory_item_id: { kind: "number", get: (l) => l.inventoryItemId },
    location_id: { kind: "number", get: (l) => l.locationId },
  },
};
