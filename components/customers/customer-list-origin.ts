import { listSortOf } from "@/components/ui/list-origin";
import { CUSTOMER_SORTS } from "@/server/services/customers/schema";
import { readCustomerFilters } from "./customer-filters";

/** The Customers list's search and sort in a list query (list-origin.ts), as search.adjacentCustomers takes them. */
export function customerListOf(listQuery: string) {
  const params = new URLSearchParams(listQuery);
  return { ...readCustomerFilters(params).filters, ...listSortOf(params, CUSTOMER_SORTS) };
}
