import { z } from "zod";
import { pageInput, sortInput, twoWayPageInput, type Direction } from "@/server/services/pagination";
import { ORDER_PAGE_SIZE, recordId, searchText } from "@/server/services/orders/schema";

export const CUSTOMER_PAGE_SIZE = 25;

// The Customers list's sorts and the direction each starts in: by when they became a customer
// (newest first), their name (A first), their number of orders or their amount spent (most first),
// each on an index with the id that breaks ties (find-customers.ts).
export const CUSTOMER_SORTS = { created: "desc", name: "asc", orders: "desc", spent: "desc" } as const satisfies Record<string, Direction>;
export type CustomerSort = keyof typeof CUSTOMER_SORTS;

// The Customers list's search and sort: what its pages read, and the order j and k follow on a
// customer opened from it.
export const customerListInput = z.object({ ...sortInput(CUSTOMER_SORTS), search: searchText.optional() });
export type CustomerListInput = z.infer<typeof customerListInput>;

export const findCustomersInput = customerListInput.extend({
  ...twoWayPageInput,
  limit: z.number().int().min(1).max(100).default(CUSTOMER_PAGE_SIZE),
});
export type FindCustomersInput = z.infer<typeof findCustomersInput>;

export const customerIdInput = z.object({ customerId: recordId });
export type CustomerIdInput = z.infer<typeof customerIdInput>;

/** A customer, and the list it was opened from when that was not the Customers list as it starts. */
export const adjacentCustomersInput = customerIdInput.extend({ list: customerListInput.optional() });
export type AdjacentCustomersInput = z.infer<typeof adjacentCustomersInput>;

export const findCustomerOrdersInput = z.object({
  ...pageInput,
  limit: z.number().int().min(1).max(100).default(ORDER_PAGE_SIZE),
  customerId: recordId,
});
export type FindCustomerOrdersInput = z.infer<typeof findCustomerOrdersInput>;
