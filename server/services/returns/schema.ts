import { z } from "zod";
import { searchText } from "@/server/services/orders/schema";
import { pageInput } from "@/server/services/pagination";

export const RETURN_PAGE_SIZE = 25;

// A return's statuses as the 3PL sends them: ShipBob's ReturnStatus (its 2026-01 spec types the
// field as free text; these are the values its Returns API documents and its sandbox moves through).
export const RETURN_STATUSES = ["AwaitingArrival", "Arrived", "Processing", "Completed", "Cancelled"] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];

export const findReturnsInput = z.object({
  ...pageInput,
  limit: z.number().int().min(1).max(100).default(RETURN_PAGE_SIZE),
  status: z.enum(RETURN_STATUSES).optional(),
  search: searchText.optional(),
});
export type FindReturnsInput = z.infer<typeof findReturnsInput>;
