import { z } from "zod";
import { pageInput } from "@/server/services/pagination";
import { ORDER_PAGE_SIZE, recordId, searchText } from "@/server/services/orders/schema";

export const CUSTOMER_PAGE_SIZE = 25;

export const findCustomersInput = z.object({
  ...pageInput,
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
