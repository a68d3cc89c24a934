import type { WorkspaceDb } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import { centreNamesFor, type Centre } from "@/server/services/fulfilment/centre-names";
import { readStatusHistory, type StatusChange } from "@/server/services/fulfilment/status-history";
import { hasFulfilmentConnection, itemsJson } from "@/server/services/orders/find-order-shipments";
import { likeLiteral } from "@/server/services/orders/like";
import { ordersByReference, type ReferencedOrder } from "@/server/services/orders/orders-by-reference";
import { keysetOn } from "@/server/services/pagination";
import type { FindReturnsInput } from "./schema";

export type ReturnListItem = {
  id: string;
  externalId: string;
  /** The 3PL's own reference (an RMA number). */
  reference: string | null;
  connection: { id: string; displayName: string };
  status: string;
  storeOrderReference: string | null;
  /** The store order it returns, when that order has been synced into this workspace. */
  order: ReferencedOrder | null;
  /** The 3PL's shipment the items came back from. */
  shipmentExternalId: string | null;
  trackingNumber: string | null;
  /** The 3PL location it is returned to. */
  centre: Centre | null;
  items: { sku: string | null; quantity: number }[];
  /** Oldest first. */
  statusHistory: StatusChange[];
  createdAt: Date;
  updatedAt: Date;
  completedAt: Date | null;
};

// Search by the start of the return's id, the 3PL's reference (an RMA number), its tracking number
// or the store order reference, as typed.
function searchWhere(search: string | undefined): Prisma.ReturnOrderWhereInput {
  const term = search?.trim();
  if (!term) return {};
  const literal = likeLiteral(term);
  return { OR: [{ externalId: { startsWith: literal } }, { reference: { startsWith: literal } }, { trackingNumber: { startsWith: literal } }, { storeOrderReference: { startsWith: literal } }] };
}

const bySourceCreatedAt = keysetOn("sourceCreatedAt");

// One page of the workspace's returns, newest first: keyset on (sourceCreatedAt desc, id desc),
// which the ReturnOrder indexes cover with and without a status.
export async function findReturns(wdb: WorkspaceDb, input: FindReturnsInput) {
  const rows = await wdb.returnOrder.findMany({
    where: { AND: [input.status ? { status: input.status } : {}, searchWhere(input.search), input.cursor ? bySourceCreatedAt.after(input.cursor, "desc") : {}] },
    orderBy: bySourceCreatedAt.orderBy("desc"),
    take: input.limit + 1,
    include: { connection: { select: { id: true, displayName: true } } },
  });
  const { items: page, nextCursor } = bySourceCreatedAt.toPage(rows, input.limit, (row) => row);
  const [centreOf, orderOf] = await Promise.all([centreNamesFor(wdb, page), ordersByReference(wdb, page)]);
  return {
    items: page.map((row): ReturnListItem => {
      const items = itemsJson.safeParse(row.items);
      return {
        id: row.id,
        externalId: row.externalId,
        reference: row.reference,
        connection: row.connection,
        status: row.status,
        storeOrderReference: row.storeOrderReference,
        order: row.storeOrderReference ? (orderOf.get(row.storeOrderReference) ?? null) : null,
        shipmentExternalId: row.shipmentExternalId,
        trackingNumber: row.trackingNumber,
        centre: centreOf(row),
        items: (items.success ? items.data : []).map((item) => ({ sku: item.sku ?? null, quantity: item.quantity })),
        statusHistory: readStatusHistory(row.statusHistory),
        createdAt: row.sourceCreatedAt,
        updatedAt: row.sourceUpdatedAt,
        completedAt: row.completedAt,
      };
    }),
    nextCursor,
    // Whether an empty first page means "connect a 3PL" rather than "nothing returned yet".
    hasFulfilmentConnection: rows.length > 0 || (await hasFulfilmentConnection(wdb)),
  };
}
