// How fast server/ingest writes, against the ceiling of a plain set-based upsert of the same rows.
// `tsx --conditions=react-server dev/bench/ingest-ceiling.ts [--orders 100000] [--batch 2000]
// [--database-url <url>]` (or DATABASE_URL); without either it runs on a throwaway embedded
// PostgreSQL and leaves the rows there. The sync benchmark (npm run bench:shopify) calls
// measureIngestCeiling() for its ceiling figure.
//
// Both sides write the same generated rows (orders with 3 line items and a transaction each,
// one customer per two orders) into the same tables, in the same batches:
// - ingest: ingestOrders + ingestCustomers (newer-wins check, child sync, counts, dedupe);
// - ceiling: per table, one `INSERT ... SELECT FROM unnest($1::text[], ...) ON CONFLICT DO
//   UPDATE` through a bare pg client, with the ids and foreign keys precomputed, nothing else.
import { parseArgs } from "node:util";
import pg from "pg";
import type { CustomerRecord, OrderRecord } from "@/server/connectors/_core/records";

export type CeilingResult = {
  orders: number;
  customers: number;
  rows: number;
  batchSize: number;
  ingest: { seconds: number; rowsPerSecond: number };
  ceiling: { seconds: number; rowsPerSecond: number };
  ratio: number;
};

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
    tags: i % 5 === 0 ? ["wholesale", "vip"] : [],
    test: false,
    processedAt: time,
    cancelledAt: null,
    cancelReason: null,
    closedAt: null,
    sourceCreatedAt: time,
    sourceUpdatedAt: time,
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
  };
}

function* batches<T>(count: number, size: number, make: (i: number) => T): Generator<T[]> {
  for (let start = 0; start < count; start += size) {
    yield Array.from({ length: Math.min(size, count - start) }, (_, k) => make(start + k));
  }
}

// ---------- the ceiling ----------

const cuidish = (() => {
  let n = 0;
  return () => `c${Date.now().toString(36)}${(n++).toString(36).padStart(10, "0")}`;
})();

const CEILING_ORDERS = `INSERT INTO "Order" ("id","workspaceId","connectionId","externalId","name","nameLower","email","emailLower","customerExternalId","financialStatus","fulfillmentStatus","currency","subtotal","totalTax","totalDiscounts","totalPrice","currentTotalPrice","totalRefunded","tags","test","processedAt","sourceCreatedAt","sourceUpdatedAt","sourceHash","updatedAt")
  SELECT u.id, $1, $2, u.ext, u.name, lower(u.name), u.email, lower(u.email), u.cust, u.fin, u.ful, u.cur, u.sub, u.tax, u.disc, u.total, u.cur_total, u.refunded, string_to_array(u.tags, ','), u.test, u.processed, u.created, u.updated, u.hash, now()
  FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::numeric[], $12::numeric[], $13::numeric[], $14::numeric[], $15::numeric[], $16::numeric[], $17::text[], $18::boolean[], $19::timestamptz[], $20::timestamptz[], $21::timestamptz[], $22::text[])
    AS u(id, ext, name, email, cust, fin, ful, cur, sub, tax, disc, total, cur_total, refunded, tags, test, processed, created, updated, hash)
  ON CONFLICT ("workspaceId","connectionId","externalId") DO UPDATE SET "name" = EXCLUDED."name", "nameLower" = EXCLUDED."nameLower", "email" = EXCLUDED."email", "emailLower" = EXCLUDED."emailLower", "customerExternalId" = EXCLUDED."customerExternalId", "financialStatus" = EXCLUDED."financialStatus", "fulfillmentStatus" = EXCLUDED."fulfillmentStatus", "currency" = EXCLUDED."currency", "subtotal" = EXCLUDED."subtotal", "totalTax" = EXCLUDED."totalTax", "totalDiscounts" = EXCLUDED."totalDiscounts", "totalPrice" = EXCLUDED."totalPrice", "currentTotalPrice" = EXCLUDED."currentTotalPrice", "totalRefunded" = EXCLUDED."totalRefunded", "tags" = EXCLUDED."tags", "test" = EXCLUDED."test", "processedAt" = EXCLUDED."processedAt", "sourceCreatedAt" = EXCLUDED."sourceCreatedAt", "sourceUpdatedAt" = EXCLUDED."sourceUpdatedAt", "sourceHash" = EXCLUDED."sourceHash", "updatedAt" = now()`;

const CEILING_LINES = `INSERT INTO "OrderLineItem" ("id","workspaceId","connectionId","orderId","externalId","productExternalId","variantExternalId","sku","title","variantTitle","quantity","currentQuantity","unitPrice","discountedUnitPrice","currency","updatedAt")
  SELECT u.id, $1, $2, u.order_id, u.ext, u.product, u.variant, u.sku, u.title, u.vtitle, u.qty, u.cqty, u.price, u.dprice, u.cur, now()
  FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::int[], $12::int[], $13::numeric[], $14::numeric[], $15::text[])
    AS u(id, order_id, ext, product, variant, sku, title, vtitle, qty, cqty, price, dprice, cur)
  ON CONFLICT ("workspaceId","connectionId","externalId") DO UPDATE SET "orderId" = EXCLUDED."orderId", "productExternalId" = EXCLUDED."productExternalId", "variantExternalId" = EXCLUDED."variantExternalId", "sku" = EXCLUDED."sku", "title" = EXCLUDED."title", "variantTitle" = EXCLUDED."variantTitle", "quantity" = EXCLUDED."quantity", "currentQuantity" = EXCLUDED."currentQuantity", "unitPrice" = EXCLUDED."unitPrice", "discountedUnitPrice" = EXCLUDED."discountedUnitPrice", "currency" = EXCLUDED."currency", "updatedAt" = now()`;

const CEILING_TRANSACTIONS = `INSERT INTO "OrderTransaction" ("id","workspaceId","connectionId","orderId","externalId","parentExternalId","kind","status","gateway","amount","currency","processedAt","updatedAt")
  SELECT u.id, $1, $2, u.order_id, u.ext, u.parent, u.kind, u.status, u.gateway, u.amount, u.cur, u.processed, now()
  FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::numeric[], $11::text[], $12::timestamptz[])
    AS u(id, order_id, ext, parent, kind, status, gateway, amount, cur, processed)
  ON CONFLICT ("workspaceId","connectionId","externalId") DO UPDATE SET "orderId" = EXCLUDED."orderId", "parentExternalId" = EXCLUDED."parentExternalId", "kind" = EXCLUDED."kind", "status" = EXCLUDED."status", "gateway" = EXCLUDED."gateway", "amount" = EXCLUDED."amount", "currency" = EXCLUDED."currency", "processedAt" = EXCLUDED."processedAt", "updatedAt" = now()`;

const CEILING_CUSTOMERS = `INSERT INTO "Customer" ("id","workspaceId","connectionId","externalId","email","emailLower","firstName","lastName","phone","state","tags","numberOfOrders","amountSpent","currency","sourceCreatedAt","sourceUpdatedAt","sourceHash","updatedAt")
  SELECT u.id, $1, $2, u.ext, u.email, lower(u.email), u.first, u.last, u.phone, u.state, string_to_array(u.tags, ','), u.n, u.spent, u.cur, u.created, u.updated, u.hash, now()
  FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::int[], $12::numeric[], $13::text[], $14::timestamptz[], $15::timestamptz[], $16::text[])
    AS u(id, ext, email, first, last, phone, state, tags, n, spent, cur, created, updated, hash)
  ON CONFLICT ("workspaceId","connectionId","externalId") DO UPDATE SET "email" = EXCLUDED."email", "emailLower" = EXCLUDED."emailLower", "firstName" = EXCLUDED."firstName", "lastName" = EXCLUDED."lastName", "phone" = EXCLUDED."phone", "state" = EXCLUDED."state", "tags" = EXCLUDED."tags", "numberOfOrders" = EXCLUDED."numberOfOrders", "amountSpent" = EXCLUDED."amountSpent", "currency" = EXCLUDED."currency", "sourceCreatedAt" = EXCLUDED."sourceCreatedAt", "sourceUpdatedAt" = EXCLUDED."sourceUpdatedAt", "sourceHash" = EXCLUDED."sourceHash", "updatedAt" = now()`;

async function ceilingOrders(client: pg.Client, scope: [string, string], orders: OrderRecord[]) {
  const ids = orders.map(() => cuidish());
  await client.query(CEILING_ORDERS, [
    ...scope,
    ids,
    orders.map((o) => o.externalId),
    orders.map((o) => o.name),
    orders.map((o) => o.email),
    orders.map((o) => o.customerExternalId),
    orders.map((o) => o.financialStatus),
    orders.map((o) => o.fulfillmentStatus),
    orders.map((o) => o.currency),
    orders.map((o) => o.subtotal?.amount ?? null),
    orders.map((o) => o.totalTax?.amount ?? null),
    orders.map((o) => o.totalDiscounts?.amount ?? null),
    orders.map((o) => o.totalPrice.amount),
    orders.map((o) => o.currentTotalPrice?.amount ?? null),
    orders.map((o) => o.totalRefunded?.amount ?? null),
    orders.map((o) => o.tags.join(",")),
    orders.map((o) => o.test),
    orders.map((o) => o.processedAt ?? o.sourceCreatedAt),
    orders.map((o) => o.sourceCreatedAt),
    orders.map((o) => o.sourceUpdatedAt),
    orders.map((o) => o.externalId),
  ]);
  const lines = orders.flatMap((o, k) => o.lineItems.map((l) => ({ orderId: ids[k]!, l })));
  await client.query(CEILING_LINES, [
    ...scope,
    lines.map(() => cuidish()),
    lines.map((x) => x.orderId),
    lines.map((x) => x.l.externalId),
    lines.map((x) => x.l.productExternalId),
    lines.map((x) => x.l.variantExternalId),
    lines.map((x) => x.l.sku),
    lines.map((x) => x.l.title),
    lines.map((x) => x.l.variantTitle),
    lines.map((x) => x.l.quantity),
    lines.map((x) => x.l.currentQuantity),
    lines.map((x) => x.l.unitPrice.amount),
    lines.map((x) => x.l.discountedUnitPrice.amount),
    lines.map((x) => x.l.unitPrice.currency),
  ]);
  const transactions = orders.flatMap((o, k) => o.transactions.map((t) => ({ orderId: ids[k]!, t })));
  await client.query(CEILING_TRANSACTIONS, [
    ...scope,
    transactions.map(() => cuidish()),
    transactions.map((x) => x.orderId),
    transactions.map((x) => x.t.externalId),
    transactions.map((x) => x.t.parentExternalId),
    transactions.map((x) => x.t.kind),
    transactions.map((x) => x.t.status),
    transactions.map((x) => x.t.gateway),
    transactions.map((x) => x.t.amount.amount),
    transactions.map((x) => x.t.amount.currency),
    transactions.map((x) => x.t.processedAt),
  ]);
}

async function ceilingCustomers(client: pg.Client, scope: [string, string], customers: CustomerRecord[]) {
  await client.query(CEILING_CUSTOMERS, [
    ...scope,
    customers.map(() => cuidish()),
    customers.map((c) => c.externalId),
    customers.map((c) => c.email),
    customers.map((c) => c.firstName),
    customers.map((c) => c.lastName),
    customers.map((c) => c.phone),
    customers.map((c) => c.state),
    customers.map((c) => c.tags.join(",")),
    customers.map((c) => c.numberOfOrders),
    customers.map((c) => c.amountSpent?.amount ?? null),
    customers.map((c) => c.amountSpent?.currency ?? null),
    customers.map((c) => c.sourceCreatedAt),
    customers.map((c) => c.sourceUpdatedAt),
    customers.map((c) => c.externalId),
  ]);
}

// ---------- the run ----------

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/**
 * Measures ingest and the ceiling on `databaseUrl` (migrated). server/db connects to
 * DATABASE_URL, so that must be this database (it is set if unset). The two sides write into two
 * connections of one throwaway workspace, batch by batch in alternating order, so both meet the
 * same table and index sizes and the same background load (the machine is shared); the
 * workspace is deleted afterwards.
 */
export async function measureIngestCeiling(options: {
  databaseUrl: string;
  orders: number;
  batchSize: number;
  /** Delete the benchmark's rows afterwards (default true); pointless on a throwaway server. */
  cleanUp?: boolean;
  log?: (line: string) => void;
}): Promise<CeilingResult> {
  const log = options.log ?? (() => undefined);
  process.env.DATABASE_URL ??= options.databaseUrl;
  if (process.env.DATABASE_URL !== options.databaseUrl) throw new Error("DATABASE_URL must be the benchmark database: server/db connects there");
  const { deleteShopData, ingestCustomers, ingestOrders } = await import("@/server/ingest");
  const { db } = await import("@/server/db");
  const { endIngestPool } = await import("@/server/ingest/pool");

  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  const tag = Date.now().toString(36);
  const workspace = await db.workspace.create({ data: { name: "Ingest benchmark", slug: `bench-ingest-${tag}` } });
  try {
    const connection = (side: string) =>
      db.connection.create({ data: { workspaceId: workspace.id, provider: "SHOPIFY", externalAccountId: `bench-${side}-${tag}.myshopify.com`, displayName: side } });
    const ingestScope = { workspaceId: workspace.id, connectionId: (await connection("ingest")).id };
    const ceilingScope: [string, string] = [workspace.id, (await connection("ceiling")).id];
    const customers = Math.ceil(options.orders / 2);
    const rows = options.orders * (1 + LINES_PER_ORDER + 1) + customers;

    let ingestSeconds = 0;
    let ceilingSeconds = 0;
    let round = 0;
    const both = async (ingest: () => Promise<void>, ceiling: () => Promise<void>) => {
      if (round++ % 2 === 0) {
        ingestSeconds += await timed(ingest);
        ceilingSeconds += await timed(ceiling);
      } else {
        ceilingSeconds += await timed(ceiling);
        ingestSeconds += await timed(ingest);
      }
    };
    for (const batch of batches(options.orders, options.batchSize, generateOrder)) {
      await both(
        async () => {
          const counts = await ingestOrders(ingestScope, batch);
          if (counts.inserted !== batch.length) throw new Error(`ingestOrders inserted ${counts.inserted} of ${batch.length}`);
        },
        () => ceilingOrders(client, ceilingScope, batch),
      );
    }
    for (const batch of batches(customers, options.batchSize, generateCustomer)) {
      await both(
        async () => {
          const counts = await ingestCustomers(ingestScope, batch);
          if (counts.inserted !== batch.length) throw new Error(`ingestCustomers inserted ${counts.inserted} of ${batch.length}`);
        },
        () => ceilingCustomers(client, ceilingScope, batch),
      );
    }
    log(`ingest: ${rows} rows in ${ingestSeconds.toFixed(2)} s; ceiling: ${rows} rows in ${ceilingSeconds.toFixed(2)} s`);

    for (const [side, connectionId] of [["ingest", ingestScope.connectionId], ["ceiling", ceilingScope[1]]] as const) {
      const { rows: stored } = await client.query<{ n: number }>(
        `SELECT ((SELECT count(*) FROM "Order" WHERE "connectionId" = $1) + (SELECT count(*) FROM "OrderLineItem" WHERE "connectionId" = $1)
          + (SELECT count(*) FROM "OrderTransaction" WHERE "connectionId" = $1) + (SELECT count(*) FROM "Customer" WHERE "connectionId" = $1))::int AS n`,
        [connectionId],
      );
      if (stored[0]?.n !== rows) throw new Error(`${side}: expected ${rows} stored rows, found ${stored[0]?.n}`);
    }
    log("both sides stored every row");

    return {
      orders: options.orders,
      customers,
      rows,
      batchSize: options.batchSize,
      ingest: { seconds: ingestSeconds, rowsPerSecond: rows / ingestSeconds },
      ceiling: { seconds: ceilingSeconds, rowsPerSecond: rows / ceilingSeconds },
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
    await endIngestPool();
    await db.$disconnect();
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      orders: { type: "string", default: "100000" },
      batch: { type: "string", default: "2000" },
      "database-url": { type: "string" },
    },
  });
  const orders = Number(values.orders);
  const batchSize = Number(values.batch);
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
  try {
    const result = await measureIngestCeiling({ databaseUrl, orders, batchSize, cleanUp: Boolean(ownDatabase), log });
    log(`${result.orders} orders (${LINES_PER_ORDER} line items and a transaction each) + ${result.customers} customers = ${result.rows} rows, batches of ${result.batchSize}`);
    log(`ingest   ${Math.round(result.ingest.rowsPerSecond)} rows/s (${result.ingest.seconds.toFixed(2)} s)`);
    log(`ceiling  ${Math.round(result.ceiling.rowsPerSecond)} rows/s (${result.ceiling.seconds.toFixed(2)} s)`);
    log(`ingest / ceiling = ${(result.ratio * 100).toFixed(0)}% (target >= 70%)`);
  } finally {
    await stop();
  }
}

// Run as a script, not when bench:shopify imports measureIngestCeiling.
if (/ingest-ceiling\.ts$/.test(process.argv[1] ?? "")) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
