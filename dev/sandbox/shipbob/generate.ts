// The demo ShipBob account, generated from a seed: the same seed and epoch give the same account.
// Its catalogue and orders mirror the sandbox Shopify's (same generator, same seed), as a brand
// whose store feeds ShipBob: most SKUs in both systems, some in one only.
import { rngFor } from "../_kit/random";
import { generateCatalog, generateOrder, resolvedVolume, type Catalog, type GeneratorOptions as ShopifyGeneratorOptions } from "../shopify/generate";
import { CHANNEL_READ_SCOPES, CHANNEL_WRITE_SCOPES } from "./config";
import { DAY, SHIPMENT_STEPS, type ReceivingRecord, type ReceivingStatus, type ShipmentRecord } from "./lifecycle";

export interface Volume {
  orders: number;
  products: number;
  /** Fulfilment centres (at most CENTRES.length). */
  centres: number;
  /** Default: a tenth of the orders. */
  returns?: number;
  /** Default: two per centre. */
  receivingOrders?: number;
}

export interface GeneratorOptions {
  seed: string | number;
  /** The generated history ends here (epoch ms). */
  epoch: number;
  volume: Volume;
  /** The sandbox Shopify shop whose SKUs and orders this account fulfils. */
  shopify: ShopifyGeneratorOptions;
}

export const ID_BASE = { product: 1_000_000, variant: 2_000_000, inventory: 3_000_000, order: 400_000_000, shipment: 500_000_000, return: 60_000, receiving: 700_000 } as const;

/** A channel as the account holds it: an installation of an application (developer.shipbob.com, GET channel). */
export interface ChannelRecord {
  id: number;
  name: string;
  application_name: string;
  /** What a token seeing the channel may do on it. */
  scopes: readonly string[];
}

/** Made with the account; orders entered in ShipBob's dashboard come from it. */
export const SHIPBOB_DEFAULT_CHANNEL: ChannelRecord = { id: 100_001, name: "ShipBob Default", application_name: "ShipBob", scopes: CHANNEL_READ_SCOPES };
/** The store integration the orders come from: a third party's channel, read-only to other applications. */
export const STORE_CHANNEL: ChannelRecord = { id: 100_002, name: "meridian-demo.myshopify.com", application_name: "Shopify", scopes: CHANNEL_READ_SCOPES };
/** ShipBob's single-merchant application ("SMA"), made with the first personal access token: every PAT of the account acts on it. */
export const PAT_CHANNEL: ChannelRecord = { id: 100_003, name: "PAT Channel", application_name: "SMA", scopes: [...CHANNEL_READ_SCOPES, ...CHANNEL_WRITE_SCOPES] };
/** The account's channels before any OAuth app is installed, in creation (id) order; OAuth installations follow. */
export const CHANNELS = [SHIPBOB_DEFAULT_CHANNEL, STORE_CHANNEL, PAT_CHANNEL] as const;

export interface Centre {
  id: number;
  name: string;
  abbreviation: string;
  address1: string;
  city: string;
  state: string;
  zip: string;
  timezone: string;
}

/** Real ShipBob sites, by city and state; the street addresses are made up. */
const CENTRES: Centre[] = [
  { id: 8, name: "Cicero (IL)", abbreviation: "CIC", address1: "5900 W Ogden Ave", city: "Cicero", state: "IL", zip: "60804", timezone: "Central Standard Time" },
  { id: 10, name: "Moreno Valley (CA)", abbreviation: "MOV", address1: "17800 Perris Blvd", city: "Moreno Valley", state: "CA", zip: "92551", timezone: "Pacific Standard Time" },
  { id: 15, name: "Bethlehem (PA)", abbreviation: "BTH", address1: "3500 Commerce Center Blvd", city: "Bethlehem", state: "PA", zip: "18015", timezone: "Eastern Standard Time" },
  { id: 21, name: "Dallas (TX)", abbreviation: "DAL", address1: "4900 Mountain Creek Pkwy", city: "Dallas", state: "TX", zip: "75236", timezone: "Central Standard Time" },
  { id: 26, name: "Atlanta (GA)", abbreviation: "ATL", address1: "1200 Westpark Dr", city: "Atlanta", state: "GA", zip: "30336", timezone: "Eastern Standard Time" },
  { id: 31, name: "Salt Lake City (UT)", abbreviation: "SLC", address1: "2300 S 5370 W", city: "Salt Lake City", state: "UT", zip: "84120", timezone: "Mountain Standard Time" },
];

export interface VariantRecord {
  id: number;
  inventoryId: number;
  name: string;
  sku: string;
  gtin: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface ProductRecord {
  id: number;
  name: string;
  createdAt: number;
  updatedAt: number;
  variants: VariantRecord[];
}

/** One SKU's stock in one centre (ShipBob's per-location quantities plus the totals-only ones). */
export interface LevelRecord {
  inventoryId: number;
  centreId: number;
  onHand: number;
  committed: number;
  fulfillable: number;
  awaiting: number;
  exception: number;
  internalTransfer: number;
  backordered: number;
}

export interface OrderLine {
  inventoryId: number;
  sku: string;
  name: string;
  quantity: number;
  unitPrice: number;
  /** The store's line id. */
  referenceId: string;
}

export interface OrderRecord {
  id: number;
  createdAt: number;
  updatedAt: number;
  channelId: number;
  /** The store's order id (Shopify's numeric id), or ShipBob's own reference for orders made in ShipBob. */
  referenceId: string;
  /** The store's order name (`#1001`). */
  orderNumber: string;
  recipient: { name: string; email: string | null; address1: string; city: string; state: string; zip: string };
  lines: OrderLine[];
  shipments: ShipmentRecord[];
}

export type ReturnStatus = "AwaitingArrival" | "Arrived" | "Processing" | "Completed" | "Cancelled";

export interface ReturnRecord {
  id: number;
  createdAt: number;
  updatedAt: number;
  orderId: number;
  shipmentId: number | null;
  referenceId: string;
  storeOrderId: string;
  centreId: number;
  customerName: string;
  trackingNumber: string;
  status: ReturnStatus;
  history: { status: ReturnStatus; at: number }[];
  items: { inventoryId: number; sku: string; name: string; quantity: number }[];
}

/** The catalogue and centres are small and built whole; orders and returns are generated by index. */
export interface Account {
  centres: Centre[];
  products: ProductRecord[];
  /** Every variant by inventory id. */
  inventory: Map<number, VariantRecord>;
  /** By inventory id, then centre, in centre order. */
  levels: Map<number, LevelRecord[]>;
  receiving: ReceivingRecord[];
  /** The Shopify SKUs this account does not carry, and its SKUs Shopify does not have. */
  onlyInShopify: string[];
  onlyInShipBob: string[];
  /** The sandbox Shopify's catalogue, which its orders (mirrored here) are generated from. */
  shopify: Catalog;
}

const FIRST = ["Avery", "Jordan", "Riley", "Morgan", "Casey", "Quinn", "Harper", "Rowan"];
const LAST = ["Nguyen", "Okafor", "Schmidt", "Rossi", "Silva", "Kowalski", "Haddad", "Larsen"];
const STREETS = [
  ["120 Market St", "San Francisco", "CA", "94105"],
  ["48 Elm St", "Boston", "MA", "02110"],
  ["9 Lakeshore Dr", "Chicago", "IL", "60601"],
  ["300 Congress Ave", "Austin", "TX", "78701"],
  ["77 Pine St", "Seattle", "WA", "98101"],
] as const;
/** Products only ShipBob has: what a brand stores at a 3PL but does not sell on its store. */
const SHIPBOB_ONLY = ["Gift Box", "Packing Insert", "Sticker Pack", "Thank-you Card", "Tissue Paper"];

function shopifyOptions(opts: GeneratorOptions): ShopifyGeneratorOptions {
  // No Shopify locations: only the SKUs and orders are mirrored, not Shopify's own stock.
  return { ...opts.shopify, volume: { ...opts.shopify.volume, locations: 0 } };
}

export function generateAccount(opts: GeneratorOptions): Account {
  const centres = CENTRES.slice(0, Math.max(1, Math.min(opts.volume.centres, CENTRES.length)));
  const shopify = generateCatalog(shopifyOptions(opts));
  const start = opts.epoch - 730 * DAY;
  const products: ProductRecord[] = [];
  const onlyInShopify: string[] = [];
  const mirrored = Math.min(shopify.products.length, Math.ceil(opts.volume.products * 0.95));
  for (let p = 0; p < opts.volume.products; p++) {
    const rng = rngFor(opts.seed, "product", p);
    const createdAt = start + rng.int(0, 300) * DAY;
    const updatedAt = Math.min(opts.epoch, createdAt + rng.int(0, 400) * DAY);
    const id = ID_BASE.product + p;
    const variant = (v: number, name: string, sku: string): VariantRecord => ({ id: ID_BASE.variant + p * 8 + v, inventoryId: ID_BASE.inventory + p * 8 + v, name, sku, gtin: rng.chance(0.5) ? String(8_000_000_000_000 + p * 8 + v) : null, createdAt, updatedAt });
    if (p < mirrored) {
      const source = shopify.products[p]!;
      const variants: VariantRecord[] = [];
      for (const [v, sv] of source.variants.entries()) {
        if (!sv.sku) continue;
        // Some of the store's SKUs never reached the warehouse.
        if (rng.chance(0.08)) onlyInShopify.push(sv.sku);
        else variants.push(variant(v, sv.title === "Default Title" ? source.title : `${source.title} - ${sv.title}`, sv.sku));
      }
      products.push({ id, name: source.title, createdAt, updatedAt, variants });
    } else {
      const name = `${SHIPBOB_ONLY[p % SHIPBOB_ONLY.length]} ${p + 1}`;
      products.push({ id, name, createdAt, updatedAt, variants: [variant(0, name, `SB-${p + 1}`)] });
    }
  }
  for (let p = mirrored; p < shopify.products.length; p++) for (const sv of shopify.products[p]!.variants) if (sv.sku) onlyInShopify.push(sv.sku);
  const inventory = new Map<number, VariantRecord>();
  const levels = new Map<number, LevelRecord[]>();
  for (const product of products) {
    for (const variant of product.variants) {
      inventory.set(variant.inventoryId, variant);
      levels.set(variant.inventoryId, centres.map((centre) => generateLevel(opts, variant.inventoryId, centre.id)));
    }
  }
  const skus = [...inventory.values()];
  const receiving: ReceivingRecord[] = [];
  const wros = opts.volume.receivingOrders ?? centres.length * 2;
  for (let w = 0; w < wros && skus.length; w++) receiving.push(generateReceiving(opts, w, centres, skus));
  return { centres, products, inventory, levels, receiving, onlyInShopify, onlyInShipBob: products.slice(mirrored).flatMap((p) => p.variants.map((v) => v.sku)), shopify };
}

function generateLevel(opts: GeneratorOptions, inventoryId: number, centreId: number): LevelRecord {
  const q = rngFor(opts.seed, "level", `${inventoryId}:${centreId}`);
  const onHand = q.chance(0.15) ? 0 : q.int(0, 500);
  const committed = Math.min(onHand, q.int(0, 25));
  const exception = q.chance(0.1) ? Math.min(onHand - committed, q.int(1, 5)) : 0;
  return {
    inventoryId,
    centreId,
    onHand,
    committed,
    exception,
    fulfillable: onHand - committed - exception,
    awaiting: q.chance(0.25) ? q.int(10, 300) : 0,
    internalTransfer: q.chance(0.05) ? q.int(1, 40) : 0,
    backordered: onHand === 0 && q.chance(0.5) ? q.int(1, 10) : 0,
  };
}

const RECEIVING_FLOW: ReceivingStatus[] = ["Awaiting", "Arrived", "Processing", "Completed"];

function generateReceiving(opts: GeneratorOptions, w: number, centres: Centre[], skus: VariantRecord[]): ReceivingRecord {
  const rng = rngFor(opts.seed, "receiving", w);
  const createdAt = opts.epoch - rng.int(2, 60) * DAY;
  const expectedArrivalAt = createdAt + rng.int(3, 21) * DAY;
  const stage = expectedArrivalAt > opts.epoch ? 0 : rng.int(1, 3);
  const history = RECEIVING_FLOW.slice(0, stage + 1).map((status, i) => ({ status, at: i === 0 ? createdAt : Math.min(opts.epoch, expectedArrivalAt + (i - 1) * DAY) }));
  const lines = rng.int(1, 4);
  const quantities = [];
  for (let l = 0; l < lines; l++) {
    const variant = skus[(w * 7 + l * 13) % skus.length]!;
    const expected = rng.int(2, 40) * 10;
    const received = stage === 0 ? 0 : stage === 3 ? expected - (rng.chance(0.2) ? rng.int(1, 9) : 0) : Math.floor(expected * rng.next());
    quantities.push({ inventoryId: variant.inventoryId, sku: variant.sku, expected, received, stowed: stage === 3 ? received : 0 });
  }
  return { id: ID_BASE.receiving + w, createdAt, updatedAt: history[history.length - 1]!.at, purchaseOrderNumber: `PO-${2600 + w}`, centreId: centres[w % centres.length]!.id, expectedArrivalAt, status: RECEIVING_FLOW[stage]!, history, quantities };
}

/** Order `i`: the fulfilment of one of the sandbox shop's latest orders, or, past the shop's count, an order made in ShipBob. */
export function orderGenerator(opts: GeneratorOptions, account: Account): (i: number) => OrderRecord {
  const shopifyOpts = shopifyOptions(opts);
  const shopifyOrders = resolvedVolume(shopifyOpts.volume).orders;
  const bySku = new Map([...account.inventory.values()].map((v) => [v.sku, v]));
  const all = [...account.inventory.values()];
  return (i) => {
    const rng = rngFor(opts.seed, "order", i);
    const street = rng.pick(STREETS);
    const name = `${rng.pick(FIRST)} ${rng.pick(LAST)}`;
    const recipient = { name, email: rng.chance(0.9) ? `${name.toLowerCase().replace(" ", ".")}@example.com` : null, address1: street[0], city: street[1], state: street[2], zip: street[3] };
    const id = ID_BASE.order + i;
    if (i < shopifyOrders) {
      // The store's latest orders: the brand's fulfilment moved to ShipBob after it had a history.
      const source = generateOrder(shopifyOpts, account.shopify, Math.max(0, shopifyOrders - opts.volume.orders) + i);
      const lines = source.lineItems.flatMap((line): OrderLine[] => {
        const variant = line.sku ? bySku.get(line.sku) : undefined;
        return variant ? [{ inventoryId: variant.inventoryId, sku: variant.sku, name: variant.name, quantity: line.quantity, unitPrice: Number(line.unitPrice), referenceId: String(line.id) }] : [];
      });
      const createdAt = source.processedAt + rng.int(1, 30) * 60_000;
      const order: OrderRecord = { id, createdAt, updatedAt: createdAt, channelId: STORE_CHANNEL.id, referenceId: String(source.id), orderNumber: source.name, recipient, lines, shipments: [] };
      return withShipments(opts, account, order, source.cancelledAt);
    }
    const variant = all[rng.int(0, all.length - 1)]!;
    const createdAt = opts.epoch - rng.int(0, 60 * 24) * 60_000 * 30;
    const order: OrderRecord = { id, createdAt, updatedAt: createdAt, channelId: SHIPBOB_DEFAULT_CHANNEL.id, referenceId: `SB-${id}`, orderNumber: `SB-${id}`, recipient, lines: [{ inventoryId: variant.inventoryId, sku: variant.sku, name: variant.name, quantity: rng.int(1, 3), unitPrice: rng.int(5, 80), referenceId: `${id}-1` }], shipments: [] };
    return withShipments(opts, account, order, null);
  };
}

const CARRIERS = [
  ["USPS", "Ground Advantage", "9400"],
  ["UPS", "Ground", "1Z"],
  ["FedEx", "Home Delivery", "7"],
] as const;

/**
 * The order's shipments (one, or two from different centres for a larger order) with their history
 * up to the epoch: older orders are delivered, recent ones somewhere on the way, a few held.
 */
function withShipments(opts: GeneratorOptions, account: Account, order: OrderRecord, cancelledAt: number | null): OrderRecord {
  if (!order.lines.length) return order;
  const rng = rngFor(opts.seed, "shipment", order.id);
  const split = order.lines.length > 2 && account.centres.length > 1 && rng.chance(0.3);
  const groups = split ? [order.lines.slice(0, 1), order.lines.slice(1)] : [order.lines];
  order.shipments = groups.map((lines, s) => {
    const [carrier, service, prefix] = rng.pick(CARRIERS);
    const ageDays = (opts.epoch - order.createdAt) / DAY;
    const step = cancelledAt !== null ? 0 : Math.min(SHIPMENT_STEPS.length - 1, Math.floor(ageDays * 1.5 + rng.next()));
    // Each step 2 to 16 hours after the one before: a timeline is in order.
    let at = order.createdAt;
    const events = SHIPMENT_STEPS.slice(0, step + 1).map((_, k) => {
      const gap = rng.int(2, 16) * 3_600_000;
      if (k > 0) at += gap;
      return { step: k, at: Math.min(opts.epoch, at) };
    });
    const hold = cancelledAt !== null ? "Cancelled" : step < 4 && rng.chance(0.06) ? rng.pick(["Exception", "OnHold"] as const) : null;
    const heldAt = cancelledAt ?? events[events.length - 1]!.at;
    return {
      id: ID_BASE.shipment + (order.id - ID_BASE.order) * 2 + s,
      centreId: account.centres[(order.id + s) % account.centres.length]!.id,
      createdAt: order.createdAt,
      events,
      hold: hold ? { status: hold, at: Math.min(opts.epoch, heldAt) } : null,
      carrier,
      service,
      trackingNumber: `${prefix}${String(rngFor(opts.seed, "tracking", order.id * 2 + s).int(10_000_000, 99_999_999))}${order.id}`,
      estimatedFulfillmentAt: order.createdAt + 2 * DAY,
      lines,
    };
  });
  order.updatedAt = Math.max(order.createdAt, ...order.shipments.map(lastChangeOf));
  return order;
}

export function lastChangeOf(shipment: ShipmentRecord): number {
  return Math.max(shipment.events[shipment.events.length - 1]!.at, shipment.hold?.at ?? 0);
}

const RETURN_FLOW: ReturnStatus[] = ["AwaitingArrival", "Arrived", "Processing", "Completed"];

/** Return `r`: of a shipment of one of the generated orders (as generated: later changes do not rewrite history), its progress by the epoch. */
export function returnGenerator(opts: GeneratorOptions, account: Account, orderAt: (i: number) => OrderRecord): (r: number) => ReturnRecord {
  return (r) => {
    const rng = rngFor(opts.seed, "return", r);
    const orderIndex = Math.floor(((r + 0.5) * opts.volume.orders) / Math.max(1, opts.volume.returns ?? Math.ceil(opts.volume.orders / 10)));
    const order = orderAt(Math.min(orderIndex, opts.volume.orders - 1));
    const shipment = order.shipments[0];
    const createdAt = Math.min(opts.epoch, (shipment ? lastChangeOf(shipment) : order.createdAt) + rng.int(1, 10) * DAY);
    const stage = Math.min(3, Math.floor((opts.epoch - createdAt) / (3 * DAY)));
    const history = RETURN_FLOW.slice(0, stage + 1).map((status, k) => ({ status, at: createdAt + k * 3 * DAY }));
    const line = order.lines[0];
    return {
      id: ID_BASE.return + r,
      createdAt,
      updatedAt: history[history.length - 1]!.at,
      orderId: order.id,
      shipmentId: shipment?.id ?? null,
      referenceId: `RMA-${ID_BASE.return + r}`,
      storeOrderId: order.referenceId,
      centreId: shipment?.centreId ?? account.centres[0]!.id,
      customerName: order.recipient.name,
      trackingNumber: `9202${rng.int(10_000_000, 99_999_999)}${r}`,
      status: RETURN_FLOW[stage]!,
      history,
      items: line ? [{ inventoryId: line.inventoryId, sku: line.sku, name: line.name, quantity: 1 }] : [],
    };
  };
}
