import { z } from "zod";
import { providerName } from "@/server/connectors/registry";
import type { WorkspaceDb } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import { hasLiveConnectionIn } from "@/server/services/connections/live-connections";
import { centreNamesFor, type Centre } from "@/server/services/fulfilment/centre-names";

export type ShipmentEvent = { type: string; description: string | null; occurredAt: Date };

export type OrderShipment = {
  id: string;
  externalId: string;
  connection: { id: string; displayName: string; providerName: string };
  status: string;
  /** The 3PL location it ships from. */
  centre: Centre | null;
  carrier: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  estimatedFulfillmentAt: Date | null;
  estimatedFulfillmentStatus: string | null;
  /** Not shipped by its estimated fulfilment date (still unshipped after it, or shipped after it). */
  late: boolean;
  shippedAt: Date | null;
  deliveredAt: Date | null;
  items: { sku: string | null; quantity: number }[];
  /** Oldest first; null until the 3PL's copy with it has been read. */
  timeline: ShipmentEvent[] | null;
};

export type OrderFulfilment = {
  shipments: OrderShipment[];
  /** Whether an empty list means "nothing shipped yet" rather than "no 3PL to ship it". */
  hasFulfilmentConnection: boolean;
};

// items and timeline are JSON written by ingest; read defensively so one odd entry cannot break the page.
export const itemsJson = z.array(z.object({ sku: z.string().nullable().optional(), quantity: z.number() }));
const timelineJson = z.array(z.object({ type: z.string(), description: z.string().nullable().optional(), occurredAt: z.coerce.date() }));

// A 3PL's shipments name the store order they fulfil by its id in the store (ShipBob's
// reference_id), from another connection of the same workspace. One query on the
// (workspaceId, storeOrderReference) index, one for the centres' names when any is given, and
// (only when nothing shipped) one for whether the workspace has a 3PL at all.
export async function findOrderShipments(wdb: WorkspaceDb, storeOrderReference: string, now = new Date()): Promise<OrderFulfilment> {
  const rows = await wdb.shipment.findMany({
    where: { storeOrderReference },
    orderBy: [{ sourceCreatedAt: "asc" }, { id: "asc" }],
    include: shipmentInclude,
  });
  if (rows.length === 0) return { shipments: [], hasFulfilmentConnection: await hasFulfilmentConnection(wdb) };

  return { hasFulfilmentConnection: true, shipments: await toOrderShipments(wdb, rows, now) };
}

export const shipmentInclude = { connection: { select: { id: true, displayName: true, provider: true } } } as const;
type ShipmentRow = Prisma.ShipmentGetPayload<{ include: typeof shipmentInclude }>;

// Shipment rows as pages show them: the centre's name (one query for all of them), the late rule,
// and the JSON read defensively. Shared by an order's page and the Fulfilment list.
export async function toOrderShipments(wdb: WorkspaceDb, rows: ShipmentRow[], now: Date): Promise<OrderShipment[]> {
  const centreOf = await centreNamesFor(wdb, rows);

  return rows.map((row) => {
    const items = itemsJson.safeParse(row.items);
    const timeline = row.timeline === null ? null : timelineJson.safeParse(row.timeline);
    const { provider, ...connection } = row.connection;
    const fulfilledAt = row.shippedAt ?? row.deliveredAt ?? now;
    return {
      id: row.id,
      externalId: row.externalId,
      connection: { ...connection, providerName: providerName(provider) },
      status: row.status,
      centre: centreOf(row),
      carrier: row.carrier,
      trackingNumber: row.trackingNumber,
      trackingUrl: row.trackingUrl,
      estimatedFulfillmentAt: row.estimatedFulfillmentAt,
      estimatedFulfillmentStatus: row.estimatedFulfillmentStatus,
      late: row.estimatedFulfillmentAt !== null && row.estimatedFulfillmentAt < fulfilledAt,
      shippedAt: row.shippedAt,
      deliveredAt: row.deliveredAt,
      items: (items.success ? items.data : []).map((item) => ({ sku: item.sku ?? null, quantity: item.quantity })),
      timeline: timeline && (timeline.success ? timeline.data.map((event) => ({ ...event, description: event.description ?? null })) : []),
    };
  });
}

export function hasFulfilmentConnection(wdb: WorkspaceDb): Promise<boolean> {
  return hasLiveConnectionIn(wdb, "fulfilment");
}
