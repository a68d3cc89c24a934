// The workspace every part of `npm run bench:insight` measures: a store with `orders` orders (1-3
// line items each) spread over `days` days up to `now`, and a GA4 property holding about as many
// purchase rows, planted with the losses reconciliation looks for. Written with generate_series
// in a few statements (a minute for 1M orders, not the hours ingest's writers would take for
// rows nobody reads back), deterministic: order i is the same on every run.
//
// Order i (1-based), by i % 100 (the analytics side):
//   0-7 blocked (no row) · 8-9 duplicated (transactions = 2) · 10-11 a value 0.2 % off (GA4's
//   own currency conversion) · 12-14 without tax and shipping · 15 `(not set)` (aggregated per
//   day, source and device, as GA4 reports it) · 20-27 also an extra transaction the store does
//   not have · the rest exact.
// Store side: i % 500 = 0 is a test order, i % 1000 = 1 is deleted, i % 200 = 3 is cancelled.
// Rows look synced long ago: an order last written a day after it was placed, a GA4 row six hours
// after its purchase, so "changed since the last run" finds only what a benchmark changes.
import pg from "pg";

export type InsightSeedOptions = {
  databaseUrl: string;
  /** An existing workspace (e.g. one with a signed-in owner); a new one when left out. */
  workspaceId?: string;
  orders?: number;
  days?: number;
  /** Orders take these currencies in turn; the property reports in the first. */
  currencies?: readonly string[];
  /** The property's time zone (its days), also the workspace's when a new one is made. */
  timeZone?: string;
  now?: Date;
  log?: (message: string) => void;
};

export type InsightSeed = {
  workspaceId: string;
  storeConnectionId: string;
  analyticsConnectionId: string;
  pairId: string;
  timeZone: string;
  orders: number;
  lineItems: number;
  analyticsRows: number;
  /** The first and last order's processedAt. */
  from: Date;
  to: Date;
};

const BATCH = 100_000;
const PRODUCTS = 200;
const SOURCES = ["google / cpc", "google / organic", "(direct) / (none)", "facebook / paid_social", "newsletter / email"];
const DEVICES = ["desktop", "mobile", "tablet"];
const CHANNELS = ["web", "pos", "instagram"];

// Shared by the order and analytics statements: order $i's amounts and attribution, as SQL.
const ORDER_FIGURES = `
  round((10 + (i::bigint * 37) % 190 + (i % 100) / 100.0)::numeric, 2) AS subtotal,
  CASE WHEN i % 3 = 0 THEN 4.95 ELSE 0 END AS shipping,
  CASE WHEN i % 10 = 0 THEN 5.00 ELSE 0 END AS discounts`;

export async function seedInsightWorkspace(options: InsightSeedOptions): Promise<InsightSeed> {
  const orders = options.orders ?? 1_000_000;
  const days = options.days ?? 730;
  const currencies = options.currencies ?? ["USD"];
  const timeZone = options.timeZone ?? "America/New_York";
  const now = options.now ?? new Date();
  const log = options.log ?? (() => {});
  const to = new Date(now.getTime() - 3_600_000);
  const from = new Date(to.getTime() - days * 86_400_000);
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    // The dashboard's rollup triggers stay off for this bulk load (a throwaway superuser database;
    // per-batch recomputation made seeding very slow): the rollups are rebuilt once at the end.
    await client.query("SET session_replication_role = replica");
    const one = async <R extends pg.QueryResultRow>(sql: string, values: unknown[]) => (await client.query<R>(sql, values)).rows[0]!;
    const workspaceId =
      options.workspaceId ??
      (await one<{ id: string }>(`INSERT INTO "Workspace" (id, name, slug, "timeZone", "updatedAt") VALUES (gen_random_uuid()::text, 'Insight Bench', 'insight-' || substr(md5(random()::text), 1, 8), $1, now()) RETURNING id`, [timeZone])).id;
    const connection = (provider: string, account: string, name: string, settings: object) =>
      one<{ id: string }>(
        `INSERT INTO "Connection" (id, "workspaceId", provider, "externalAccountId", "displayName", status, "authMethod", settings, "lastSyncedAt", "updatedAt")
         VALUES (gen_random_uuid()::text, $1, $2, $3, $4, 'ACTIVE', 'CREDENTIALS', $5, now(), now()) RETURNING id`,
        [workspaceId, provider, account, name, JSON.stringify(settings)],
      );
    const store = await connection("SHOPIFY", `insight-${workspaceId.slice(0, 8)}.myshopify.com`, "Insight Store", {});
    const analytics = await connection("GA4", `properties/${workspaceId.slice(0, 8)}`, "GA4 · Insight", { propertyId: workspaceId.slice(0, 8), timeZone, currencyCode: currencies[0] });
    const pair = await one<{ id: string }>(
      `INSERT INTO "ReconciliationPair" (id, "workspaceId", "storeConnectionId", "analyticsConnectionId", "timeZone", "updatedAt") VALUES (gen_random_uuid()::text, $1, $2, $3, $4, now()) RETURNING id`,
      [workspaceId, store.id, analytics.id, timeZone],
    );

    // Row ids start with a tag of their own, so several seeded workspaces can share a database.
    const tag = `b${analytics.id.slice(0, 8)}`;
    const spanMs = to.getTime() - from.getTime();
    for (let start = 1; start <= orders; start += BATCH) {
      const end = Math.min(orders, start + BATCH - 1);
      log(`orders ${start}-${end} of ${orders}`);
      // Evenly spread with a deterministic jitter of up to an hour, so every day has orders.
      await client.query(
        `INSERT INTO "Order" (id, "workspaceId", "connectionId", "externalId", name, "nameLower", email, "emailLower", "customerExternalId",
           "financialStatus", "fulfillmentStatus", currency, subtotal, "totalTax", "totalDiscounts", "totalPrice", "totalShipping",
           channel, "marketingSource", "marketingMedium", tags, test, "processedAt", "cancelledAt", "cancelReason",
           "sourceCreatedAt", "sourceUpdatedAt", "observedAt", "sourceHash", "deletedAt", "updatedAt")
         SELECT $11 || 'o' || i, $1, $2, (5000000000 + i)::text, '#' || (1000 + i), '#' || (1000 + i),
           'buyer' || (i % 50000) || '@example.test', 'buyer' || (i % 50000) || '@example.test', 'c' || (i % 50000),
           CASE WHEN i % 200 = 3 THEN 'voided' ELSE 'paid' END, CASE WHEN i % 4 = 0 THEN NULL ELSE 'fulfilled' END,
           ($3::text[])[1 + i % cardinality($3::text[])], subtotal, round(subtotal * 0.2, 2), discounts,
           subtotal + round(subtotal * 0.2, 2) + shipping - discounts, shipping,
           ($4::text[])[1 + i % cardinality($4::text[])], split_part(($5::text[])[1 + (i / 7) % cardinality($5::text[])], ' / ', 1),
           split_part(($5::text[])[1 + (i / 7) % cardinality($5::text[])], ' / ', 2), '{}', i % 500 = 0, at,
           CASE WHEN i % 200 = 3 THEN at + interval '2 hours' END, CASE WHEN i % 200 = 3 THEN 'customer' END,
           at, at, at, md5(i::text), CASE WHEN i % 1000 = 1 THEN at + interval '1 day' END, least(at + interval '1 day', now())
         FROM (SELECT i, $6::timestamptz + ((i - 1) * $7::float8 / $8) * interval '1 millisecond' + ((i::bigint * 7919) % 3600) * interval '1 second' AS at, ${ORDER_FIGURES}
               FROM generate_series($9::int, $10::int) AS i) o`,
        [workspaceId, store.id, currencies, CHANNELS, SOURCES, from.toISOString(), spanMs, orders, start, end, tag],
      );
      // 1-3 lines an order; the first carries the subtotal's remainder so lines add up to it.
      await client.query(
        `INSERT INTO "OrderLineItem" (id, "workspaceId", "connectionId", "orderId", "externalId", "productExternalId", "variantExternalId", sku,
           title, quantity, "currentQuantity", "unitPrice", "discountedUnitPrice", currency, "updatedAt")
         SELECT $7 || 'l' || i || '-' || n, $1, $2, $7 || 'o' || i, (5000000000 + i)::text || '-' || n, 'p' || ((i::bigint * n * 13) % $3), 'v' || ((i::bigint * n * 13) % $3),
           'SKU-' || ((i::bigint * n * 13) % $3), 'Product ' || ((i::bigint * n * 13) % $3), 1, 1,
           CASE WHEN n = 1 THEN subtotal - round(subtotal / (1 + i % 3), 2) * (i % 3) ELSE round(subtotal / (1 + i % 3), 2) END,
           CASE WHEN n = 1 THEN subtotal - round(subtotal / (1 + i % 3), 2) * (i % 3) ELSE round(subtotal / (1 + i % 3), 2) END,
           ($4::text[])[1 + i % cardinality($4::text[])], now()
         FROM (SELECT i, ${ORDER_FIGURES} FROM generate_series($5::int, $6::int) AS i) o, generate_series(1, 1 + i % 3) AS n`,
        [workspaceId, store.id, PRODUCTS, currencies, start, end, tag],
      );
    }

    log("analytics purchases");
    const orderDay = `(o."processedAt" AT TIME ZONE $3)::date`;
    const source = `($4::text[])[1 + (i / 7) % cardinality($4::text[])]`;
    const device = `($5::text[])[1 + i % cardinality($5::text[])]`;
    const storeOrders = `(SELECT ("externalId"::bigint - 5000000000)::int AS i, * FROM "Order" WHERE "connectionId" = $7 AND test = false)`;
    // Exact, duplicated, off by GA4's conversion, or without tax and shipping (see the header).
    await client.query(
      `INSERT INTO "AnalyticsPurchase" (id, "workspaceId", "connectionId", date, "transactionId", "sourceMedium", "deviceCategory", currency,
         revenue, tax, shipping, purchases, transactions, "observedAt", "updatedAt")
       SELECT $8 || 'a' || i, $1, $2, ${orderDay}, o."externalId", ${source}, ${device}, $6,
         CASE WHEN i % 100 IN (10, 11) THEN round(o."totalPrice" * 0.998, 2)
              WHEN i % 100 IN (12, 13, 14) THEN o."totalPrice" - o."totalTax" - o."totalShipping"
              ELSE o."totalPrice" END,
         CASE WHEN i % 100 IN (12, 13, 14) THEN 0 ELSE o."totalTax" END,
         CASE WHEN i % 100 IN (12, 13, 14) THEN 0 ELSE o."totalShipping" END,
         CASE WHEN i % 100 IN (8, 9) THEN 2 ELSE 1 END, CASE WHEN i % 100 IN (8, 9) THEN 2 ELSE 1 END, least(o."processedAt" + interval '6 hours', now()), least(o."processedAt" + interval '6 hours', now())
       FROM ${storeOrders} o
       WHERE i % 100 >= 8 AND i % 100 <> 15`,
      [workspaceId, analytics.id, timeZone, SOURCES, DEVICES, currencies[0], store.id, tag],
    );
    await client.query(
      `INSERT INTO "AnalyticsPurchase" (id, "workspaceId", "connectionId", date, "transactionId", "sourceMedium", "deviceCategory", currency,
         revenue, tax, shipping, purchases, transactions, "observedAt", "updatedAt")
       SELECT $8 || 'n' || row_number() OVER (), $1, $2, day, '(not set)', source, device, $6, sum("totalPrice"), sum("totalTax"), sum("totalShipping"), count(*), 0, least(max("processedAt") + interval '6 hours', now()), least(max("processedAt") + interval '6 hours', now())
       FROM (SELECT ${orderDay} AS day, ${source} AS source, ${device} AS device, o.* FROM ${storeOrders} o WHERE i % 100 = 15) n
       GROUP BY day, source, device`,
      [workspaceId, analytics.id, timeZone, SOURCES, DEVICES, currencies[0], store.id, tag],
    );
    await client.query(
      `INSERT INTO "AnalyticsPurchase" (id, "workspaceId", "connectionId", date, "transactionId", "sourceMedium", "deviceCategory", currency,
         revenue, tax, shipping, purchases, transactions, "observedAt", "updatedAt")
       SELECT $8 || 'x' || i, $1, $2, ${orderDay}, 'x' || i, ${source}, ${device}, $6, round(o."totalPrice" * 1.5, 2), 0, 0, 1, 1, least(o."processedAt" + interval '6 hours', now()), least(o."processedAt" + interval '6 hours', now())
       FROM ${storeOrders} o
       WHERE i % 100 BETWEEN 20 AND 27`,
      [workspaceId, analytics.id, timeZone, SOURCES, DEVICES, currencies[0], store.id, tag],
    );
    log("analyze");
    await client.query(`ANALYZE "Order", "OrderLineItem", "AnalyticsPurchase"`);
    log("dashboard rollups");
    await client.query("SELECT dashboard_rebuild_rollups($1)", [workspaceId]);
    await client.query(`ANALYZE "DailySalesRollup", "DailyProductRollup"`);
    const counted = await one<{ line_items: string; analytics_rows: string }>(
      `SELECT (SELECT count(*) FROM "OrderLineItem" WHERE "connectionId" = $1) AS line_items, (SELECT count(*) FROM "AnalyticsPurchase" WHERE "connectionId" = $2) AS analytics_rows`,
      [store.id, analytics.id],
    );
    return {
      workspaceId,
      storeConnectionId: store.id,
      analyticsConnectionId: analytics.id,
      pairId: pair.id,
      timeZone,
      orders,
      lineItems: Number(counted.line_items),
      analyticsRows: Number(counted.analytics_rows),
      from,
      to,
    };
  } finally {
    await client.end();
  }
}
