import { amountToCents, centsToAmount } from "../_kit/money";
import { rngFor, type Rng } from "../_kit/random";
import { generateAttribution } from "./generate-attribution";
import { generateAddresses } from "./generate-address";
import type {
  CustomerRecord,
  FinancialStatus,
  FulfillmentStatus,
  InventoryLevelRecord,
  LineItemRecord,
  LocationRecord,
  OrderRecord,
  ProductRecord,
  RefundRecord,
  TransactionRecord,
  VariantRecord,
} from "./records";

export interface Volume {
  orders: number;
  /** Default: a third of the orders (each customer has about three orders). */
  customers?: number;
  products?: number;
  locations?: number;
}

export interface GeneratorOptions {
  seed: number | string;
  volume: Volume;
  /** The generated history ends here (epoch ms); orders span the two years before it. */
  epoch: number;
  currency?: string;
}

const DAY = 86_400_000;
const HISTORY = 730 * DAY;

// Numeric id bases: far apart so every resource has a distinct, stable, Shopify-sized id.
export const ID_BASE = {
  order: 5_000_000_000,
  lineItem: 20_000_000_000,
  refund: 30_000_000_000,
  refundLineItem: 35_000_000_000,
  transaction: 40_000_000_000,
  customer: 7_000_000_000,
  product: 8_000_000_000,
  variant: 9_000_000_000,
  inventoryItem: 9_500_000_000,
  location: 70_000_000,
} as const;

const ADJECTIVES = ["Classic", "Organic", "Everyday", "Trail", "Studio", "Coastal", "Urban", "Heritage", "Alpine", "Nordic"];
const NOUNS = ["Tee", "Hoodie", "Mug", "Tote", "Cap", "Candle", "Notebook", "Bottle", "Scarf", "Socks", "Backpack", "Apron"];
const OPTIONS = ["Black / S", "Black / M", "Black / L", "White / M", "Navy / L", "Sand / XL"];
const VENDORS = ["Meridian Goods", "Northwind", "Acme Supply", "Blue Harbor"];
const TYPES = ["Apparel", "Home", "Accessories", "Stationery"];
const FIRST = ["Ada", "Grace", "Alan", "Linus", "Margaret", "Dennis", "Barbara", "Ken", "Frances", "Edsger", "Radia", "Tim"];
const LAST = ["Lovelace", "Hopper", "Turing", "Torvalds", "Hamilton", "Ritchie", "Liskov", "Thompson", "Allen", "Dijkstra", "Perlman", "Berners-Lee"];
const LOCATIONS = [
  ["Main Warehouse", "1 Dock Road", "Leeds", "GB", "LS1 1AA"],
  ["East Coast DC", "200 Harbor Ave", "Newark", "US", "07102"],
  ["Retail Store", "14 High Street", "Bristol", "GB", "BS1 4DJ"],
  ["West Coast DC", "88 Bay Blvd", "Oakland", "US", "94607"],
] as const;

/** The catalogue (products, variants, locations, stock) is small, so it is built whole. */
export interface Catalog {
  products: ProductRecord[];
  variants: VariantRecord[];
  locations: LocationRecord[];
  inventoryLevels: InventoryLevelRecord[];
}

export function resolvedVolume(volume: Volume): Required<Volume> {
  return {
    orders: volume.orders,
    customers: volume.customers ?? Math.max(1, Math.ceil(volume.orders / 3)),
    products: volume.products ?? 500,
    locations: volume.locations ?? 3,
  };
}

export function generateCatalog(opts: GeneratorOptions): Catalog {
  const volume = resolvedVolume(opts.volume);
  const start = opts.epoch - HISTORY - DAY;
  const locations: LocationRecord[] = [];
  for (let l = 0; l < volume.locations; l++) {
    const [name, address1, city, countryCode, zip] = LOCATIONS[l % LOCATIONS.length]!;
    locations.push({
      id: ID_BASE.location + l,
      name: l < LOCATIONS.length ? name : `${name} ${Math.floor(l / LOCATIONS.length) + 1}`,
      isActive: true,
      fulfillsOnlineOrders: l !== 2,
      address1,
      city,
      countryCode,
      zip,
      createdAt: start,
      updatedAt: start + DAY,
    });
  }
  const products: ProductRecord[] = [];
  const variants: VariantRecord[] = [];
  const inventoryLevels: InventoryLevelRecord[] = [];
  for (let p = 0; p < volume.products; p++) {
    const generated = generateProduct(opts, p, locations);
    products.push(generated.product);
    variants.push(...generated.product.variants);
    inventoryLevels.push(...generated.levels);
  }
  return { products, variants, locations, inventoryLevels };
}

/** Product `index` with its variants and a stock level per variant and location. */
export function generateProduct(
  opts: GeneratorOptions,
  p: number,
  locations: readonly LocationRecord[],
): { product: ProductRecord; levels: InventoryLevelRecord[] } {
  const start = opts.epoch - HISTORY - DAY;
  const levels: InventoryLevelRecord[] = [];
  const rng = rngFor(opts.seed, "product", p);
  const title = `${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)} ${p + 1}`;
  const createdAt = start + Math.floor(rng.next() * HISTORY * 0.5);
  const updatedAt = Math.min(opts.epoch, createdAt + Math.floor(rng.next() * HISTORY * 0.5));
  const count = rng.int(1, 5);
  const product: ProductRecord = {
    id: ID_BASE.product + p,
    title,
    handle: title.toLowerCase().replace(/[^a-z0-9]+/g, "-"),
    vendor: rng.pick(VENDORS),
    productType: rng.pick(TYPES),
    status: rng.chance(0.9) ? "ACTIVE" : rng.chance(0.5) ? "DRAFT" : "ARCHIVED",
    tags: rng.chance(0.3) ? ["bestseller"] : [],
    createdAt,
    updatedAt,
    variants: [],
  };
  const basePrice = rng.int(8, 120) * 100 - 1;
  for (let v = 0; v < count; v++) {
    const variant: VariantRecord = {
      id: ID_BASE.variant + p * 8 + v,
      productId: product.id,
      inventoryItemId: ID_BASE.inventoryItem + p * 8 + v,
      title: count === 1 ? "Default Title" : OPTIONS[v % OPTIONS.length]!,
      sku: rng.chance(0.97) ? `SKU-${p + 1}-${v + 1}` : null,
      barcode: rng.chance(0.5) ? String(4_000_000_000_000 + p * 8 + v) : null,
      price: centsToAmount(basePrice + v * 200),
      compareAtPrice: rng.chance(0.2) ? centsToAmount(basePrice + v * 200 + 1000) : null,
      position: v + 1,
      createdAt,
      updatedAt,
    };
    product.variants.push(variant);
    for (const location of locations) {
      const q = rngFor(opts.seed, "stock", `${variant.id}:${location.id}`);
      const onHand = q.int(0, 400);
      const committed = Math.min(onHand, q.int(0, 20));
      levels.push({
        inventoryItemId: variant.inventoryItemId,
        locationId: location.id,
        quantities: {
          on_hand: onHand,
          committed,
          available: onHand - committed,
          incoming: q.chance(0.2) ? q.int(10, 200) : 0,
          reserved: 0,
          damaged: 0,
          quality_control: 0,
          safety_stock: 0,
        },
        createdAt,
        updatedAt: Math.min(opts.epoch, updatedAt + q.int(0, 30) * DAY),
      });
    }
  }
  return { product, levels };
}

export function orderCreatedAt(opts: GeneratorOptions, index: number): number {
  const volume = resolvedVolume(opts.volume);
  const slot = HISTORY / Math.max(1, volume.orders);
  const jitter = rngFor(opts.seed, "order-time", index).next();
  return Math.floor(opts.epoch - HISTORY - DAY + (index + jitter) * slot);
}

export function orderCustomerIndex(opts: GeneratorOptions, index: number): number | null {
  if (index % 11 === 5) return null;
  return index % resolvedVolume(opts.volume).customers;
}

function pickLineCount(rng: Rng): number {
  const r = rng.next();
  return r < 0.15 ? 1 : r < 0.4 ? 2 : r < 0.65 ? 3 : r < 0.85 ? 4 : 5;
}

export function generateOrder(opts: GeneratorOptions, catalog: Catalog, index: number): OrderRecord {
  const rng = rngFor(opts.seed, "order", index);
  const id = ID_BASE.order + index;
  const createdAt = orderCreatedAt(opts, index);
  const delayKind = rng.next();
  const delay =
    delayKind < 0.6 ? rng.next() * 3_600_000 : delayKind < 0.9 ? rng.next() * 5 * DAY : rng.next() * 30 * DAY;
  let updatedAt = Math.min(opts.epoch, Math.floor(createdAt + delay));
  const customerIndex = orderCustomerIndex(opts, index);
  const customerId = customerIndex === null ? null : ID_BASE.customer + customerIndex;

  const lineItems: LineItemRecord[] = [];
  const lines = pickLineCount(rng);
  const discounted = rng.chance(0.1);
  let subtotalCents = 0;
  let discountCents = 0;
  for (let j = 0; j < lines; j++) {
    const custom = catalog.variants.length === 0 || rng.chance(0.02);
    const variant = custom ? null : rng.pick(catalog.variants);
    const product = variant ? catalog.products[(variant.productId - ID_BASE.product) | 0] ?? null : null;
    const unitCents = variant ? Math.round(Number(variant.price) * 100) : rng.int(5, 50) * 100;
    const discountedCents = discounted ? Math.round(unitCents * 0.9) : unitCents;
    const quantity = rng.chance(0.8) ? 1 : rng.int(2, 4);
    subtotalCents += discountedCents * quantity;
    discountCents += (unitCents - discountedCents) * quantity;
    lineItems.push({
      id: ID_BASE.lineItem + index * 8 + j,
      productId: product?.id ?? null,
      variantId: variant?.id ?? null,
      sku: variant?.sku ?? null,
      title: product?.title ?? "Custom item",
      variantTitle: variant && variant.title !== "Default Title" ? variant.title : null,
      vendor: product?.vendor ?? null,
      quantity,
      currentQuantity: quantity,
      unitPrice: centsToAmount(unitCents),
      discountedUnitPrice: centsToAmount(discountedCents),
      requiresShipping: true,
      taxable: true,
    });
  }
  const taxCents = Math.round(subtotalCents * 0.08);
  const attribution = generateAttribution(opts.seed, index, createdAt, subtotalCents);
  const shippingCents = amountToCents(attribution.totalShipping);
  const totalCents = subtotalCents + taxCents + shippingCents;

  const cancelled = rng.chance(0.03);
  let financialStatus: FinancialStatus;
  const fr = rng.next();
  if (cancelled) financialStatus = rng.chance(0.5) ? "VOIDED" : "REFUNDED";
  else financialStatus = fr < 0.86 ? "PAID" : fr < 0.89 ? "PENDING" : fr < 0.91 ? "AUTHORIZED" : fr < 0.97 ? "PARTIALLY_REFUNDED" : "REFUNDED";

  const refunds: RefundRecord[] = [];
  let refundedCents = 0;
  if (financialStatus === "PARTIALLY_REFUNDED" || financialStatus === "REFUNDED") {
    const refundAt = Math.min(opts.epoch, createdAt + Math.floor(rng.next() * 10 * DAY));
    updatedAt = Math.max(updatedAt, refundAt);
    const targets = financialStatus === "REFUNDED" ? lineItems : lineItems.slice(0, 1);
    const refund: RefundRecord = { id: ID_BASE.refund + index * 4, createdAt: refundAt, note: null, total: "0.00", lineItems: [] };
    for (const [j, line] of targets.entries()) {
      const qty = financialStatus === "REFUNDED" ? line.quantity : 1;
      const lineCents = Math.round(Number(line.discountedUnitPrice) * 100) * qty;
      const lineTax = Math.round(lineCents * 0.08);
      refundedCents += lineCents + lineTax;
      line.currentQuantity -= qty;
      refund.lineItems.push({
        id: ID_BASE.refundLineItem + index * 8 + j,
        lineItemId: line.id,
        quantity: qty,
        restockType: cancelled ? "CANCEL" : "RETURN",
        subtotal: centsToAmount(lineCents),
        totalTax: centsToAmount(lineTax),
      });
    }
    // A full refund returns the shipping too.
    if (financialStatus === "REFUNDED") refundedCents += shippingCents;
    refund.total = centsToAmount(refundedCents);
    refunds.push(refund);
  }

  const transactions: TransactionRecord[] = [];
  const gateway = rng.chance(0.8) ? "shopify_payments" : "paypal";
  const saleKind = financialStatus === "AUTHORIZED" || financialStatus === "VOIDED" ? "AUTHORIZATION" : "SALE";
  transactions.push({
    id: ID_BASE.transaction + index * 4,
    kind: saleKind,
    status: financialStatus === "PENDING" ? "PENDING" : "SUCCESS",
    gateway,
    processedAt: createdAt,
    amount: centsToAmount(totalCents),
    parentId: null,
  });
  if (financialStatus === "VOIDED") {
    transactions.push({ id: ID_BASE.transaction + index * 4 + 1, kind: "VOID", status: "SUCCESS", gateway, processedAt: createdAt + 60_000, amount: centsToAmount(totalCents), parentId: transactions[0]!.id });
  }
  for (const [r, refund] of refunds.entries()) {
    transactions.push({ id: ID_BASE.transaction + index * 4 + 2 + r, kind: "REFUND", status: "SUCCESS", gateway, processedAt: refund.createdAt, amount: refund.total, parentId: transactions[0]!.id });
  }

  const cancelledAt = cancelled ? Math.min(opts.epoch, createdAt + Math.floor(rng.next() * 2 * DAY)) : null;
  if (cancelledAt !== null) updatedAt = Math.max(updatedAt, cancelledAt);
  const ageDays = (opts.epoch - createdAt) / DAY;
  let fulfillmentStatus: FulfillmentStatus = "UNFULFILLED";
  if (!cancelled) fulfillmentStatus = ageDays > 7 ? "FULFILLED" : rng.chance(0.3) ? "PARTIALLY_FULFILLED" : "UNFULFILLED";
  const closedAt = cancelledAt ?? (fulfillmentStatus === "FULFILLED" && financialStatus === "PAID" ? updatedAt : null);
  const customerRng = customerIndex === null ? null : rngFor(opts.seed, "customer", customerIndex);
  const email = customerRng ? customerEmail(customerIndex!, customerRng) : rng.chance(0.5) ? `guest${index}@example.com` : null;

  return {
    id,
    orderNumber: 1001 + index,
    name: `#${1001 + index}`,
    email,
    phone: null,
    createdAt,
    updatedAt,
    processedAt: createdAt - 1000,
    cancelledAt,
    cancelReason: cancelled ? rng.pick(["CUSTOMER", "FRAUD", "INVENTORY", "DECLINED", "OTHER"] as const) : null,
    closedAt,
    financialStatus,
    fulfillmentStatus,
    currency: opts.currency ?? "USD",
    customerId,
    subtotal: centsToAmount(subtotalCents),
    totalTax: centsToAmount(taxCents),
    totalDiscounts: centsToAmount(discountCents),
    totalPrice: centsToAmount(totalCents),
    currentTotalPrice: centsToAmount(totalCents - refundedCents),
    totalRefunded: centsToAmount(refundedCents),
    ...attribution,
    ...generateAddresses(opts.seed, index, attribution.shippingLines.length > 0),
    tags: rng.chance(0.1) ? ["wholesale"] : [],
    note: null,
    test: false,
    lineItems,
    refunds,
    transactions,
  };
}

function customerEmail(index: number, rng: Rng): string {
  // Drawn first from the customer's own stream so orders and customers agree on it.
  const first = FIRST[Math.floor(rng.next() * FIRST.length)]!;
  return `${first.toLowerCase()}.${index}@example.com`;
}

export function generateCustomer(opts: GeneratorOptions, index: number): CustomerRecord {
  const rng = rngFor(opts.seed, "customer", index);
  const email = customerEmail(index, rng);
  const firstName = email.slice(0, 1).toUpperCase() + email.slice(1, email.indexOf("."));
  const lastName = rng.pick(LAST);
  const createdAt = orderCreatedAt(opts, index) - Math.floor(rng.next() * 30 * DAY);
  return {
    id: ID_BASE.customer + index,
    firstName,
    lastName,
    email,
    phone: rng.chance(0.4) ? `+1555${String(1_000_000 + index).slice(-7)}` : null,
    state: rng.chance(0.7) ? "ENABLED" : "DISABLED",
    tags: rng.chance(0.1) ? ["vip"] : [],
    note: null,
    createdAt,
    updatedAt: Math.min(opts.epoch, createdAt + Math.floor(rng.next() * 400 * DAY)),
  };
}
