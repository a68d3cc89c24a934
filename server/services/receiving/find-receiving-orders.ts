import { z } from "zod";
import type { WorkspaceDb } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import { centreNamesFor, type Centre } from "@/server/services/fulfilment/centre-names";
import { readStatusHistory, type StatusChange } from "@/server/services/fulfilment/status-history";
import { hasFulfilmentConnection } from "@/server/services/orders/find-order-shipments";
import { keysetOn } from "@/server/services/pagination";
import { ARRIVING_SOON_DAYS, CLOSED_STATUSES, NOT_RECEIVED, type FindReceivingOrdersInput, type ReceivingView } from "./schema";

export type ReceivingQuantities = { expected: number; received: number; stowed: number | null };

export type ReceivingOrderListItem = {
  id: string;
  externalId: string;
  connection: { id: string; displayName: string };
  purchaseOrderNumber: string | null;
  status: string;
  /** The 3PL location it is sent to. */
  centre: Centre | null;
  expectedArrivalAt: Date | null;
  arrivingSoon: boolean;
  overdue: boolean;
  /** Summed over its SKUs; stowed is null when the 3PL does not say for some of them. */
  totals: ReceivingQuantities;
  items: (ReceivingQuantities & { sku: string | null })[];
  /** Oldest first. */
  statusHistory: StatusChange[];
  createdAt: Date;
  updatedAt: Date;
};

const DAY_MS = 86_400_000;

// The views' rules, once in SQL (to filter) and once in code (to flag a row wherever it is listed).
function viewWhere(view: ReceivingView, now: Date): Prisma.ReceivingOrderWhereInput {
  switch (view) {
    case "all":
      return {};
    case "arriving_soon":
      return { status: NOT_RECEIVED, expectedArrivalAt: { gte: now, lte: new Date(now.getTime() + ARRIVING_SOON_DAYS * DAY_MS) } };
    case "overdue":
      return { status: { notIn: [...CLOSED_STATUSES] }, expectedArrivalAt: { lt: now } };
  }
}

function isArrivingSoon(row: { status: string; expectedArrivalAt: Date | null }, now: Date): boolean {
  const at = row.expectedArrivalAt?.getTime();
  return row.status === NOT_RECEIVED && at !== undefined && at >= now.getTime() && at <= now.getTime() + ARRIVING_SOON_DAYS * DAY_MS;
}

function isOverdue(row: { status: string; expectedArrivalAt: Date | null }, now: Date): boolean {
  return !(CLOSED_STATUSES as readonly string[]).includes(row.status) && row.expectedArrivalAt !== null && row.expectedArrivalAt < now;
}

// items is JSON written by ingest; read defensively so one odd entry cannot break the page.
const itemsJson = z.array(
  z.object({ sku: z.string().nullable().optional(), expectedQuantity: z.number(), receivedQuantity: z.number(), stowedQuantity: z.number().nullable().optional() }),
);

function readItems(json: unknown): ReceivingOrderListItem["items"] {
  const items = itemsJson.safeParse(json);
  return (items.success ? items.data : []).map((item) => ({
    sku: item.sku ?? null,
    expected: item.expectedQuantity,
    received: item.receivedQuantity,
    stowed: item.stowedQuantity ?? null,
  }));
}

function totalOf(items: ReceivingOrderListItem["items"]): ReceivingQuantities {
  const sum = (pick: (item: ReceivingQuantities) => number) => items.reduce((total, item) => total + pick(item), 0);
  const stowedKnown = items.every((item) => item.stowed !== null);
  return { expected: sum((i) => i.expected), received: sum((i) => i.received), stowed: stowedKnown ? sum((i) => i.stowed ?? 0) : null };
}

// The whole list and a status: newest first (as the 3PL lists them). Arriving soon and overdue: by
// expected arrival, the soonest (or most overdue) first; both views only hold rows with a date.
const byCreated = keysetOn("sourceCreatedAt");
const byExpected = keysetOn("expectedArrivalAt");
type Row = Prisma.ReceivingOrderGetPayload<{ include: { connection: { select: { id: true; displayName: true } } } }>;

async function readPage(wdb: WorkspaceDb, input: FindReceivingOrdersInput, where: Prisma.ReceivingOrderWhereInput) {
  const query = { take: input.limit + 1, include: { connection: { select: { id: true, displayName: true } } } } as const;
  if (input.view === "all") {
    const rows = await wdb.receivingOrder.findMany({
      ...query,
      where: { AND: [where, input.cursor ? byCreated.after(input.cursor, "desc") : {}] },
      orderBy: byCreated.orderBy("desc"),
    });
    return byCreated.toPage(rows, input.limit, (row): Row => row);
  }
  const rows = await wdb.receivingOrder.findMany({
    ...query,
    where: { AND: [where, input.cursor ? byExpected.after(input.cursor, "asc") : {}] },
    orderBy: byExpected.orderBy("asc"),
  });
  // viewWhere gave every row of these views an expected arrival.
  return byExpected.toPage(rows as (Row & { expectedArrivalAt: Date })[], input.limit, (row): Row => row);
}

// One page of the workspace's receiving orders in a view, optionally of one status.
export async function findReceivingOrders(wdb: WorkspaceDb, input: FindReceivingOrdersInput, now = new Date()) {
  const { items: page, nextCursor } = await readPage(wdb, input, { AND: [viewWhere(input.view, now), input.status ? { status: input.status } : {}] });
  const centreOf = await centreNamesFor(wdb, page);
  return {
    items: page.map((row): ReceivingOrderListItem => {
      const items = readItems(row.items);
      return {
        id: row.id,
        externalId: row.externalId,
        connection: row.connection,
        purchaseOrderNumber: row.purchaseOrderNumber,
        status: row.status,
        centre: centreOf(row),
        expectedArrivalAt: row.expectedArrivalAt,
        arrivingSoon: isArrivingSoon(row, now),
        overdue: isOverdue(row, now),
        totals: totalOf(items),
        items,
        statusHistory: readStatusHistory(row.statusHistory),
        createdAt: row.sourceCreatedAt,
        updatedAt: row.sourceUpdatedAt,
      };
    }),
    nextCursor,
    // Whether an empty first page means "connect a 3PL" rather than "nothing sent yet".
    hasFulfilmentConnection: page.length > 0 || (await hasFulfilmentConnection(wdb)),
  };
}
