import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Rng } from "@/dev/sandbox/_kit/random";
import { buildCommerceScope } from "@/prisma/factories/commerce";
import { buildConnection } from "@/prisma/factories/connections";

// InventorySkuTotal is kept by triggers on the levels, variants, products and connections it sums
// (prisma/migrations/*_inventory_sku_totals). Whatever the statements, after each batch the stored
// totals must be exactly what inventory_rebuild_sku_totals makes of the base tables. Statements
// are SQL so they reach what ingest never does alone: several in one transaction, a variant moved
// to another SKU or item, hard deletions, a connection disconnected, reconnected or deleted, a
// level moved to another item, levels written by the same statement as variants, products or
// connections (the level triggers add differences; the others recompute).

let client: pg.Client;
beforeAll(async () => {
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
});
afterAll(() => client?.end());

const TOTAL_ROWS = `SELECT row_to_json(t)::text AS row FROM "InventorySkuTotal" t WHERE t."workspaceId" = $1 ORDER BY t.sku`;

/** The totals as stored, and as a rebuild from the base tables makes them (rolled back). */
async function storedAndRebuilt(workspaceId: string) {
  const rows = async () => (await client.query<{ row: string }>(TOTAL_ROWS, [workspaceId])).rows.map((r) => r.row);
  const stored = await rows();
  await client.query("BEGIN");
  try {
    await client.query("SELECT inventory_rebuild_sku_totals($1)", [workspaceId]);
    return { stored, rebuilt: await rows() };
  } finally {
    await client.query("ROLLBACK");
  }
}

function random(seed: number) {
  const rng = new Rng(seed);
  return { int: (below: number) => rng.int(0, below - 1), pick: <T>(items: readonly T[]): T => rng.pick(items), chance: (p: number) => rng.chance(p) };
}

const SKUS = ["A", "B", "C", "D", "E", "F", ""];
const ITEMS = ["i1", "i2", "i3", "i4", "i5"];
const LOCATIONS = ["l1", "l2"];

type Statement = { sql: string; params: unknown[] };

describe("InventorySkuTotal under random writes", () => {
  it("equals a rebuild from the base tables after every batch", async () => {
    const seed = Number(process.env.SKU_TOTALS_SEED ?? 20261206);
    const rnd = random(seed);
    const store = await buildCommerceScope();
    const workspaceId = store.workspaceId;
    const secondStore = await buildConnection(workspaceId);
    const tpl = await buildConnection(workspaceId, { provider: "SHIPBOB", externalAccountId: `channel-${randomUUID()}`, displayName: "3PL" });
    // A connection of a category that holds no stock: its variants never count.
    const books = await buildConnection(workspaceId, { provider: "FREEAGENT", externalAccountId: `books-${randomUUID()}`, displayName: "Books" });
    let connections = [store.connectionId, secondStore.id, tpl.id, books.id];
    // Another workspace's rows with the same SKUs: never moved by this one's writes.
    const other = await buildCommerceScope();

    const newProduct = (connectionId: string, ws = workspaceId): Statement[] => {
      const productId = randomUUID();
      const variants = Array.from({ length: 1 + rnd.int(3) }, () => ({ sku: rnd.pick(SKUS), item: rnd.chance(0.9) ? rnd.pick(ITEMS) : null }));
      return [
        {
          sql: `INSERT INTO "Product" (id, "workspaceId", "connectionId", "externalId", title, "titleLower", status, tags, "sourceCreatedAt", "sourceUpdatedAt", "sourceHash", "updatedAt")
                VALUES ($1, $2, $3, $1, $4, lower($4), 'ACTIVE', '{}', now(), now(), 'h', now())`,
          params: [productId, ws, connectionId, `Title ${rnd.int(5)}`],
        },
        {
          sql: `INSERT INTO "ProductVariant" (id, "workspaceId", "connectionId", "productId", "externalId", title, sku, "inventoryItemExternalId", "sourceUpdatedAt", "updatedAt")
                SELECT gen_random_uuid()::text, $1, $2, $3, gen_random_uuid()::text, 'v', v.sku, v.item, now(), now()
                FROM jsonb_to_recordset($4::jsonb) AS v(sku text, item text)`,
          params: [ws, connectionId, productId, JSON.stringify(variants)],
        },
      ];
    };
    const levels = (connectionId: string, ws = workspaceId): Statement => {
      const rows = Array.from({ length: 1 + rnd.int(6) }, () => ({ item: rnd.pick(ITEMS), location: rnd.pick(LOCATIONS), available: rnd.int(40) - 5, onHand: rnd.int(50), committed: rnd.int(9), incoming: rnd.int(20) }));
      return {
        sql: `INSERT INTO "InventoryLevel" (id, "workspaceId", "connectionId", "inventoryItemExternalId", "locationExternalId", available, "onHand", committed, incoming, "sourceUpdatedAt", "updatedAt")
              SELECT DISTINCT ON (r.item, r.location) gen_random_uuid()::text, $1, $2, r.item, r.location, r.available, r."onHand", r.committed, r.incoming, now(), now()
              FROM jsonb_to_recordset($3::jsonb) AS r(item text, location text, available int, "onHand" int, committed int, incoming int)
              ON CONFLICT ("workspaceId", "connectionId", "inventoryItemExternalId", "locationExternalId")
              DO UPDATE SET available = excluded.available, "onHand" = excluded."onHand", committed = excluded.committed, incoming = excluded.incoming, "updatedAt" = now()`,
        params: [ws, connectionId, JSON.stringify(rows)],
      };
    };

    const setup = connections.flatMap((c) => [...newProduct(c), ...newProduct(c), levels(c)]);
    for (const statement of [...setup, ...newProduct(other.connectionId, other.workspaceId), levels(other.connectionId, other.workspaceId)]) {
      await client.query(statement.sql, statement.params);
    }
    const otherBefore = await storedAndRebuilt(other.workspaceId);

    const operations: (() => Statement[])[] = [
      () => [levels(rnd.pick(connections))],
      () => [{ sql: `UPDATE "InventoryLevel" SET available = available + $2 WHERE "workspaceId" = $1 AND "locationExternalId" = $3`, params: [workspaceId, rnd.int(7) - 3, rnd.pick(LOCATIONS)] }],
      // Only a timestamp: no total moves.
      () => [{ sql: `UPDATE "InventoryLevel" SET "observedAt" = now() WHERE "workspaceId" = $1`, params: [workspaceId] }],
      () => [{ sql: `DELETE FROM "InventoryLevel" WHERE "workspaceId" = $1 AND "inventoryItemExternalId" = $2 AND "connectionId" = $3`, params: [workspaceId, rnd.pick(ITEMS), rnd.pick(connections)] }],
      () => newProduct(rnd.pick(connections)),
      () => [{ sql: `UPDATE "ProductVariant" SET sku = $2 WHERE id IN (SELECT id FROM "ProductVariant" WHERE "workspaceId" = $1 ORDER BY random() LIMIT 2)`, params: [workspaceId, rnd.chance(0.1) ? null : rnd.pick(SKUS)] }],
      () => [{ sql: `UPDATE "ProductVariant" SET "inventoryItemExternalId" = $2 WHERE id IN (SELECT id FROM "ProductVariant" WHERE "workspaceId" = $1 ORDER BY random() LIMIT 1)`, params: [workspaceId, rnd.chance(0.1) ? null : rnd.pick(ITEMS)] }],
      () => [{ sql: `DELETE FROM "ProductVariant" WHERE id IN (SELECT id FROM "ProductVariant" WHERE "workspaceId" = $1 ORDER BY random() LIMIT 1)`, params: [workspaceId] }],
      () => [{ sql: `UPDATE "Product" SET "deletedAt" = CASE WHEN "deletedAt" IS NULL THEN now() END WHERE id IN (SELECT id FROM "Product" WHERE "workspaceId" = $1 ORDER BY random() LIMIT 2)`, params: [workspaceId] }],
      () => [{ sql: `UPDATE "Product" SET title = $2 WHERE id IN (SELECT id FROM "Product" WHERE "workspaceId" = $1 ORDER BY random() LIMIT 1)`, params: [workspaceId, `Title ${rnd.int(5)}`] }],
      () => [{ sql: `DELETE FROM "Product" WHERE id IN (SELECT id FROM "Product" WHERE "workspaceId" = $1 ORDER BY random() LIMIT 1)`, params: [workspaceId] }],
      () => [{ sql: `UPDATE "Connection" SET status = CASE WHEN status = 'DISCONNECTED' THEN 'ACTIVE' ELSE 'DISCONNECTED' END::"ConnectionStatus" WHERE id = $1`, params: [rnd.pick(connections)] }],
      // Nothing the totals read.
      () => [{ sql: `UPDATE "Connection" SET "lastSyncedAt" = now() WHERE "workspaceId" = $1`, params: [workspaceId] }],
      // A level moved to another inventory item (where that item has none at its location).
      () => [{ sql: `UPDATE "InventoryLevel" l SET "inventoryItemExternalId" = $2 WHERE l.id IN (SELECT id FROM "InventoryLevel" WHERE "workspaceId" = $1 ORDER BY random() LIMIT 1)
                     AND NOT EXISTS (SELECT 1 FROM "InventoryLevel" o WHERE o."workspaceId" = l."workspaceId" AND o."connectionId" = l."connectionId" AND o."inventoryItemExternalId" = $2 AND o."locationExternalId" = l."locationExternalId")`, params: [workspaceId, rnd.pick(ITEMS)] }],
      // Levels and what places them written by one statement: the tables' triggers fire after it in
      // an undefined order, so a level's difference may meet SKUs already recomputed with it.
      () => {
        const write = levels(rnd.pick(connections));
        return [{ sql: `WITH moved AS (UPDATE "ProductVariant" SET "inventoryItemExternalId" = $4 WHERE id IN (SELECT id FROM "ProductVariant" WHERE "workspaceId" = $1 ORDER BY random() LIMIT 2) RETURNING id) ${write.sql}`, params: [...write.params, rnd.pick(ITEMS)] }];
      },
      () => {
        const write = levels(rnd.pick(connections));
        return [{ sql: `WITH written AS (${write.sql} RETURNING id) UPDATE "ProductVariant" SET sku = $4 WHERE id IN (SELECT id FROM "ProductVariant" WHERE "workspaceId" = $1 ORDER BY random() LIMIT 2)`, params: [...write.params, rnd.pick(SKUS)] }];
      },
      () => [{ sql: `WITH gone AS (UPDATE "Product" SET "deletedAt" = CASE WHEN "deletedAt" IS NULL THEN now() END WHERE id IN (SELECT id FROM "Product" WHERE "workspaceId" = $1 ORDER BY random() LIMIT 1) RETURNING id)
                     UPDATE "InventoryLevel" SET available = available + $2, "onHand" = "onHand" + 1 WHERE "workspaceId" = $1 AND "locationExternalId" = $3`, params: [workspaceId, rnd.int(7) - 3, rnd.pick(LOCATIONS)] }],
      () => [{ sql: `WITH switched AS (UPDATE "Connection" SET status = CASE WHEN status = 'DISCONNECTED' THEN 'ACTIVE' ELSE 'DISCONNECTED' END::"ConnectionStatus" WHERE id = $2 RETURNING id)
                     DELETE FROM "InventoryLevel" WHERE "workspaceId" = $1 AND "inventoryItemExternalId" = $3`, params: [workspaceId, rnd.pick(connections), rnd.pick(ITEMS)] }],
    ];

    const deleteConnection = async () => {
      const doomed = rnd.pick(connections.slice(0, 3));
      await client.query(`DELETE FROM "Connection" WHERE id = $1`, [doomed]);
      const provider = doomed === tpl.id ? "SHIPBOB" : "SHOPIFY";
      const replacement = await buildConnection(workspaceId, { provider, externalAccountId: `again-${randomUUID()}`, displayName: "Again" });
      connections = connections.map((c) => (c === doomed ? replacement.id : c));
      for (const statement of [...newProduct(replacement.id), levels(replacement.id)]) await client.query(statement.sql, statement.params);
      return `delete connection ${doomed}`;
    };

    for (let batch = 0; batch < 60; batch++) {
      const log: string[] = [];
      if (batch % 15 === 14) {
        log.push(await deleteConnection());
      } else {
        const statements = Array.from({ length: 1 + rnd.int(4) }, () => rnd.pick(operations)()).flat();
        await client.query("BEGIN");
        for (const statement of statements) {
          log.push(`${statement.sql.replace(/\s+/g, " ").slice(0, 80)} ${JSON.stringify(statement.params)}`);
          await client.query(statement.sql, statement.params);
        }
        await client.query("COMMIT");
      }
      const { stored, rebuilt } = await storedAndRebuilt(workspaceId);
      expect(stored, `seed ${seed} (SKU_TOTALS_SEED), batch ${batch}:\n${log.join("\n")}`).toEqual(rebuilt);
    }
    expect((await storedAndRebuilt(workspaceId)).stored.length).toBeGreaterThan(0);
    expect((await storedAndRebuilt(other.workspaceId)).stored).toEqual(otherBefore.stored);
  }, 60_000);

  // A SKU carried by a store and a 3PL whose syncs write at once: each recomputation starts once the
  // other's has committed, so neither overwrites the other's side with what it saw before.
  it("keeps a SKU exact when its store and its 3PL write it in concurrent transactions", async () => {
    const store = await buildCommerceScope();
    const tpl = await buildConnection(store.workspaceId, { provider: "SHIPBOB", externalAccountId: `channel-${randomUUID()}`, displayName: "3PL" });
    const [first, second] = [new pg.Client({ connectionString: process.env.DATABASE_URL }), new pg.Client({ connectionString: process.env.DATABASE_URL })];
    await Promise.all([first.connect(), second.connect()]);
    try {
      for (const connectionId of [store.connectionId, tpl.id]) {
        const productId = randomUUID();
        await client.query(
          `INSERT INTO "Product" (id, "workspaceId", "connectionId", "externalId", title, "titleLower", status, tags, "sourceCreatedAt", "sourceUpdatedAt", "sourceHash", "updatedAt")
           VALUES ($1, $2, $3, $1, 'Shirt', 'shirt', 'ACTIVE', '{}', now(), now(), 'h', now())`,
          [productId, store.workspaceId, connectionId],
        );
        await client.query(
          `INSERT INTO "ProductVariant" (id, "workspaceId", "connectionId", "productId", "externalId", title, sku, "inventoryItemExternalId", "sourceUpdatedAt", "updatedAt")
           VALUES (gen_random_uuid()::text, $1, $2, $3, gen_random_uuid()::text, 'v', 'SHARED', 'item', now(), now())`,
          [store.workspaceId, connectionId, productId],
        );
      }
      const write = (c: pg.Client, connectionId: string, available: number) =>
        c.query(
          `INSERT INTO "InventoryLevel" (id, "workspaceId", "connectionId", "inventoryItemExternalId", "locationExternalId", available, "onHand", committed, incoming, "sourceUpdatedAt", "updatedAt")
           VALUES (gen_random_uuid()::text, $1, $2, 'item', 'loc', $3, 0, 0, 0, now(), now())`,
          [store.workspaceId, connectionId, available],
        );
      await first.query("BEGIN");
      await second.query("BEGIN");
      await write(first, store.connectionId, 7);
      const secondWrite = write(second, tpl.id, 3);
      // The second's recomputation waits for the first's lock; give it time to be waiting.
      await new Promise((resolve) => setTimeout(resolve, 200));
      await first.query("COMMIT");
      await secondWrite;
      await second.query("COMMIT");
      const { rows } = await client.query(`SELECT "storeAvailable", fulfillable, difference FROM "InventorySkuTotal" WHERE "workspaceId" = $1 AND sku = 'SHARED'`, [store.workspaceId]);
      expect(rows).toEqual([{ storeAvailable: 7, fulfillable: 3, difference: 4 }]);
    } finally {
      await Promise.all([first.end(), second.end()]);
    }
  });
});
