import { z } from "zod";
import { pageInput } from "@/server/services/pagination";

export const RECEIVING_PAGE_SIZE = 25;

// A receiving order's statuses as the 3PL sends them: ShipBob's ReceivingStatus in its 2026-01 spec.
export const RECEIVING_STATUSES = [
  "Awaiting",
  "Arrived",
  "PartiallyArrived",
  "Processing",
  "Completed",
  "Incomplete",
  "Cancelled",
  "ArrivedAtHub",
  "PartiallyArrivedAtHub",
  "ProcessingAtHub",
  "InternalTransfer",
] as const;
export type ReceivingStatus = (typeof RECEIVING_STATUSES)[number];

/** Nothing of it has reached the centre yet ("created, waiting to arrive"). */
export const NOT_RECEIVED: ReceivingStatus = "Awaiting";
/** Nothing more will arrive: received in full, or called off. */
export const CLOSED_STATUSES: readonly ReceivingStatus[] = ["Completed", "Cancelled"];
export const ARRIVING_SOON_DAYS = 7;

// "all", or the two questions the Receiving page answers: what lands in the next days, and what
// should have landed by now.
export const RECEIVING_VIEWS = ["all", "arriving_soon", "overdue"] as const;
export type ReceivingView = (typeof RECEIVING_VIEWS)[number];

export const findReceivingOrdersInput = z.object({
  ...pageInput,
  limit: z.number().int().min(1).max(100).default(RECEIVING_PAGE_SIZE),
  view: z.enum(RECEIVING_VIEWS).default("all"),
  status: z.enum(RECEIVING_STATUSES).optional(),
});
export type FindReceivingOrdersInput = z.infer<typeof findReceivingOrdersInput>;
