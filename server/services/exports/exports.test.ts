import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import { beforeAll, describe, expect, it } from "vitest";
import { customerRecord, inventoryLevelRecord, locationRecord, orderRecord, productRecord, buildCommerceScope } from "@/prisma/factories/commerce";
import { insertCustomer, insertInventoryLevels, insertLocation, insertOrder, insertProduct } from "@/prisma/factories/commerce-rows";
import { insertGeneratedOrders } from "@/prisma/factories/exports";
import { buildJobConnection, buildJobRun } from "@/prisma/factories/job-history";
import { buildMember } from "@/prisma/factories/members";
import { db, workspaceDb, type WorkspaceDb } from "@/server/db";
import { findAuditLogs } from "@/server/services/audit/find-audit-logs";
import { recordAudit } from "@/server/services/audit/record-audit";
import { findCustomers } from "@/server/services/customers/find-customers";
import { findCustomersInput } from "@/server/services/customers/schema";
import { findInventoryLevels } from "@/server/services/inventory/find-inventory-levels";
import { findJobRuns } from "@/server/services/job-history/find-job-runs";
import { findOrders } from "@/server/services/orders/find-orders";
import { findProducts } from "@/server/services/products/find-products";
import type { ExportList } from "./schema";
import { exportChunks } from "./file-bytes";
import { exportSourceOf } from "./sources";
import { DIRECT_XLSX_MAX_ROWS } from "./limits";
import { startExport } from "./start-export";
import { parseExportFilters } from "./parse-filters";

type Page = { items: { id: string }[]; nextCursor: string | null };

// Every id the list's page shows for these filters, following its cursors to the end.
async function pageIds(find: (cursor: string | undefined) => Promise<Page>): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await find(cursor);
    ids.push(...page.items.map((item) => item.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}

// The export's rows for the same filters (raw, as the page's client sends them), read in small pages.
async function exportRows(list: ExportList, workspaceId: string, raw: Record<string, unknown>, pageSize = 3) {
  const source = exportSourceOf(list);
  const filters = parseExportFilters(source, raw);
  const rows = [];
  for await (const page of source.pages(workspaceId, filters, { cursor: null, pageSize })) rows.push(...page.rows);
  expect(await source.count(workspaceId, filters)).toBe(rows.length);
  return rows;
}

const idColumn = (list: ExportList) => exportSourceOf(list).columns.findIndex((column) => column.key === "id");
const exportIds = async (list: ExportList, workspaceId: string, raw: Record<string, unknown>) =>
  (await exportRows(list, workspaceId, raw)).map((row) => row[idColumn(list)]);

let scope: { workspaceId: string; connectionId: string };
let wdb: WorkspaceDb;

beforeAll(async () => {
  scope = await buildCommerceScope();
  wdb = workspaceDb(scope.workspaceId);
});

describe("orders: the export has the page's rows, in the page's order, for each filter", () => {
  const T = (day: number) => `2026-02-${String(day).padStart(2, "0")}T10:00:00Z`;
  let other: { workspaceId: string; connectionId: string };

  beforeAll(async () => {
    const second = await buildJobConnection(scope.workspaceId, { displayName: "Second store" });
    const orders = [
      orderRecord("a1", { name: "#1001", processedAt: T(1), financialStatus: "PAID" }),
      orderRecord("a2", { name: "#1002", processedAt: T(2), financialStatus: "REFUNDED", email: "zed@example.test" }),
      orderRecord("a3", { name: "#2001", processedAt: T(3), fulfillmentStatus: "FULFILLED" }),
      // Five orders in the same millisecond: the id breaks the tie, as on the page.
      ...["t1", "t2", "t3", "t4", "t5"].map((id) => orderRecord(id, { name: `#5${id}`, processedAt: T(4) })),
      orderRecord("a_%", { name: "#10%_", processedAt: T(5) }),
    ];
    for (const order of orders) await insertOrder(scope, order);
    await insertOrder({ ...scope, connectionId: second.id }, orderRecord("b1", { name: "#1003", processedAt: T(6) }));
    await insertOrder(scope, orderRecord("gone", { processedAt: T(7) }), { deletedAt: new Date() });
    await insertCustomer(scope, customerRecord("customer-a3", { firstName: "Zora", lastName: "Neale" }));
    other = await buildCommerceScope();
    await insertOrder(other, orderRecord("other", { processedAt: T(3) }));
  });

  const FILTERS: Record<string, Record<string, unknown>> = {
    none: {},
    search: { search: "100" },
    "search with #": { search: "#10" },
    "search by email": { search: "ZED@" },
    "search with LIKE wildcards": { search: "10%" },
    "search by customer name": { search: "zora nea" },
    payment: { financialStatus: "REFUNDED" },
    fulfilment: { fulfillmentStatus: "FULFILLED" },
    range: { from: new Date(T(2)), to: new Date(T(4)) },
  };

  it.each(Object.entries(FILTERS))("%s", async (_name, filters) => {
    const expected = await pageIds((cursor) => findOrders(wdb, { limit: 2, cursor, ...filters }));
    expect(expected.length).toBeGreaterThan(0);
    expect(await exportIds("orders", scope.workspaceId, filters)).toEqual(expected);
  });

  it("by connection, and refuses another workspace's connection as not found", async () => {
    const filters = { connectionId: scope.connectionId };
    expect(await exportIds("orders", scope.workspaceId, filters)).toEqual(await pageIds((cursor) => findOrders(wdb, { limit: 2, cursor, ...filters })));
    await expect(exportRows("orders", scope.workspaceId, { connectionId: other.connectionId })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("exports only the rows selected on the page, within its filters, in the list's order", async () => {
    const [a1, a2, a3] = await Promise.all(["a1", "a2", "a3"].map((externalId) => db.order.findFirstOrThrow({ where: { workspaceId: scope.workspaceId, externalId }, select: { id: true } })));
    const otherOrder = await db.order.findFirstOrThrow({ where: { workspaceId: other.workspaceId }, select: { id: true } });
    expect(await exportIds("orders", scope.workspaceId, { ids: [a1!.id, a3!.id, otherOrder.id] })).toEqual([a3!.id, a1!.id]);
    expect(await exportIds("orders", scope.workspaceId, { ids: [a1!.id, a2!.id], financialStatus: "PAID" })).toEqual([a1!.id]);
  });

  it("refuses a bad filter with a 400 naming the field", () => {
    expect(() => parseExportFilters(exportSourceOf("orders"), { ids: [] })).toThrow(/Filter "ids"/);
    expect(() => parseExportFilters(exportSourceOf("orders"), { ids: ["x", 3] })).toThrow(/Filter "ids.1"/);
    expect(() => parseExportFilters(exportSourceOf("orders"), { financialStatus: "FREE" })).toThrow(/Filter "financialStatus"/);
    expect(() => parseExportFilters(exportSourceOf("orders"), { from: new Date(T(3)), to: new Date(T(1)) })).toThrow(/Filter "to"/);
  });
});

describe("keyset completeness", () => {
  it("reads every row exactly once across pages when many share the sort key", async () => {
    const { workspaceId, connectionId } = await buildCommerceScope();
    // 5 orders per second: pages of 3 end inside runs of ties.
    await insertGeneratedOrders({ workspaceId, connectionId }, 53, { tie: 5 });
    const expected = await pageIds((cursor) => findOrders(workspaceDb(workspaceId), { limit: 4, cursor }));
    const exported = (await exportRows("orders", workspaceId, {}, 3)).map((row) => row[0]);
    expect(exported).toHaveLength(53);
    expect(new Set(exported).size).toBe(53);
    expect(exported).toEqual(expected);
  });
});

describe("the other lists", () => {
  it("customers: the search's rows; a redacted customer exports without name, email or phone", async () => {
    const s = await buildCommerceScope();
    await insertCustomer(s, customerRecord("c1", { firstName: "Ada", lastName: "Lovelace", email: "ada@example.test", sourceCreatedAt: "2026-01-01T00:00:00Z" }));
    await insertCustomer(s, customerRecord("c2", { firstName: "Grace", lastName: "Hopper", sourceCreatedAt: "2026-01-02T00:00:00Z" }));
    const redacted = await insertCustomer(s, customerRecord("c3", { firstName: "Ada", lastName: "Secret", sourceCreatedAt: "2026-01-03T00:00:00Z" }), { redactedAt: new Date() });
    const swdb = workspaceDb(s.workspaceId);
    for (const filters of [{}, { search: "ada" }, { search: "ada love" }]) {
      const expected = await pageIds((cursor) => findCustomers(swdb, findCustomersInput.parse({ limit: 1, cursor, ...filters })));
      expect(await exportIds("customers", s.workspaceId, filters)).toEqual(expected);
    }
    const row = (await exportRows("customers", s.workspaceId, {})).find((r) => r[0] === redacted.id)!;
    expect(row.slice(1, 5)).toEqual([null, null, null, true]);
  });

  it("products: status and search, with variant counts and available stock", async () => {
    const s = await buildCommerceScope();
    const tee = await insertProduct(s, productRecord("p1", { title: "Blue Tee", status: "ACTIVE" }));
    await insertProduct(s, productRecord("p2", { title: "Red Tee", status: "DRAFT" }));
    await insertProduct(s, productRecord("p3", { title: "Mug", status: "ACTIVE" }));
    const location = await insertLocation(s, locationRecord("l1"));
    await insertInventoryLevels(s, tee.variants.map((v, i) => inventoryLevelRecord(v.inventoryItemExternalId!, location.externalId, { available: 4 + i })));
    const swdb = workspaceDb(s.workspaceId);
    for (const filters of [{}, { status: "ACTIVE" }, { search: "tee" }, { search: "p3-V2" }]) {
      const expected = await pageIds((cursor) => findProducts(swdb, { limit: 1, cursor, ...filters } as never));
      expect(await exportIds("products", s.workspaceId, filters)).toEqual(expected);
    }
    const [row] = await exportRows("products", s.workspaceId, { search: "blue" });
    const page = await findProducts(swdb, { limit: 1, search: "blue" });
    expect(row!.slice(6)).toEqual([page.items[0]!.variantCount, page.items[0]!.totalAvailable]);
  });

  it("inventory: one location's levels, lowest first, with its search and low-stock filter", async () => {
    const s = await buildCommerceScope();
    const product = await insertProduct(s, productRecord("p1", { title: "Tee" }, 4));
    const location = await insertLocation(s, locationRecord("l1"));
    const elsewhere = await insertLocation(s, locationRecord("l2"));
    await insertInventoryLevels(s, product.variants.map((v, i) => inventoryLevelRecord(v.inventoryItemExternalId!, location.externalId, { available: [3, 1, 3, 9][i]! })));
    await insertInventoryLevels(s, product.variants.map((v) => inventoryLevelRecord(v.inventoryItemExternalId!, elsewhere.externalId, { available: 0 })));
    const swdb = workspaceDb(s.workspaceId);
    const sku = product.variants[1]!.sku!;
    for (const filters of [{ locationId: location.id }, { locationId: location.id, lowStockAt: 3 }, { locationId: location.id, search: sku }]) {
      const levels = await pageIds((cursor) => findInventoryLevels(swdb, { limit: 1, cursor, ...filters }));
      const rows = await exportRows("inventory", s.workspaceId, filters);
      expect(rows.map((r) => r[0])).toEqual(await Promise.all(levels.map(async (id) => (await skuOfLevel(id)) ?? null)));
    }
    await expect(exportRows("inventory", s.workspaceId, { locationId: "nope" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  async function skuOfLevel(levelId: string) {
    const level = await db.inventoryLevel.findUniqueOrThrow({ where: { id: levelId } });
    const variant = await db.productVariant.findFirst({ where: { connectionId: level.connectionId, inventoryItemExternalId: level.inventoryItemExternalId } });
    return variant?.sku;
  }

  it("job runs and the audit log: the page's rows for their filters", async () => {
    const { workspaceId } = await buildCommerceScope();
    const swdb = workspaceDb(workspaceId);
    const connection = await buildJobConnection(workspaceId);
    for (let i = 0; i < 5; i++) await buildJobRun(workspaceId, { connectionId: connection.id, status: i % 2 ? "FAILED" : "SUCCEEDED", queuedAt: new Date(Date.UTC(2026, 0, 1 + (i % 3))) });
    for (const filters of [{}, { status: "FAILED" }, { connectionId: connection.id, from: new Date(Date.UTC(2026, 0, 2)) }]) {
      const expected = await pageIds((cursor) => findJobRuns(swdb, { limit: 2, cursor, ...filters } as never));
      expect(await exportIds("job-runs", workspaceId, filters)).toEqual(expected);
    }
    for (const action of ["a.one", "a.two", "a.one"]) await recordAudit(db, { workspaceId, action, actorId: null, ip: null, userAgent: null });
    for (const filters of [{}, { action: "a.one" }]) {
      const expected = await pageIds((cursor) => findAuditLogs(swdb, { limit: 1, cursor, ...filters }));
      expect(await exportIds("audit-log", workspaceId, filters)).toEqual(expected);
    }
  });
});

describe("exact values", () => {
  it("exports decimals exactly as stored, through the database", async () => {
    const s = await buildCommerceScope();
    await insertOrder(s, orderRecord("big", { totalPrice: { amount: "12345678901234.5678", currency: "USD" }, totalTax: { amount: "-0.0001", currency: "USD" } }));
    const source = exportSourceOf("orders");
    const parts: Buffer[] = [];
    for await (const { bytes } of exportChunks("CSV", source, s.workspaceId, {}, { cursor: null, start: true })) parts.push(bytes);
    const [header, line] = Buffer.concat(parts).toString("utf8").slice(1).split("\r\n");
    const cell = (name: string) => line!.split(",")[header!.split(",").indexOf(name)];
    expect(cell("Total")).toBe("12345678901234.5678");
    expect(cell("Tax")).toBe("-0.0001");
    expect(cell("Subtotal")).toBe("19");
  });
});

describe("constant memory", () => {
  it("streams 200,000 orders as CSV in bounded memory: PostgreSQL waits while the reader is behind", async () => {
    const s = await buildCommerceScope();
    await insertGeneratedOrders(s, 200_000);
    const source = exportSourceOf("orders");

    // Live memory (after a full collection), not garbage waiting to be collected.
    v8.setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const live = () => {
      gc();
      return process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    };
    const chunks = exportChunks("CSV", source, s.workspaceId, {}, { cursor: null, start: true });
    await chunks.next(); // the byte order mark
    await chunks.next(); // the first records
    const baseline = live();
    // A reader that stops for a while: the server is held back rather than the file gathered here.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    let peak = live() - baseline;
    let total = 0;
    let rows = 0;
    let parts = 0;
    for await (const chunk of chunks) {
      total += chunk.bytes.length;
      rows += chunk.rows;
      if (++parts % 50 === 0) peak = Math.max(peak, live() - baseline);
    }
    expect(rows).toBeGreaterThan(199_000);
    // What was ever held at once (a few chunks of text) is a fraction of the file.
    expect(total).toBeGreaterThan(30 * 1024 * 1024);
    expect(peak).toBeLessThan(8 * 1024 * 1024);
  }, 240_000);
});

describe("startExport", () => {
  it("links a small export to its streaming route, and refuses lists the caller's role may not read", async () => {
    const s = await buildCommerceScope();
    const workspace = await db.workspace.findUniqueOrThrow({ where: { id: s.workspaceId } });
    const member = await buildMember(s.workspaceId, "MEMBER");
    const caller = { workspace, role: "MEMBER" as const, actor: { actorId: member.user.id, ip: null, userAgent: null } };
    const started = await startExport(workspaceDb(s.workspaceId), caller, { list: "orders", format: "CSV", filters: { search: "#1" } });
    expect(started).toMatchObject({ mode: "direct", rows: 0 });
    expect(started.mode === "direct" && new URL(started.href, "http://x").pathname).toBe("/api/exports/orders");
    await expect(startExport(workspaceDb(s.workspaceId), caller, { list: "audit-log", format: "CSV", filters: {} })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("closes a background export's run and file FAILED with the reason when its event cannot be sent", async () => {
    const s = await buildCommerceScope();
    await insertGeneratedOrders(s, DIRECT_XLSX_MAX_ROWS + 1);
    const workspace = await db.workspace.findUniqueOrThrow({ where: { id: s.workspaceId } });
    const member = await buildMember(s.workspaceId, "MEMBER");
    const caller = { workspace, role: "MEMBER" as const, actor: { actorId: member.user.id, ip: null, userAgent: null } };
    const sendEvent = async () => {
      throw new Error("Event API unreachable");
    };
    await expect(startExport(workspaceDb(s.workspaceId), caller, { list: "orders", format: "XLSX", filters: {} }, { sendEvent })).rejects.toThrow("Could not queue the export");
    const file = await db.exportFile.findFirstOrThrow({ where: { workspaceId: s.workspaceId } });
    const reason = "Could not queue the export: Event API unreachable";
    expect(file).toMatchObject({ status: "FAILED", error: reason, finishedAt: expect.any(Date) });
    expect(await db.jobRun.findUnique({ where: { id: file.jobRunId! } })).toMatchObject({ status: "FAILED", error: reason, finishedAt: expect.any(Date), durationMs: 0 });
  });
});
