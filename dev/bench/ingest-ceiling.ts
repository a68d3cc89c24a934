// How fast server/ingest writes, against the ceiling of a plain set-based upsert of the same rows.
// `tsx --conditions=react-server dev/bench/ingest-ceiling.ts [--orders 100000] [--batch 1000]
// [--database-url <url>]` (or DATABASE_URL); without either it runs on a throwaway embedded
// PostgreSQL. Standalone it writes generated rows (orders with 3 line items and a transaction
// each, one customer per two orders); the sync benchmark (npm run bench:shopify) hands
// compareWithCeiling() the rows its sync stored (dev/bench/stored-records.ts) instead, and so
// does npm run bench:shipbob with a 3PL's shipments.
//
// Both sides write the same record batches into the same tables:
// - ingest: ingestOrders + ingestCustomers + ingestShipments (dedupe, newer-wins check, child
//   replacement, counts);
// - ceiling: per table, one `INSERT ... SELECT FROM unnest($3::text[], ...) ON CONFLICT DO
//   UPDATE` through a bare pg client, ids and foreign keys precomputed, nothing else.
import { parseArgs } from "node:util";
import pg from "pg";
import type { CustomerRecord, OrderRecord, ShipmentRecord } from "@/server/connectors/_core/records";

export type RecordBatch = { kind: "orders"; records: OrderRecord[] } | { kind: "customers"; records: CustomerRecord[] } | { kind: "shipments"; records: ShipmentRecord[] };

type Side = { seconds: number; rowsPerSecond: number };
export type CeilingResult = {
  /** Rows stored by each side: orders, line items, transactions, refunds, customers and shipments. */
  rows: number;
  batches: number;
  ingest: Side;
  ceiling: Side;
  /** Seconds per record kind, for telling where a gap comes from. */
  seconds: Record<RecordBatch["kind"], { ingest: number; ceiling: number }>;
  /** ingest rows/s ÷ ceiling rows/s. */
  ratio: number;
};

// ---------- generated rows (standalone) ----------

const LINES_PER_ORDER = 3;

function generateOrder(i: number): OrderRecord {
  const id = `gid://shopify/Order/${1_000_000 + i}`;
  const money = (amount: string) => ({ amount, currency: "USD" });
  const time = new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString();
  return {
    externalId: id,
    name: `#${1000 + i}`,
    email: `buyer${i % 50_000}@example.com`,
    customerExternalId: `gid://shopify/Customer/${i >> 1}`,
    financialStatus: "PAID",
    fulfillmentStatus: i % 3 === 0 ? "FULFILLED" : "UNFULFILLED",
    currency: "USD",
    subtotal: money("59.97"),
    totalTax: money("4.80"),
    totalDiscounts: money("0.00"),
    totalPrice: money("64.77"),
    currentTotalPrice: money("64.77"),
    totalRefunded: money("0.00"),
    totalShipping: money("0.00"),
    channel: "Online Store",
    marketingSource: i % 4 === 0 ? null : "google",
    marketingMedium: i % 4 === 0 ? null : "cpc",
    tags: i % 5 === 0 ? ["wholesale", "vip"] : [],
    test: false,
    processedAt: time,
    cancelledAt: null,
    cancelReason: null,
    closedAt: null,
    sourceCreatedAt: time,
    sourceUpdatedAt: time,
    observedAt: time,
    lineItems: Array.from({ length: LINES_PER_ORDER }, (_, l) => ({
      externalId: `gid://shopify/LineItem/${3_000_000 + i * LINES_PER_ORDER + l}`,
      productExternalId: `gid://shopify/Product/${(i + l) % 500}`,
      variantExternalId: `gid://shopify/ProductVariant/${(i + l) % 1500}`,
      sku: `SKU-${(i + l) % 1500}`,
      title: `Product ${(i + l) % 500}`,
      variantTitle: "Default Title",
      quantity: 1 + (l % 2),
      currentQuantity: 1 + (l % 2),
      unitPrice: money("19.99"),
      discountedUnitPrice: money("19.99"),
    })),
    refunds: [],
    transactions: [
      {
        externalId: `gid://shopify/OrderTransaction/${5_000_000 + i}`,
        parentExternalId: null,
        kind: "SALE",
        status: "SUCCESS",
        gateway: "shopify_payments",
        amount: money("64.77"),
        processedAt: time,
      },
    ],
  };
}

function generateCustomer(i: number): CustomerRecord {
  const time = new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString();
  return {
    externalId: `gid://shopify/Customer/${i}`,
    email: `buyer${i}@example.com`,
    firstName: "Ada",
    lastName: `Buyer ${i}`,
    phone: null,
    state: "ENABLED",
    tags: [],
    numberOfOrders: 2,
    amountSpent: { amount: "129.54", currency: "USD" },
    sourceCreatedAt: time,
    sourceUpdatedAt: time,
    observedAt: time,
  };
}

// A row for each order table, for the fences of compareWithCeiling.
const FENCE_ORDER: OrderRecord = {
  ...generateOrder(0),
  refunds: [{ externalId: "fence-refund", note: null, total: { amount: "1.00", currency: "USD" }, lineItems: [], sourceCreatedAt: "2025-01-02T00:00:00.000Z" }],
};

const FENCE_SHIPMENT: ShipmentRecord = {
  externalId: "fence-shipment",
  orderExternalId: "fence-order",
  storeOrderReference: null,
  status: "Processing",
  locationExternalId: null,
  trackingNumber: null,
  carrier: null,
  trackingUrl: null,
  estimatedFulfillmentAt: null,
  estimatedFulfillmentStatus: null,
  shippedAt: null,
  deliveredAt: null,
  timeline: null,
  items: [],
  sourceCreatedAt: "2025-01-01T00:00:00.000Z",
  sourceUpdatedAt: "2025-01-01T00:00:00.000Z",
  observedAt: "2025-01-01T00:00:00.000Z",
};

function* generatedBatches(orders: number, size: number): Generator<RecordBatch> {
  const ranges = (count: number) => Array.from({ length: Math.ceil(count / size) }, (_, b) => Array.from({ length: Math.min(size, count - b * size) }, (_, k) => b * size + k));
  for (const range of ranges(orders)) yield { kind: "orders", records: range.map(generateOrder) };
  for (const range of ranges(Math.ceil(orders / 2))) yield { kind: "customers", records: range.map(generateCustomer) };
}

// ---------- the ceiling ----------

// Ids of a cuid's length (25 characters, time first), as the rows ingest writes have, made as
// cheaply as possible.
const cuidish = (() => {
  let n = 0;
  return () => `c${Date.now().toString(36)}${(n++).toString(36).padStart(16, "0")}`;
})();

type Column<R> = readonly [column: string, pgType: string, value: (row: R) => unknown];

/**
 * One table's plain upsert: the rows' `id` and `columns` as unnest arrays, every column but the
 * key overwritten on conflict. `computed` gives a column's value as SQL over the input
 * (`u."column"`): in place of an input column's own value, or as a column of its own.
 */
function plainUpsert<R extends { id: string }>(table: string, columns: readonly Column<R>[], computed: Record<string, string> = {}) {
  const inputs = columns.map(([column]) => column);
  const written = [...new Set([...inputs, ...Object.keys(computed)]), "updatedAt"];
  const values = written.map((c) => (c === "updatedAt" ? "now()" : (computed[c] ?? `u."${c}"`)));
  const sql = `INSERT INTO "${table}" ("id", "workspaceId", "connectionId", ${written.map((c) => `"${c}"`).join(", ")})
    SELECT u."id", $1, $2, ${values.join(", ")}
    FROM unnest($3::text[], ${columns.map(([, type], k) => `$${k + 4}::${type}[]`).join(", ")}) AS u("id", ${inputs.map((c) => `"${c}"`).join(", ")})
    ON CONFLICT ("workspaceId", "connectionId", "externalId") DO UPDATE SET ${written
      .filter((c) => c !== "externalId")
      .map((c) => `"${c}" = EXCLUDED."${c}"`)
      .join(", ")}`;
  return async (client: pg.Client, scope: readonly [string, string], rows: readonly R[]) => {
    if (rows.length > 0) await client.query(sql, [...scope, rows.map((r) => r.id), ...columns.map(([, , value]) => rows.map(value))]);
  };
}

type Owned<T> = { id: string; orderId: string; child: T };
const own = <T>(order: { id: string; order: OrderRecord }, children: readonly T[]): Owned<T>[] => children.map((child) => ({ id: cuidish(), orderId: order.id, child }));

const upsertOrders = plainUpsert<{ id: string; order: OrderRecord }>(
  "Order",
  [
    ["externalId", "text", (r) => r.order.externalId],
    ["name", "text", (r) => r.order.name],
    ["email", "text", (r) => r.order.email],
    ["customerExternalId", "text", (r) => r.order.customerExternalId],
    ["financialStatus", "text", (r) => r.order.financialStatus],
    ["fulfillmentStatus", "text", (r) => r.order.fulfillmentStatus],
    ["currency", "text", (r) => r.order.currency],
    ["subtotal", "numeric", (r) => r.order.subtotal?.amount ?? null],
    ["totalTax", "numeric", (r) => r.order.totalTax?.amount ?? null],
    ["totalDiscounts", "numeric", (r) => r.order.totalDiscounts?.amount ?? null],
    ["totalPrice", "numeric", (r) => r.order.totalPrice.amount],
    ["currentTotalPrice", "numeric", (r) => r.order.currentTotalPrice?.amount ?? null],
    ["totalRefunded", "numeric", (r) => r.order.totalRefunded?.amount ?? null],
    ["totalShipping", "numeric", (r) => r.order.totalShipping?.amount ?? null],
    ["channel", "text", (r) => r.order.channel ?? null],
    ["marketingSource", "text", (r) => r.order.marketingSource ?? null],
    ["marketingMedium", "text", (r) => r.order.marketingMedium ?? null],
    ["tags", "text", (r) => r.order.tags.join(",")],
    ["test", "boolean", (r) => r.order.test],
    ["processedAt", "timestamptz", (r) => r.order.processedAt ?? r.order.sourceCreatedAt],
    ["cancelledAt", "timestamptz", (r) => r.order.cancelledAt],
    ["cancelReason", "text", (r) => r.order.cancelReason],
    ["closedAt", "timestamptz", (r) => r.order.closedAt],
    ["sourceCreatedAt", "timestamptz", (r) => r.order.sourceCreatedAt],
    ["sourceUpdatedAt", "timestamptz", (r) => r.order.sourceUpdatedAt],
    ["observedAt", "timestamptz", (r) => r.order.observedAt],
    // A stand-in of a hash's size: the ceiling computes nothing.
    ["sourceHash", "text", (r) => r.order.externalId],
  ],
  { nameLower: `lower(u."name")`, emailLower: `lower(u."email")`, tags: `string_to_array(u."tags", ',')` },
);

const upsertLines = plainUpsert<Owned<OrderRecord["lineItems"][number]>>("OrderLineItem", [
  ["orderId", "text", (r) => r.orderId],
  ["externalId", "text", (r) => r.child.externalId],
  ["productExternalId", "text", (r) => r.child.productExternalId],
  ["variantExternalId", "text", (r) => r.child.variantExternalId],
  ["sku", "text", (r) => r.child.sku],
  ["title", "text", (r) => r.child.title],
  ["variantTitle", "text", (r) => r.child.variantTitle],
  ["quantity", "integer", (r) => r.child.quantity],
  ["currentQuantity", "integer", (r) => r.child.currentQuantity],
  ["unitPrice", "numeric", (r) => r.child.unitPrice.amount],
  ["discountedUnitPrice", "numeric", (r) => r.child.discountedUnitPrice.amount],
  ["currency", "text", (r) => r.child.unitPrice.currency],
]);

const upsertTransactions = plainUpsert<Owned<OrderRecord["transactions"][number]>>("OrderTransaction", [
  ["orderId", "text", (r) => r.orderId],
  ["externalId", "text", (r) => r.child.externalId],
  ["parentExternalId", "text", (r) => r.child.parentExternalId],
  ["kind", "text", (r) => r.child.kind],
  ["status", "text", (r) => r.child.status],
  ["gateway", "text", (r) => r.child.gateway],
  ["amount", "numeric", (r) => r.child.amount.amount],
  ["currency", "text", (r) => r.child.amount.currency],
  ["processedAt", "timestamptz", (r) => r.child.processedAt],
]);

const upsertRefunds = plainUpsert<Owned<OrderRecord["refunds"][number]>>("Refund", [
  ["orderId", "text", (r) => r.orderId],
  ["externalId", "text", (r) => r.child.externalId],
  ["note", "text", (r) => r.child.note],
  ["total", "numeric", (r) => r.child.total.amount],
  ["currency", "text", (r) => r.child.total.currency],
  ["lineItems", "jsonb", (r) => JSON.stringify(r.child.lineItems)],
  ["sourceCreatedAt", "timestamptz", (r) => r.child.sourceCreatedAt],
]);

const upsertCustomers = plainUpsert<{ id: string; customer: CustomerRecord }>(
  "Customer",
  [
    ["externalId", "text", (r) => r.customer.externalId],
    ["email", "text", (r) => r.customer.email],
    ["firstName", "text", (r) => r.customer.firstName],
    ["lastName", "text", (r) => r.customer.lastName],
    ["phone", "text", (r) => r.customer.phone],
    ["state", "text", (r) => r.customer.state],
    ["tags", "text", (r) => r.customer.tags.join(",")],
    ["numberOfOrders", "integer", (r) => r.customer.numberOfOrders],
    ["amountSpent", "numeric", (r) => r.customer.amountSpent?.amount ?? null],
    ["currency", "text", (r) => r.customer.amountSpent?.currency ?? null],
    ["sourceCreatedAt", "timestamptz", (r) => r.customer.sourceCreatedAt],
    ["sourceUpdatedAt", "timestamptz", (r) => r.customer.sourceUpdatedAt],
    ["observedAt", "timestamptz", (r) => r.customer.observedAt],
    ["sourceHash", "text", (r) => r.customer.externalId],
  ],
  { emailLower: `lower(u."email")`, tags: `string_to_array(u."tags", ',')` },
);

const upsertShipments = plainUpsert<{ id: string; shipment: ShipmentRecord }>("Shipment", [
  ["externalId", "text", (r) => r.shipment.externalId],
  ["orderExternalId", "text", (r) => r.shipment.orderExternalId],
  ["storeOrderReference", "text", (r) => r.shipment.storeOrderReference],
  ["status", "text", (r) => r.shipment.status],
  ["locationExternalId", "text", (r) => r.shipment.locationExternalId],
  ["trackingNumber", "text", (r) => r.shipment.trackingNumber],
  ["carrier", "text", (r) => r.shipment.carrier],
  ["trackingUrl", "text", (r) => r.shipment.trackingUrl],
  ["estimatedFulfillmentAt", "timestamptz", (r) => r.shipment.estimatedFulfillmentAt],
  ["estimatedFulfillmentStatus", "text", (r) => r.shipment.estimatedFulfillmentStatus],
  ["shippedAt", "timestamptz", (r) => r.shipment.shippedAt],
  ["deliveredAt", "timestamptz", (r) => r.shipment.deliveredAt],
  ["timeline", "jsonb", (r) => r.shipment.timeline && JSON.stringify(r.shipment.timeline)],
  ["items", "jsonb", (r) => JSON.stringify(r.shipment.items)],
  ["sourceCreatedAt", "timestamptz", (r) => r.shipment.sourceCreatedAt],
  ["sourceUpdatedAt", "timestamptz", (r) => r.shipment.sourceUpdatedAt],
  ["observedAt", "timestamptz", (r) => r.shipment.observedAt],
  ["sourceHash", "text", (r) => r.shipment.externalId],
]);

async function ceilingOrders(client: pg.Client, scope: readonly [string, string], records: readonly OrderRecord[]) {
  const orders = records.map((order) => ({ id: cuidish(), order }));
  await upsertOrders(client, scope, orders);
  await upsertLines(client, scope, orders.flatMap((o) => own(o, o.order.lineItems)));
  await upsertTransactions(client, scope, orders.flatMap((o) => own(o, o.order.transactions)));
  await upsertRefunds(client, scope, orders.flatMap((o) => own(o, o.order.refunds)));
}

const ceilingCustomers = (client: pg.Client, scope: readonly [string, string], records: readonly CustomerRecord[]) =>
  upsertCustomers(client, scope, records.map((customer) => ({ id: cuidish(), customer })));

const ceilingShipments = (client: pg.Client, scope: readonly [string, string], records: readonly ShipmentRecord[]) =>
  upsertShipments(client, scope, records.map((shipment) => ({ id: cuidish(), shipment })));

// ---------- the run ----------

function rowsOf(batch: RecordBatch): number {
  if (batch.kind !== "orders") return batch.records.length;
  return batch.records.reduce((n, o) => n + 1 + o.lineItems.length + o.transactions.length + o.refunds.length, 0);
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/**
 * Writes every batch through server/ingest and through the ceiling, into fresh connections of one
 * throwaway workspace on `databaseUrl` (migrated; server/db connects to DATABASE_URL, so that
 * must be this database: it is set if unset). Batch by batch, alternating, so both sides meet
 * the same table and index sizes and the same background load (the machine is shared).
 * Producing a batch is not timed.
 */
export async function compareWithCeiling(options: {
  databaseUrl: string;
  batches: Iterable<RecordBatch> | AsyncIterable<RecordBatch>;
  /** Delete the benchmark's rows afterwards (default true); pointless on a throwaway server. */
  cleanUp?: boolean;
  log?: (line: string) => void;
}): Promise<CeilingResult> {
  process.env.DATABASE_URL ??= options.databaseUrl;
  if (process.env.DATABASE_URL !== options.databaseUrl) throw new Error("DATABASE_URL must be the benchmark database: server/db connects there");
  const { deleteShopData, ingestCustomers, ingestOrders, ingestShipments } = await import("@/server/ingest");
  const { db } = await import("@/server/db");

  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  const tag = Date.now().toString(36);
  const workspace = await db.workspace.create({ data: { name: "Ingest benchmark", slug: `bench-ingest-${tag}` } });
  try {
    // A connection's rows sit together in the (workspaceId, connectionId, externalId) indexes, and
    // of two ranges growing side by side, the lower one's inserts cost more server time (measured
    // 5-14 %, whichever side had it). So each side writes half of the batches into the lower and
    // half into the upper connection of a pair, and each pair is followed by a fence holding one
    // row per table: connections by id are [ingest, ceiling, fence, ceiling, ingest, fence].
    const ids: string[] = [];
    for (let k = 0; k < 6; k++) {
      const { id } = await db.connection.create({ data: { workspaceId: workspace.id, provider: "SHOPIFY", externalAccountId: `bench-${k}-${tag}.myshopify.com`, displayName: `bench ${k}`, authMethod: "OAUTH" } });
      ids.push(id);
    }
    const [lowerIngest, upperCeiling, fenceA, lowerCeiling, upperIngest, fenceB] = ids.sort() as [string, string, string, string, string, string];
    for (const fence of [fenceA, fenceB]) {
      await ceilingOrders(client, [workspace.id, fence], [FENCE_ORDER]);
      await ceilingCustomers(client, [workspace.id, fence], [generateCustomer(0)]);
      await ceilingShipments(client, [workspace.id, fence], [FENCE_SHIPMENT]);
    }
    const pairs = [
      { ingest: lowerIngest, ceiling: upperCeiling },
      { ingest: upperIngest, ceiling: lowerCeiling },
    ];

    const seconds = { orders: { ingest: 0, ceiling: 0 }, customers: { ingest: 0, ceiling: 0 }, shipments: { ingest: 0, ceiling: 0 } };
    let rows = 0;
    let batches = 0;
    for await (const batch of options.batches) {
      const pair = pairs[batches % 2]!;
      const ingestScope = { workspaceId: workspace.id, connectionId: pair.ingest };
      const ceilingScope = [workspace.id, pair.ceiling] as const;
      const ingest = async () => {
        const counts =
          batch.kind === "orders" ? await ingestOrders(ingestScope, batch.records) : batch.kind === "customers" ? await ingestCustomers(ingestScope, batch.records) : await ingestShipments(ingestScope, batch.records);
        if (counts.inserted !== batch.records.length) throw new Error(`ingest of ${batch.kind} inserted ${counts.inserted} of ${batch.records.length}`);
      };
      const ceiling = () =>
        batch.kind === "orders" ? ceilingOrders(client, ceilingScope, batch.records) : batch.kind === "customers" ? ceilingCustomers(client, ceilingScope, batch.records) : ceilingShipments(client, ceilingScope, batch.records);
      const side = seconds[batch.kind];
      // Which side goes first alternates too, every other batch so that it varies within a pair.
      if (Math.floor(batches / 2) % 2 === 0) {
        side.ingest += await timed(ingest);
        side.ceiling += await timed(ceiling);
      } else {
        side.ceiling += await timed(ceiling);
        side.ingest += await timed(ingest);
      }
      batches++;
      rows += rowsOf(batch);
    }

    for (const side of ["ingest", "ceiling"] as const) {
      const { rows: stored } = await client.query<{ n: number }>(
        `SELECT ((SELECT count(*) FROM "Order" WHERE "connectionId" = ANY($1)) + (SELECT count(*) FROM "OrderLineItem" WHERE "connectionId" = ANY($1))
          + (SELECT count(*) FROM "OrderTransaction" WHERE "connectionId" = ANY($1)) + (SELECT count(*) FROM "Refund" WHERE "connectionId" = ANY($1))
          + (SELECT count(*) FROM "Customer" WHERE "connectionId" = ANY($1)) + (SELECT count(*) FROM "Shipment" WHERE "connectionId" = ANY($1)))::int AS n`,
        [pairs.map((pair) => pair[side])],
      );
      if (stored[0]?.n !== rows) throw new Error(`${side}: expected ${rows} stored rows, found ${stored[0]?.n}`);
    }
    const ingestSeconds = seconds.orders.ingest + seconds.customers.ingest + seconds.shipments.ingest;
    const ceilingSeconds = seconds.orders.ceiling + seconds.customers.ceiling + seconds.shipments.ceiling;
    options.log?.(`both sides stored all ${rows} rows (${batches} batches); ingest ${ingestSeconds.toFixed(2)} s, ceiling ${ceilingSeconds.toFixed(2)} s`);
    return {
      rows,
      batches,
      ingest: { seconds: ingestSeconds, rowsPerSecond: rows / ingestSeconds },
      ceiling: { seconds: ceilingSeconds, rowsPerSecond: rows / ceilingSeconds },
      seconds,
      ratio: ceilingSeconds / ingestSeconds,
    };
  } finally {
    if (options.cleanUp ?? true) {
      // Children first, set-based: deleting the workspace alone would cascade row by row.
      for (const connection of await db.connection.findMany({ where: { workspaceId: workspace.id }, select: { id: true } })) {
        await deleteShopData({ workspaceId: workspace.id, connectionId: connection.id });
      }
      await db.workspace.delete({ where: { id: workspace.id } });
    }
    await client.end();
  }
}

/** server/ingest must reach this share of the ceiling's rows/s. */
export const CEILING_TARGET = 0.7;

/** The figures as printed by both benchmarks. */
export function describeCeiling(result: CeilingResult): string[] {
  // The record kinds the batches held: orders and customers (Shopify), shipments (a 3PL).
  const kinds = (Object.keys(result.seconds) as RecordBatch["kind"][]).filter((kind) => result.seconds[kind].ingest > 0);
  const split = kinds.map((kind) => `${kind} ${result.seconds[kind].ingest.toFixed(2)} s vs ${result.seconds[kind].ceiling.toFixed(2)} s`).join(", ");
  return [
    `ceiling (plain unnest upsert): ${result.rows} rows in ${result.ceiling.seconds.toFixed(2)} s = ${result.ceiling.rowsPerSecond.toFixed(0)} rows/s`,
    `server/ingest, same rows:      ${result.rows} rows in ${result.ingest.seconds.toFixed(2)} s = ${result.ingest.rowsPerSecond.toFixed(0)} rows/s (${split})`,
    `server/ingest / ceiling = ${(result.ratio * 100).toFixed(0)} % (target ≥ ${CEILING_TARGET * 100} %)`,
  ];
}

async function main() {
  const { values } = parseArgs({
    options: {
      orders: { type: "string", default: "100000" },
      batch: { type: "string", default: "1000" },
      "database-url": { type: "string" },
    },
  });
  const orders = Number(values.orders);
  const log = (line: string) => console.log(`[bench:ingest] ${line}`);

  const ownDatabase = values["database-url"] ?? process.env.DATABASE_URL;
  let databaseUrl = ownDatabase;
  let stop = async () => undefined as void;
  if (!databaseUrl) {
    const { startThrowawayPostgres } = await import("@/dev/db/embedded-postgres");
    const { deployMigrations, ensureDatabase } = await import("@/dev/db/migrations");
    const server = await startThrowawayPostgres();
    stop = () => server.stop();
    await ensureDatabase(server.url("postgres"), "bench_ingest");
    databaseUrl = server.url("bench_ingest");
    await deployMigrations(databaseUrl);
    log(`throwaway PostgreSQL on port ${server.port} (fsync and synchronous_commit off, for both sides alike)`);
  }
  process.env.DATABASE_URL ??= databaseUrl;
  const { endIngestPool } = await import("@/server/ingest/pool");
  const { db } = await import("@/server/db");
  try {
    log(`${orders} generated orders (${LINES_PER_ORDER} line items and a transaction each) + ${Math.ceil(orders / 2)} customers, batches of ${values.batch}`);
    const result = await compareWithCeiling({ databaseUrl, batches: generatedBatches(orders, Number(values.batch)), cleanUp: Boolean(ownDatabase), log });
    for (const line of describeCeiling(result)) log(line);
  } finally {
    await endIngestPool();
    await db.$disconnect();
    await stop();
  }
}

// Run as a script, not when bench:shopify imports compareWithCeiling.
if (/ingest-ceiling\.ts$/.test(process.argv[1] ?? "")) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
