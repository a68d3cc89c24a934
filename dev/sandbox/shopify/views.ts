import { GraphQLError } from "graphql";
import { LazyConnection, listConnection, type ConnectionArgs } from "./connection";
import { gid, iso } from "./gid";
import { centsToAmount } from "../_kit/money";
import { nameParts } from "./generate-address";
import type {
  CustomerRecord,
  InventoryLevelRecord,
  InventoryQuantities,
  LineItemRecord,
  LocationRecord,
  MailingAddressRecord,
  OrderRecord,
  ProductRecord,
  RefundLineItemRecord,
  RefundRecord,
  ShippingLineRecord,
  TransactionRecord,
  VariantRecord,
  VisitRecord,
} from "./records";
import type { SearchSpec } from "./search-query";
import { inventoryLevelSearch } from "./search-specs";
import type { ShopStore } from "./store";

/**
 * GraphQL views of the records. A field is a getter (computed only when selected) or a method
 * taking the field's arguments; graphql-js' default resolution and the bulk executor both read
 * them as `source[field]`. Classes rather than object literals: a bulk run builds hundreds of
 * thousands of views, and per-view closures dominated its time. `__typename` resolves interfaces.
 */
export interface ViewContext {
  store: ShopStore;
  currency: string;
  /** Pages a connection for normal queries; hands the whole connection to the bulk executor. */
  paginate<T>(connection: LazyConnection<T>, args: ConnectionArgs): unknown;
  /** Without `read_all_orders` only the last 60 days of orders are visible. */
  orderVisible(order: { createdAt: number }): boolean;
  /** Compiles a `query:` argument (search syntax errors become GraphQL errors). */
  search<T>(query: string | null | undefined, spec: SearchSpec<T>): (item: T) => boolean;
}

export type View = { __typename: string } & Record<string, unknown>;

const asView = (value: object): View => value as View;

export function money(amount: string, currencyCode: string): View {
  return { __typename: "MoneyV2", amount, currencyCode };
}

export function moneyBag(amount: string, currencyCode: string): View {
  const m = money(amount, currencyCode);
  return { __typename: "MoneyBag", shopMoney: m, presentmentMoney: m };
}

const times = (amount: string, quantity: number) => centsToAmount(Math.round(Number(amount) * 100) * quantity);

export const QUANTITY_NAMES = ["available", "on_hand", "committed", "incoming", "reserved", "damaged", "quality_control", "safety_stock"] as const;

class OrderView {
  constructor(
    readonly ctx: ViewContext,
    readonly o: OrderRecord,
  ) {}
  get __typename() { return "Order"; }
  get id() { return gid("Order", this.o.id); }
  get legacyResourceId() { return String(this.o.id); }
  get name() { return this.o.name; }
  get email() { return this.o.email; }
  get phone() { return this.o.phone; }
  get createdAt() { return iso(this.o.createdAt); }
  get updatedAt() { return iso(this.o.updatedAt); }
  get processedAt() { return iso(this.o.processedAt); }
  get cancelledAt() { return iso(this.o.cancelledAt); }
  get cancelReason() { return this.o.cancelReason; }
  get closed() { return this.o.closedAt !== null; }
  get closedAt() { return iso(this.o.closedAt); }
  get confirmed() { return true; }
  get currencyCode() { return this.o.currency; }
  get presentmentCurrencyCode() { return this.o.currency; }
  get displayFinancialStatus() { return this.o.financialStatus; }
  get displayFulfillmentStatus() { return this.o.fulfillmentStatus; }
  get fullyPaid() { return this.o.financialStatus === "PAID"; }
  get note() { return this.o.note; }
  get tags() { return this.o.tags; }
  get test() { return this.o.test; }
  get sourceName() { return this.o.channel.sourceName; }
  get app() { return { __typename: "OrderApp", id: gid("App", this.o.channel.appId), name: this.o.channel.appName }; }
  get customerJourneySummary() { return this.o.journey && journeySummary(this.o.journey.lastVisit); }
  get shippingAddress() { return this.o.shippingAddress && mailingAddressView(this.o.id, "shipping", this.o.shippingAddress); }
  get billingAddress() { return this.o.billingAddress && mailingAddressView(this.o.id, "billing", this.o.billingAddress); }
  get billingAddressMatchesShippingAddress() { return JSON.stringify(this.o.billingAddress) === JSON.stringify(this.o.shippingAddress); }
  get totalShippingPriceSet() { return moneyBag(this.o.totalShipping, this.o.currency); }
  get subtotalPriceSet() { return moneyBag(this.o.subtotal, this.o.currency); }
  get totalTaxSet() { return moneyBag(this.o.totalTax, this.o.currency); }
  get totalDiscountsSet() { return moneyBag(this.o.totalDiscounts, this.o.currency); }
  get totalPriceSet() { return moneyBag(this.o.totalPrice, this.o.currency); }
  get currentTotalPriceSet() { return moneyBag(this.o.currentTotalPrice, this.o.currency); }
  get totalRefundedSet() { return moneyBag(this.o.totalRefunded, this.o.currency); }
  get customer() {
    const customer = this.o.customerId === null ? undefined : this.ctx.store.customers.get(this.o.customerId);
    return customer ? customerView(this.ctx, customer) : null;
  }
  lineItems(args: ConnectionArgs) {
    return this.ctx.paginate(listConnection(this.o.lineItems, (l) => new LineItemView(this.ctx, this.o, l), (l) => l.id), args);
  }
  refunds(args: { first?: number | null }) {
    return this.o.refunds.slice(0, args.first ?? undefined).map((r) => new RefundView(this.ctx, this.o, r));
  }
  transactions(args: { first?: number | null }) {
    return this.o.transactions.slice(0, args.first ?? undefined).map((t) => new TransactionView(this.o, t));
  }
  shippingLines(args: ConnectionArgs) {
    return this.ctx.paginate(listConnection(this.o.shippingLines, (l) => shippingLineView(this.o, l), (l) => l.id), args);
  }
}

function mailingAddressView(orderId: number, kind: "shipping" | "billing", a: MailingAddressRecord): View {
  return {
    __typename: "MailingAddress",
    id: gid("MailingAddress", `${orderId}-${kind}`),
    ...a,
    ...nameParts(a),
    countryCodeV2: a.countryCode,
    formatted: [a.company, a.address1, a.address2, [a.city, a.provinceCode, a.zip].filter(Boolean).join(" "), a.country].filter((line): line is string => Boolean(line)),
    formattedArea: [a.city, a.province, a.country].filter(Boolean).join(", ") || null,
    latitude: null,
    longitude: null,
    coordinatesValidated: false,
    timeZone: null,
    validationResultSummary: null,
  };
}

function shippingLineView(o: OrderRecord, l: ShippingLineRecord): View {
  const price = moneyBag(l.price, o.currency);
  return { __typename: "ShippingLine", id: gid("ShippingLine", l.id), title: l.title, code: l.code, source: "shopify", custom: false, isRemoved: false, originalPriceSet: price, discountedPriceSet: price };
}

/** Shopify has attributed every sandbox order (`ready`); its one recorded visit is first and last. */
function journeySummary(visit: VisitRecord | null): View {
  const view = visit && {
    __typename: "CustomerVisit",
    id: gid("CustomerVisit", visit.occurredAt),
    occurredAt: iso(visit.occurredAt),
    source: visit.source,
    sourceType: visit.sourceType,
    sourceDescription: null,
    referralInfoHtml: "",
    utmParameters: visit.utmSource === null && visit.utmMedium === null ? null : { __typename: "UTMParameters", source: visit.utmSource, medium: visit.utmMedium, campaign: null, content: null, term: null },
  };
  return { __typename: "CustomerJourneySummary", ready: true, firstVisit: view, lastVisit: view, daysToConversion: visit ? 0 : null };
}

class LineItemView {
  constructor(
    readonly ctx: ViewContext,
    readonly o: OrderRecord,
    readonly l: LineItemRecord,
  ) {}
  get __typename() { return "LineItem"; }
  get id() { return gid("LineItem", this.l.id); }
  get name() { return this.l.variantTitle ? `${this.l.title} - ${this.l.variantTitle}` : this.l.title; }
  get title() { return this.l.title; }
  get variantTitle() { return this.l.variantTitle; }
  get sku() { return this.l.sku; }
  get vendor() { return this.l.vendor; }
  get quantity() { return this.l.quantity; }
  get currentQuantity() { return this.l.currentQuantity; }
  get refundableQuantity() { return this.l.currentQuantity; }
  get unfulfilledQuantity() { return this.o.fulfillmentStatus === "FULFILLED" ? 0 : this.l.currentQuantity; }
  get requiresShipping() { return this.l.requiresShipping; }
  get taxable() { return this.l.taxable; }
  get isGiftCard() { return false; }
  get originalUnitPriceSet() { return moneyBag(this.l.unitPrice, this.o.currency); }
  get discountedUnitPriceSet() { return moneyBag(this.l.discountedUnitPrice, this.o.currency); }
  get originalTotalSet() { return moneyBag(times(this.l.unitPrice, this.l.quantity), this.o.currency); }
  discountedTotalSet() { return moneyBag(times(this.l.discountedUnitPrice, this.l.quantity), this.o.currency); }
  get totalDiscountSet() {
    const perUnit = Math.round(Number(this.l.unitPrice) * 100) - Math.round(Number(this.l.discountedUnitPrice) * 100);
    return moneyBag(centsToAmount(perUnit * this.l.quantity), this.o.currency);
  }
  get product() {
    const p = this.l.productId === null ? undefined : this.ctx.store.products.get(this.l.productId);
    return p ? productView(this.ctx, p) : null;
  }
  get variant() {
    const v = this.l.variantId === null ? undefined : this.ctx.store.variant(this.l.variantId);
    return v ? variantView(this.ctx, v) : null;
  }
}

class RefundView {
  constructor(
    readonly ctx: ViewContext,
    readonly o: OrderRecord,
    readonly r: RefundRecord,
  ) {}
  get __typename() { return "Refund"; }
  get id() { return gid("Refund", this.r.id); }
  get legacyResourceId() { return String(this.r.id); }
  get createdAt() { return iso(this.r.createdAt); }
  get processedAt() { return iso(this.r.createdAt); }
  get updatedAt() { return iso(this.r.createdAt); }
  get note() { return this.r.note; }
  get totalRefundedSet() { return moneyBag(this.r.total, this.o.currency); }
  get order() { return orderView(this.ctx, this.o); }
  refundLineItems(args: ConnectionArgs) {
    return this.ctx.paginate(listConnection(this.r.lineItems, (rl) => new RefundLineItemView(this.ctx, this.o, rl), (rl) => rl.id), args);
  }
  transactions(args: ConnectionArgs) {
    const own = this.o.transactions.filter((t) => t.kind === "REFUND" && t.processedAt === this.r.createdAt);
    return this.ctx.paginate(listConnection(own, (t) => new TransactionView(this.o, t), (t) => t.id), args);
  }
}

class RefundLineItemView {
  constructor(
    readonly ctx: ViewContext,
    readonly o: OrderRecord,
    readonly rl: RefundLineItemRecord,
  ) {}
  get __typename() { return "RefundLineItem"; }
  get id() { return gid("RefundLineItem", this.rl.id); }
  get quantity() { return this.rl.quantity; }
  get restockType() { return this.rl.restockType; }
  get restocked() { return this.rl.restockType !== "NO_RESTOCK"; }
  get lineItem() {
    const line = this.o.lineItems.find((l) => l.id === this.rl.lineItemId);
    return line ? new LineItemView(this.ctx, this.o, line) : null;
  }
  get subtotalSet() { return moneyBag(this.rl.subtotal, this.o.currency); }
  get totalTaxSet() { return moneyBag(this.rl.totalTax, this.o.currency); }
  get priceSet() { return moneyBag(centsToAmount(Math.round((Number(this.rl.subtotal) * 100) / Math.max(1, this.rl.quantity))), this.o.currency); }
}

class TransactionView {
  constructor(
    readonly o: OrderRecord,
    readonly t: TransactionRecord,
  ) {}
  get __typename() { return "OrderTransaction"; }
  get id() { return gid("OrderTransaction", this.t.id); }
  get kind() { return this.t.kind; }
  get status() { return this.t.status; }
  get gateway() { return this.t.gateway; }
  get formattedGateway() { return this.t.gateway === "shopify_payments" ? "Shopify Payments" : "PayPal"; }
  get processedAt() { return iso(this.t.processedAt); }
  get createdAt() { return iso(this.t.processedAt); }
  get test() { return this.o.test; }
  get manualPaymentGateway() { return false; }
  get amountSet() { return moneyBag(this.t.amount, this.o.currency); }
  get parentTransaction(): TransactionView | null {
    const parent = this.t.parentId === null ? undefined : this.o.transactions.find((x) => x.id === this.t.parentId);
    return parent ? new TransactionView(this.o, parent) : null;
  }
}

class CustomerView {
  constructor(
    readonly ctx: ViewContext,
    readonly c: CustomerRecord,
  ) {}
  get __typename() { return "Customer"; }
  get id() { return gid("Customer", this.c.id); }
  get legacyResourceId() { return String(this.c.id); }
  get firstName() { return this.c.firstName; }
  get lastName() { return this.c.lastName; }
  get displayName() { return [this.c.firstName, this.c.lastName].filter(Boolean).join(" ") || this.c.email || ""; }
  get email() { return this.c.email; }
  get phone() { return this.c.phone; }
  get defaultEmailAddress() { return this.c.email ? { __typename: "CustomerEmailAddress", emailAddress: this.c.email, validFormat: true } : null; }
  get defaultPhoneNumber() { return this.c.phone ? { __typename: "CustomerPhoneNumber", phoneNumber: this.c.phone } : null; }
  get state() { return this.c.state; }
  get tags() { return this.c.tags; }
  get note() { return this.c.note; }
  get verifiedEmail() { return this.c.email !== null; }
  get taxExempt() { return false; }
  get createdAt() { return iso(this.c.createdAt); }
  get updatedAt() { return iso(this.c.updatedAt); }
  get numberOfOrders() { return String(this.ctx.store.customerStats(this.c.id).numberOfOrders); }
  get amountSpent() { return money(centsToAmount(this.ctx.store.customerStats(this.c.id).amountSpentCents), this.ctx.currency); }
}

class ProductView {
  constructor(
    readonly ctx: ViewContext,
    readonly p: ProductRecord,
  ) {}
  get __typename() { return "Product"; }
  get id() { return gid("Product", this.p.id); }
  get legacyResourceId() { return String(this.p.id); }
  get title() { return this.p.title; }
  get handle() { return this.p.handle; }
  get vendor() { return this.p.vendor; }
  get productType() { return this.p.productType; }
  get status() { return this.p.status; }
  get tags() { return this.p.tags; }
  get descriptionHtml() { return ""; }
  get isGiftCard() { return false; }
  get hasOnlyDefaultVariant() { return this.p.variants.length === 1 && this.p.variants[0]!.title === "Default Title"; }
  get createdAt() { return iso(this.p.createdAt); }
  get updatedAt() { return iso(this.p.updatedAt); }
  get publishedAt() { return this.p.status === "ACTIVE" ? iso(this.p.createdAt) : null; }
  get totalInventory() { return this.p.variants.reduce((sum, v) => sum + availableAt(this.ctx, v.inventoryItemId), 0); }
  variants(args: ConnectionArgs) {
    return this.ctx.paginate(listConnection(this.p.variants, (v) => new VariantView(this.ctx, v, this.p), (v) => v.id), args);
  }
}

function availableAt(ctx: ViewContext, inventoryItemId: number): number {
  return ctx.store.inventoryLevelsForItem(inventoryItemId).reduce((sum, l) => sum + l.quantities.available, 0);
}

class VariantView {
  constructor(
    readonly ctx: ViewContext,
    readonly v: VariantRecord,
    readonly knownProduct?: ProductRecord,
  ) {}
  private get productRecord() { return this.knownProduct ?? this.ctx.store.products.get(this.v.productId); }
  get __typename() { return "ProductVariant"; }
  get id() { return gid("ProductVariant", this.v.id); }
  get legacyResourceId() { return String(this.v.id); }
  get title() { return this.v.title; }
  get displayName() { return `${this.productRecord?.title ?? ""} - ${this.v.title}`; }
  get sku() { return this.v.sku; }
  get barcode() { return this.v.barcode; }
  get price() { return this.v.price; }
  get compareAtPrice() { return this.v.compareAtPrice; }
  get position() { return this.v.position; }
  get taxable() { return true; }
  get availableForSale() { return true; }
  get inventoryPolicy() { return "DENY"; }
  get createdAt() { return iso(this.v.createdAt); }
  get updatedAt() { return iso(this.v.updatedAt); }
  get inventoryQuantity() { return availableAt(this.ctx, this.v.inventoryItemId); }
  get product() {
    const p = this.productRecord;
    return p ? productView(this.ctx, p) : null;
  }
  get inventoryItem() { return inventoryItemView(this.ctx, this.v); }
}

class InventoryItemView {
  constructor(
    readonly ctx: ViewContext,
    readonly v: VariantRecord,
  ) {}
  get __typename() { return "InventoryItem"; }
  get id() { return gid("InventoryItem", this.v.inventoryItemId); }
  get legacyResourceId() { return String(this.v.inventoryItemId); }
  get sku() { return this.v.sku; }
  get tracked() { return true; }
  get requiresShipping() { return true; }
  get duplicateSkuCount() { return 0; }
  get createdAt() { return iso(this.v.createdAt); }
  get updatedAt() { return iso(this.v.updatedAt); }
  get variant() { return variantView(this.ctx, this.v); }
  inventoryLevels(args: ConnectionArgs & { query?: string | null }) {
    const ctx = this.ctx;
    const itemId = this.v.inventoryItemId;
    const filter = ctx.search(args.query, inventoryLevelSearch);
    return ctx.paginate(
      new LazyConnection({ items: () => ctx.store.inventoryLevelsForItem(itemId), key: (l) => l.locationId, id: (l) => l.locationId, filter, toNode: (l) => inventoryLevelView(ctx, l) }),
      args,
    );
  }
  inventoryLevel(args: { locationId: string }) {
    const level = this.ctx.store.inventoryLevel(this.v.inventoryItemId, numericId(args.locationId));
    return level ? inventoryLevelView(this.ctx, level) : null;
  }
}

class InventoryLevelView {
  constructor(
    readonly ctx: ViewContext,
    readonly l: InventoryLevelRecord,
  ) {}
  private get suffix() { return `${this.l.locationId}?inventory_item_id=${this.l.inventoryItemId}`; }
  get __typename() { return "InventoryLevel"; }
  get id() { return gid("InventoryLevel", this.suffix); }
  get isActive() { return true; }
  get canDeactivate() { return false; }
  get createdAt() { return iso(this.l.createdAt); }
  get updatedAt() { return iso(this.l.updatedAt); }
  get item() {
    const v = this.ctx.store.variantByInventoryItem(this.l.inventoryItemId);
    return v ? inventoryItemView(this.ctx, v) : null;
  }
  get location() {
    const location = this.ctx.store.location(this.l.locationId);
    return location ? locationView(this.ctx, location) : null;
  }
  quantities(args: { names: string[] }) {
    return args.names.map((name) => {
      if (!(QUANTITY_NAMES as readonly string[]).includes(name)) {
        throw new GraphQLError(`The quantity name '${name}' is not valid. Valid names are: ${QUANTITY_NAMES.join(", ")}.`, { extensions: { code: "BAD_REQUEST" } });
      }
      return {
        __typename: "InventoryQuantity",
        id: gid("InventoryQuantity", `${this.suffix}&name=${name}`),
        name,
        quantity: this.l.quantities[name as keyof InventoryQuantities],
        updatedAt: iso(this.l.updatedAt),
      };
    });
  }
}

class LocationView {
  constructor(
    readonly ctx: ViewContext,
    readonly l: LocationRecord,
  ) {}
  get __typename() { return "Location"; }
  get id() { return gid("Location", this.l.id); }
  get legacyResourceId() { return String(this.l.id); }
  get name() { return this.l.name; }
  get isActive() { return this.l.isActive; }
  get isPrimary() { return this.l.id === this.ctx.store.locations[0]?.id; }
  get fulfillsOnlineOrders() { return this.l.fulfillsOnlineOrders; }
  get shipsInventory() { return true; }
  get hasActiveInventory() { return true; }
  get isFulfillmentService() { return false; }
  get createdAt() { return iso(this.l.createdAt); }
  get updatedAt() { return iso(this.l.updatedAt); }
  get address() {
    const l = this.l;
    return {
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
    };
  }
  inventoryLevels(args: ConnectionArgs & { query?: string | null }) {
    const ctx = this.ctx;
    const locationId = this.l.id;
    const filter = ctx.search(args.query, inventoryLevelSearch);
    return ctx.paginate(
      new LazyConnection({ items: () => ctx.store.inventoryLevelsAtLocation(locationId), key: (x) => x.inventoryItemId, id: (x) => x.inventoryItemId, filter, toNode: (x) => inventoryLevelView(ctx, x) }),
      args,
    );
  }
  inventoryLevel(args: { inventoryItemId: string }) {
    const level = this.ctx.store.inventoryLevel(numericId(args.inventoryItemId), this.l.id);
    return level ? inventoryLevelView(this.ctx, level) : null;
  }
}

export const orderView = (ctx: ViewContext, o: OrderRecord) => asView(new OrderView(ctx, o));
export const refundView = (ctx: ViewContext, o: OrderRecord, r: RefundRecord) => asView(new RefundView(ctx, o, r));
export const customerView = (ctx: ViewContext, c: CustomerRecord) => asView(new CustomerView(ctx, c));
export const productView = (ctx: ViewContext, p: ProductRecord) => asView(new ProductView(ctx, p));
export const variantView = (ctx: ViewContext, v: VariantRecord) => asView(new VariantView(ctx, v));
export const inventoryItemView = (ctx: ViewContext, v: VariantRecord) => asView(new InventoryItemView(ctx, v));
export const inventoryLevelView = (ctx: ViewContext, l: InventoryLevelRecord) => asView(new InventoryLevelView(ctx, l));
export const locationView = (ctx: ViewContext, l: LocationRecord) => asView(new LocationView(ctx, l));

/** The numeric part of a GID argument (`gid://shopify/Location/12` → 12). */
export function numericId(value: string): number {
  const match = /(\d+)(?:\?.*)?$/.exec(value);
  return match ? Number(match[1]) : NaN;
}
