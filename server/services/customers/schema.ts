import { z } from "zod";
import { pageInput, sortInput, twoWayPageInput, type Direction } from "@/server/services/pagination";
import { ORDER_PAGE_SIZE, recordId, searchText } from "@/server/services/orders/schema";

export const CUSTOMER_PAGE_SIZE = 25;

// The Customers list's sorts and the direction each starts in: by when they became a customer
// (newest first), their name (A first), their number of orders or their amount spent (most first),
// each on an index with the id that breaks ties (find-customers.ts).
export const CUSTOMER_SORTS = { created: "desc", name: "asc", orders: "desc", spent: "desc" } as const satisfies Record<string, Direction>;
export type CustomerSort = keyof typeof CUSTOMER_SORTS;

export const findCustomersInput = z.object({
  ...twoWayPageInput,
  ...sortInput(CUSTOMER_SORTS),
  limit: z.number().int().min(1).max(100).default(CUSTOMER_PAGE_SIZE),
  search: searchText.optional(),
});
export type FindCustomersInput = z.infer<typeof findCustomersInput>;

export const customerIdInput = z.object({ customerId: recordId });
export type CustomerIdInput = z.infer<typeof customerIdInput>;

export const findCustomerOrdersInput = z.object({
  ...pageInput,
  limit: z.number().int().min(1).max(100).default(ORDER_PAGE_SIZE),
  customerId: recordId,
});
export type FindCustomerOrdersInput = z.infer<typeof findCustomerOrdersInput>;
