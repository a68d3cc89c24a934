import { z } from "zod";
import { RANGE_IN_ORDER_ISSUE, rangeInOrder } from "@/server/services/date-range";
import { sortInput, twoWayPageInput, type Direction } from "@/server/services/pagination";

export const ORDER_PAGE_SIZE = 25;

// The statuses orders are filtered by: the values connectors store in an order record's
// financialStatus / fulfillmentStatus (server/connectors/_core/records.ts), one vocabulary for
// syncs and webhooks alike.
export const FINANCIAL_STATUSES = [
  "PENDING",
  "AUTHORIZED",
  "PARTIALLY_PAID",
  "PAID",
  "PARTIALLY_REFUNDED",
  "REFUNDED",
  "VOIDED",
  "EXPIRED",
] as const;
export const FULFILLMENT_STATUSES = [
  "UNFULFILLED",
  "PARTIALLY_FULFILLED",
  "FULFILLED",
  "IN_PROGRESS",
  "ON_HOLD",
  "OPEN",
  "PENDING_FULFILLMENT",
  "SCHEDULED",
  "RESTOCKED",
  "REQUEST_DECLINED",
] as const;

// The Orders list's sorts and the direction each starts in: by date (processedAt), total
// (totalPrice) or number (the name's digits), newest, largest and highest first; each on an index with the id
// that breaks ties (find-orders.ts).
export const ORDER_SORTS = { date: "desc", total: "desc", number: "desc" } as const satisfies Record<string, Direction>;
export type OrderSort = keyof typeof ORDER_SORTS;

export const recordId = z.string().trim().min(1).max(64);
export const searchText = z.string().trim().max(100, "Search for at most 100 characters.");

// The Orders list's filters and sort: what its pages read, and the order j and k follow on an
// order opened from it. `from`/`to` bound processedAt (inclusive); the UI sends the start and end
// of the chosen days.
const orderListFields = {
  ...sortInput(ORDER_SORTS),
  search: searchText.optional(),
  financialStatus: z.enum(FINANCIAL_STATUSES).optional(),
  fulfillmentStatus: z.enum(FULFILLMENT_STATUSES).optional(),
  connectionId: recordId.optional(),
  from: z.date().optional(),
  to: z.date().optional(),
};
export const orderListInput = z.object(orderListFields).refine(rangeInOrder, RANGE_IN_ORDER_ISSUE);
export type OrderListInput = z.infer<typeof orderListInput>;

export const findOrdersInput = z
  .object({ ...twoWayPageInput, limit: z.number().int().min(1).max(100).default(ORDER_PAGE_SIZE), ...orderListFields })
  .refine(rangeInOrder, RANGE_IN_ORDER_ISSUE);
export type FindOrdersInput = z.infer<typeof findOrdersInput>;

export const orderIdInput = z.object({ orderId: recordId });
export type OrderIdInput = z.infer<typeof orderIdInput>;

/** An order, and the list it was opened from when that was not the Orders list as it starts. */
export const adjacentOrdersInput = orderIdInput.extend({ list: orderListInput.optional() });
export type AdjacentOrdersInput = z.infer<typeof adjacentOrdersInput>;
