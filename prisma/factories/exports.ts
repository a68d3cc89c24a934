import { db } from "@/server/db";

/** A finished export created at `createdAt` (with one chunk), whose file is kept until `expiresAt`. */
export async function buildAgedExportFile({ workspaceId, createdAt, expiresAt }: { workspaceId: string; createdAt: Date; expiresAt: Date }) {
  return db.exportFile.create({
    data: {
      workspaceId,
      list: "orders",
      format: "CSV",
      status: "SUCCEEDED",
      fileName: "orders.csv",
      rowsTotal: 1,
      rowsWritten: 1,
      bytes: 4,
      createdAt,
      finishedAt: createdAt,
      expiresAt,
      chunks: { create: { seq: 0, data: Buffer.from("a\r\n") } },
    },
    select: { id: true },
  });
}

/**
 * `count` orders in one statement (for volume: exports, benchmarks): "#G<n>", processed a second
 * apart going back from `newest` (every `tie`-th second shared by `tie` orders, to exercise keyset
 * ties), totals of n cents plus an exact four-decimal tax.
 */
export async function insertGeneratedOrders(scope: { workspaceId: string; connectionId: string }, count: number, { newest = new Date("2026-06-01T00:00:00Z"), tie = 1 } = {}) {
  await db.$executeRaw`
    INSERT INTO "Order" ("id", "workspaceId", "connectionId", "externalId", "name", "nameLower", "email", "emailLower",
      "financialStatus", "fulfillmentStatus", "currency", "subtotal", "totalTax", "totalPrice", "tags", "processedAt",
      "sourceCreatedAt", "sourceUpdatedAt", "sourceHash", "updatedAt")
    SELECT 'gen-' || ${scope.workspaceId} || '-' || n, ${scope.workspaceId}, ${scope.connectionId}, 'g' || n, '#G' || n, '#g' || n,
      'buyer' || n || '@example.test', 'buyer' || n || '@example.test', 'PAID', 'UNFULFILLED', 'USD',
      n / 100.0, 0.0001 * (n % 7), n / 100.0, ARRAY['web'], ${newest}::timestamptz - make_interval(secs => (n / ${tie})::int),
      ${newest}::timestamptz, ${newest}::timestamptz, 'generated', now()
    FROM generate_series(1, ${count}::int) AS n`;
}
