import { GraphQLError } from "graphql";
import { LazyConnection, listConnection, type ConnectionArgs } from "./connection";
import { gid, iso } from "./gid";
import { centsToAmount } from "./money";
import type {
  CustomerRecord,
  InventoryLevelRecord,
  InventoryQuantities,
  LineItemRecord,
  LocationRecord,
  OrderRecord,
  ProductRecord,
  RefundRecord,
  TransactionRecord,
  VariantRecord,
} from "./records";
import type { ShopStore } from "./store";

/**
 * GraphQL views of the records: plain objects whose fields are values, or methods taking the
 * field's arguments (graphql-js' default resolver calls them; so does the bulk executor).
 * `__typename` resolves interfaces (Node) and unions.
 */
export interface ViewContext {
  store: ShopStore;
  currency: string;
  /** Pages a connection for normal queries; hands the whole connection to the bulk executor. */
  paginate<T>(connection: LazyConnection<T>, args: ConnectionArgs): unknown;
  /** Without `read_all_orders` only the last 60 days of orders are visible. */
  orderVisible(order: { createdAt: number }): boolean;
}

export type View = { __typename: string } & Record<string, unknown>;

export function money(amount: string, currencyCode: string): View {
  return { __typename: "MoneyV2", amount, currencyCode };
}

export function moneyBag(amount: string, currencyCode: string): View {
  const m = money(amount, currencyCode);
  return { __typename: "MoneyBag", shopMoney: m, presentmentMoney: m };
}

export const QUANTITY_NAMES = ["available", "on_hand", "committed", "incoming", "reserved", "damaged", "quality_control", "safety_stock"] as const;

export function orderView(ctx: ViewContext, o: OrderRecord): View {
  const c = o.currency;
  const lineItemsById = new Map(o.lineItems.map((l) => [l.id, l]));
  const lineView = (l: LineItemRecord) => lineItemView(ctx, o, l);
  return {
    __typename: "Order",
    id: gid("Order", o.id),
    legacyResourceId: String(o.id),
    name: o.name,
    email: o.email,
    phone: o.phone,
    createdAt: iso(o.createdAt),
    updatedAt: iso(o.updatedAt),
    processedAt: iso(o.processedAt),
    cancelledAt: iso(o.cancelledAt),
    cancelReason: o.cancelReason,
    closed: o.closedAt !== null,
    closedAt: iso(o.closedAt),
    confirmed: true,
    currencyCode: c,
    presentmentCurrencyCode: c,
    displayFinancialStatus: o.financialStatus,
    displayFulfillmentStatus: o.fulfillmentStatus,
    fullyPaid: o.financialStatus === "PAID",
    note: o.note,
    tags: o.tags,
    test: o.test,
    sourceName: "web",
    subtotalPriceSet: moneyBag(o.subtotal, c),
    totalTaxSet: moneyBag(o.totalTax, c),
    totalDiscountsSet: moneyBag(o.totalDiscounts, c),
    totalPriceSet: moneyBag(o.totalPrice, c),
    currentTotalPriceSet: moneyBag(o.currentTotalPrice, c),
    totalRefundedSet: moneyBag(o.totalRefunded, c),
    customer: () => {
      const customer = o.customerId === null ? undefined : ctx.store.customers.get(o.customerId);
      return customer ? customerView(ctx, customer) : null;
    },
    lineItems: (args: ConnectionArgs) => ctx.paginate(listConnection(o.lineItems, lineView, (l) => l.id), args),
    refunds: (args: { first?: number | null }) =>
      o.refunds.slice(0, args.first ?? undefined).map((r) => refundView(ctx, o, r, (id) => {
        const line = lineItemsById.get(id);
        return line ? lineView(line) : null;
      })),
    transactions: (args: { first?: number | null }) => o.transactions.slice(0, args.first ?? undefined).map((t) => transactionView(o, t)),
  };
}

function lineItemView(ctx: ViewContext, o: OrderRecord, l: LineItemRecord): View {
  const c = o.currency;
  const cents = (amount: string, qty: number) => centsToAmount(Math.round(Number(amount) * 100) * qty);
  return {
    __typename: "LineItem",
    id: gid("LineItem", l.id),
    name: l.variantTitle ? `${l.title} - ${l.variantTitle}` : l.title,
    title: l.title,
    variantTitle: l.variantTitle,
    sku: l.sku,
    vendor: l.vendor,
    quantity: l.quantity,
    currentQuantity: l.currentQuantity,
    refundableQuantity: l.currentQuantity,
    unfulfilledQuantity: o.fulfillmentStatus === "FULFILLED" ? 0 : l.currentQuantity,
    requiresShipping: l.requiresShipping,
    taxable: l.taxable,
    isGiftCard: false,
    originalUnitPriceSet: moneyBag(l.unitPrice, c),
    discountedUnitPriceSet: moneyBag(l.discountedUnitPrice, c),
    originalTotalSet: moneyBag(cents(l.unitPrice, l.quantity), c),
    discountedTotalSet: () => moneyBag(cents(l.discountedUnitPrice, l.quantity), c),
    totalDiscountSet: moneyBag(centsToAmount((Math.round(Number(l.unitPrice) * 100) - Math.round(Number(l.discountedUnitPrice) * 100)) * l.quantity), c),
    product: () => {
      const p = l.productId === null ? undefined : ctx.store.products.get(l.productId);
      return p ? productView(ctx, p) : null;
    },
    variant: () => {
      const v = l.variantId === null ? undefined : ctx.store.variant(l.variantId);
      return v ? variantView(ctx, v) : null;
    },
  };
}

function refundView(ctx: ViewContext, o: OrderRecord, r: RefundRecord, lineItem: (id: number) => View | null): View {
  const c = o.currency;
  return {
    __typename: "Refund",
    id: gid("Refund", r.id),
    legacyResourceId: String(r.id),
    createdAt: iso(r.createdAt),
    processedAt: iso(r.createdAt),
    updatedAt: iso(r.createdAt),
    note: r.note,
    totalRefundedSet: moneyBag(r.total, c),
    order: () => orderView(ctx, o),
    refundLineItems: (args: ConnectionArgs) =>
      ctx.paginate(
        listConnection(
          r.lineItems,
          (rl) => ({
            __typename: "RefundLineItem",
            id: gid("RefundLineItem", rl.id),
            quantity: rl.quantity,
            restockType: rl.restockType,
            restocked: rl.restockType !== "NO_RESTOCK",
            lineItem: lineItem(rl.lineItemId),
            subtotalSet: moneyBag(rl.subtotal, c),
            totalTaxSet: moneyBag(rl.totalTax, c),
            priceSet: moneyBag(centsToAmount(Math.round((Number(rl.subtotal) * 100) / Math.max(1, rl.quantity))), c),
          }),
          (rl) => rl.id,
        ),
        args,
      ),
    transactions: (args: ConnectionArgs) =>
      ctx.paginate(
        listConnection(o.transactions.filter((t) => t.kind === "REFUND" && t.processedAt === r.createdAt), (t) => transactionView(o, t), (t) => t.id),
        args,
      ),
  };
}

function transactionView(o: OrderRecord, t: TransactionRecord): View {
  const parent = t.parentId === null ? undefined : o.transactions.find((x) => x.id === t.parentId);
  return {
    __typename: "OrderTransaction",
    id: gid("OrderTransaction", t.id),
    kind: t.kind,
    status: t.status,
    gateway: t.gateway,
    formattedGateway: t.gateway === "shopify_payments" ? "Shopify Payments" : "PayPal",
    processedAt: iso(t.processedAt),
    createdAt: iso(t.processedAt),
    test: o.test,
    manualPaymentGateway: false,
    amountSet: moneyBag(t.amount, o.currency),
    parentTransaction: () => (parent ? transactionView(o, parent) : null),
  };
}

export function customerView(ctx: ViewContext, c: CustomerRecord): View {
  const stats = () => ctx.store.customerStats(c.id);
  return {
    __typename: "Customer",
    id: gid("Customer", c.id),
    legacyResourceId: String(c.id),
    firstName: c.firstName,
    lastName: c.lastName,
    displayName: [c.firstName, c.lastName].filter(Boolean).join(" ") || c.email || "",
    email: c.email,
    phone: c.phone,
    defaultEmailAddress: c.email ? { __typename: "CustomerEmailAddress", emailAddress: c.email, validFormat: true } : null,
    defaultPhoneNumber: c.phone ? { __typename: "CustomerPhoneNumber", phoneNumber: c.phone } : null,
    state: c.state,
    tags: c.tags,
    note: c.note,
    verifiedEmail: c.email !== null,
    taxExempt: false,
    createdAt: iso(c.createdAt),
    updatedAt: iso(c.updatedAt),
    numberOfOrders: () => String(stats().numberOfOrders),
    amountSpent: () => money(centsToAmount(stats().amountSpentCents), ctx.currency),
  };
}

export function productView(ctx: ViewContext, p: ProductRecord): View {
  return {
    __typename: "Product",
    id: gid("Product", p.id),
    legacyResourceId: String(p.id),
    title: p.title,
    handle: p.handle,
    vendor: p.vendor,
    productType: p.productType,
    status: p.status,
    tags: p.tags,
    descriptionHtml: "",
    isGiftCard: false,
    hasOnlyDefaultVariant: p.variants.length === 1 && p.variants[0]!.title === "Default Title",
    createdAt: iso(p.createdAt),
    updatedAt: iso(p.updatedAt),
    publishedAt: p.status === "ACTIVE" ? iso(p.createdAt) : null,
    totalInventory: () => p.variants.reduce((sum, v) => sum + availableAt(ctx, v.inventoryItemId), 0),
    variants: (args: ConnectionArgs) => ctx.paginate(listConnection(p.variants, (v) => variantView(ctx, v, p), (v) => v.id), args),
  };
}

function availableAt(ctx: ViewContext, inventoryItemId: number): number {
  return ctx.store.inventoryLevelsForItem(inventoryItemId).reduce((sum, l) => sum + l.quantities.available, 0);
}

export function variantView(ctx: ViewContext, v: VariantRecord, product?: ProductRecord): View {
  return {
    __typename: "ProductVariant",
    id: gid("ProductVariant", v.id),
    legacyResourceId: String(v.id),
    title: v.title,
    displayName: () => `${(product ?? ctx.store.products.get(v.productId))?.title ?? ""} - ${v.title}`,
    sku: v.sku,
    barcode: v.barcode,
    price: v.price,
    compareAtPrice: v.compareAtPrice,
    position: v.position,
    taxable: true,
    availableForSale: true,
    inventoryPolicy: "DENY",
    createdAt: iso(v.createdAt),
    updatedAt: iso(v.updatedAt),
    inventoryQuantity: () => availableAt(ctx, v.inventoryItemId),
    product: () => {
      const p = product ?? ctx.store.products.get(v.productId);
      return p ? productView(ctx, p) : null;
    },
    inventoryItem: () => inventoryItemView(ctx, v),
  };
}

export function inventoryItemView(ctx: ViewContext, v: VariantRecord): View {
  const levelView = (l: InventoryLevelRecord) => inventoryLevelView(ctx, l);
  return {
    __typename: "InventoryItem",
    id: gid("InventoryItem", v.inventoryItemId),
    legacyResourceId: String(v.inventoryItemId),
    sku: v.sku,
    tracked: true,
    requiresShipping: true,
    duplicateSkuCount: 0,
    createdAt: iso(v.createdAt),
    updatedAt: iso(v.updatedAt),
    variant: () => variantView(ctx, v),
    inventoryLevels: (args: ConnectionArgs) =>
      ctx.paginate(
        new LazyConnection({ items: () => ctx.store.inventoryLevelsForItem(v.inventoryItemId), key: (l) => l.locationId, id: (l) => l.locationId, toNode: levelView }),
        args,
      ),
    inventoryLevel: (args: { locationId: string }) => {
      const level = ctx.store.inventoryLevel(v.inventoryItemId, numericId(args.locationId));
      return level ? levelView(level) : null;
    },
  };
}

export function inventoryLevelView(ctx: ViewContext, l: InventoryLevelRecord): View {
  const suffix = `${l.locationId}?inventory_item_id=${l.inventoryItemId}`;
  return {
    __typename: "InventoryLevel",
    id: gid("InventoryLevel", suffix),
    isActive: true,
    canDeactivate: false,
    createdAt: iso(l.createdAt),
    updatedAt: iso(l.updatedAt),
    item: () => {
      const v = ctx.store.variantByInventoryItem(l.inventoryItemId);
      return v ? inventoryItemView(ctx, v) : null;
    },
    location: () => {
      const location = ctx.store.location(l.locationId);
      return location ? locationView(ctx, location) : null;
    },
    quantities: (args: { names: string[] }) =>
      args.names.map((name) => {
        if (!(QUANTITY_NAMES as readonly string[]).includes(name)) {
          throw new GraphQLError(`The quantity name '${name}' is not valid. Valid names are: ${QUANTITY_NAMES.join(", ")}.`, { extensions: { code: "BAD_REQUEST" } });
        }
        return {
          __typename: "InventoryQuantity",
          id: gid("InventoryQuantity", `${suffix}&name=${name}`),
          name,
          quantity: l.quantities[name as keyof InventoryQuantities],
          updatedAt: iso(l.updatedAt),
        };
      }),
  };
}

export function locationView(ctx: ViewContext, l: LocationRecord): View {
  const levelView = (level: InventoryLevelRecord) => inventoryLevelView(ctx, level);
  return {
    __typename: "Location",
    id: gid("Location", l.id),
    legacyResourceId: String(l.id),
    name: l.name,
    isActive: l.isActive,
    isPrimary: l.id === ctx.store.locations[0]?.id,
    fulfillsOnlineOrders: l.fulfillsOnlineOrders,
    shipsInventory: true,
    hasActiveInventory: true,
    isFulfillmentService: false,
    createdAt: iso(l.createdAt),
    updatedAt: iso(l.updatedAt),
    address: {
      __typename: "LocationAddress",
      address1: l.address1,
      address2: null,
      city: l.city,
      province: null,
      provinceCode: null,
      countryCode: l.countryCode,
      country: l.countryCode === "GB" ? "United Kingdom" : "United States",
      zip: l.zip,
      phone: null,
      formatted: [l.address1, `${l.city} ${l.zip}`, l.countryCode],
    },
    inventoryLevels: (args: ConnectionArgs) =>
      ctx.paginate(
        new LazyConnection({ items: () => ctx.store.inventoryLevelsAtLocation(l.id), key: (x) => x.inventoryItemId, id: (x) => x.inventoryItemId, toNode: levelView }),
        args,
      ),
    inventoryLevel: (args: { inventoryItemId: string }) => {
      const level = ctx.store.inventoryLevel(numericId(args.inventoryItemId), l.id);
      return level ? levelView(level) : null;
    },
  };
}

/** The numeric part of a GID argument (`gid://shopify/Location/12` → 12). */
export function numericId(value: string): number {
  const match = /(\d+)(?:\?.*)?$/.exec(value);
  return match ? Number(match[1]) : NaN;
}
