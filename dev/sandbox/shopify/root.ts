import { GraphQLError } from "graphql";
import { LazyConnection, type ConnectionArgs } from "./connection";
import { searchMatcher as matcher, type ExecContext } from "./exec-context";
import { gid, iso, parseGid } from "./gid";
import type { DeletionEventRecord, LocationRecord } from "./records";
import type { CustomerSummary, OrderSummary, ProductSummary } from "./store";
import { shopifyPaymentsAccountView } from "./payouts-view";
import { accessDeniedError, hasScope } from "./scopes";
import {
  customerSearch,
  deletionEventSearch,
  inventoryItemSearch,
  locationSearch,
  orderSearch,
  productSearch,
  variantSearch,
} from "./search-specs";
import {
  customerView,
  inventoryItemView,
  inventoryLevelView,
  locationView,
  numericId,
  orderView,
  productView,
  refundView,
  variantView,
  type View,
} from "./views";

type ListArgs = ConnectionArgs & { query?: string | null; sortKey?: string | null };

function sortKeyOf<S>(sortKey: string | null | undefined, keys: Record<string, (s: S) => number | string>): [string, (s: S) => number | string] {
  const name = sortKey ?? "ID";
  const key = keys[name];
  if (!key) throw new GraphQLError(`The sandbox does not support sortKey ${name} here; use one of ${Object.keys(keys).join(", ")}.`, { extensions: { code: "BAD_REQUEST" } });
  return [name, key];
}

function require(ctx: ExecContext, field: string, scope: string): void {
  if (!hasScope(ctx.scopes, scope)) throw accessDeniedError(field, scope);
}

const SCHEMA_DELETION_TYPES = new Set(["PRODUCT", "COLLECTION"]);

/** The root Query and Mutation objects for one request. */
export function queryRoot(ctx: ExecContext): Record<string, unknown> {
  const { store, shop } = ctx;
  return {
    shop: () => shop.shopView(),
    orders: (args: ListArgs) => {
      const [name, key] = sortKeyOf<OrderSummary>(args.sortKey, { ID: (s) => s.id, ORDER_NUMBER: (s) => s.id, CREATED_AT: (s) => s.createdAt, UPDATED_AT: (s) => s.updatedAt, PROCESSED_AT: (s) => s.processedAt });
      const match = matcher(args.query, orderSearch);
      return ctx.paginate(
        new LazyConnection({
          items: () => store.orders.sortedBy(name, key),
          key,
          id: (s) => s.id,
          filter: (s) => ctx.orderVisible(s) && match(s),
          toNode: (s) => orderView(ctx, store.orders.get(s.id)!),
        }),
        args,
      );
    },
    order: (args: { id: string }) => nodeById(ctx, args.id, "Order"),
    customers: (args: ListArgs) => {
      const [name, key] = sortKeyOf<CustomerSummary>(args.sortKey, {
        ID: (s) => s.id,
        CREATED_AT: (s) => s.createdAt,
        UPDATED_AT: (s) => s.updatedAt,
        NAME: (s) => `${s.firstName ?? ""} ${s.lastName ?? ""}`.toLowerCase(),
      });
      const match = matcher(args.query, customerSearch);
      return ctx.paginate(
        new LazyConnection({ items: () => store.customers.sortedBy(name, key), key, id: (s) => s.id, filter: match, toNode: (s) => customerView(ctx, store.customers.get(s.id)!) }),
        args,
      );
    },
    customer: (args: { id: string }) => nodeById(ctx, args.id, "Customer"),
    products: (args: ListArgs) => {
      const [name, key] = sortKeyOf<ProductSummary>(args.sortKey, { ID: (s) => s.id, CREATED_AT: (s) => s.createdAt, UPDATED_AT: (s) => s.updatedAt, TITLE: (s) => s.title.toLowerCase() });
      const match = matcher(args.query, productSearch);
      return ctx.paginate(
        new LazyConnection({ items: () => store.products.sortedBy(name, key), key, id: (s) => s.id, filter: match, toNode: (s) => productView(ctx, store.products.get(s.id)!) }),
        args,
      );
    },
    product: (args: { id: string }) => nodeById(ctx, args.id, "Product"),
    productVariants: (args: ListArgs) => {
      sortKeyOf(args.sortKey, { ID: (v: { id: number }) => v.id });
      const match = matcher(args.query, variantSearch);
      return ctx.paginate(new LazyConnection({ items: () => store.variants(), key: (v) => v.id, id: (v) => v.id, filter: match, toNode: (v) => variantView(ctx, v) }), args);
    },
    productVariant: (args: { id: string }) => nodeById(ctx, args.id, "ProductVariant"),
    locations: (args: ListArgs & { includeInactive?: boolean | null }) => {
      const [, key] = sortKeyOf<LocationRecord>(args.sortKey, { ID: (l) => l.id, NAME: (l) => l.name.toLowerCase() });
      const match = matcher(args.query, locationSearch);
      const sorted = [...store.locations].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id - b.id));
      return ctx.paginate(
        new LazyConnection({ items: () => sorted, key, id: (l) => l.id, filter: (l) => (l.isActive || !!args.includeInactive) && match(l), toNode: (l) => locationView(ctx, l) }),
        args,
      );
    },
    location: (args: { id?: string | null }) => (args.id ? nodeById(ctx, args.id, "Location") : locationView(ctx, store.locations[0]!)),
    inventoryItems: (args: ListArgs) => {
      const match = matcher(args.query, inventoryItemSearch);
      return ctx.paginate(
        new LazyConnection({ items: () => store.variants(), key: (v) => v.inventoryItemId, id: (v) => v.inventoryItemId, filter: match, toNode: (v) => inventoryItemView(ctx, v) }),
        args,
      );
    },
    inventoryItem: (args: { id: string }) => nodeById(ctx, args.id, "InventoryItem"),
    inventoryLevel: (args: { id: string }) => nodeById(ctx, args.id, "InventoryLevel"),
    refund: (args: { id: string }) => nodeById(ctx, args.id, "Refund"),
    deletionEvents: (args: ListArgs & { subjectTypes?: string[] | null }) => {
      const [, key] = sortKeyOf(args.sortKey, { ID: (e: DeletionEventRecord) => e.seq, CREATED_AT: (e: DeletionEventRecord) => e.occurredAt });
      const match = matcher(args.query, deletionEventSearch);
      const types = args.subjectTypes?.length ? new Set(args.subjectTypes) : SCHEMA_DELETION_TYPES;
      return ctx.paginate(
        new LazyConnection({
          items: () => store.deletionEvents,
          key,
          id: (e) => e.seq,
          filter: (e) => SCHEMA_DELETION_TYPES.has(e.subjectType) && types.has(e.subjectType) && match(e),
          toNode: (e): View => ({ __typename: "DeletionEvent", subjectId: String(e.subjectId), subjectType: e.subjectType, occurredAt: iso(e.occurredAt) }),
        }),
        args,
      );
    },
    shopifyPaymentsAccount: () => shopifyPaymentsAccountView(ctx),
    node: (args: { id: string }) => nodeById(ctx, args.id),
    nodes: (args: { ids: string[] }) => {
      if (args.ids.length > 250) throw new GraphQLError("The maximum number of ids is 250.", { extensions: { code: "BAD_REQUEST" } });
      return args.ids.map((id) => nodeById(ctx, id));
    },
    currentAppInstallation: () => ({
      __typename: "AppInstallation",
      id: gid("AppInstallation", shop.shopId),
      accessScopes: [...ctx.scopes].sort().map((handle) => ({ __typename: "AccessScope", handle, description: handle.replace(/_/g, " ") })),
      launchUrl: `${shop.origin}/admin/apps/sandbox`,
      uninstallUrl: null,
      activeSubscriptions: [],
    }),
    webhookSubscriptions: (args: ConnectionArgs & { topics?: string[] | null; uri?: string | null }) =>
      ctx.paginate(shop.subscriptions.connection(args.topics ?? null, args.uri ?? null), args),
    bulkOperation: (args: { id: string }) => nodeById(ctx, args.id, "BulkOperation"),
    currentBulkOperation: (args: { type?: "QUERY" | "MUTATION" | null }) => shop.bulk.current(args.type ?? "QUERY"),

    // Mutations share the root object: graphql-js resolves both from the same rootValue.
    webhookSubscriptionCreate: (args: { topic: string; webhookSubscription: Record<string, unknown> }) => shop.subscriptions.create(args.topic, args.webhookSubscription),
    webhookSubscriptionDelete: (args: { id: string }) => shop.subscriptions.delete(args.id),
    bulkOperationRunQuery: (args: { query: string; groupObjects: boolean }) => shop.bulk.run(args.query, ctx.scopes, args.groupObjects),
    bulkOperationCancel: (args: { id: string }) => shop.bulk.cancel(args.id),
  };
}

/** node(id:) and the typed single-record fields; `expected` narrows to one type (else null). */
export function nodeById(ctx: ExecContext, id: string, expected?: string): View | null {
  const parsed = parseGid(id);
  if (!parsed || (expected && parsed.type !== expected)) {
    if (expected && !parsed) throw new GraphQLError(`Invalid global id '${id}'`, { extensions: { code: "argumentLiteralsIncompatible" } });
    return null;
  }
  const { store, shop } = ctx;
  const scoped = (scope: string) => require(ctx, expected ? expected.charAt(0).toLowerCase() + expected.slice(1) : "node", scope);
  switch (parsed.type) {
    case "Order": {
      scoped("read_orders");
      const o = store.orders.get(parsed.id);
      return o && ctx.orderVisible(o) ? orderView(ctx, o) : null;
    }
    case "Refund": {
      scoped("read_orders");
      const found = store.refund(parsed.id);
      return found && ctx.orderVisible(found.order) ? refundView(ctx, found.order, found.refund) : null;
    }
    case "Customer": {
      scoped("read_customers");
      const c = store.customers.get(parsed.id);
      return c ? customerView(ctx, c) : null;
    }
    case "Product": {
      scoped("read_products");
      const p = store.products.get(parsed.id);
      return p ? productView(ctx, p) : null;
    }
    case "ProductVariant": {
      scoped("read_products");
      const v = store.variant(parsed.id);
      return v ? variantView(ctx, v) : null;
    }
    case "InventoryItem": {
      scoped("read_inventory");
      const v = store.variantByInventoryItem(parsed.id);
      return v ? inventoryItemView(ctx, v) : null;
    }
    case "InventoryLevel": {
      scoped("read_inventory");
      const level = store.inventoryLevel(numericId(parsed.query.get("inventory_item_id") ?? ""), parsed.id);
      return level ? inventoryLevelView(ctx, level) : null;
    }
    case "Location": {
      scoped("read_locations");
      const l = store.location(parsed.id);
      return l ? locationView(ctx, l) : null;
    }
    case "BulkOperation":
      return shop.bulk.view(parsed.id);
    case "WebhookSubscription":
      return shop.subscriptions.view(parsed.id);
    default:
      return null;
  }
}
