import type { WorkspaceDb } from "@/server/db";
import { AppError } from "@/server/errors";
import type { Prisma } from "@/server/generated/prisma/client";
import { containsNul } from "@/server/security/nul-bytes";
import { hasFulfilmentConnection, shipmentInclude, toOrderShipments, type OrderShipment } from "@/server/services/orders/find-order-shipments";
import { likeLiteral } from "@/server/services/orders/like";
import { ordersByReference } from "@/server/services/orders/orders-by-reference";
import { keysetOn } from "@/server/services/pagination";
import type { FindShipmentsInput, ShipmentGroup } from "./schema";

export type ShipmentListItem = OrderShipment & {
  storeOrderReference: string | null;
  /** The store order it fulfils, when that order has been synced into this workspace. */
  order: { id: string; name: string } | null;
};

// Status values as the 3PL sends them: "Exception", "OnHold", "Completed" once shipped.
function groupWhere(group: ShipmentGroup, now: Date, estimate: Prisma.DateTimeFieldRefInput<"Shipment">): Prisma.ShipmentWhereInput {
  switch (group) {
    case "all":
      return {};
    case "exception":
      return { status: "Exception" };
    case "on_hold":
      return { status: "OnHold" };
    case "in_transit":
      return { status: "Completed", deliveredAt: null };
    case "delivered":
      return { status: "Completed", deliveredAt: { not: null } };
    case "late":
      // The late rule of toOrderShipments in SQL: the estimate is before the shipping date, or the
      // delivery date when no shipping date came, or now when neither did.
      return {
        OR: [
          { shippedAt: { gt: estimate } },
          { shippedAt: null, deliveredAt: { gt: estimate } },
          { shippedAt: null, deliveredAt: null, estimatedFulfillmentAt: { lt: now } },
        ],
      };
  }
}

// Search by the start of a tracking number or of the store order reference, as typed.
function searchWhere(search: string | undefined): Prisma.ShipmentWhereInput {
  const term = search?.trim();
  if (!term) return {};
  const literal = likeLiteral(term);
  return { OR: [{ trackingNumber: { startsWith: literal } }, { storeOrderReference: { startsWith: literal } }] };
}

// Earliest estimate first (the most overdue on top), shipments without an estimate last. keysetOn
// cannot hold a null value, so a cursor on a row without an estimate is "none|<id>".
const byEstimate = keysetOn("estimatedFulfillmentAt");
const NO_ESTIMATE = "none|";

function afterCursor(cursor: string): Prisma.ShipmentWhereInput {
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  if (!text.startsWith(NO_ESTIMATE)) return { OR: [byEstimate.after(cursor, "asc"), { estimatedFulfillmentAt: null }] };
  const id = text.slice(NO_ESTIMATE.length);
  if (!id || containsNul(id)) throw new AppError("BAD_REQUEST", "Invalid page cursor.");
  return { estimatedFulfillmentAt: null, id: { gt: id } };
}

function cursorOf(row: { estimatedFulfillmentAt: Date | null; id: string }): string {
  const value = row.estimatedFulfillmentAt ? `${row.estimatedFulfillmentAt.toISOString()}|` : NO_ESTIMATE;
  return Buffer.from(`${value}${row.id}`, "utf8").toString("base64url");
}

// One page of the workspace's shipments in a status group. Status groups but "late" use the
// (workspaceId, status, estimatedFulfillmentAt) index in its order.
export async function findShipments(wdb: WorkspaceDb, input: FindShipmentsInput, now = new Date()) {
  const rows = await wdb.shipment.findMany({
    where: { AND: [groupWhere(input.group, now, wdb.shipment.fields.estimatedFulfillmentAt), searchWhere(input.search), input.cursor ? afterCursor(input.cursor) : {}] },
    orderBy: [{ estimatedFulfillmentAt: { sort: "asc", nulls: "last" } }, { id: "asc" }],
    take: input.limit + 1,
    include: shipmentInclude,
  });
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  const [shipments, orderOf] = await Promise.all([toOrderShipments(wdb, page, now), ordersByReference(wdb, page)]);
  return {
    items: page.map((row, index): ShipmentListItem => {
      const reference = row.storeOrderReference;
      return { ...shipments[index]!, storeOrderReference: reference, order: reference ? (orderOf.get(reference) ?? null) : null };
    }),
    nextCursor: rows.length > input.limit && last ? cursorOf(last) : null,
    // Whether an empty first page means "connect a 3PL" rather than "nothing shipped yet".
    hasFulfilmentConnection: rows.length > 0 || (await hasFulfilmentConnection(wdb)),
  };
}
