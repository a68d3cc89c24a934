import type { Clock } from "../_kit/clock";
import { Collection, type CollectionChanges } from "../_kit/collection";
import { amountToCents } from "../_kit/money";
import { canonicalJson, SnapshotBuilder, type Snapshot } from "../_kit/snapshot";
import {
  generateCatalog,
  generateCustomer,
  generateOrder,
  generateProduct,
  ID_BASE,
  resolvedVolume,
  type Catalog,
  type GeneratorOptions,
  type Volume,
} from "./generate";
import type {
  CustomerRecord,
  DeletionEventRecord,
  InventoryLevelRecord,
  InventoryQuantities,
  LocationRecord,
  OrderRecord,
  ProductRecord,
  RefundRecord,
  VariantRecord,
} from "./records";

export interface OrderSummary {
  id: number;
  createdAt: number;
  updatedAt: number;
  processedAt: number;
  name: string;
  email: string | null;
  status: "open" | "closed" | "cancelled";
  financialStatus: string;
  fulfillmentStatus: string;
  customerId: number | null;
  currentTotalCents: number;
  tags: string[];
  test: boolean;
}

export interface CustomerSummary {
  id: number;
  createdAt: number;
  updatedAt: number;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  state: string;
}

export interface ProductSummary {
  id: number;
  createdAt: number;
  updatedAt: number;
  title: string;
  status: string;
  vendor: string;
  productType: string;
  tags: string[];
}

/** Per resource: the count and the sha256 of the canonical JSON of every record, in id order. */
export type StoreSnapshot = Snapshot;

export type OrderInput = Partial<Omit<OrderRecord, "id">>;

/**
 * Everything the mutations changed, as whole records (the state file keeps it across restarts).
 * It applies to the same generated data: same seed, volume and currency. Not the same epoch: the
 * records are complete, so they read the same over a history regenerated to end on another day.
 */
export interface StoreChanges {
  base: { seed: number | string; volume: Required<Volume>; currency: string | null };
  orders: CollectionChanges<OrderRecord>;
  customers: CollectionChanges<CustomerRecord>;
  products: CollectionChanges<ProductRecord>;
  addedLocations: LocationRecord[];
  /** Levels set, created or removed (null), by item and location. */
  inventoryLevels: { inventoryItemId: number; locationId: number; level: InventoryLevelRecord | null }[];
  deletionEvents: DeletionEventRecord[];
}

/**
 * The data of one sandbox shop. Reads regenerate records from the seed; mutations (the test API)
 * are kept in memory and bump `updatedAt` like Shopify does.
 */
export class ShopStore {
  readonly catalog: Catalog;
  readonly orders: Collection<OrderRecord, OrderSummary>;
  readonly customers: Collection<CustomerRecord, CustomerSummary>;
  readonly products: Collection<ProductRecord, ProductSummary>;
  readonly locations: LocationRecord[];
  private readonly levels = new Map<string, InventoryLevelRecord>();
  /** Keys of the levels mutations wrote or removed. */
  private readonly changedLevels = new Set<string>();
  private readonly generatedLocations: number;
  /** Bumped by every mutation outside the collections (which count their own). */
  private changes = 0;
  readonly deletionEvents: DeletionEventRecord[] = [];
  private stats: { version: number; byCustomer: Map<number, { count: number; cents: number }> } | undefined;
  private variantCache: { version: number; variants: VariantRecord[]; byId: Map<number, VariantRecord>; byItem: Map<number, VariantRecord> } | undefined;

  constructor(
    readonly options: GeneratorOptions,
    private readonly clock: Clock,
  ) {
    this.catalog = generateCatalog(options);
    this.locations = this.catalog.locations;
    this.generatedLocations = this.locations.length;
    for (const level of this.catalog.inventoryLevels) this.levels.set(levelKey(level.inventoryItemId, level.locationId), level);
    const volume = resolvedVolume(options.volume);
    this.orders = new Collection({
      count: volume.orders,
      firstId: ID_BASE.order,
      generate: (i) => generateOrder(options, this.catalog, i),
      summarize: summarizeOrder,
    });
    this.customers = new Collection({
      count: volume.customers,
      firstId: ID_BASE.customer,
      generate: (i) => generateCustomer(options, i),
      summarize: (c) => ({ id: c.id, createdAt: c.createdAt, updatedAt: c.updatedAt, email: c.email, firstName: c.firstName, lastName: c.lastName, state: c.state }),
    });
    this.products = new Collection({
      count: volume.products,
      firstId: ID_BASE.product,
      generate: (i) => structuredClone(this.catalog.products[i]!),
      summarize: (p) => ({ id: p.id, createdAt: p.createdAt, updatedAt: p.updatedAt, title: p.title, status: p.status, vendor: p.vendor, productType: p.productType, tags: p.tags }),
    });
  }

  /** Changes whenever the data does: the state file writes only then. */
  get revision(): number {
    return this.orders.version + this.customers.version + this.products.version + this.changes;
  }

  /**
   * A new version's time: now, but in a later second than `previous`. Payloads carry whole
   * seconds, so two versions within one second would look alike to the newer-wins rule (on
   * Shopify too; its changes to one record are rarely that close).
   */
  private now(previous?: number): number {
    return previous === undefined ? this.clock.now() : Math.max(this.clock.now(), (Math.floor(previous / 1000) + 1) * 1000);
  }

  // ---- reads -------------------------------------------------------------------------------

  customerStats(customerId: number): { numberOfOrders: number; amountSpentCents: number } {
    if (!this.stats || this.stats.version !== this.orders.version) {
      const byCustomer = new Map<number, { count: number; cents: number }>();
      for (const o of this.orders.summaries()) {
        if (o.customerId === null) continue;
        const entry = byCustomer.get(o.customerId) ?? { count: 0, cents: 0 };
        entry.count++;
        if (o.status !== "cancelled") entry.cents += o.currentTotalCents;
        byCustomer.set(o.customerId, entry);
      }
      this.stats = { version: this.orders.version, byCustomer };
    }
    const s = this.stats.byCustomer.get(customerId);
    return { numberOfOrders: s?.count ?? 0, amountSpentCents: s?.cents ?? 0 };
  }

  private variantIndex() {
    if (!this.variantCache || this.variantCache.version !== this.products.version) {
      const variants: VariantRecord[] = [];
      for (const p of this.products.records()) variants.push(...p.variants);
      this.variantCache = {
        version: this.products.version,
        variants,
        byId: new Map(variants.map((v) => [v.id, v])),
        byItem: new Map(variants.map((v) => [v.inventoryItemId, v])),
      };
    }
    return this.variantCache;
  }

  variants(): VariantRecord[] {
    return this.variantIndex().variants;
  }

  variant(id: number): VariantRecord | undefined {
    return this.variantIndex().byId.get(id);
  }

  variantByInventoryItem(inventoryItemId: number): VariantRecord | undefined {
    return this.variantIndex().byItem.get(inventoryItemId);
  }

  /** A refund and its order. Generated refund ids encode their order; others are searched for. */
  refund(id: number): { order: OrderRecord; refund: RefundRecord } | undefined {
    const guess = this.orders.get(ID_BASE.order + Math.floor((id - ID_BASE.refund) / 4));
    const inGuess = guess?.refunds.find((r) => r.id === id);
    if (guess && inGuess) return { order: guess, refund: inGuess };
    for (const order of this.orders.records()) {
      const refund = order.refunds.find((r) => r.id === id);
      if (refund) return { order, refund };
    }
    return undefined;
  }

  location(id: number): LocationRecord | undefined {
    return this.locations.find((l) => l.id === id);
  }

  inventoryLevel(inventoryItemId: number, locationId: number): InventoryLevelRecord | undefined {
    return this.levels.get(levelKey(inventoryItemId, locationId));
  }

  inventoryLevelsForItem(inventoryItemId: number): InventoryLevelRecord[] {
    return this.locations.map((l) => this.inventoryLevel(inventoryItemId, l.id)).filter((x): x is InventoryLevelRecord => !!x);
  }

  inventoryLevelsAtLocation(locationId: number): InventoryLevelRecord[] {
    return this.variants()
      .map((v) => this.inventoryLevel(v.inventoryItemId, locationId))
      .filter((x): x is InventoryLevelRecord => !!x);
  }

  // ---- mutations (test API) ----------------------------------------------------------------

  updateOrder(id: number, patch: OrderInput | ((order: OrderRecord) => OrderInput)): OrderRecord {
    const current = this.requireRecord(this.orders.get(id), "Order", id);
    const changes = typeof patch === "function" ? patch(structuredClone(current)) : patch;
    return this.orders.put({ ...current, ...changes, id, updatedAt: changes.updatedAt ?? this.now(current.updatedAt) });
  }

  cancelOrder(id: number, reason: OrderRecord["cancelReason"] = "CUSTOMER"): OrderRecord {
    const now = this.now(this.orders.get(id)?.updatedAt);
    return this.updateOrder(id, { cancelledAt: now, closedAt: now, cancelReason: reason, updatedAt: now });
  }

  createOrder(input: OrderInput = {}): OrderRecord {
    const id = this.orders.allocateId();
    const template = generateOrder(this.options, this.catalog, id - ID_BASE.order);
    const now = this.now();
    const order: OrderRecord = {
      ...template,
      cancelledAt: null,
      cancelReason: null,
      closedAt: null,
      refunds: [],
      transactions: template.transactions.filter((t) => t.kind === "SALE" || t.kind === "AUTHORIZATION").map((t) => ({ ...t, processedAt: now })),
      lineItems: template.lineItems.map((l) => ({ ...l, currentQuantity: l.quantity })),
      financialStatus: "PAID",
      fulfillmentStatus: "UNFULFILLED",
      currentTotalPrice: template.totalPrice,
      totalRefunded: "0.00",
      ...input,
      id,
      createdAt: input.createdAt ?? now,
      processedAt: input.processedAt ?? now,
      updatedAt: input.updatedAt ?? now,
    };
    return this.orders.put(order);
  }

  deleteOrder(id: number): boolean {
    return this.recordDeletion(this.orders.remove(id), "ORDER", id);
  }

  updateCustomer(id: number, patch: Partial<Omit<CustomerRecord, "id">>): CustomerRecord {
    const current = this.requireRecord(this.customers.get(id), "Customer", id);
    return this.customers.put({ ...current, ...patch, id, updatedAt: patch.updatedAt ?? this.now(current.updatedAt) });
  }

  createCustomer(input: Partial<Omit<CustomerRecord, "id">> = {}): CustomerRecord {
    const id = this.customers.allocateId();
    const now = this.now();
    const template = generateCustomer(this.options, id - ID_BASE.customer);
    return this.customers.put({ ...template, ...input, id, createdAt: input.createdAt ?? now, updatedAt: input.updatedAt ?? now });
  }

  deleteCustomer(id: number): boolean {
    return this.recordDeletion(this.customers.remove(id), "CUSTOMER", id);
  }

  updateProduct(id: number, patch: Partial<Omit<ProductRecord, "id">>): ProductRecord {
    const current = this.requireRecord(this.products.get(id), "Product", id);
    const updatedAt = patch.updatedAt ?? this.now(current.updatedAt);
    return this.products.put({ ...current, ...patch, id, updatedAt });
  }

  createProduct(input: Partial<Omit<ProductRecord, "id" | "variants">> = {}): ProductRecord {
    const id = this.products.allocateId();
    const now = this.now();
    const { product, levels } = generateProduct(this.options, id - ID_BASE.product, this.locations);
    for (const v of product.variants) Object.assign(v, { createdAt: now, updatedAt: now });
    for (const level of levels) this.writeLevel({ ...level, createdAt: now, updatedAt: now });
    return this.products.put({ ...product, ...input, id, createdAt: input.createdAt ?? now, updatedAt: input.updatedAt ?? now });
  }

  deleteProduct(id: number): boolean {
    const product = this.products.get(id);
    for (const v of product?.variants ?? []) for (const l of this.locations) this.removeLevel(v.inventoryItemId, l.id);
    return this.recordDeletion(this.products.remove(id), "PRODUCT", id);
  }

  /** A location added by the merchant: products that exist have no stock there (later ones do). */
  addLocation(input: Partial<Omit<LocationRecord, "id">> = {}): LocationRecord {
    const id = Math.max(ID_BASE.location - 1, ...this.locations.map((l) => l.id)) + 1;
    const now = this.now();
    const location: LocationRecord = {
      name: `Location ${id}`,
      isActive: true,
      fulfillsOnlineOrders: true,
      address1: "1 Annex Road",
      city: "Leeds",
      countryCode: "GB",
      zip: "LS2 7EW",
      ...input,
      id,
      createdAt: input.createdAt ?? now,
      updatedAt: input.updatedAt ?? now,
    };
    this.locations.push(location);
    this.changes++;
    return location;
  }

  setInventoryQuantities(inventoryItemId: number, locationId: number, quantities: Partial<InventoryQuantities>): InventoryLevelRecord {
    const key = levelKey(inventoryItemId, locationId);
    const current = this.levels.get(key);
    if (!current) throw new Error(`No inventory level for item ${inventoryItemId} at location ${locationId}`);
    const merged = { ...current.quantities, ...quantities };
    if (quantities.available === undefined && (quantities.on_hand !== undefined || quantities.committed !== undefined)) {
      merged.available = merged.on_hand - merged.committed;
    }
    const next = { ...current, quantities: merged, updatedAt: this.now(current.updatedAt) };
    this.writeLevel(next);
    return next;
  }

  private writeLevel(level: InventoryLevelRecord): void {
    const key = levelKey(level.inventoryItemId, level.locationId);
    this.levels.set(key, level);
    this.changedLevels.add(key);
    this.changes++;
  }

  private removeLevel(inventoryItemId: number, locationId: number): void {
    const key = levelKey(inventoryItemId, locationId);
    if (!this.levels.delete(key)) return;
    this.changedLevels.add(key);
    this.changes++;
  }

  private recordDeletion(removed: boolean, subjectType: DeletionEventRecord["subjectType"], subjectId: number): boolean {
    if (removed) this.deletionEvents.push({ seq: this.deletionEvents.length + 1, subjectType, subjectId, occurredAt: this.now() });
    return removed;
  }

  // ---- what the state file keeps -----------------------------------------------------------

  private base(): StoreChanges["base"] {
    return { seed: this.options.seed, volume: resolvedVolume(this.options.volume), currency: this.options.currency ?? null };
  }

  exportChanges(): StoreChanges {
    return {
      base: this.base(),
      orders: this.orders.exportChanges(),
      customers: this.customers.exportChanges(),
      products: this.products.exportChanges(),
      addedLocations: this.locations.slice(this.generatedLocations),
      inventoryLevels: [...this.changedLevels].map((key) => {
        const [inventoryItemId, locationId] = key.split(":").map(Number) as [number, number];
        return { inventoryItemId, locationId, level: this.levels.get(key) ?? null };
      }),
      deletionEvents: this.deletionEvents,
    };
  }

  /** Puts back exportChanges() of a store over the same generated data; false (nothing changed) for other data. */
  importChanges(changes: StoreChanges): boolean {
    if (canonicalJson(changes.base) !== canonicalJson(this.base())) return false;
    this.orders.importChanges(changes.orders);
    this.customers.importChanges(changes.customers);
    this.products.importChanges(changes.products);
    this.locations.push(...changes.addedLocations);
    for (const { inventoryItemId, locationId, level } of changes.inventoryLevels) {
      if (level) this.writeLevel(level);
      else this.removeLevel(inventoryItemId, locationId);
    }
    this.deletionEvents.push(...changes.deletionEvents);
    this.changes++;
    return true;
  }

  private requireRecord<T>(record: T | undefined, type: string, id: number): T {
    if (!record) throw new Error(`Sandbox shop has no ${type} ${id}`);
    return record;
  }

  // ---- comparison helpers for tests ---------------------------------------------------------

  allInventoryLevels(): InventoryLevelRecord[] {
    return [...this.levels.values()].sort((a, b) => a.inventoryItemId - b.inventoryItemId || a.locationId - b.locationId);
  }

  /**
   * Counts and checksums of everything the shop holds: what a finished sync must reproduce.
   * Records are hashed in ascending id order (inventory levels by item, then location). Pass a
   * projection per resource to hash only what the database keeps (e.g. `(o) => [String(o.id),
   * o.currentTotalPrice]`), and compute the database side with `checksumOf` over its rows in the
   * same order.
   */
  snapshot(projection: SnapshotProjection = {}): StoreSnapshot {
    const snapshot = new SnapshotBuilder();
    const add = <K extends keyof SnapshotRecords>(name: K, value: SnapshotRecords[K], parent?: unknown) => {
      const project = projection[name] as ((record: SnapshotRecords[K], parent: unknown) => unknown) | undefined;
      snapshot.add(name, project ? project(value, parent) : value);
    };
    for (const o of this.orders.records()) {
      add("orders", o);
      for (const l of o.lineItems) add("lineItems", l, o);
      for (const r of o.refunds) add("refunds", r, o);
      for (const t of o.transactions) add("transactions", t, o);
    }
    for (const c of this.customers.records()) add("customers", c);
    for (const p of this.products.records()) {
      add("products", p);
      for (const v of p.variants) add("variants", v, p);
    }
    for (const l of this.locations) add("locations", l);
    for (const l of this.allInventoryLevels()) add("inventoryLevels", l);
    return snapshot.result();
  }

}

/** The records `snapshot()` hashes, by resource name. */
export interface SnapshotRecords {
  orders: OrderRecord;
  lineItems: OrderRecord["lineItems"][number];
  refunds: OrderRecord["refunds"][number];
  transactions: OrderRecord["transactions"][number];
  customers: CustomerRecord;
  products: ProductRecord;
  variants: VariantRecord;
  locations: LocationRecord;
  inventoryLevels: InventoryLevelRecord;
}

/** Per resource: what of a record to hash; line items, refunds and transactions get their order, variants their product. */
export type SnapshotProjection = {
  [K in keyof SnapshotRecords]?: (record: SnapshotRecords[K], parent: K extends "variants" ? ProductRecord : K extends "lineItems" | "refunds" | "transactions" ? OrderRecord : undefined) => unknown;
};

function summarizeOrder(o: OrderRecord): OrderSummary {
  return {
    id: o.id,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    processedAt: o.processedAt,
    name: o.name,
    email: o.email,
    status: o.cancelledAt !== null ? "cancelled" : o.closedAt !== null ? "closed" : "open",
    financialStatus: o.financialStatus,
    fulfillmentStatus: o.fulfillmentStatus,
    customerId: o.customerId,
    currentTotalCents: amountToCents(o.currentTotalPrice),
    tags: o.tags,
    test: o.test,
  };
}

function levelKey(inventoryItemId: number, locationId: number): string {
  return `${inventoryItemId}:${locationId}`;
}
